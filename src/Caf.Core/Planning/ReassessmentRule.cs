using System.Collections.Generic;
using Ardalis.GuardClauses;
using Caf.Core.Lifecycle;

namespace Caf.Core.Planning;

/// <summary>
/// REV-03 as Bradford words it (002 §6 "Delivering the Action Plan"): "Where there has been insufficient
/// progress after 4 reviews of an action plan the assessment will need to be re-considered and a new Action
/// Plan negotiated." Count the reviews of the current plan; when the Nth (default 4) or any later review
/// finds progress insufficient, the assessment is reconsidered and a new plan agreed before any further
/// review. A new plan (a new <see cref="ActionPlan.Version"/>) starts the count again.
/// </summary>
/// <remarks>
/// The consecutive reading (<see cref="ReviewOptions.CountConsecutiveOnly"/>) requires N insufficient
/// reviews in a row instead; under it 9 insufficient reviews out of 12 never trigger when no 4 are
/// adjacent, which is why it is not the default. Both readings are monotonic: once required, more
/// reviews of the same plan never make it not required.
/// </remarks>
public static class ReassessmentRule
{
    /// <summary>Whether the reviews of the current plan require reassessment and a new plan (REV-03).</summary>
    /// <param name="reviewsOfCurrentPlan">The overall progress of each review of the current plan, first to latest.</param>
    /// <param name="options">The review options (count and reading).</param>
    /// <returns>True when reassessment and a new plan must come before any further review.</returns>
    /// <exception cref="System.ArgumentException">An argument is null or the count is below 1.</exception>
    public static bool IsRequired(IReadOnlyList<ReviewProgress> reviewsOfCurrentPlan, ReviewOptions options)
    {
        Guard.Against.Null(options);
        return IsRequired(reviewsOfCurrentPlan, options.InsufficientProgressReviewLimit, options.CountConsecutiveOnly);
    }

    /// <summary>Whether the reviews of the current plan require reassessment and a new plan (REV-03).</summary>
    /// <param name="reviewsOfCurrentPlan">The overall progress of each review of the current plan, first to latest.</param>
    /// <param name="reviewCount">N: the review from which insufficient progress triggers (default 4).</param>
    /// <param name="consecutiveOnly">True for the optional reading: N insufficient reviews in a row.</param>
    /// <returns>True when reassessment and a new plan must come before any further review.</returns>
    /// <exception cref="System.ArgumentException">The list is null or the count is below 1.</exception>
    public static bool IsRequired(IReadOnlyList<ReviewProgress> reviewsOfCurrentPlan, int reviewCount, bool consecutiveOnly = false) =>
        TriggeringReview(reviewsOfCurrentPlan, reviewCount, consecutiveOnly) is not null;

    /// <summary>The review that first required reassessment (REV-03), numbered from 1, or null when none did.</summary>
    /// <param name="reviewsOfCurrentPlan">The overall progress of each review of the current plan, first to latest.</param>
    /// <param name="reviewCount">N: the review from which insufficient progress triggers (default 4).</param>
    /// <param name="consecutiveOnly">True for the optional reading: N insufficient reviews in a row.</param>
    /// <returns>The 1-based number of the first triggering review, or null.</returns>
    /// <exception cref="System.ArgumentException">The list is null or the count is below 1.</exception>
    public static int? TriggeringReview(IReadOnlyList<ReviewProgress> reviewsOfCurrentPlan, int reviewCount, bool consecutiveOnly = false)
    {
        Guard.Against.Null(reviewsOfCurrentPlan);
        Guard.Against.NegativeOrZero(reviewCount);
        var inARow = 0;
        for (var i = 0; i < reviewsOfCurrentPlan.Count; i++)
        {
            var insufficient = reviewsOfCurrentPlan[i] == ReviewProgress.Insufficient;
            inARow = insufficient ? inARow + 1 : 0;
            var triggers = consecutiveOnly ? inARow >= reviewCount : insufficient && i + 1 >= reviewCount;
            if (triggers)
            {
                return i + 1;
            }
        }

        return null;
    }
}
