using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// One lead professional of an episode: the interim one who started the CAF (LP-01) or an appointed one
/// with the supervisor's confirmation (LP-06) and the family's agreement (LP-05). The episode keeps all
/// of them in order (LP-10).
/// </summary>
/// <param name="Practitioner">The practitioner.</param>
/// <param name="Agency">Their agency.</param>
/// <param name="IsInterim">True for the interim LP who started the CAF (LP-01).</param>
/// <param name="Since">When they took the role.</param>
/// <param name="ConfirmedBySupervisor">The supervisor who confirmed (LP-06); null for the interim LP.</param>
/// <param name="FamilyAgreement">How the family agreed (LP-05); null for the interim LP.</param>
/// <param name="Reason">Why this person, or why the handover.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalRecord(
    PractitionerId Practitioner,
    AgencyId Agency,
    bool IsInterim,
    DateTimeOffset Since,
    PractitionerId? ConfirmedBySupervisor,
    string? FamilyAgreement,
    string Reason)
{
    internal static LeadProfessionalRecord Interim(Actor opener, DateTimeOffset at) =>
        new(opener.Practitioner, opener.Agency, true, at, null, null, "LP-01: started the CAF; interim lead professional until one is appointed.");

}
