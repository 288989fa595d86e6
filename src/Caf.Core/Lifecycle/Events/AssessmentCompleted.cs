using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-07, THR-07: the assessment was completed under a named thresholds framework.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Summary">The thresholds result: framework id and version, level, route, indicators.</param>
/// <param name="Reason">The practitioner's conclusion, as the command received it (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AssessmentCompleted(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    AssessmentSummary Summary,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <summary>
    /// PLAN-05: whether the absent parent was involved in the assessment, or why not (002 §6: "complete the assessment
    /// with the family and absent parent if it is possible and safe to do so"). Null when the command did not say
    /// (the overloads without it, and events stored before PLAN-05).
    /// </summary>
    /// <remarks>JSON: <c>absentParent</c>, omitted when null.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public AbsentParentInvolvement? AbsentParent { get; init; }
}
