using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>Panels on the episode (PANEL-01..06): the referral, the decision sheet, the services' start dates.</summary>
public sealed partial class CafEpisode
{
    private AppendOnly<EpisodePanelReferral> _panelReferrals = new(); // appended and updated in place: no copy per event (issue 26)

    /// <summary>Every referral of the episode to a panel, oldest first (PANEL-07: re-referral is always allowed).</summary>
    public ImmutableArray<EpisodePanelReferral> PanelReferrals => _panelReferrals.View;

    /// <summary>The latest referral to a panel, or null.</summary>
    public EpisodePanelReferral? CurrentPanelReferral => _panelReferrals.Count == 0 ? null : _panelReferrals[^1];

    /// <summary>
    /// LP-08: the lead professional the panel recommended on the latest referral's decision sheet, or null. The
    /// selection request from <see cref="SelectionRequest"/> carries it to the selector, so the host never copies it.
    /// </summary>
    public RecommendedLeadProfessional? PanelRecommendedLeadProfessional => CurrentPanelReferral?.RecommendedLeadProfessional;

    /// <summary>
    /// LP-05, LP-08, LP-11: a lead-professional selection request for this episode, with its consent, the family's
    /// preference (step-down, LP-05) and the panel's recommendation (<see cref="PanelRecommendedLeadProfessional"/>,
    /// LP-08) filled in from the episode. The request is bound to this episode: the selector judges this episode's
    /// consent in force when it selects (<see cref="LeadProfessionalSelectionRequest.ConsentInForce"/>), so consent
    /// changed after the request was made is honoured (LP-11, SHARE-01). The host adds the candidates (or uses
    /// <see cref="LeadProfessionalSelector.SelectAsync"/> with its directory), then appoints with
    /// <see cref="AppointLeadProfessional(Actor, LeadProfessionalSelection, PractitionerId?, FamilyAgreement?)"/>.
    /// </summary>
    /// <param name="requestedBy">Who asks for the selection (recorded with each sharing decision, SHARE-03).</param>
    /// <returns>The request, with no candidates yet.</returns>
    /// <exception cref="ArgumentException">The actor is default.</exception>
    public LeadProfessionalSelectionRequest SelectionRequest(Actor requestedBy)
    {
        GuardActor(requestedBy);
        return new LeadProfessionalSelectionRequest(Id, _consent, requestedBy)
        {
            Source = this,
            FamilyPreference = FamilyPreferredLeadProfessional,
            PanelRecommendation = PanelRecommendedLeadProfessional?.Practitioner,
        };
    }

