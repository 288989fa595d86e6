using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;

namespace Caf.Core.Planning;

/// <summary>REV-05: when the next review is due and whether it is overdue, for reporting and reminders.</summary>
public static class ReviewSchedule
{
    /// <summary>
    /// The next review date of a plan: the latest review's next date, or the plan's first review date when
    /// it has not been reviewed; null when the latest review decided to close.
    /// </summary>
    /// <param name="plan">The current plan.</param>
    /// <param name="reviewsOfPlan">Its reviews, first to latest.</param>
    /// <returns>The date, or null.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DateOnly? NextReviewDue(ActionPlan plan, IReadOnlyList<ReviewRecord> reviewsOfPlan)
    {
        Guard.Against.Null(plan);
        Guard.Against.Null(reviewsOfPlan);
        for (var i = 0; i < reviewsOfPlan.Count; i++)
        {
            if (reviewsOfPlan[i] is null)
            {
                throw new ArgumentException($"reviewsOfPlan[{i}] is null.", nameof(reviewsOfPlan));
            }
        }

        return reviewsOfPlan.Count == 0 ? plan.ReviewArrangements.FirstReviewDue : reviewsOfPlan[^1].NextReviewDue;
    }

    /// <summary>REV-05: a review is overdue when its date has passed (the day after it is due).</summary>
    /// <param name="due">The review date, or null when none is due.</param>
    /// <param name="on">The date to judge on (e.g. today).</param>
    /// <returns>True when overdue.</returns>
    public static bool IsOverdue(DateOnly? due, DateOnly on) => due is { } date && on > date;
}
