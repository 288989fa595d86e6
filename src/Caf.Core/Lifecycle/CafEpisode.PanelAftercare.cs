using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// A panel case after its decision sheet (PANEL-06..10): re-hearings, waiting-list returns, the quarterly audit, the
/// decision sheet shared with the family, disagreements about a service and progress reports, each an episode event
/// checked in the one pipeline (live and on replay).
/// </summary>
public sealed partial class CafEpisode
{
    /// <summary>
    /// PANEL-07: records that the family or the referrer disagrees with the panel's latest decision on the current referral
    /// and asked the chair for a re-hearing (003 §4h). Until the chair answers (<see cref="AnswerReHearing"/>) the plan does
    /// not follow the decision. A re-referral stays always allowed (<see cref="ReferToPanel"/>).
    /// </summary>
    /// <param name="by">Who records it (normally the referrer, who discusses it with the chair).</param>
    /// <param name="referral">The current referral.</param>
    /// <param name="raisedBy">Who disagrees.</param>
    /// <param name="reason">Why they disagree.</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-07 naming <c>referral</c> or <c>reason</c>).</returns>
    /// <exception cref="ArgumentException">The actor or referral id is default, the party undefined or the reason null.</exception>
    public Result RequestReHearing(Actor by, PanelReferralId referral, PanelDisagreementParty raisedBy, string reason)
    {
        GuardActor(by);
        GuardId(referral);
        Guard.Against.EnumOutOfRange(raisedBy);
        Guard.Against.Null(reason);
        return Execute(new PanelReHearingRequested(Id, Now, by, referral, raisedBy, reason), live: true);
    }

    /// <summary>
    /// PANEL-07: records the chair's answer to the pending re-hearing request. Agreed, the referral goes back to the
    /// panel's queue (<see cref="ToPanelSlotRequest"/>, origin re-hearing) for a new decision sheet; declined, the
    /// decision stands.
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="referral">The referral.</param>
    /// <param name="chair">The chair who answered.</param>
    /// <param name="outcome">Agreed or declined.</param>
    /// <param name="note">The chair's note (may be empty).</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-07 naming <c>referral</c> or <c>chair</c>).</returns>
    /// <exception cref="ArgumentException">The actor or referral id is default, the outcome undefined or the chair null.</exception>
    public Result AnswerReHearing(Actor by, PanelReferralId referral, string chair, PanelReHearingOutcome outcome, string? note)
    {
        GuardActor(by);
        GuardId(referral);
        Guard.Against.EnumOutOfRange(outcome);
        Guard.Against.Null(chair);
        return Execute(new PanelReHearingAnswered(Id, Now, by, referral, outcome, chair, note ?? string.Empty), live: true);
    }

    /// <summary>
    /// PANEL-06: an allocated service has a waiting list and the delay is not appropriate for the family, so the referral
    /// goes back to the panel for further discussion and allocation (003 §4g): back in the panel's queue
    /// (<see cref="ToPanelSlotRequest"/>, origin waiting-list return) for a new decision sheet; from an active plan the
    /// episode returns to "referred to a panel".
    /// </summary>
    /// <param name="by">Who records it (normally the referrer).</param>
    /// <param name="referral">The current referral.</param>
    /// <param name="agency">The allocated service with the waiting list.</param>
    /// <param name="reason">The expected delay and why it is not appropriate.</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-06 naming <c>referral</c>, <c>agency</c> or <c>reason</c>).</returns>
    /// <exception cref="ArgumentException">The actor or an id is default, or the reason null.</exception>
    public Result ReturnFromWaitingList(Actor by, PanelReferralId referral, AgencyId agency, string reason)
    {
        GuardActor(by);
        GuardId(referral);
        GuardId(agency);
        Guard.Against.Null(reason);
        return Execute(new PanelWaitingListReturned(Id, Now, by, referral, agency, reason), live: true);
    }

