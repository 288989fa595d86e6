using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Consent;

/// <summary>Consent policy options (docs/rules.md, CONS). Defaults follow Bradford (002 §6) and national guidance.</summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class ConsentOptions
{
    /// <summary>
    /// CONS-02: a young person <em>older than</em> this age (and younger than <see cref="SelfConsentAge"/>)
    /// also consents when judged to have sufficient understanding.
    /// </summary>
    /// <value>Default 12 (Bradford: "aged over 12 and under 16").</value>
    public int CompetenceAgeExclusiveLowerBound { get; set; } = 12;

    /// <summary>CONS-03: from this age a young person consents for themselves.</summary>
    /// <value>Default 16 (national guidance: capacity presumed at 16 or over).</value>
    public int SelfConsentAge { get; set; } = 16;

    /// <summary>
    /// CONS-03: whether a parent's consent is <em>required</em> (not only sought) when a young person at
    /// or over <see cref="SelfConsentAge"/> consents. When false, the young person's consent is sufficient
    /// and a parent's refusal is recorded but does not block.
    /// </summary>
    /// <value>Default false (national information-sharing guidance: capacity presumed at 16 or over; 003 §3).</value>
    public bool ParentConsentRequiredAtSelfConsentAge { get; set; }

    /// <summary>
    /// CONS-01/CONS-02: whether a parent's consent is required as well when a young person between the age
    /// bounds, judged to have sufficient understanding, consents. When false, such a young person's consent
    /// is sufficient on its own (a parent's refusal does not block).
    /// </summary>
    /// <value>Default true (Bradford 002 §6: "Always obtain consent of the parent and if appropriate the consent of the young person").</value>
    public bool ParentConsentRequiredForCompetentYoungPerson { get; set; } = true;

    /// <summary>
    /// CONS-02: whether the refusal of a young person judged to have sufficient understanding prevails
    /// over a parent's consent. When false, the parent's consent decides and the refusal is only recorded.
    /// </summary>
    /// <value>Default true (national information-sharing guidance: a child with capacity may give <em>or refuse</em> consent).</value>
    public bool CompetentYoungPersonRefusalPrevails { get; set; } = true;

    internal void Validate(ICollection<string> problems)
    {
        if (CompetenceAgeExclusiveLowerBound < 0)
        {
            problems.Add($"Consent.CompetenceAgeExclusiveLowerBound must be 0 or more (CONS-02); got {CompetenceAgeExclusiveLowerBound}.");
        }

        if (SelfConsentAge <= CompetenceAgeExclusiveLowerBound || SelfConsentAge > 25)
        {
            problems.Add($"Consent.SelfConsentAge must be above CompetenceAgeExclusiveLowerBound and at most 25 (CONS-03); got {SelfConsentAge}.");
        }
    }
}
