using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// STEP-03: the step-down TAC decided: close the potential CAF, or continue with the confirmed lead
/// professional and action plan. Either way the minimum outcome is recorded.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Reason">Why (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record StepDownTacDecided(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    StepDownTacDecision Decision,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
