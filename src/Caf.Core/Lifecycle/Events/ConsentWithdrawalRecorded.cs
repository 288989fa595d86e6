using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>CONS-07: consent was withdrawn; the episode can then only close as consent withdrawn or be overridden.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Withdrawal">The withdrawal.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConsentWithdrawalRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ConsentWithdrawal Withdrawal)
    : CafEvent(EpisodeId, OccurredAt, Actor);
