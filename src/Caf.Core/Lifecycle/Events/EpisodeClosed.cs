using System;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>CLOSE-01..08: the episode closed with exactly one outcome.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Outcome">The closure outcome.</param>
/// <param name="Reason">The decision under "how will you know when things have improved" (CLOSE-08), or the explanation (CLOSE-04).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeClosed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ClosureOutcome Outcome,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
