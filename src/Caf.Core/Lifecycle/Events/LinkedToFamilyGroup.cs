using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>REG-03: the episode was linked with its siblings' episodes as a family group.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="FamilyGroup">The family group's id.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LinkedToFamilyGroup(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string FamilyGroup)
    : CafEvent(EpisodeId, OccurredAt, Actor);
