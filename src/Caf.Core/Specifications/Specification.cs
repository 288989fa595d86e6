using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Linq.Expressions;
using System.Threading;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Specifications;

/// <summary>
/// A <em>query</em> specification: expression criteria, ordering and paging that a LINQ provider
/// (EF Core, Marten, an in-memory list) can translate. Caf.Core carries this small abstraction of its
/// own because Ardalis.Specification is not obtainable from our package source (DESIGN.md §10).
/// </summary>
/// <remarks>
/// <para>Built fluently and immutable: every method returns a new specification, so a specification
/// can be shared and cached. <c>Specification&lt;Episode&gt;.All.Where(e =&gt; e.IsOpen).OrderBy(e =&gt; e.OpenedAt).Page(0, 20)</c>.</para>
/// <para>Keep query specifications apart from in-memory predicates: to test one object in memory use
/// <see cref="IsSatisfiedBy"/>, which compiles the criteria once per specification instance and caches
/// the delegates (compiling an expression per call is what makes naive specification code slow).
/// Domain rules inside Caf.Core are ordinary code, not specifications.</para>
/// </remarks>
/// <typeparam name="T">The item type.</typeparam>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class Specification<T>
{
    private readonly ImmutableArray<Expression<Func<T, bool>>> _criteria;
    private readonly ImmutableArray<SortKey<T>> _ordering;
    private Func<T, bool>[]? _compiled; // lazily compiled once; a benign race compiles twice at worst

    private Specification(
        ImmutableArray<Expression<Func<T, bool>>> criteria,
        ImmutableArray<SortKey<T>> ordering,
        int? skip,
        int? take)
    {
        _criteria = criteria;
        _ordering = ordering;
        Skip = skip;
        Take = take;
    }

    /// <summary>The specification every item satisfies, in source order, unpaged: the starting point.</summary>
    public static Specification<T> All { get; } = new([], [], null, null);

    /// <summary>The criteria; an item satisfies the specification when it satisfies all of them.</summary>
    public IReadOnlyList<Expression<Func<T, bool>>> Criteria => _criteria;

    /// <summary>The ordering keys, first key first.</summary>
    public IReadOnlyList<SortKey<T>> Ordering => _ordering;

    /// <summary>How many ordered, filtered items to skip, or null.</summary>
    public int? Skip { get; }

    /// <summary>How many items to take after skipping, or null for all.</summary>
    public int? Take { get; }

    /// <summary>Adds a criterion (combined with the existing ones by AND).</summary>
    /// <param name="criterion">The criterion; must be translatable if the specification is used against a database.</param>
    /// <returns>A new specification.</returns>
    public Specification<T> Where(Expression<Func<T, bool>> criterion) =>
        new(_criteria.Add(Guard.Against.Null(criterion)), _ordering, Skip, Take);

    /// <summary>Adds an ascending ordering key (after any existing keys).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keySelector">The key selector.</param>
    /// <returns>A new specification.</returns>
    public Specification<T> OrderBy<TKey>(Expression<Func<T, TKey>> keySelector) =>
        new(_criteria, _ordering.Add(new SortKey<T, TKey>(Guard.Against.Null(keySelector), descending: false)), Skip, Take);

    /// <summary>Adds a descending ordering key (after any existing keys).</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="keySelector">The key selector.</param>
    /// <returns>A new specification.</returns>
    public Specification<T> OrderByDescending<TKey>(Expression<Func<T, TKey>> keySelector) =>
        new(_criteria, _ordering.Add(new SortKey<T, TKey>(Guard.Against.Null(keySelector), descending: true)), Skip, Take);

    /// <summary>Pages the result: skip <paramref name="skip"/> items, then take at most <paramref name="take"/>.</summary>
    /// <param name="skip">Items to skip (0 or more).</param>
    /// <param name="take">Items to take (1 or more).</param>
    /// <returns>A new specification.</returns>
    /// <exception cref="ArgumentException"><paramref name="skip"/> is negative or <paramref name="take"/> is not positive.</exception>
    public Specification<T> Page(int skip, int take) =>
        new(_criteria, _ordering, Guard.Against.Negative(skip), Guard.Against.NegativeOrZero(take));

    /// <summary>Tests one item in memory against the criteria (ordering and paging do not apply).</summary>
    /// <param name="candidate">The item.</param>
    /// <returns>True when every criterion holds.</returns>
    public bool IsSatisfiedBy(T candidate)
    {
        var compiled = Volatile.Read(ref _compiled) ?? CompileCriteria();
        foreach (var predicate in compiled)
        {
            if (!predicate(candidate))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies criteria, ordering and paging to a queryable, for a LINQ provider to translate.</summary>
    /// <param name="source">The source query.</param>
    /// <returns>The query with the specification applied.</returns>
    public IQueryable<T> Apply(IQueryable<T> source)
    {
        Guard.Against.Null(source);
        foreach (var criterion in _criteria)
        {
            source = source.Where(criterion);
        }

        if (_ordering.Length > 0)
        {
            var ordered = _ordering[0].ApplyFirst(source);
            for (var i = 1; i < _ordering.Length; i++)
            {
                ordered = _ordering[i].ApplyNext(ordered);
            }

            source = ordered;
        }

        if (Skip is { } skip)
        {
            source = source.Skip(skip);
        }

        return Take is { } take ? source.Take(take) : source;
    }

    /// <summary>Evaluates the specification over items in memory, with cached compiled delegates.</summary>
    /// <param name="source">The items.</param>
    /// <returns>The matching items, ordered and paged.</returns>
    public IEnumerable<T> Evaluate(IEnumerable<T> source)
    {
        Guard.Against.Null(source);
        var result = _criteria.Length == 0 ? source : source.Where(IsSatisfiedBy);
        if (_ordering.Length > 0)
        {
            var ordered = _ordering[0].ApplyFirst(result);
            for (var i = 1; i < _ordering.Length; i++)
            {
                ordered = _ordering[i].ApplyNext(ordered);
            }

            result = ordered;
        }

        if (Skip is { } skip)
        {
            result = result.Skip(skip);
        }

        return Take is { } take ? result.Take(take) : result;
    }

    private Func<T, bool>[] CompileCriteria()
    {
        var compiled = new Func<T, bool>[_criteria.Length];
        for (var i = 0; i < compiled.Length; i++)
        {
            compiled[i] = _criteria[i].Compile();
        }

        Volatile.Write(ref _compiled, compiled);
        return compiled;
    }
}
