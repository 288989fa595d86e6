using System;
using System.Linq;
using System.Threading;
using Ardalis.GuardClauses;
using Ardalis.Specification;
using Caf.Core.Annotations;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// The base of the ready specifications: an Ardalis.Specification <see cref="Specification{T}"/> of
/// <see cref="EpisodeSummary"/> whose <see cref="IsSatisfiedBy"/> runs the criteria as delegates compiled once and
/// cached, about 4 times faster than the package's own (15 ns against 65 ns per call, no allocation either way;
/// benchmarks/RESULTS.md), and refuses a null summary with an <see cref="ArgumentNullException"/>. Derive your own from it, or from the package's
/// <see cref="Specification{T}"/>: the store treats both alike.
/// </summary>
/// <remarks>
/// Build the query in the constructor (<c>Query.Where(...).OrderBy(...)</c>): the criteria are compiled at the first
/// <see cref="IsSatisfiedBy"/>, so criteria added afterwards would not be seen by it. With a search
/// (<c>Query.Search</c>) the package's own test is used.
/// </remarks>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads
/// (a race compiles the criteria twice at worst); do not add to its <c>Query</c> once it is shared.
/// </threadsafety>
[Mutable]
public abstract class EpisodeSummarySpecification : Specification<EpisodeSummary>
{
    private Func<EpisodeSummary, bool>? _test; // compiled at the first test; a race compiles twice at worst

    /// <summary>Creates an empty specification; build the query in the derived constructor.</summary>
    protected EpisodeSummarySpecification()
    {
    }

    /// <summary>True when the summary satisfies every criterion (ordering and paging do not apply).</summary>
    /// <param name="entity">The summary.</param>
    /// <returns>True when every criterion (and search, if any) holds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entity"/> is null.</exception>
    public override bool IsSatisfiedBy(EpisodeSummary entity)
    {
        Guard.Against.Null(entity);
        return (Volatile.Read(ref _test) ?? Compile())(entity);
    }

    private Func<EpisodeSummary, bool> Compile()
    {
        Func<EpisodeSummary, bool> test;
        if (SearchCriterias.Any())
        {
            test = e => base.IsSatisfiedBy(e); // the package's LIKE semantics
        }
        else
        {
            var criteria = WhereExpressions.Select(w => w.FilterFunc).ToArray();
            test = criteria.Length switch
            {
                0 => static _ => true,
                1 => criteria[0],
                _ => e => Array.TrueForAll(criteria, c => c(e)),
            };
        }

        Volatile.Write(ref _test, test);
        return test;
    }
}
