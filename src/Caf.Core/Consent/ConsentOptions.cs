using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Consent;

/// <summary>Consent policy options (DESIGN.md §2). Defaults follow Bradford (002 §6) and national guidance.</summary>
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
