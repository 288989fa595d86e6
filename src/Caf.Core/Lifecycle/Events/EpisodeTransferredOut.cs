using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>RET-02: the child moved area and the episode was transferred; the sending authority records it.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="ReceivingAuthority">The receiving local authority.</param>
/// <param name="Reason">Why.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeTransferredOut(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string ReceivingAuthority,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
