using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Events;

/// <summary>
/// Base of every domain event. An episode's history is its list of events; nothing is overwritten
/// (LIFE-11). Each event says which episode, when (from the injected <see cref="TimeProvider"/>), who
/// (<see cref="Actor"/>), and carries the data needed to rebuild the episode's state.
/// </summary>
/// <param name="EpisodeId">The episode the event belongs to.</param>
/// <param name="OccurredAt">When it happened, read from the host's <see cref="TimeProvider"/>.</param>
/// <param name="Actor">Who made it happen: practitioner and agency.</param>
/// <threadsafety>Events are immutable and thread-safe.</threadsafety>
[Immutable]
public abstract record CafEvent(EpisodeId EpisodeId, DateTimeOffset OccurredAt, Actor Actor);
