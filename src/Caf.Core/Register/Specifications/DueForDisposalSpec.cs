using System;
using Ardalis.Specification;
using Caf.Core.Annotations;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// RET-01: closed episodes whose retention period has ended by a date (the due date on or before it), the
/// longest overdue first. Criteria and ordering only, so any store can translate it (docs/storage.md).
/// </summary>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class DueForDisposalSpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="asOf">The date: episodes due on or before it are listed.</param>
    public DueForDisposalSpec(DateOnly asOf)
    {
        AsOf = asOf;
        Query.Where(s => s.RetentionDueOn != null && s.RetentionDueOn <= asOf).OrderBy(s => s.RetentionDueOn).ThenBy(s => s.Id);
    }

    /// <summary>The date.</summary>
    public DateOnly AsOf { get; }
}
