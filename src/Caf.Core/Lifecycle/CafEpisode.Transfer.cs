using System;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>RET-02 between authorities served by the same host (docs/authorities.md): both sides of the transfer.</summary>
public sealed partial class CafEpisode
{
    /// <summary>The receiving authority's new episode, when the episode was transferred to an authority of the same host (RET-02).</summary>
    public EpisodeId? TransferredToEpisode { get; private set; }

    /// <summary>The authority this episode was transferred from (RET-02, same host), if it was opened by a transfer.</summary>
    public string? TransferredFromAuthority { get; private set; }

    /// <summary>The sending authority's episode this one was opened from (RET-02, same host), if any.</summary>
    public EpisodeId? TransferredFromEpisode { get; private set; }

    /// <summary>
    /// RET-02 (sending side): transfers the episode to another authority of the same host; the register of that
    /// authority then holds <paramref name="receivingEpisode"/>. The record goes through the sharing gate for the
    /// receiving authority's service with the transfer purpose (SHARE-01, SHARE-02), recorded either way (SHARE-03).
    /// </summary>
    internal Result TransferToAuthority(Actor by, AuthorityId receivingAuthority, EpisodeId receivingEpisode, AgencyId receivingService, string reason, InformationCategories shared)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new EpisodeTransferredToAuthority(Id, Now, by, receivingAuthority.Value, receivingEpisode, receivingService, reason, shared), live: true);
    }

    /// <summary>What the consent in force would let the receiving service receive for the transfer purpose (not recorded).</summary>
    internal SharingDecision TransferDecision(Actor by, AgencyId receivingService) =>
        DecideSharing(by, receivingService, SharingPurpose.Transfer, SharedItems.EpisodeRecord, record: false);

    /// <summary>
    /// RET-02 (receiving side): opens the receiving authority's episode from the sending one's transfer event: the child
    /// (identity), the concern only when <see cref="InformationCategories.Needs"/> was received, and the link back.
    /// </summary>
    internal static CafEpisode OpenFromTransfer(EpisodePolicy policy, AuthorityId sendingAuthority, EpisodeTransferredToAuthority sent, ChildDetails child, string? concern)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(sent);
        var text = (sent.Shared & InformationCategories.Needs) != 0 && !string.IsNullOrWhiteSpace(concern)
            ? $"Transferred from {sendingAuthority} (episode {sent.EpisodeId}): {concern}"
            : $"Transferred from {sendingAuthority} (episode {sent.EpisodeId}); the needs were not shared.";
        var opening = new ConcernIdentified(sent.ReceivingEpisode, OpeningTime(policy, child), sent.Actor, child, text, ImmutableArray<EpisodeId>.Empty);
        var episode = OpenLive(policy, opening);
        var linked = episode.Execute(new EpisodeTransferredIn(sent.ReceivingEpisode, episode.Now, sent.Actor, sendingAuthority.Value, sent.EpisodeId, sent.Shared), live: true);
        return linked.IsRefused ? throw new InvalidOperationException($"[{linked.Refusal.RuleId}] {linked.Refusal.Message}") : episode;
    }

    // RET-02: not to the episode's own authority (SHARE-01 for the service is the recipients' gate).
    private Result CheckTransferToAuthority(EpisodeTransferredToAuthority t) =>
        string.Equals(t.ReceivingAuthority, Authority.Value, StringComparison.Ordinal)
            ? Result.Refused("RET-02", $"The episode already belongs to authority '{Authority}': a transfer goes to another authority.", "receivingAuthority")
            : Result.Ok;

    // RET-02: the link is recorded once, directly after the opening of a concern (the receiving episode's own first step).
    private Result CheckTransferIn(EpisodeTransferredIn t) =>
        _events.Count != 1 || _events[0] is not ConcernIdentified
            ? Result.Refused("RET-02", "A transfer from another authority is recorded only as the receiving episode's first step, directly after it opens.", "events")
            : string.Equals(t.SendingAuthority, Authority.Value, StringComparison.Ordinal)
                ? Result.Refused("RET-02", $"The episode belongs to authority '{Authority}': a transfer comes from another authority.", "sendingAuthority")
                : Result.Ok;
}
