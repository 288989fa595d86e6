using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Planning;

/// <summary>Review policy (docs/rules.md, REV).</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class ReviewOptions
{
    /// <summary>
    /// REV-03: after this many consecutive reviews with insufficient progress the assessment must be
    /// reconsidered and a new plan negotiated.
    /// </summary>
    /// <value>Default 4 (Bradford 002 §6 "Delivering the Action Plan").</value>
    public int InsufficientProgressReviewLimit { get; set; } = 4;

    internal void Validate(ICollection<string> problems)
    {
        if (InsufficientProgressReviewLimit is < 1 or > 20)
        {
            problems.Add($"Reviews.InsufficientProgressReviewLimit must be 1 to 20 (REV-03); got {InsufficientProgressReviewLimit}.");
        }
    }
}
