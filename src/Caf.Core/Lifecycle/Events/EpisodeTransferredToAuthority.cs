using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// RET-02, on the sending side: the child moved to another authority served by the same host, and the episode was
/// transferred to it (docs/authorities.md). The receiving authority holds a new episode, <paramref name="ReceivingEpisode"/>,
/// opened from this record with what the consent in force let it receive (SHARE-01, SHARE-02).
/// </summary>
/// <param name="EpisodeId">The sending episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="ReceivingAuthority">The receiving authority's id (<see cref="AuthorityId.Value"/>).</param>
/// <param name="ReceivingEpisode">The receiving authority's new episode (its id derives from this episode and the authority).</param>
/// <param name="ReceivingService">The receiving authority's early-help service: the agency the record is handed to (SHARE-01).</param>
/// <param name="Reason">Why.</param>
/// <param name="Shared">What the receiving authority received: the consent in force's grant for the transfer purpose (SHARE-02).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeTransferredToAuthority(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string ReceivingAuthority,
    EpisodeId ReceivingEpisode,
    AgencyId ReceivingService,
    string Reason,
    InformationCategories Shared)
    : CafEvent(EpisodeId, OccurredAt, Actor);
