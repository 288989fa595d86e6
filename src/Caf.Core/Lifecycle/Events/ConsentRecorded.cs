using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>CONS-01..05, CONS-08: a consent decision was recorded.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Record">The consent record.</param>
/// <param name="Reason">What the consent was sought for, or why it was refused, as the command received it (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ConsentRecord Record,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
