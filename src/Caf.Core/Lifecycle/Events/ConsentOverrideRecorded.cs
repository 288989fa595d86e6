using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>CONS-06, LIFE-04, CLOSE-06: consent was overridden in the child's best interest; the case leaves the voluntary CAF route and the episode closes.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Override">The override with its safeguarding justification and who decided.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentOverrideRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ConsentOverride Override)
    : CafEvent(EpisodeId, OccurredAt, Actor);
