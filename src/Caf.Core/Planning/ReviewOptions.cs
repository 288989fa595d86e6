using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Planning;

/// <summary>Review policy (docs/rules.md, REV).</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class ReviewOptions
{
    /// <summary>
    /// REV-03: N, the review of the current plan from which insufficient progress requires the assessment
    /// to be reconsidered and a new plan negotiated: when the Nth or any later review finds progress
    /// insufficient (see <see cref="ReassessmentRule"/>). With <see cref="CountConsecutiveOnly"/>, N
    /// insufficient reviews in a row.
    /// </summary>
    /// <value>Default 4 (Bradford 002 §6 "Delivering the Action Plan": "insufficient progress after 4 reviews of an action plan").</value>
    public int InsufficientProgressReviewLimit { get; set; } = 4;

    /// <summary>
    /// REV-03: the consecutive reading, for an authority that wants it: reassessment only after
    /// <see cref="InsufficientProgressReviewLimit"/> insufficient reviews in a row. Under it, 9 insufficient
    /// reviews out of 12 never trigger when no 4 are adjacent.
    /// </summary>
    /// <value>Default false (count the reviews of the plan, as Bradford words it).</value>
    public bool CountConsecutiveOnly { get; set; }

    internal void Validate(ICollection<string> problems)
    {
        if (InsufficientProgressReviewLimit is < 1 or > 20)
        {
            problems.Add($"Reviews.InsufficientProgressReviewLimit must be 1 to 20 (REV-03); got {InsufficientProgressReviewLimit}.");
        }
    }
}
