using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-07: the next step after assessment was chosen; no further action closes the episode (CLOSE-09).</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Step">The next step (not panel referral or step-up, which have their own events).</param>
/// <param name="Reason">Why.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NextStepChosen(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    NextStep Step,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
