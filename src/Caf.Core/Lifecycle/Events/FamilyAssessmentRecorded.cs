using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// REG-03: the family and environmental part of an assessment was recorded on this episode once for its family group,
/// for each linked sibling's assessment to reuse (<see cref="FamilyAssessmentReused"/>).
/// </summary>
/// <param name="EpisodeId">The episode it was recorded on.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it: their agency is the recording agency the siblings' consent is judged for.</param>
/// <param name="FamilyGroup">The family group it was recorded for.</param>
/// <param name="Part">The family and environmental part.</param>
/// <param name="Reason">Why, or how it was gathered (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record FamilyAssessmentRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string FamilyGroup,
    FamilyAssessment Part,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
