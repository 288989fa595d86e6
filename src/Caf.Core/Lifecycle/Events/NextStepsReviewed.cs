using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// LIFE-14: before the assessment is completed the practitioner reviewed the next steps with their supervisor and the
/// local CAF lead (003 §3: "review the next steps with your supervisor and the local CAF lead"): who, when, what was agreed.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">The practitioner completing the assessment.</param>
/// <param name="Supervisor">The practitioner's supervisor.</param>
/// <param name="CafLead">The local CAF lead.</param>
/// <param name="HeldOn">The day the review was held.</param>
/// <param name="Agreed">What was agreed about the next steps.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NextStepsReviewed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PractitionerId Supervisor,
    PractitionerId CafLead,
    DateOnly HeldOn,
    string Agreed)
    : CafEvent(EpisodeId, OccurredAt, Actor);