    /// <summary>
    /// PANEL-06, SHARE-01: records an allocated service's answer to the quarterly audit (003 §5): whether the allocation
    /// was made and, if so, its start date (which then counts as the service's confirmed start). The feedback sheet goes
    /// to the service through the sharing gate: a service the family excluded since the allocation is refused (SHARE-01,
    /// audited).
    /// </summary>
    /// <param name="by">Who records it (the panel administrator).</param>
    /// <param name="referral">The referral whose decision allocated the service.</param>
    /// <param name="agency">The allocated service.</param>
    /// <param name="auditDate">The audit's day: on or after the meeting, not after today.</param>
    /// <param name="allocationMade">Whether the service confirmed the allocation was made.</param>
    /// <param name="startDate">The start date it gave: required when made, none otherwise.</param>
    /// <param name="note">What the service said (may be null).</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-06 naming <c>referral</c>, <c>agency</c>, <c>auditDate</c> or <c>startDate</c>; SHARE-01 <c>agency</c>).</returns>
    /// <exception cref="ArgumentException">The actor or an id is default.</exception>
    public Result RecordAllocationAudit(Actor by, PanelReferralId referral, AgencyId agency, DateOnly auditDate, bool allocationMade, DateOnly? startDate, string? note)
    {
        GuardActor(by);
        GuardId(referral);
        GuardId(agency);
        return Execute(new PanelAllocationAudited(Id, Now, by, referral, agency, auditDate, allocationMade, startDate, note ?? string.Empty), live: true);
    }

    /// <summary>
    /// PANEL-08: records that the referrer shared the panel's latest decision sheet on the referral with the family
    /// (003 §4f). The decision sheet itself went to the referrer and to each allocated service when it was recorded
    /// (<see cref="RecordPanelDecision"/>), through the sharing gate.
    /// </summary>
    /// <param name="by">The referrer.</param>
    /// <param name="referral">The referral.</param>
    /// <param name="how">How and with whom it was shared.</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-08 naming <c>referral</c>, <c>by</c> or <c>how</c>).</returns>
    /// <exception cref="ArgumentException">The actor or referral id is default, or the text null.</exception>
    public Result RecordDecisionSharedWithFamily(Actor by, PanelReferralId referral, string how)
    {
        GuardActor(by);
        GuardId(referral);
        Guard.Against.Null(how);
        return Execute(new PanelDecisionSharedWithFamily(Id, Now, by, referral, how), live: true);
    }

    /// <summary>
    /// PANEL-09, SHARE-01: records a step of a disagreement about the way an allocated service is provided (003 §4h):
    /// taken up with the agency providing it (the lead professional informed; the agency receives it through the sharing
    /// gate), resolved, or, unresolved, raised with the CAF / panel manager. Recorded apart from a re-hearing (PANEL-07):
    /// the case stays where it is.
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="referral">The referral whose decision allocated the service.</param>
    /// <param name="agency">The agency providing the service.</param>
    /// <param name="step">Taken up, resolved or escalated.</param>
    /// <param name="raisedBy">Who disagrees.</param>
    /// <param name="details">What the disagreement is, or how it was resolved or escalated.</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-09 naming <c>referral</c>, <c>agency</c>, <c>step</c> or <c>details</c>; SHARE-01 <c>agency</c>).</returns>
    /// <exception cref="ArgumentException">The actor or an id is default, an enum undefined or the details null.</exception>
    public Result RecordServiceDisagreement(Actor by, PanelReferralId referral, AgencyId agency, ServiceDisagreementStep step, PanelDisagreementParty raisedBy, string details)
    {
        GuardActor(by);
        GuardId(referral);
        GuardId(agency);
        Guard.Against.EnumOutOfRange(step);
        Guard.Against.EnumOutOfRange(raisedBy);
        Guard.Against.Null(details);
        return Execute(new ServiceDisagreementRecorded(Id, Now, by, referral, agency, step, raisedBy, LeadProfessional.Practitioner, details), live: true);
    }

    /// <summary>
    /// PANEL-10: the lead professional reports the case's progress to a following meeting of the panel that allocated the
    /// services (000 §1). Recorded by the lead professional, on or after the meeting day; the meeting is of the referral's
    /// area and after the one that allocated. <see cref="ToProgressReviewSlotRequest"/> asks for the review slot.
    /// </summary>
    /// <param name="by">The lead professional.</param>
    /// <param name="referral">The referral whose decision allocated the services.</param>
    /// <param name="meeting">The meeting the progress was reported to.</param>
    /// <param name="progress">The progress reported.</param>
    /// <returns>Success, or a refusal (LIFE-12; PANEL-10 naming <c>referral</c>, <c>by</c>, <c>meeting</c> or <c>progress</c>).</returns>
    /// <exception cref="ArgumentException">The actor or referral id is default, or the text null.</exception>
    public Result ReportProgressToPanel(Actor by, PanelReferralId referral, PanelMeeting meeting, string progress)
    {
        GuardActor(by);
        GuardId(referral);
        Guard.Against.Null(progress);
        return Execute(new PanelProgressReported(Id, Now, by, referral, meeting, progress), live: true);
    }

