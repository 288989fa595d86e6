using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// RET-02, on the receiving side: this episode was opened by a transfer from another authority served by the same host
/// (docs/authorities.md); it directly follows the opening event and links the sending episode.
/// </summary>
/// <param name="EpisodeId">The receiving episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded the transfer.</param>
/// <param name="SendingAuthority">The sending authority's id (<see cref="AuthorityId.Value"/>).</param>
/// <param name="SendingEpisode">The sending authority's episode, transferred out.</param>
/// <param name="Received">What this authority received (SHARE-02): the child's identity always; the concern only with <see cref="InformationCategories.Needs"/>.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeTransferredIn(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string SendingAuthority,
    EpisodeId SendingEpisode,
    InformationCategories Received)
    : CafEvent(EpisodeId, OccurredAt, Actor);
