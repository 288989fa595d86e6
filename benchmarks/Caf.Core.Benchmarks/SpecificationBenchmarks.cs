using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using Ardalis.Specification;
using BenchmarkDotNet.Attributes;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;

namespace Caf.Core.Benchmarks;

/// <summary>
/// <c>IsSatisfiedBy</c> on one episode summary, in the same run: Ardalis.Specification's own (the package's
/// <see cref="Specification{T}"/>), Caf.Core's <see cref="EpisodeSummarySpecification"/> (the base of the ready
/// specifications: criteria compiled once and cached), and today's before the switch (<see cref="CachedCriteria{T}"/>,
/// a copy of the removed <c>Specification&lt;T&gt;</c>). The naive habit, compiling the expression for every
/// object tested, is the baseline.
/// </summary>
[MemoryDiagnoser]
public class SpecificationBenchmarks
{
    private static readonly AgencyId School = new("school-oakfield");
    private static readonly Expression<Func<EpisodeSummary, bool>> Criterion = s => s.IsOpen && s.LeadProfessionalAgency == School;
    private readonly CachedCriteria<EpisodeSummary> _removed = new(Criterion);
    private readonly PackageSpec _package = new();
    private readonly OpenEpisodesByLeadProfessionalAgencySpec _caf = new(School);
    private readonly EpisodeSummary _summary = new(
        new EpisodeId("ep-1"), new ChildId("child-1"), EpisodeState.PlanActive, true, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero),
        School, new PractitionerId("pr-1"), School, false, null, null, null, null, 7, [], null, null, null);

    [Benchmark(Baseline = true, Description = "compile expression per test (naive)")]
    public bool CompilePerCall() => Criterion.Compile()(_summary);

    [Benchmark(Description = "cached compiled criteria (Caf.Core's removed Specification<T>)")]
    public bool Removed() => _removed.IsSatisfiedBy(_summary);

    [Benchmark(Description = "Ardalis.Specification Specification<T>.IsSatisfiedBy")]
    public bool Package() => _package.IsSatisfiedBy(_summary);

    [Benchmark(Description = "EpisodeSummarySpecification.IsSatisfiedBy (shipped)")]
    public bool Shipped() => _caf.IsSatisfiedBy(_summary);

    /// <summary>The criterion as a plain Ardalis specification.</summary>
    public sealed class PackageSpec : Specification<EpisodeSummary>
    {
        public PackageSpec() => Query.Where(Criterion);
    }
}

/// <summary>
/// Evaluating a list (what <c>InMemoryEpisodeRepository.ListAsync</c> does): Ardalis.Specification's in-memory
/// evaluator against today's (criteria cached, then ordering and paging with LINQ), over the same items.
/// </summary>
[MemoryDiagnoser]
public class SpecificationEvaluateBenchmarks
{
    public sealed record Child(int Id, int Age, string Agency, DateTimeOffset OpenedAt);

    private static readonly Expression<Func<Child, bool>> Criterion = c => c.Age > 12 && c.Agency != "camhs";
    private static readonly Expression<Func<Child, DateTimeOffset>> Key = c => c.OpenedAt;
    private readonly CachedCriteria<Child> _cached = new(Criterion);
    private readonly Func<Child, DateTimeOffset> _key = Key.Compile();
    private readonly OpenOrdered _ardalis = new();
    private List<Child> _items = [];

    [Params(1_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var agencies = new[] { "school", "health", "youth", "camhs" };
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _items = [.. Enumerable.Range(0, Items).Select(i => new Child(i, i % 19, agencies[i % 4], start.AddHours((i * 7919) % Items)))];
    }

    [Benchmark(Baseline = true, Description = "cached criteria + LINQ OrderBy/Skip/Take (Caf.Core's removed Evaluate)")]
    public int Cached() => _items.Where(_cached.IsSatisfiedBy).OrderBy(_key).Skip(10).Take(50).Count();

    [Benchmark(Description = "Ardalis InMemorySpecificationEvaluator")]
    public int Ardalis() => InMemorySpecificationEvaluator.Default.Evaluate(_items, _ardalis).Count();

    /// <summary>The same query as an Ardalis specification.</summary>
    public sealed class OpenOrdered : Specification<Child>
    {
        public OpenOrdered() => Query.Where(Criterion).OrderBy(c => c.OpenedAt).Skip(10).Take(50);
    }
}

/// <summary>Caf.Core's removed <c>Specification&lt;T&gt;.IsSatisfiedBy</c>: criteria compiled once, lazily, and cached.</summary>
public sealed class CachedCriteria<T>(params Expression<Func<T, bool>>[] criteria)
{
    private Func<T, bool>[]? _compiled;

    public bool IsSatisfiedBy(T candidate)
    {
        var compiled = Volatile.Read(ref _compiled) ?? Compile();
        foreach (var predicate in compiled)
        {
            if (!predicate(candidate))
            {
                return false;
            }
        }

        return true;
    }

    private Func<T, bool>[] Compile()
    {
        var compiled = Array.ConvertAll(criteria, c => c.Compile());
        Volatile.Write(ref _compiled, compiled);
        return compiled;
    }
}
