using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Panels;

/// <summary>
/// A panel case after its decision sheet, on the episode (003 §4f–§4h, §5; 000 §1): Bedfordshire's MAAG North allocates
/// health visiting and the youth service for a nine-year-old referred by her teacher. The decision sheet goes to the
/// referrer and the services (PANEL-08); waiting lists and the quarterly audit (PANEL-06), re-hearings (PANEL-07),
/// disagreements about a service (PANEL-09) and the lead professional's progress reports (PANEL-10) are episode events.
/// </summary>
public class PanelCaseAftercareTests
{
    private static readonly PanelReferralId Ref1 = new("ref-1");
    private readonly Seeds _seeds = new();

    private CafEpisode Decided(params AgencyId[] excluded)
    {
        var e = _seeds.Assessed();
        if (excluded.Length > 0)
        {
            Ok(e.RecordConsent(Teacher, MotherWritten(excluded), "Mum does not want every agency told."));
        }

        Ok(PanelFixtures.Refer(e, Teacher));
        _seeds.Time.Advance(TimeSpan.FromDays(9));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));
        return e;
    }

    private static void Refused(Result result, string rule, string field)
    {
        Assert.True(result.IsRefused, "expected a refusal");
        Assert.Equal((rule, field), (result.Refusal.RuleId, result.Refusal.Field));
    }

    private static CafEpisode ReadBack(Seeds seeds, CafEpisode e) => EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(e));

    // ----- PANEL-08 -----

    [Fact]
    [Trait("Rule", "PANEL-08")]
    public void PANEL08_the_decision_sheet_goes_to_the_referrer_and_to_each_allocated_service_through_the_sharing_gate()
    {
        var e = Decided();

        var decision = e.Events.OfType<PanelDecisionRecorded>().Single();
        var sheet = _seeds.Audit.Entries.Where(a => a.DecidedAt == decision.OccurredAt && a.Purpose == SharingPurpose.Panel).ToArray();
        Assert.Contains(sheet, a => a.Agency == TestIds.School && a.Decision.Granted && a.Items == SharedItems.PanelPapers);
        Assert.Contains(sheet, a => a.Agency == TestIds.HealthVisiting && a.Decision.Granted);
        Assert.Contains(sheet, a => a.Agency == TestIds.YouthService && a.Decision.Granted);
    }

    [Fact]
    [Trait("Rule", "PANEL-08")]
    [Trait("Rule", "SHARE-01")]
    public void PANEL08_a_referrer_whose_agency_the_family_excluded_since_the_referral_does_not_receive_the_decision_sheet_and_the_refusal_is_audited()
    {
        var e = _seeds.Assessed();
        Ok(PanelFixtures.Refer(e, HealthVisitor));
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.HealthVisiting), "Mum no longer wants health visiting told."));
        _seeds.Time.Advance(TimeSpan.FromDays(9));

        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));

        var decision = e.Events.OfType<PanelDecisionRecorded>().Single();
        var toReferrer = Assert.Single(_seeds.Audit.Entries, a => a.DecidedAt == decision.OccurredAt && a.Agency == TestIds.HealthVisiting);
        Assert.False(toReferrer.Decision.Granted);
        Assert.Equal(SharedItems.None, toReferrer.Items);
    }

    [Fact]
    [Trait("Rule", "PANEL-08")]
    public void PANEL08_the_referrer_sharing_the_decision_sheet_with_the_family_is_recorded_once_by_the_referrer()
    {
        var e = Decided();

        Refused(e.RecordDecisionSharedWithFamily(HealthVisitor, Ref1, "Phoned mum."), "PANEL-08", "by");
        Refused(e.RecordDecisionSharedWithFamily(Teacher, Ref1, " "), "PANEL-08", "how");
        Ok(e.RecordDecisionSharedWithFamily(Teacher, Ref1, "Went through the decision sheet with mum at the school gate."));
        Refused(e.RecordDecisionSharedWithFamily(Teacher, Ref1, "Again."), "PANEL-08", "referral");

        Assert.NotNull(e.CurrentPanelReferral!.LatestDecisionSharedWithFamily);
        Assert.NotNull(ReadBack(_seeds, e).CurrentPanelReferral!.LatestDecisionSharedWithFamily);
    }

    [Fact]
    [Trait("Rule", "PANEL-08")]
    public void PANEL08_there_is_no_decision_sheet_to_share_before_the_panel_decided()
    {
        var e = _seeds.Assessed();
        Ok(PanelFixtures.Refer(e, Teacher));

        Refused(e.RecordDecisionSharedWithFamily(Teacher, Ref1, "Phoned mum."), "PANEL-08", "referral");
    }

    // ----- PANEL-06 -----

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_a_waiting_list_brings_the_referral_back_to_the_panel_on_the_episode_for_a_new_decision()
    {
        var e = Decided();
        Refused(e.ReturnFromWaitingList(Teacher, Ref1, TestIds.Camhs, "Twelve weeks."), "PANEL-06", "agency");

        Ok(e.ReturnFromWaitingList(Teacher, Ref1, TestIds.YouthService, "Twelve weeks' wait for mentoring: too long for Amy, mum says."));

        var back = e.CurrentPanelReferral!;
        Assert.True(back.IsAwaitingPanel);
        Assert.IsType<PanelWaitingListReturned>(back.ReturnedToPanelBy);
        Assert.Equal(PanelSlotOrigin.WaitingListReturn, e.ToPanelSlotRequest(new PanelSlotId("s-2")).Value.Origin);
        Assert.Equal("PANEL-05", e.CheckPermitted(EpisodeAction.AgreePlan).Refusal.RuleId);
        _seeds.Time.Advance(TimeSpan.FromDays(14));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.CamhsService)));
        Assert.False(e.CurrentPanelReferral!.IsAwaitingPanel);
        Assert.Equal(2, ReadBack(_seeds, e).CurrentPanelReferral!.Decisions.Length);
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_from_an_active_plan_a_waiting_list_return_takes_the_episode_back_to_the_panel()
    {
        var e = Decided();
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), CafCatalogue.Supervisor,
            new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed."), "The panel recommended her."));
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "Agreed after the panel."));
        Assert.Equal(EpisodeState.PlanActive, e.State);

        Ok(e.ReturnFromWaitingList(Teacher, Ref1, TestIds.YouthService, "Twelve weeks' wait for mentoring."));

        Assert.Equal(EpisodeState.PanelReferred, e.State);
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_the_quarterly_audit_answer_is_recorded_on_the_episode_and_its_start_date_counts_as_confirmed()
    {
        var e = Decided();
        var met = e.CurrentPanelReferral!.LatestDecision!.Meeting.Date;

        Refused(e.RecordAllocationAudit(Teacher, Ref1, TestIds.Camhs, _seeds.Today, true, _seeds.Today, null), "PANEL-06", "agency");
        Refused(e.RecordAllocationAudit(Teacher, Ref1, TestIds.YouthService, _seeds.Today, true, null, null), "PANEL-06", "startDate");
        Refused(e.RecordAllocationAudit(Teacher, Ref1, TestIds.YouthService, _seeds.Today, false, _seeds.Today, null), "PANEL-06", "startDate");
        Refused(e.RecordAllocationAudit(Teacher, Ref1, TestIds.YouthService, met.AddDays(-1), false, null, null), "PANEL-06", "auditDate");
        Ok(e.RecordAllocationAudit(Teacher, Ref1, TestIds.YouthService, _seeds.Today, true, met.AddDays(10), "Mentoring started."));
        Ok(e.RecordAllocationAudit(Teacher, Ref1, TestIds.HealthVisiting, _seeds.Today, false, null, "Not yet allocated a visitor."));

        var referral = ReadBack(_seeds, e).CurrentPanelReferral!;
        Assert.Equal(met.AddDays(10), referral.ConfirmedStartOf(TestIds.YouthService));
        Assert.Equal([TestIds.HealthVisiting], referral.UnconfirmedAllocations.Select(a => a.Agency).ToArray());
        Assert.Equal(2, referral.Aftercare.OfType<PanelAllocationAudited>().Count());
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "SHARE-01")]
    public void PANEL06_the_audit_sheet_does_not_go_to_a_service_the_family_excluded_since_the_allocation()
    {
        var e = Decided();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.YouthService), "Mum no longer wants the youth service involved."));

        Refused(e.RecordAllocationAudit(Teacher, Ref1, TestIds.YouthService, _seeds.Today, false, null, null), "SHARE-01", "agency");
        Assert.Empty(e.CurrentPanelReferral!.Aftercare);
    }

    // ----- PANEL-07 -----

    [Fact]
    [Trait("Rule", "PANEL-07")]
    public void PANEL07_a_re_hearing_request_and_the_chairs_answer_are_episode_events_with_who_asked_why_and_the_answer()
    {
        var e = Decided();
        Refused(e.RequestReHearing(Teacher, Ref1, PanelDisagreementParty.Family, ""), "PANEL-07", "reason");
        Ok(e.RequestReHearing(Teacher, Ref1, PanelDisagreementParty.Family, "Mum thinks mentoring will not help; she asked for family support."));
        Assert.Equal("PANEL-07", e.CheckPermitted(EpisodeAction.AgreePlan).Refusal.RuleId);

        Ok(e.AnswerReHearing(Teacher, Ref1, "Chair, MAAG North", PanelReHearingOutcome.Agreed, "Re-hear with the family support worker present."));

        var read = ReadBack(_seeds, e).CurrentPanelReferral!;
        var asked = Assert.Single(read.Aftercare.OfType<PanelReHearingRequested>());
        Assert.Equal((PanelDisagreementParty.Family, "Mum thinks mentoring will not help; she asked for family support."), (asked.RaisedBy, asked.Reason));
        var answered = Assert.Single(read.Aftercare.OfType<PanelReHearingAnswered>());
        Assert.Equal(PanelReHearingOutcome.Agreed, answered.Outcome);
        Assert.True(read.IsAwaitingPanel);
        Assert.Equal(PanelSlotOrigin.ReHearing, e.ToPanelSlotRequest(new PanelSlotId("s-2")).Value.Origin);
    }

    [Fact]
    [Trait("Rule", "PANEL-07")]
    public void PANEL07_a_declined_re_hearing_leaves_the_decision_standing_and_re_referral_stays_allowed()
    {
        var e = Decided();
        Refused(e.AnswerReHearing(Teacher, Ref1, "Chair", PanelReHearingOutcome.Declined, null), "PANEL-07", "referral");
        Ok(e.RequestReHearing(Teacher, Ref1, PanelDisagreementParty.Referrer, "The school expected CAMHS."));
        Refused(e.RequestReHearing(Teacher, Ref1, PanelDisagreementParty.Family, "Again."), "PANEL-07", "referral");

        Ok(e.AnswerReHearing(Teacher, Ref1, "Chair, MAAG North", PanelReHearingOutcome.Declined, "CAMHS threshold not met."));

        Assert.False(e.CurrentPanelReferral!.IsAwaitingPanel);
        Assert.Equal("LIFE-08", e.CheckPermitted(EpisodeAction.AgreePlan).Refusal.RuleId); // the plan follows the decision, once the LP is appointed
        Ok(PanelFixtures.Refer(e, Teacher, "ref-2"));
    }

    [Property(MaxTest = 60)]
    [Trait("Rule", "PANEL-07")]
    public bool PANEL07_whatever_re_hearing_steps_were_recorded_a_re_referral_is_allowed_once_the_case_is_out_of_the_panels_queue(bool[] steps)
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(PanelFixtures.Refer(e, Teacher));
        seeds.Time.Advance(TimeSpan.FromDays(9));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));
        foreach (var agreed in (steps ?? []).Take(6))
        {
            seeds.Time.Advance(TimeSpan.FromDays(1));
            if (e.CurrentPanelReferral!.IsAwaitingPanel)
            {
                Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));
                continue;
            }

            Ok(e.RequestReHearing(Teacher, e.CurrentPanelReferral.Referral.Id, PanelDisagreementParty.Family, "Mum disagrees."));
            Ok(e.AnswerReHearing(Teacher, e.CurrentPanelReferral.Referral.Id, "Chair", agreed ? PanelReHearingOutcome.Agreed : PanelReHearingOutcome.Declined, ""));
        }

        var waiting = e.CurrentPanelReferral!.IsAwaitingPanel;
        var again = PanelFixtures.Refer(e, Teacher, "ref-again");
        return waiting ? again.Refusal.RuleId == "PANEL-03" : again.IsSuccess;
    }

    // ----- PANEL-09 -----

    [Fact]
    [Trait("Rule", "PANEL-09")]
    public void PANEL09_a_disagreement_about_a_service_is_taken_up_with_the_agency_the_LP_informed_then_escalated_to_the_manager_apart_from_a_re_hearing()
    {
        var e = Decided();
        Refused(e.RecordServiceDisagreement(Teacher, Ref1, TestIds.Camhs, ServiceDisagreementStep.TakenUpWithAgency, PanelDisagreementParty.Family, "x"), "PANEL-09", "agency");
        Refused(e.RecordServiceDisagreement(Teacher, Ref1, TestIds.YouthService, ServiceDisagreementStep.EscalatedToManager, PanelDisagreementParty.Family, "Straight to the manager."), "PANEL-09", "step");

        Ok(e.RecordServiceDisagreement(Teacher, Ref1, TestIds.YouthService, ServiceDisagreementStep.TakenUpWithAgency, PanelDisagreementParty.Family,
            "Mum says the mentor keeps cancelling; raised with the youth service's MAAG representative."));
        Ok(e.RecordServiceDisagreement(Teacher, Ref1, TestIds.YouthService, ServiceDisagreementStep.EscalatedToManager, PanelDisagreementParty.Family,
            "Still cancelling after the manager's promise: raised with the CAF/MAAG manager."));

        var referral = ReadBack(_seeds, e).CurrentPanelReferral!;
        Assert.Equal(ServiceDisagreementStep.EscalatedToManager, referral.DisagreementStepOf(TestIds.YouthService));
        Assert.All(referral.ServiceDisagreements, d => Assert.Equal(e.LeadProfessional.Practitioner, d.LeadProfessionalInformed));
        Assert.False(referral.IsAwaitingPanel); // not a re-hearing: the case stays where it is
        Assert.Empty(referral.Aftercare.OfType<PanelReHearingRequested>());
        Assert.Contains(_seeds.Audit.Entries, a => a.Agency == TestIds.YouthService && a.Purpose == SharingPurpose.Panel && a.Decision.Granted
            && a.DecidedAt == referral.ServiceDisagreements[0].OccurredAt);
    }

    /// <summary>The disagreement steps a model of 003 §4h allows: taken up when none is open; resolved when open; escalated once, after being taken up.</summary>
    private static bool ModelAllows(ServiceDisagreementStep? last, ServiceDisagreementStep next) => next switch
    {
        ServiceDisagreementStep.TakenUpWithAgency => last is null or ServiceDisagreementStep.Resolved,
        ServiceDisagreementStep.Resolved => last is ServiceDisagreementStep.TakenUpWithAgency or ServiceDisagreementStep.EscalatedToManager,
        _ => last is ServiceDisagreementStep.TakenUpWithAgency,
    };

    [Property(MaxTest = 60)]
    [Trait("Rule", "PANEL-09")]
    public bool PANEL09_the_episode_accepts_exactly_the_disagreement_steps_the_model_allows(byte[] steps)
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(PanelFixtures.Refer(e, Teacher));
        seeds.Time.Advance(TimeSpan.FromDays(9));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));
        ServiceDisagreementStep? last = null;
        foreach (var b in (steps ?? []).Take(10))
        {
            var step = (ServiceDisagreementStep)(b % 3);
            var result = e.RecordServiceDisagreement(Teacher, Ref1, TestIds.YouthService, step, PanelDisagreementParty.Referrer, "Details.");
            if (result.IsSuccess != ModelAllows(last, step))
            {
                return false;
            }

            last = result.IsSuccess ? step : last;
        }

        return e.CurrentPanelReferral!.DisagreementStepOf(TestIds.YouthService) == last;
    }

    // ----- PANEL-10 -----

    [Fact]
    [Trait("Rule", "PANEL-10")]
    public void PANEL10_the_lead_professional_reports_progress_to_a_following_meeting_and_a_review_slot_is_asked_for()
    {
        var e = Decided();
        var decided = e.CurrentPanelReferral!.LatestDecision!;
        var slot = e.ToProgressReviewSlotRequest(new PanelSlotId("rev-1")).Value;
        Assert.Equal((PanelSlotOrigin.Review, PanelSlotKind.Review, decided.OccurredAt), (slot.Origin, slot.Kind, slot.RequestedAt));

        var next = decided.Meeting with { Date = decided.Meeting.Date.AddDays(14) };
        Refused(e.ReportProgressToPanel(Teacher, Ref1, next, "Mentoring has started."), "PANEL-10", "meeting"); // not met yet
        _seeds.Time.Advance(TimeSpan.FromDays(14));
        Refused(e.ReportProgressToPanel(HealthVisitor, Ref1, next, "Mentoring has started."), "PANEL-10", "by");
        Refused(e.ReportProgressToPanel(Teacher, Ref1, decided.Meeting, "Mentoring has started."), "PANEL-10", "meeting");
        Ok(e.ReportProgressToPanel(Teacher, Ref1, next, "Mentoring has started; attendance up to 92%."));

        var report = Assert.Single(ReadBack(_seeds, e).CurrentPanelReferral!.ProgressReports);
        Assert.Equal(next, report.Meeting);
        Assert.Equal(report.OccurredAt, e.ToProgressReviewSlotRequest(new PanelSlotId("rev-2")).Value.RequestedAt);
    }

    [Fact]
    [Trait("Rule", "PANEL-10")]
    public void PANEL10_there_is_no_progress_review_before_the_panel_allocated()
    {
        var e = _seeds.Assessed();
        Ok(PanelFixtures.Refer(e, Teacher));

        var refused = e.ToProgressReviewSlotRequest(new PanelSlotId("rev-1"));
        Assert.Equal(("PANEL-10", "referral"), (refused.Refusal.RuleId, refused.Refusal.Field));
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "PANEL-07")]
    [Trait("Rule", "PANEL-08")]
    [Trait("Rule", "PANEL-09")]
    [Trait("Rule", "PANEL-10")]
    public void PANEL06_to_PANEL10_the_aftercare_actions_are_offered_from_the_decision_sheet_on()
    {
        var e = _seeds.Assessed();
        Assert.True(e.CheckPermitted(EpisodeAction.RecordServiceDisagreement).IsRefused);
        Ok(PanelFixtures.Refer(e, Teacher));
        _seeds.Time.Advance(TimeSpan.FromDays(9));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));

        var offered = e.GetAvailableActions(Teacher).Where(a => a.IsPermitted).Select(a => a.Action).ToArray();
        Assert.Contains(EpisodeAction.RequestReHearing, offered);
        Assert.Contains(EpisodeAction.ReturnFromWaitingList, offered);
        Assert.Contains(EpisodeAction.RecordAllocationAudit, offered);
        Assert.Contains(EpisodeAction.RecordDecisionSharedWithFamily, offered);
        Assert.Contains(EpisodeAction.RecordServiceDisagreement, offered);
        Assert.Contains(EpisodeAction.ReportProgressToPanel, offered);
    }

}