    /// <summary>
    /// PANEL-10, PANEL-03, SHARE-01: the review slot at a following meeting where the lead professional reports the case's
    /// progress (000 §1: "the latter reports progress to the next meeting"; reviews use the meeting's review capacity), for
    /// <see cref="PanelScheduler"/>: timed at the allocating decision sheet, or at the latest progress report, so it takes
    /// the next meeting; the papers' recipients judged against the consent in force now (<see cref="JudgePanelPapers"/>).
    /// </summary>
    /// <param name="slot">The slot's id.</param>
    /// <returns>The review request, or the refusal: PANEL-10 when the current referral has no allocation to review
    /// (<c>referral</c>); or the refusal of <see cref="JudgePanelPapers"/>.</returns>
    /// <exception cref="ArgumentException">The slot id is default.</exception>
    public Result<PanelSlotRequest> ToProgressReviewSlotRequest(PanelSlotId slot)
    {
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        if (CurrentPanelReferral is not { LatestDecision: { } decided } current || current.IsAwaitingPanel)
        {
            return Result<PanelSlotRequest>.Refused("PANEL-10", "The current panel referral has no allocation to review: the panel reviews progress once it has allocated services.", "referral");
        }

        var papers = JudgePanelPapers(current.Referral.Id);
        if (papers.IsRefused)
        {
            return Result<PanelSlotRequest>.Refused(papers.Refusal);
        }

        var r = current.Referral;
        var from = current.ProgressReports.LastOrDefault(p => p.OccurredAt >= decided.OccurredAt)?.OccurredAt ?? decided.OccurredAt;
        return new PanelSlotRequest(slot, r.Id, r.Episode, r.Area, PanelSlotOrigin.Review, from, papers.Value.PapersFor);
    }

    // ----- Pipeline parts (called from CafEpisode.Checks.cs and CafEpisode.Apply.cs) -----

    internal static bool IsPanelAftercare(CafEvent e) =>
        e is PanelReHearingRequested or PanelReHearingAnswered or PanelWaitingListReturned or PanelAllocationAudited
            or PanelDecisionSharedWithFamily or ServiceDisagreementRecorded or PanelProgressReported;

    private static PanelReferralId ReferralOf(CafEvent e) => e switch
    {
        PanelReHearingRequested r => r.Referral,
        PanelReHearingAnswered a => a.Referral,
        PanelWaitingListReturned w => w.Referral,
        PanelAllocationAudited a => a.Referral,
        PanelDecisionSharedWithFamily s => s.Referral,
        ServiceDisagreementRecorded d => d.Referral,
        PanelProgressReported p => p.Referral,
        _ => throw new ArgumentException("Not a panel aftercare event.", nameof(e)),
    };

