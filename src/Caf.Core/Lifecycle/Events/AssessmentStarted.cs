using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-05: the assessment started with sufficient consent.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AssessmentStarted(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor)
    : CafEvent(EpisodeId, OccurredAt, Actor);
