using System;
using Ardalis.Specification;
using Caf.Core.Annotations;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// REV-05: the episodes whose next plan review is due before a date (<see cref="EpisodeSummary.NextReviewDue"/>
/// earlier than <see cref="Before"/>), the earliest due first: a review list for the CAF co-ordinator. Only an
/// active plan has a review due, so closed, transferred and not-yet-planned episodes are never listed. With today's
/// date it lists the overdue reviews (<see cref="EpisodeSummary.IsReviewOverdueOn"/>); with a date two weeks ahead,
/// those due in the next fortnight as well. Criteria and ordering only, so any store can translate it
/// (docs/storage.md).
/// </summary>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class ReviewDueBeforeSpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="before">The date: reviews due before it (not on it) are listed.</param>
    public ReviewDueBeforeSpec(DateOnly before)
    {
        Before = before;
        Query.Where(s => s.NextReviewDue != null && s.NextReviewDue < before).OrderBy(s => s.NextReviewDue).ThenBy(s => s.Id);
    }

    /// <summary>The date: reviews due before it are listed.</summary>
    public DateOnly Before { get; }
}