    private Result CheckAftercare(CafEvent e)
    {
        var i = LastIndexOfReferral(ReferralOf(e));
        if (i < 0)
        {
            return Result.Refused(RuleOf(e), $"Referral {ReferralOf(e)} is not one of this episode's panel referrals.", "referral");
        }

        var referral = _panelReferrals[i];
        var current = i == _panelReferrals.Count - 1;
        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        switch (e)
        {
            case PanelReHearingRequested r:
                if (!current || referral.LatestDecision is null || referral.ReturnedToPanelBy is not null)
                {
                    return Result.Refused("PANEL-07", $"A re-hearing is asked of the panel's latest decision on the current referral; referral {r.Referral} has none to re-hear.", "referral");
                }

                return referral.PendingReHearing is not null
                    ? Result.Refused("PANEL-07", "A re-hearing request already awaits the chair's answer.", "referral")
                    : Text("PANEL-07", r.Reason, "Say what the disagreement with the panel's decision is, for the chair to consider.", "reason");

            case PanelReHearingAnswered a:
                return referral.PendingReHearing is null
                    ? Result.Refused("PANEL-07", $"No re-hearing request on referral {a.Referral} awaits the chair's answer.", "referral")
                    : Text("PANEL-07", a.Chair, "Name the chair who answered.", "chair");

            case PanelWaitingListReturned w:
                if (!current || referral.IsAwaitingPanel)
                {
                    return Result.Refused("PANEL-06", $"Referral {w.Referral} is not the current referral with services allocated: nothing to bring back.", "referral");
                }

                return !referral.Allocations.Any(a => a.Agency == w.Agency)
                    ? Result.Refused("PANEL-06", $"{_policy.Names.Name(w.Agency)} was not allocated by the panel: its waiting list cannot bring the referral back.", "agency")
                    : Text("PANEL-06", w.Reason, "Say what delay the waiting list means and why it is not appropriate for the family.", "reason");

            case PanelAllocationAudited a:
                if (!referral.Allocations.Any(x => x.Agency == a.Agency))
                {
                    return Result.Refused("PANEL-06", $"{_policy.Names.Name(a.Agency)} was not allocated by the panel for referral {a.Referral}: the audit asks allocated services only.", "agency");
                }

                var met = referral.LatestDecision!.Meeting.Date;
                if (a.AuditDate < met || a.AuditDate > today)
                {
                    return Result.Refused("PANEL-06", $"The audit is dated between the meeting ({met:yyyy-MM-dd}) and today ({today:yyyy-MM-dd}), not {a.AuditDate:yyyy-MM-dd}.", "auditDate");
                }

                return (a.AllocationMade, a.StartDate) switch
                {
                    (true, null) => Result.Refused("PANEL-06", "The audit asks the service for the start date of an allocation it made.", "startDate"),
                    (false, not null) => Result.Refused("PANEL-06", "An allocation that was not made has no start date.", "startDate"),
                    (true, { } start) when start < met => Result.Refused("PANEL-06", $"The start date {start:yyyy-MM-dd} is before the panel met ({met:yyyy-MM-dd}).", "startDate"),
                    _ => Result.Ok,
                };

            case PanelDecisionSharedWithFamily s:
                if (referral.LatestDecision is null)
                {
                    return Result.Refused("PANEL-08", $"The panel has not decided on referral {s.Referral} yet: there is no decision sheet to share.", "referral");
                }

                if (s.Actor.Practitioner != referral.Referral.ReferredBy.Practitioner)
                {
                    return Result.Refused("PANEL-08", $"The referrer, {_policy.Names.Name(referral.Referral.ReferredBy.Practitioner)}, shares the decision sheet with the family.", "by");
                }

                return referral.LatestDecisionSharedWithFamily is not null
                    ? Result.Refused("PANEL-08", "Sharing the latest decision sheet with the family is already recorded.", "referral")
                    : Text("PANEL-08", s.How, "Say how and with whom the decision sheet was shared.", "how");

            case ServiceDisagreementRecorded d:
                return CheckDisagreement(d, referral);

            case PanelProgressReported p:
                return CheckProgressReport(p, referral, current, today);

            default:
                return Result.Ok;
        }
    }

    private Result CheckDisagreement(ServiceDisagreementRecorded d, EpisodePanelReferral referral)
    {
        if (!referral.Allocations.Any(a => a.Agency == d.Agency))
        {
            return Result.Refused("PANEL-09", $"{_policy.Names.Name(d.Agency)} provides no service the panel allocated for referral {d.Referral}.", "agency");
        }

        if (d.LeadProfessionalInformed != LeadProfessional.Practitioner)
        {
            return Result.Refused("PANEL-09", $"The lead professional informed is {_policy.Names.Name(LeadProfessional.Practitioner)}, the episode's lead professional.", "leadProfessionalInformed");
        }

        var last = referral.DisagreementStepOf(d.Agency);
        var open = last is ServiceDisagreementStep.TakenUpWithAgency or ServiceDisagreementStep.EscalatedToManager;
        var problem = d.Step switch
        {
            ServiceDisagreementStep.TakenUpWithAgency when open => "A disagreement about this service is already open: record its resolution or escalation.",
            ServiceDisagreementStep.Resolved when !open => "No disagreement about this service is open: take it up with the agency first.",
            ServiceDisagreementStep.EscalatedToManager when last != ServiceDisagreementStep.TakenUpWithAgency =>
                "A disagreement goes to the CAF / panel manager once it was taken up with the agency providing the service and stayed unresolved.",
            _ => null,
        };
        return problem is not null
            ? Result.Refused("PANEL-09", problem, "step")
            : Text("PANEL-09", d.Details, "Say what the disagreement is, or how it was resolved or escalated.", "details");
    }

