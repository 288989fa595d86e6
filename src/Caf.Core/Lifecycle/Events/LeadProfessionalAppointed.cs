using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LP-02, LP-05, LP-06, LP-10: a lead professional was appointed with the supervisor's confirmation and the family's agreement; a later appointment is a handover and the history is kept.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Practitioner">The new lead professional.</param>
/// <param name="Agency">Their agency.</param>
/// <param name="ConfirmedBySupervisor">The supervisor who confirmed they can take the role (LP-06).</param>
/// <param name="FamilyAgreement">How the child and family agreed (LP-05), e.g. "mother agreed at TAC meeting".</param>
/// <param name="Reason">Why this person (e.g. the selection's explanation) or why the handover.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalAppointed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PractitionerId Practitioner,
    AgencyId Agency,
    PractitionerId ConfirmedBySupervisor,
    string FamilyAgreement,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
