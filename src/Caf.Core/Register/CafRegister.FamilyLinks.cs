using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register.Specifications;

namespace Caf.Core.Register;

/// <summary>REG-03: family links judged when made and re-judged on every change to a linked episode (SHARE-01).</summary>
public sealed partial class CafRegister
{
    /// <summary>One hand-over a family link makes: a sibling's family information to an agency on another sibling's team.</summary>
    private readonly record struct Handover(CafEpisode From, CafEpisode? To, AgencyId Agency);

    /// <summary>What a re-judgement decided: the siblings to save with the change, the episodes leaving and the refusals.</summary>
    private sealed record FamilyJudgement(
        IReadOnlyList<EpisodeUpdate> Siblings,
        IReadOnlyList<CafEpisode> Leaving,
        IReadOnlyList<(Handover Handover, SharingDecision Decision)> Refused,
        Actor By,
        string? Group)
    {
        public static FamilyJudgement None { get; } = new([], [], [], default, null);
    }

    // Every hand-over a family group makes: each member's family information to every agency on the other open
    // members' teams (the lead professional's and the plan's), and, when linking, to the practitioner linking them.
    // The same list when a link is made (LinkFamilyAsync) and when it is re-judged, so both judge alike.
    private static IEnumerable<Handover> Handovers(IReadOnlyList<CafEpisode> members, AgencyId? linking)
    {
        foreach (var from in members)
        {
            foreach (var to in members)
            {
                if (to != from && to.IsOpen)
                {
                    foreach (var agency in to.TeamAgencies())
                    {
                        yield return new Handover(from, to, agency);
                    }
                }
            }

            if (linking is { } by)
            {
                yield return new Handover(from, null, by);
            }
        }
    }

    // Loads the changed episode's family group and judges every hand-over against the consent in force now. Each open
    // episode on either side of a refused hand-over leaves the group (an UnlinkedFromFamilyGroup event on it), so
    // nothing more flows between them; the siblings that leave are returned to be saved with the change, all or nothing.
    private async ValueTask<FamilyJudgement> RejudgeFamilyAsync(CafEpisode changed, CancellationToken cancellationToken)
    {
        if (changed.FamilyGroup is not { } group)
        {
            return FamilyJudgement.None;
        }

        var members = new List<CafEpisode> { changed };
        var versions = new Dictionary<EpisodeId, int>();
        foreach (var summary in await _repository.ListAsync(new FamilyGroupSpec(group), cancellationToken).ConfigureAwait(false))
        {
            if (summary.Id != changed.Id && await _repository.GetAsync(summary.Id, cancellationToken).ConfigureAwait(false) is { } sibling
                && sibling.FamilyGroup == group)
            {
                members.Add(sibling);
                versions[sibling.Id] = sibling.Version;
            }
        }

        var by = changed.Events[^1].Actor;
        var refused = new List<(Handover, SharingDecision)>();
        foreach (var handover in Handovers(members, linking: null))
        {
            var decision = handover.From.DecideSharing(by, handover.Agency, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: false);
            if (!decision.Granted)
            {
                refused.Add((handover, decision));
            }
        }

        var leaving = new List<CafEpisode>();
        foreach (var member in members.Where(m => m.IsOpen))
        {
            var cause = refused.FirstOrDefault(r => r.Item1.From == member);
            var own = cause.Item1.From is not null;
            if (!own)
            {
                cause = refused.FirstOrDefault(r => r.Item1.To == member);
            }

            if (cause.Item1.From is null)
            {
                continue;
            }

            var (handover, decision) = cause;
            var reason = own
                ? $"{member.Child.Id}'s family information may no longer reach {handover.Agency} on {handover.To!.Child.Id}'s team, so the family link ended: [{decision.RuleId}] {decision.Reason}"
                : $"{handover.From.Child.Id}'s family information may no longer reach {handover.Agency} on this child's team, so the family link ended: [{decision.RuleId}] {decision.Reason}";
            var unlinked = member.UnlinkFromFamily(by, handover.Agency, decision.RuleId, reason);
            if (unlinked.IsRefused)
            {
                throw new InvalidOperationException("A family link judged refused could not be ended: " + unlinked.Refusal);
            }

            leaving.Add(member);
        }

        var siblings = leaving.Where(m => m != changed).Select(m => new EpisodeUpdate(m, versions[m.Id])).ToList();
        return new FamilyJudgement(siblings, leaving, refused, by, group);
    }

    // SHARE-03/04: every hand-over the re-judgement refused is on the audit log as a revocation of the family link, held
    // with the changed episode's latest event so the store writes it with the save that ends the link (and a save that
    // fails leaves none).
    private void HoldRevocations(CafEpisode changed, FamilyJudgement family)
    {
        if (family.Leaving.Count == 0)
        {
            return;
        }

        var at = _policy.Time.GetUtcNow();
        foreach (var (handover, decision) in family.Refused)
        {
            var revoked = decision with
            {
                Reason = $"Revoked (REG-03): the family link in group {family.Group} ended; nothing more of this child's family information reaches this agency through it. {decision.Reason}",
            };
            changed.HoldWithLatestEvent(new SharingAuditEntry(handover.From.Id, handover.Agency, SharingPurpose.FamilyLink, revoked, family.By, at)
            {
                Items = SharedItems.None,
            });
        }
    }
}
