using System.Collections.Generic;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Tests.LeadProfessional;

/// <summary>
/// Test stand-in for the consent area's sharing service: refuses an agency the consent excludes (CONS-05,
/// SHARE-01) and grants every other; remembers each question so tests can check what was asked.
/// </summary>
internal sealed class ExclusionSharingService : ISharingService
{
    public List<(AgencyId Agency, SharingPurpose Purpose)> Asked { get; } = [];

    public SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy)
    {
        Asked.Add((agency, purpose));
        return consent.Excludes(agency)
            ? new SharingDecision(false, "CONS-05", "the family excluded this agency (partial consent)")
            : new SharingDecision(true, "SHARE-01", "covered by the recorded consent");
    }

    public SharingDecision Evaluate(ConsentState consent, AgencyId agency, SharingPurpose purpose, int? childAgeInYears) =>
        consent.Excludes(agency)
            ? new SharingDecision(false, "CONS-05", "the family excluded this agency (partial consent)")
            : new SharingDecision(true, "SHARE-01", "covered by the recorded consent");

    public void Record(SharingAuditEntry entry) => Asked.Add((entry.Agency, entry.Purpose));
}
