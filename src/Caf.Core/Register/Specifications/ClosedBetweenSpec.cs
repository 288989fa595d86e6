using System;
using Ardalis.Specification;
using Caf.Core.Annotations;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// Episodes closed in a period, from <see cref="From"/> (inclusive) to <see cref="Until"/> (exclusive), in
/// closing order: a monitoring period (REP-01 episodes closed per period). A half-open period, so consecutive periods
/// never count an episode twice. An episode transferred out of area (RET-02) has no closure and is not listed.
/// Criteria and ordering only, so any store can translate it (docs/storage.md).
/// </summary>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class ClosedBetweenSpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="from">The start of the period (inclusive).</param>
    /// <param name="until">The end of the period (exclusive); after <paramref name="from"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="until"/> is not after <paramref name="from"/>.</exception>
    public ClosedBetweenSpec(DateTimeOffset from, DateTimeOffset until)
    {
        if (until <= from)
        {
            throw new ArgumentException($"The period must end after it starts (from {from:O}, until {until:O}).", nameof(until));
        }

        From = from;
        Until = until;
        Query.Where(s => s.ClosedAt != null && s.ClosedAt >= from && s.ClosedAt < until).OrderBy(s => s.ClosedAt).ThenBy(s => s.Id);
    }

    /// <summary>The start of the period (inclusive).</summary>
    public DateTimeOffset From { get; }

    /// <summary>The end of the period (exclusive).</summary>
    public DateTimeOffset Until { get; }
}
