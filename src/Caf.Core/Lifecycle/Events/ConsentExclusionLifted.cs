using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>CONS-05: the person who excluded an agency lifted their exclusion, explicitly and on the record.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Lift">What was lifted, by whom and why.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentExclusionLifted(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ConsentExclusionLift Lift)
    : CafEvent(EpisodeId, OccurredAt, Actor);
