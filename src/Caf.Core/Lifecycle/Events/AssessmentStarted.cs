using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-05: the assessment started with sufficient consent.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Reason">Why an assessment now, as the command received it (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AssessmentStarted(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <summary>
    /// LIFE-14: why a CAF now: despite additional single-agency input concerns continue, or the reasons for the child's
    /// vulnerability are not fully identified (003 §2). Null when not given (and in events stored before LIFE-14);
    /// required when <c>LifecycleOptions.NextStepsReviewRequired</c> is set, except on a step-down.
    /// </summary>
    /// <remarks>JSON: <c>ground</c>, omitted when null.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public CafStartGround? Ground { get; init; }
}
