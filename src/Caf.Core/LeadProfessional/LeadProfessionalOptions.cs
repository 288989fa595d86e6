using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.LeadProfessional;

/// <summary>Lead-professional selection options (docs/rules.md, LP): hard constraints and soft-criterion weights.</summary>
/// <remarks>
/// Each soft criterion scores a candidate from 0 to 1; its contribution is that value times its weight, and
/// the candidates are ranked by the sum (see <see cref="LeadProfessionalSelector"/>). A weight of 0 switches a
/// criterion off; the weights are relative, so only their ratios matter.
/// </remarks>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class LeadProfessionalOptions
{
    /// <summary>Largest weight accepted: keeps the sums well inside exact double arithmetic.</summary>
    internal const double MaxWeight = 100;

    /// <summary>LP-04: only practitioners trained for the lead-professional role are eligible.</summary>
    /// <value>Default true (Bedfordshire 003 §3b: skills and competence to co-ordinate).</value>
    public bool RequireTraining { get; set; } = true;

    /// <summary>
    /// LP-06: a practitioner already leading this many episodes is not eligible (their supervisor could not
    /// confirm they can take the role); null for no cap.
    /// </summary>
    /// <value>Default 10 (no seed sets a number; a local choice).</value>
    public int? CaseloadCap { get; set; } = 10;

    /// <summary>LP-04: weight of relevance to the action plan (the share of the plan's needs and actions the candidate's service addresses).</summary>
    /// <value>Default 3, the largest: Bradford 002 §7 names "the most relevant person to the Action Plan" first.</value>
    public double RelevanceWeight { get; set; } = 3;

    /// <summary>LP-04: weight of how often the candidate sees the family (<see cref="ContactFrequency"/>).</summary>
    /// <value>Default 1: Bedfordshire 003 §3b prefers someone "in more regular contact with the family".</value>
    public double ContactFrequencyWeight { get; set; } = 1;

    /// <summary>LP-05: weight of being the practitioner the family prefers.</summary>
    /// <value>Default 2: Bradford 002 §3 records the family's preferred LP at step-down and 003 §3 needs the family's agreement.</value>
    public double FamilyPreferenceWeight { get; set; } = 2;

    /// <summary>LP-07: weight of agency balance: agencies carrying fewer lead-professional roles now score higher.</summary>
    /// <value>Default 1: Leicestershire 000 proposed development 5 and Bedfordshire 003 §3 (the burden must not fall on one group, typically schools).</value>
    public double AgencyBalanceWeight { get; set; } = 1;

    /// <summary>LP-08: weight of being the practitioner a panel (MAF/MAAG) recommended.</summary>
    /// <value>Default 2: Bedfordshire 003 §1, §4 (MAAG recommends who should act as lead professional).</value>
    public double PanelRecommendationWeight { get; set; } = 2;

    internal void Validate(ICollection<string> problems)
    {
        if (CaseloadCap is < 1)
        {
            problems.Add($"LeadProfessional.CaseloadCap must be 1 or more, or null for no cap (LP-06); got {CaseloadCap}.");
        }

        CheckWeight(RelevanceWeight, nameof(RelevanceWeight), "LP-04", problems);
        CheckWeight(ContactFrequencyWeight, nameof(ContactFrequencyWeight), "LP-04", problems);
        CheckWeight(FamilyPreferenceWeight, nameof(FamilyPreferenceWeight), "LP-05", problems);
        CheckWeight(AgencyBalanceWeight, nameof(AgencyBalanceWeight), "LP-07", problems);
        CheckWeight(PanelRecommendationWeight, nameof(PanelRecommendationWeight), "LP-08", problems);
    }

    private static void CheckWeight(double weight, string name, string ruleId, ICollection<string> problems)
    {
        // NaN fails both comparisons, so it is reported too.
        if (!(weight >= 0 && weight <= MaxWeight))
        {
            problems.Add($"LeadProfessional.{name} must be a number from 0 to {MaxWeight} ({ruleId}); got {weight}.");
        }
    }
}
