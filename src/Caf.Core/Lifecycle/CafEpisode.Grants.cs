using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Standing grants (SHARE-01): what agencies hold on the episode beyond a single hand-over — the lead-professional role,
/// plan delivery, the current panel referral's papers, panel allocations — always derived from the consent in force, and
/// the record of what each consent change revoked or restored (SHARE-03, SHARE-04). Decide at the moment of flow: the
/// panel's papers are judged again whenever they go out (<see cref="PanelConsent"/>).
/// </summary>
public sealed partial class CafEpisode
{
    /// <summary>
    /// SHARE-01: the standing grants the consent in force (as of now) allows: each agency with what it holds. Derived on
    /// every read from the episode's facts and its consent, never stored, so an exclusion, a partial consent, a refusal, a
    /// withdrawal (CONS-07) or an override (which never grants a panel, CONS-04) shows at once; lifting an exclusion
    /// (CONS-05) gives the grant back. Ordered: lead professional, plan agencies, panel papers, panel allocations.
    /// </summary>
    public ImmutableArray<StandingGrant> StandingGrants => [.. JudgeGrants(_consent, AgeAt(Now)).Where(g => g.InForce)];

    /// <summary>
    /// SHARE-01: what agencies would hold on the episode but the consent in force does not allow, each with the refusal
    /// (the excluding record, CONS-07 withdrawn, CONS-04 not written or overridden). Nothing of these flows.
    /// </summary>
    public ImmutableArray<StandingGrant> SuspendedGrants => [.. JudgeGrants(_consent, AgeAt(Now)).Where(g => !g.InForce)];

    /// <summary>
    /// The consent in force now, for judging what goes to a panel when it flows: the agenda's papers
    /// (<see cref="PanelAgenda.IssuePapers"/>), the quarterly audit (<see cref="PanelAftercare.QuarterlyAudit"/>) and a
    /// service's start (<see cref="PanelAftercare.ConfirmStart"/>). It carries the child's age today, the episode's
    /// sharing service (decisions are audited by the agenda), and why nothing may go at all: the episode is closed
    /// (LIFE-10) or its lead professional's agency is excluded (LP-11).
    /// </summary>
    /// <returns>The judgement, as of now.</returns>
    public PanelConsentInForce PanelConsent()
    {
        var at = Now;
        Refusal? stopped = !IsOpen
            ? new Refusal("LIFE-10", $"Episode {Id} is {LifecycleDisplayText.For(_state).ToLowerInvariant()}: nothing more about it goes to a panel.", "state")
            : IsLeadProfessionalExcluded
                ? new Refusal("LP-11", $"The family excluded {LeadProfessional.Agency}, the lead professional's agency, which presents the case: hand the role over (LP-10) before papers go to the panel.", "leadProfessional")
                : null;
        return new PanelConsentInForce(Id, _consent, AgeAt(at), at, _policy.Sharing, stopped);
    }

    /// <summary>
    /// SHARE-01, CONS-04, CONS-07: who may see a referral's papers now: the members of the panel it was made to, each judged
    /// for purpose "panel" against the consent in force (not the list recorded at the referral). Nothing is recorded.
    /// Pass the result to <see cref="PanelDecision.RePresentation"/>, <see cref="PanelDecision.ProgressReview"/>,
    /// <see cref="PanelAftercare.WaitingListReturn"/> or <see cref="PanelReHearing.ToSlotRequest"/>.
    /// </summary>
    /// <param name="referral">One of the episode's referrals.</param>
    /// <returns>The recipients, or a refusal: PANEL-05 not a referral of the episode (<c>referral</c>); no member may see the
    /// papers any more (SHARE-01 all excluded, CONS-07 withdrawn, CONS-04 not written or overridden; <c>consent</c>); LP-11
    /// the lead professional's agency excluded; LIFE-10 the episode closed.</returns>
    /// <exception cref="ArgumentException">The referral id is default.</exception>
    public Result<PanelPapers> JudgePanelPapers(PanelReferralId referral)
    {
        GuardId(referral);
        var i = LastIndexOfReferral(referral);
        return i < 0
            ? Result<PanelPapers>.Refused("PANEL-05", $"Referral {referral} is not one of this episode's panel referrals.", "referral")
            : PanelConsent().PapersFor(referral, _panelReferrals[i].Members);
    }