    /// <summary>
    /// LIFE-07, PANEL-01, PANEL-02, CONS-04, SHARE-01: refers the episode to the panel of the referral's area. The
    /// referral is checked in the episode's one pipeline (so a stored history is judged again on replay): the state
    /// and written consent to share at a panel first, then every missing item of the form by name (reason PANEL-01;
    /// signed consent CONS-04; needs, desired outcome, SMART goals PANEL-02), then each of the panel's member agencies
    /// is put to the sharing service for purpose "panel": the granted ones may see the papers, the refused ones (an
    /// agency the family excluded) are withheld, and all decisions are audited once the referral goes ahead.
    /// Re-referral is always allowed (PANEL-07), from an active plan or after a decision; not while the case is still
    /// in the panel's queue.
    /// </summary>
    /// <param name="by">Who records the referral.</param>
    /// <param name="referral">The referral form, for this episode.</param>
    /// <param name="panel">The panel of the referral's area whose member agencies would see the papers.</param>
    /// <returns>Success, or a refusal (LIFE-12, CONS-04, PANEL-01, PANEL-02, PANEL-03, PANEL-07, SHARE-01, LP-11).</returns>
    /// <exception cref="ArgumentException">An argument is null or default; the referral is for another episode; the panel
    /// serves another area or has no member agencies.</exception>
    public Result ReferToPanel(Actor by, PanelReferral referral, Panel panel)
    {
        GuardActor(by);
        Guard.Against.Null(referral);
        Guard.Against.Null(panel);
        if (referral.Episode != Id)
        {
            throw new ArgumentException($"The referral is for episode {referral.Episode}, not {Id}.", nameof(referral));
        }

        if (!string.Equals(referral.Area, panel.Area, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The panel {panel.Id} serves area '{panel.Area}', not the referral's area '{referral.Area}'.", nameof(panel));
        }

        if (panel.MemberAgencies.IsEmpty)
        {
            throw new ArgumentException($"The panel {panel.Id} lists no member agencies to receive the papers.", nameof(panel));
        }

        var at = Now;
        JudgeAt(at);
        var papers = ImmutableArray.CreateBuilder<AgencyId>();
        var withheld = ImmutableArray.CreateBuilder<AgencyId>();
        foreach (var agency in panel.MemberAgencies)
        {
            (Evaluate(agency, SharingPurpose.Panel).Granted ? papers : withheld).Add(agency);
        }

        return Execute(new ReferredToPanel(Id, at, by, referral, papers.ToImmutable(), withheld.ToImmutable()), live: true);
    }

    /// <summary>
    /// PANEL-05, SHARE-01, LP-11, LP-08: applies the panel's decision sheet for the current referral to the episode.
    /// The allocations are recorded with the decision; each allocated agency is put to the sharing service for purpose
    /// "panel" and the recommended lead professional's agency for the lead-professional role, so an agency the family
    /// excluded can never be allocated or recommended (refused, and audited, naming the agency). "Re-present with more
    /// information" puts the case back in the panel's queue (<see cref="ToPanelSlotRequest"/>). The
    /// recommended lead professional feeds the selector (<see cref="SelectionRequest"/>, LP-08). Recorded on or after the
    /// meeting day.
    /// </summary>
    /// <param name="by">Who records the decision sheet (the chair or the panel administrator).</param>
    /// <param name="decision">The decision (<see cref="PanelDecision.Allocate"/> or <see cref="PanelDecision.RePresent"/>) for this episode.</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-03 or PANEL-05 naming the referral or meeting; SHARE-01 field
    /// <c>allocations[agency]</c>; LP-11 field <c>recommendedLeadProfessional</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null or default, or the decision is for another episode.</exception>
    public Result RecordPanelDecision(Actor by, PanelDecision decision)
    {
        GuardActor(by);
        Guard.Against.Null(decision);
        if (decision.Episode != Id)
        {
            throw new ArgumentException($"The decision is for episode {decision.Episode}, not {Id}.", nameof(decision));
        }

        return Execute(new PanelDecisionRecorded(Id, Now, by, decision.Referral, decision.Meeting, decision.Chair, decision.Outcome,
            decision.Allocations, decision.RecommendedLeadProfessional, decision.MoreInformationNeeded), live: true);
    }

    /// <summary>
    /// PANEL-06, SHARE-01: records the start date a service the panel allocated confirmed. Refused (PANEL-06) when the
    /// referral is not the episode's, its decision did not allocate the agency, or the start is before the meeting; refused
    /// (SHARE-01, field <c>agency</c>, audited) when the consent in force no longer covers the service for a panel: the
    /// family excluded it since the allocation. The same holds when a stored history is read.
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="referral">The referral whose decision allocated the service.</param>
    /// <param name="agency">The allocated service.</param>
    /// <param name="startDate">When it starts (or started).</param>
    /// <returns>Success, or a refusal (LIFE-12, PANEL-06 naming <c>referral</c>, <c>agency</c> or <c>startDate</c>; SHARE-01 naming <c>agency</c>).</returns>
    /// <exception cref="ArgumentException">The actor or an id is default.</exception>
    public Result ConfirmServiceStart(Actor by, PanelReferralId referral, AgencyId agency, DateOnly startDate)
    {
        GuardActor(by);
        GuardId(referral);
        GuardId(agency);
        return Execute(new PanelServiceStartConfirmed(Id, Now, by, referral, agency, startDate), live: true);
    }

    // ----- Pipeline parts (called from CafEpisode.Checks.cs and CafEpisode.Apply.cs) -----

    // PANEL-05: why a plan cannot be agreed yet on a panel case, in plain words (the AgreePlan guard's refusal).
    private Refusal? PanelNotAllocatedRefusal() => CurrentPanelReferral switch
    {
        { LatestDecision: null } r => new Refusal("PANEL-05",
            $"The panel has not heard referral {r.Referral.Id} yet: agree the plan once its decision sheet allocates the services.", "panelDecision"),
        { PendingReHearing: { } pending } r => new Refusal("PANEL-07",
            $"The {(pending.RaisedBy == PanelDisagreementParty.Family ? "family" : "referrer")} asked the chair for a re-hearing of referral {r.Referral.Id}: agree the plan once the chair has answered (and, if agreed, the panel has decided again).", "panelDecision"),
        { ReturnedToPanelBy: not null } r => new Refusal("PANEL-05",
            $"Referral {r.Referral.Id} is back in the panel's queue (PANEL-06, PANEL-07): agree the plan once a new decision sheet allocates the services.", "panelDecision"),
        { LatestDecision: { Outcome: PanelDecisionOutcome.RePresentWithMoreInformation } d } r => new Refusal("PANEL-05",
            $"The panel asked for referral {r.Referral.Id} to be re-presented with more information ({d.MoreInformationNeeded}): agree the plan once a later decision sheet allocates the services.", "panelDecision"),
        _ => null,
    };

    private Result CheckReferral(ReferredToPanel r)
    {
        var problems = r.Referral.Validate();
        if (!problems.IsEmpty)
        {
            return Result.Refused(PanelRefusals.Combine("The referral is incomplete:", problems));
        }

        if (_consent.Excludes(r.Referral.ReferredBy.Agency))
        {
            return Result.Refused("SHARE-01",
                $"The referrer acts for {r.Referral.ReferredBy.Agency}, which the family excluded (CONS-05): that agency neither refers nor sees this episode's papers.", "referral.referredBy");
        }

        if (CurrentPanelReferral is { IsAwaitingPanel: true } waiting)
        {
            return Result.Refused("PANEL-03", $"Referral {waiting.Referral.Id} is still in the panel's queue: record its decision before referring again.", "referral");
        }

        if (_panelReferrals.Any(p => p.Referral.Id == r.Referral.Id))
        {
            return Result.Refused("PANEL-07", $"Referral {r.Referral.Id} was already made: a re-referral is a new referral with its own id.", "referral.id");
        }

        foreach (var agency in r.PapersWithheldFrom)
        {
            if (Evaluate(agency, SharingPurpose.Panel).Granted)
            {
                return Result.Refused("SHARE-01", $"{agency} may see the papers, so they are not withheld from it: the referral records the sharing service's decisions.", "papersWithheldFrom");
            }
        }

        if (r.PapersFor.IsEmpty)
        {
            var first = Evaluate(r.PapersWithheldFrom[0], SharingPurpose.Panel);
            return Result.Refused(first.RuleId, "No agency at the panel may see the papers: " + first.Reason, "consent");
        }

        return Result.Ok;
    }

    private Result CheckPanelDecision(PanelDecisionRecorded d)
    {
        var current = CurrentPanelReferral;
        if (current is null || current.Referral.Id != d.Referral)
        {
            return Result.Refused("PANEL-05", $"Referral {d.Referral} is not the episode's current panel referral{(current is null ? "" : $" ({current.Referral.Id})")}.", "referral");
        }

        if (!current.IsAwaitingPanel)
        {
            return Result.Refused("PANEL-05", $"The panel already allocated services for referral {d.Referral}: refer again for a new decision (PANEL-07).", "referral");
        }

        if (!string.Equals(d.Meeting.Area, current.Referral.Area, StringComparison.Ordinal))
        {
            return Result.Refused("PANEL-03", $"The meeting is of area '{d.Meeting.Area}'; the referral is to the panel of area '{current.Referral.Area}'.", "meeting");
        }

        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        return today < d.Meeting.Date
            ? Result.Refused("PANEL-05", $"The panel meets on {d.Meeting.Date:yyyy-MM-dd}: its decision sheet is recorded on or after that day, not {today:yyyy-MM-dd}.", "meeting")
            : Result.Ok;
    }

    private Result CheckServiceStart(PanelServiceStartConfirmed c)
    {
        var referral = _panelReferrals.LastOrDefault(p => p.Referral.Id == c.Referral);
        if (referral is null)
        {
            return Result.Refused("PANEL-06", $"Referral {c.Referral} is not one of this episode's panel referrals.", "referral");
        }

        if (!referral.Allocations.Any(a => a.Agency == c.Agency))
        {
            return Result.Refused("PANEL-06", $"{_policy.Names.Name(c.Agency)} was not allocated by the panel for referral {c.Referral}: only an allocated service confirms a start.", "agency");
        }

        var met = referral.LatestDecision!.Meeting.Date;
        return c.StartDate < met
            ? Result.Refused("PANEL-06", $"The start date {c.StartDate:yyyy-MM-dd} is before the panel met ({met:yyyy-MM-dd}).", "startDate")
            : Result.Ok;
    }

    private ImmutableArray<Share> PanelRecipients(CafEvent e)
    {
        switch (e)
        {
            case ReferredToPanel r:
            {
                // The LP holds the papers (CONS-04: written consent to share at a panel); every member that may see them
                // receives them; the withheld members' refusals are audited too (SHARE-04).
                var shares = ImmutableArray.CreateBuilder<Share>(1 + r.PapersFor.Length + r.PapersWithheldFrom.Length);
                shares.Add(new Share(LeadProfessional.Agency, SharingPurpose.Panel, SharedItems.PanelPapers, true, "CONS-04"));
                foreach (var agency in r.PapersFor)
                {
                    shares.Add(new Share(agency, SharingPurpose.Panel, SharedItems.PanelPapers, true, "SHARE-01", "papersFor"));
                }

                foreach (var agency in r.PapersWithheldFrom)
                {
                    shares.Add(new Share(agency, SharingPurpose.Panel, SharedItems.PanelPapers, false, "SHARE-01", "papersWithheldFrom"));
                }

                return shares.MoveToImmutable();
            }

            case PanelDecisionRecorded d:
            {
                var shares = ImmutableArray.CreateBuilder<Share>(d.Allocations.Length + 1);
                foreach (var allocation in d.Allocations)
                {
                    shares.Add(new Share(allocation.Agency, SharingPurpose.Panel, SharedItems.PanelPapers, true, "SHARE-01", $"allocations[{allocation.Agency}]"));
                }

                if (d.RecommendedLeadProfessional is { } lead)
                {
                    shares.Add(new Share(lead.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11", "recommendedLeadProfessional"));
                }

                // PANEL-08: the decision sheet goes to the referrer too, judged against the consent in force now: a referrer
                // whose agency the family excluded since the referral does not receive it (audited, SHARE-04), and the
                // decision still goes to the allocated services. An allocated referrer's agency receives it once.
                if (CurrentPanelReferral is { } referral && !d.Allocations.Any(a => a.Agency == referral.Referral.ReferredBy.Agency))
                {
                    shares.Add(new Share(referral.Referral.ReferredBy.Agency, SharingPurpose.Panel, SharedItems.PanelPapers, false, "PANEL-08", "referral.referredBy"));
                }

                return shares.ToImmutable();
            }

            case PanelServiceStartConfirmed c:
                // PANEL-06, SHARE-01: an allocation stands only while the consent in force covers the service; one the
                // family excluded since (or every one after a withdrawal, CONS-07) confirms nothing.
                return [new Share(c.Agency, SharingPurpose.Panel, SharedItems.PanelPapers, true, "SHARE-01", "agency")];

            default:
                return [];
        }
    }

    private void ApplyPanel(CafEvent e)
    {
        switch (e)
        {
            case ReferredToPanel r:
                _panelReferrals.Add(new EpisodePanelReferral(r));
                break;
            case PanelDecisionRecorded d:
                _panelReferrals.Set(_panelReferrals.Count - 1, _panelReferrals[^1].With(d));
                break;
            case PanelServiceStartConfirmed c:
                var i = LastIndexOfReferral(c.Referral);
                _panelReferrals.Set(i, _panelReferrals[i].With(c));
                break;
        }
    }

    private int LastIndexOfReferral(PanelReferralId id)
    {
        for (var i = _panelReferrals.Count - 1; i >= 0; i--)
        {
            if (_panelReferrals[i].Referral.Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
