using System;
using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Caf.Core.Specifications;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Why <see cref="Specification{T}.IsSatisfiedBy"/> caches compiled criteria: the naive habit of
/// compiling the expression for every object tested is the baseline.
/// </summary>
[MemoryDiagnoser]
public class SpecificationBenchmarks
{
    public sealed record Child(int Age, string Agency);

    private static readonly Expression<Func<Child, bool>> Criterion = c => c.Age > 12 && c.Agency != "camhs";
    private readonly Specification<Child> _spec = Specification<Child>.All.Where(Criterion);
    private readonly Child _child = new(14, "school");

    [Benchmark(Baseline = true, Description = "compile expression per test (naive)")]
    public bool CompilePerCall() => Criterion.Compile()(_child);

    [Benchmark(Description = "Specification.IsSatisfiedBy (cached delegate)")]
    public bool Cached() => _spec.IsSatisfiedBy(_child);
}