    /// <summary>
    /// PANEL-03, PANEL-05, SHARE-01: the case's place in the panel's queue, for <see cref="PanelScheduler"/>: a new-case slot
    /// of the current referral's area, with the papers' recipients judged against the consent in force now
    /// (<see cref="JudgePanelPapers"/>) — as a new referral timed at <see cref="PanelReferral.ReferredAt"/> before the first
    /// hearing, or as a re-presentation timed at the decision that asked for more information.
    /// </summary>
    /// <param name="slot">The slot's id.</param>
    /// <returns>The slot request, or the refusal: PANEL-05 no referral, or services already allocated (<c>referral</c>); or
    /// the refusal of <see cref="JudgePanelPapers"/> when no member may see the papers any more.</returns>
    /// <exception cref="ArgumentException">The slot id is default.</exception>
    public Result<PanelSlotRequest> ToPanelSlotRequest(PanelSlotId slot)
    {
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        if (CurrentPanelReferral is not { } current)
        {
            return Result<PanelSlotRequest>.Refused("PANEL-05", "The episode has not been referred to a panel.", "referral");
        }

        var r = current.Referral;
        if (!current.IsAwaitingPanel)
        {
            return Result<PanelSlotRequest>.Refused("PANEL-05", $"The panel allocated services for referral {r.Id}: the case is not in the queue.", "referral");
        }

        var papers = JudgePanelPapers(r.Id);
        if (papers.IsRefused)
        {
            return Result<PanelSlotRequest>.Refused(papers.Refusal);
        }

        if (current.ReturnedToPanelBy is { } returned)
        {
            // PANEL-06, PANEL-07: brought back by a waiting list or an agreed re-hearing, timed when it came back.
            var origin = returned is PanelWaitingListReturned ? PanelSlotOrigin.WaitingListReturn : PanelSlotOrigin.ReHearing;
            return new PanelSlotRequest(slot, r.Id, r.Episode, r.Area, origin, returned.OccurredAt, papers.Value.PapersFor);
        }

        return current.LatestDecision is { } represented
            ? new PanelSlotRequest(slot, r.Id, r.Episode, r.Area, PanelSlotOrigin.RePresentation, represented.OccurredAt, papers.Value.PapersFor)
            : new PanelSlotRequest(slot, r.Id, r.Episode, r.Area, PanelSlotOrigin.Referral, r.ReferredAt, papers.Value.PapersFor);
    }

    // ----- Pipeline parts (called from CafEpisode.Checks.cs) -----

    private static bool ChangesConsent(CafEvent e) =>
        e is ConsentRecorded or ConsentExclusionLifted or ConsentWithdrawalRecorded or ConsentOverrideRecorded;

    // The consent as the event will leave it (Apply makes the same change).
    private ConsentState ConsentAfter(CafEvent e) => e switch
    {
        ConsentRecorded c => _consent.With(c.Record),
        ConsentExclusionLifted l => _consent.WithExclusionLifted(l.Lift),
        ConsentWithdrawalRecorded w => _consent.WithWithdrawal(w.Withdrawal),
        ConsentOverrideRecorded o => _consent.WithOverride(o.Override),
        _ => _consent,
    };

    /// <summary>
    /// SHARE-03, SHARE-04: a consent change that goes ahead records, live, what it revoked (a grant in force before, not
    /// after) and restored (refused before on a recorded consent, a refusal or an exclusion, granted after), before the
    /// event is applied (if the log throws, nothing changes). Replay records nothing again.
    /// </summary>
    private void RecordGrantChanges(CafEvent e)
    {
        var age = AgeAt(_at);
        var before = JudgeGrants(_consent, age);
        var after = JudgeGrants(ConsentAfter(e), age); // the same facts, in the same order
        for (var i = 0; i < before.Count; i++)
        {
            var (was, now) = (before[i], after[i]);
            var kind = was.InForce && !now.InForce ? SharingAuditKind.Revoked
                : !was.InForce && now.InForce && was.Decision.Basis != SharingBasis.None ? SharingAuditKind.Restored
                : SharingAuditKind.Decision;
            if (kind != SharingAuditKind.Decision)
            {
                Hold(new SharingAuditEntry(Id, now.Agency, now.Purpose, now.Decision, e.Actor, _at) { Items = now.Items, Kind = kind });
            }
        }
    }

    // Every standing grant the episode's facts give, judged against a consent: the LP's role, the plan's agencies, the
    // members of the current referral's panel, the services each referral's decision allocated.
    private List<StandingGrant> JudgeGrants(ConsentState consent, int? age)
    {
        var grants = new List<StandingGrant>();
        void Add(AgencyId agency, StandingGrantKind kind, PanelReferralId? referral, SharingPurpose purpose) =>
            grants.Add(new StandingGrant(agency, kind, referral, _policy.Sharing.Evaluate(consent, agency, purpose, age)));

        Add(LeadProfessional.Agency, StandingGrantKind.LeadProfessionalRole, null, SharingPurpose.LeadProfessional);
        foreach (var agency in Plan?.DeliveringAgencies ?? [])
        {
            Add(agency, StandingGrantKind.PlanDelivery, null, SharingPurpose.PlanDelivery);
        }

        if (CurrentPanelReferral is { } current)
        {
            foreach (var agency in current.Members)
            {
                Add(agency, StandingGrantKind.PanelPapers, current.Referral.Id, SharingPurpose.Panel);
            }
        }

        foreach (var referral in _panelReferrals)
        {
            foreach (var allocation in referral.Allocations)
            {
                Add(allocation.Agency, StandingGrantKind.PanelAllocation, referral.Referral.Id, SharingPurpose.Panel);
            }
        }

        return grants;
    }
}
