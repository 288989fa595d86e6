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
    : CafEvent(EpisodeId, OccurredAt, Actor);