    private Result CheckProgressReport(PanelProgressReported p, EpisodePanelReferral referral, bool current, DateOnly today)
    {
        if (!current || referral.IsAwaitingPanel || referral.LatestDecision is not { } decided)
        {
            return Result.Refused("PANEL-10", $"Referral {p.Referral} is not the current referral with services allocated: there is no progress to report.", "referral");
        }

        if (p.Actor.Practitioner != LeadProfessional.Practitioner)
        {
            return Result.Refused("PANEL-10", $"The lead professional, {_policy.Names.Name(LeadProfessional.Practitioner)}, reports progress to the panel.", "by");
        }

        if (!string.Equals(p.Meeting.Area, referral.Referral.Area, StringComparison.Ordinal) || p.Meeting.Date <= decided.Meeting.Date)
        {
            return Result.Refused("PANEL-10", $"Progress is reported to a following meeting of the {referral.Referral.Area} panel, after the one that allocated ({decided.Meeting.Date:yyyy-MM-dd}).", "meeting");
        }

        if (p.Meeting.Date > today)
        {
            return Result.Refused("PANEL-10", $"The panel meets on {p.Meeting.Date:yyyy-MM-dd}: the report is recorded on or after that day, not {today:yyyy-MM-dd}.", "meeting");
        }

        return Text("PANEL-10", p.Progress, "Say what progress was reported.", "progress");
    }

    private static string RuleOf(CafEvent e) => e switch
    {
        PanelReHearingRequested or PanelReHearingAnswered => "PANEL-07",
        PanelDecisionSharedWithFamily => "PANEL-08",
        ServiceDisagreementRecorded => "PANEL-09",
        PanelProgressReported => "PANEL-10",
        _ => "PANEL-06",
    };

    private static Result Text(string ruleId, string? text, string message, string field) =>
        string.IsNullOrWhiteSpace(text) ? Result.Refused(ruleId, message, field) : Result.Ok;

    private ImmutableArray<Share> AftercareRecipients(CafEvent e) => e switch
    {
        // PANEL-06: the quarterly feedback sheet goes to the allocated service; PANEL-09: the disagreement is taken up with it.
        PanelAllocationAudited a => [new Share(a.Agency, SharingPurpose.Panel, SharedItems.PanelPapers, true, "SHARE-01", "agency")],
        ServiceDisagreementRecorded { Step: ServiceDisagreementStep.TakenUpWithAgency } d =>
            [new Share(d.Agency, SharingPurpose.Panel, SharedItems.PanelPapers, true, "SHARE-01", "agency")],
        _ => [],
    };

    private void ApplyAftercare(CafEvent e)
    {
        var i = LastIndexOfReferral(ReferralOf(e));
        _panelReferrals.Set(i, _panelReferrals[i].WithAftercare(e));
    }

    internal static Refusal? AftercareContent(CafEvent e) => e switch
    {
        _ when ReferralOf(e).IsDefault => new Refusal("LIFE-11", "The event names the referral.", "referral"),
        PanelReHearingRequested r when !Enum.IsDefined(r.RaisedBy) => new Refusal("LIFE-11", $"{(int)r.RaisedBy} is not a PanelDisagreementParty.", "raisedBy"),
        PanelReHearingAnswered a when !Enum.IsDefined(a.Outcome) => new Refusal("LIFE-11", $"{(int)a.Outcome} is not a PanelReHearingOutcome.", "outcome"),
        PanelReHearingAnswered { Note: null } => new Refusal("LIFE-11", "The chair's note must be text (it may be empty).", "note"),
        PanelWaitingListReturned { Agency.IsDefault: true } or PanelAllocationAudited { Agency.IsDefault: true } or ServiceDisagreementRecorded { Agency.IsDefault: true } =>
            new Refusal("LIFE-11", "The event names the allocated service.", "agency"),
        PanelAllocationAudited { Note: null } => new Refusal("LIFE-11", "The audit's note must be text (it may be empty).", "note"),
        ServiceDisagreementRecorded d when !Enum.IsDefined(d.Step) || !Enum.IsDefined(d.RaisedBy) => new Refusal("LIFE-11", "The disagreement's step and party must be defined.", "step"),
        ServiceDisagreementRecorded { LeadProfessionalInformed.IsDefault: true } => new Refusal("LIFE-11", "The disagreement names the lead professional informed.", "leadProfessionalInformed"),
        PanelProgressReported p when p.Meeting.Panel.IsDefault || string.IsNullOrWhiteSpace(p.Meeting.Area) => new Refusal("LIFE-11", "The report names the meeting: its panel, area and date.", "meeting"),
        _ => null,
    };
}
