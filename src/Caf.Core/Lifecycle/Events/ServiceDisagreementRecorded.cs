using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-09: a disagreement about the way an allocated service is provided (003 §4h): taken up with the agency
/// providing it, with the lead professional informed; resolved; or, unresolved, raised with the CAF / panel manager. Recorded
/// apart from a re-hearing of the panel's decision (PANEL-07): it does not bring the case back to the panel.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose decision allocated the service.</param>
/// <param name="Agency">The agency providing the service.</param>
/// <param name="Step">Taken up with the agency, resolved, or escalated to the CAF / panel manager.</param>
/// <param name="RaisedBy">Who disagrees: the family or the referrer.</param>
/// <param name="LeadProfessionalInformed">The lead professional informed of it (the episode's lead professional when it was recorded).</param>
/// <param name="Details">What the disagreement is, or how it was resolved or escalated.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ServiceDisagreementRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    AgencyId Agency,
    ServiceDisagreementStep Step,
    PanelDisagreementParty RaisedBy,
    PractitionerId LeadProfessionalInformed,
    string Details)
    : CafEvent(EpisodeId, OccurredAt, Actor);
