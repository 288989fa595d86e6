using System;

namespace Caf.Core.Analysis;

/// <summary>
/// Display texts for the policy what-if's values (<see cref="PolicyComparison.ToTable"/>, <see cref="PolicyDifference"/>):
/// plain English an analyst or a policy lead reads, instead of enum names. Hosts that localise map the values themselves.
/// </summary>
public static class PolicyDisplayText
{
    /// <summary>The text for a kind of decision a configuration influences.</summary>
    /// <param name="point">The decision point.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PolicyDecisionPoint point) => point switch
    {
        PolicyDecisionPoint.ConsentRecord => "Consent record acceptable for the child's age",
        PolicyDecisionPoint.ConsentToStart => "Consent sufficient to start the assessment",
        PolicyDecisionPoint.ConsentToShareAtPanel => "Consent sufficient to share at a panel",
        PolicyDecisionPoint.ThresholdLevel => "Level of need",
        PolicyDecisionPoint.ThresholdRoute => "Recommended route",
        PolicyDecisionPoint.LeadProfessionalRanking => "Lead professional ranked first",
        PolicyDecisionPoint.ReviewLimit => "Review at which a reassessment is required",
        PolicyDecisionPoint.ClosureAdmissibility => "Closure admissible, and as which outcome",
        PolicyDecisionPoint.RetentionDate => "Date due for disposal",
        _ => throw new ArgumentOutOfRangeException(nameof(point), point, "Unknown policy decision point."),
    };
}
