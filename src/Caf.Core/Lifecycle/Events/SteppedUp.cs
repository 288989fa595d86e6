using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-04, CLOSE-07: stepped up to a named specialist service or safeguarding procedures; the episode closes.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="SpecialistService">The named specialist service.</param>
/// <param name="Reason">Why (e.g. a concern of significant harm).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record SteppedUp(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string SpecialistService,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
