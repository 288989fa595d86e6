using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LP-03, LP-04: a practitioner already working with the family was nominated as lead professional; the appointment follows the supervisor's confirmation (LP-06) and the family's agreement (LP-05).</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Practitioner">The nominee.</param>
/// <param name="Agency">The nominee's agency.</param>
/// <param name="Reason">Why this person (e.g. the selection's explanation) or why a handover (LP-10).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalNominated(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PractitionerId Practitioner,
    AgencyId Agency,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
