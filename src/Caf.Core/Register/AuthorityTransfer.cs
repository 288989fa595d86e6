using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register.Specifications;

namespace Caf.Core.Register;

/// <summary>One side of a transfer between authorities of one host: the authority, its store, its policy and its service.</summary>
[Immutable]
internal sealed record AuthoritySide(AuthorityId Authority, IEpisodeRepository Repository, EpisodePolicy Policy, AgencyId Service);

/// <summary>
/// RET-02 between two authorities of the same host (docs/authorities.md). Two stores never share a transaction, so
/// the transfer is two writes made safe to retry: the sending episode is written first (its transfer event names the
/// receiving episode, whose id is derived from the sending episode and the receiving authority), then the receiving
/// episode is added. Running the same transfer again finds the sending side done and only completes the receiving side;
/// a receiving episode already there is the success it would have been. A crash between the two writes is recovered by
/// running the transfer again: a sending episode whose <see cref="CafEpisode.TransferredToEpisode"/> the receiving
/// authority does not hold is one to run it for.
/// </summary>
[Immutable]
internal static class AuthorityTransfer
{
    /// <summary>The receiving episode's id: a hash of the sending episode and the receiving authority (the same on every retry).</summary>
    internal static EpisodeId ReceivingId(EpisodeId sending, AuthorityId receiving)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"caf:ret-02:{sending.Value}:{receiving.Value}"));
        return new EpisodeId(Convert.ToHexString(hash, 0, 16).ToLowerInvariant());
    }

    internal static async ValueTask<Result<EpisodeId>> TransferAsync(
        AuthoritySide sending, AuthoritySide receiving, EpisodeId id, Actor by, string reason, CancellationToken cancellationToken)
    {
        if (sending.Authority == receiving.Authority)
        {
            return Result<EpisodeId>.Refused("RET-02", $"Episode {id} already belongs to authority '{sending.Authority}': a transfer goes to another authority.", "receivingAuthority");
        }

        var episode = await sending.Repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (episode is null)
        {
            return Result<EpisodeId>.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register of authority '{sending.Authority}'.", "id");
        }

        var receivingId = ReceivingId(id, receiving.Authority);
        var sent = episode.Events[^1] as EpisodeTransferredToAuthority;
        if (sent is null || sent.ReceivingEpisode != receivingId)
        {
            // REG-01 at the receiving authority, checked before the sending side is written.
            var open = await receiving.Repository.ListAsync(new OpenEpisodesOfChildSpec(episode.Child.Id), cancellationToken).ConfigureAwait(false);
            if (open.Count > 0)
            {
                return Result<EpisodeId>.Refused("REG-01",
                    $"Authority '{receiving.Authority}' already has an open episode for child {episode.Child.Id} ({open[0].Id}): the transfer would open a second one.", "receivingAuthority");
            }

            var decision = episode.TransferDecision(by, receiving.Service);
            var shared = decision.Granted ? decision.Categories | InformationCategories.Identity : InformationCategories.Identity;
            var version = episode.Version;
            var transferred = episode.TransferToAuthority(by, receiving.Authority, receivingId, receiving.Service, reason, shared);
            if (transferred.IsRefused)
            {
                return Result<EpisodeId>.Refused(transferred.Refusal);
            }

            var saved = await sending.Repository.UpdateAsync(episode, version, cancellationToken).ConfigureAwait(false);
            if (saved.IsRefused)
            {
                return Result<EpisodeId>.Refused(saved.Refusal);
            }

            sent = (EpisodeTransferredToAuthority)episode.Events[^1];
        }

        return await CompleteAsync(sending.Authority, receiving, episode, sent, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<Result<EpisodeId>> CompleteAsync(
        AuthorityId sendingAuthority, AuthoritySide receiving, CafEpisode sendingEpisode, EpisodeTransferredToAuthority sent, CancellationToken cancellationToken)
    {
        var existing = await receiving.Repository.GetAsync(sent.ReceivingEpisode, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.TransferredFromEpisode == sent.EpisodeId
                ? Result<EpisodeId>.Success(sent.ReceivingEpisode)
                : Result<EpisodeId>.Refused(StoreCodes.DuplicateId, $"Episode {sent.ReceivingEpisode} exists at authority '{receiving.Authority}' and was not opened by this transfer.", "id");
        }

        var concern = sendingEpisode.Events[0] switch
        {
            ConcernIdentified c => c.Concern,
            PotentialCafRegistered p => p.Information.HolisticViewOfNeeds ?? string.Create(CultureInfo.InvariantCulture, $"Stepped down from {p.Information.SpecialistService}."),
            _ => null,
        };
        var opened = CafEpisode.OpenFromTransfer(receiving.Policy, sendingAuthority, sent, sendingEpisode.Child, concern);
        var added = await receiving.Repository.AddAsync(opened, cancellationToken).ConfigureAwait(false);
        if (added.IsSuccess || added.Refusal.RuleId == StoreCodes.DuplicateId)
        {
            return Result<EpisodeId>.Success(sent.ReceivingEpisode); // a duplicate: a concurrent retry added it
        }

        return Result<EpisodeId>.Refused(added.Refusal.RuleId,
            $"Episode {sent.EpisodeId} is transferred out; authority '{receiving.Authority}' could not yet add its episode {sent.ReceivingEpisode}: {added.Refusal.Message} Run the transfer again once this is resolved.",
            added.Refusal.Field);
    }
}
