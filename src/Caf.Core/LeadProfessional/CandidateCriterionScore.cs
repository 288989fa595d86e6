using System.Globalization;
using Caf.Core.Annotations;

namespace Caf.Core.LeadProfessional;

/// <summary>One soft criterion scored for one candidate: what was measured, its 0–1 value, the weight and the score.</summary>
/// <param name="Criterion">The criterion.</param>
/// <param name="RuleId">The rule it comes from (e.g. <c>LP-04</c>).</param>
/// <param name="RawValue">
/// What was measured: plan needs addressed (Relevance), the <see cref="ContactFrequency"/> as a number,
/// 1 or 0 (FamilyPreference, PanelRecommendation), LP roles the agency holds now (AgencyBalance).
/// </param>
/// <param name="Value">The raw value mapped to 0–1 (1 is best).</param>
/// <param name="Weight">The weight from <see cref="LeadProfessionalOptions"/>.</param>
/// <param name="Score"><paramref name="Value"/> times <paramref name="Weight"/>.</param>
/// <param name="Reason">What was measured, in words.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record CandidateCriterionScore(
    LeadProfessionalCriterion Criterion,
    string RuleId,
    double RawValue,
    double Value,
    double Weight,
    double Score,
    string Reason)
{
    /// <summary>Formats as <c>[LP-04] Relevance to the plan 0.67 x 3 = 2.00: reason</c>, the criterion in its display text (<see cref="LeadProfessionalDisplayText"/>).</summary>
    /// <returns>The formatted score.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"[{RuleId}] {LeadProfessionalDisplayText.For(Criterion)} {Value:0.00} x {Weight:0.##} = {Score:0.00}: {Reason}");
}
