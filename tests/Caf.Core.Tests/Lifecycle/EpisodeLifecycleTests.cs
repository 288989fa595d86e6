using System;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

public class EpisodeLifecycleTests
{
    private readonly Seeds _seeds = new();

    [Trait("Rule", "LIFE-01")]
    [Fact]
    public void LIFE01_identifying_a_concern_opens_an_episode_with_the_opener_as_interim_LP()
    {
        var e = _seeds.Identified();

        Assert.Equal(EpisodeState.Identified, e.State);
        Assert.True(e.IsOpen);
        var opening = Assert.IsType<ConcernIdentified>(Assert.Single(e.Events));
        Assert.Equal(Start, opening.OccurredAt);
        Assert.Equal(Teacher, opening.Actor);
        Assert.True(e.LeadProfessional.IsInterim);                 // LP-01
        Assert.Equal(Teacher.Practitioner, e.LeadProfessional.Practitioner);
    }

    [Trait("Rule", "LIFE-02")]
    [Fact]
    public void LIFE02_step_down_registers_a_potential_CAF_with_the_family_LP_preference()
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher,
            EpisodePlans.StepDown("Children's social care"), new PractitionerId("pr-youth-worker"));

        Assert.Equal(EpisodeState.PotentialFromStepDown, e.State);
        Assert.Equal("Children's social care", e.SteppingDownService);
        Assert.Null(e.AssessmentDueBy);   // LIFE-06: the step-down information takes the place of the assessment (until one is started)
        Assert.False(e.IsAssessmentOverdue);
        Assert.Equal(new PractitionerId("pr-youth-worker"), e.FamilyPreferredLeadProfessional);
    }

    [Trait("Rule", "LIFE-05")]
    [Fact]
    public void LIFE05_assessment_cannot_start_without_consent_and_the_episode_is_unchanged()
    {
        var e = _seeds.Identified();
        var before = e.Version;

        var result = e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family.");

        Assert.True(result.IsRefused);
        Assert.Equal("LIFE-05", result.Refusal.RuleId);
        Assert.Equal("consent", result.Refusal.Field);
        Assert.Equal(EpisodeState.Identified, e.State);
        Assert.Equal(before, e.Version);
    }

    [Trait("Rule", "LIFE-05")]
    [Fact]
    public void LIFE05_verbal_consent_is_enough_to_start()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherVerbal(), "Consent to assess and share with partner agencies."));

        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));

        Assert.Equal(EpisodeState.Assessing, e.State);
        Assert.Equal(Start, e.AssessmentStartedAt);
    }

    [Trait("Rule", "LIFE-06")]
    [Fact]
    public void LIFE06_an_overdue_assessment_is_reported_not_blocked()
    {
        var e = _seeds.Assessing();
        Assert.False(e.IsAssessmentOverdue);

        _seeds.Time.Advance(TimeSpan.FromDays(32));

        Assert.True(e.IsAssessmentOverdue);
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Assert.False(e.IsAssessmentOverdue);
    }

    [Trait("Rule", "THR-07")]
    [Fact]
    public void THR07_the_episode_records_the_framework_id_and_version()
    {
        var e = _seeds.Assessed();
        Assert.Equal(("default", "1.0.0", ThresholdLevel.Complex), (e.Assessment!.FrameworkId, e.Assessment.FrameworkVersion, e.Assessment.Level));
    }

    [Trait("Rule", "LIFE-07")]
    [Fact]
    public void LIFE07_no_further_action_after_assessment_closes_as_resolved_other_CLOSE09()
    {
        var e = _seeds.Assessed();

        Ok(e.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "Needs met by universal services."));

        Assert.Equal(EpisodeState.Closed, e.State);
        Assert.Equal(ClosureOutcome.ResolvedOther, e.Closure!.Outcome);
        Assert.Equal("CLOSE-09", e.Closure.RuleId);
    }

    [Trait("Rule", "LIFE-07")]
    [Fact]
    [Trait("Rule", "CONS-04")]
    [Trait("Rule", "PANEL-02")]
    public void LIFE07_panel_referral_needs_written_consent_CONS04()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherVerbal(), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));

        var refused = Caf.Core.Tests.Panels.PanelFixtures.Refer(e, Teacher);
        Assert.Equal("CONS-04", refused.Refusal.RuleId);

        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(e, Teacher));
        Assert.Equal(EpisodeState.PanelReferred, e.State);
    }

    [Trait("Rule", "LIFE-08")]
    [Fact]
    public void LIFE08_multi_agency_support_cannot_agree_a_plan_without_an_appointed_LP()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "School and health involved."));

        var result = e.AgreePlan(Teacher, EpisodePlans.SingleService(_seeds.Today), "Agreed at the TAC.");

        Assert.Equal("LIFE-08", result.Refusal.RuleId);
        Assert.Equal(EpisodeState.Assessed, e.State);
    }

    [Trait("Rule", "LP-02")]
    [Fact]
    public void LP02_more_than_one_service_needs_an_appointed_LP()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "School only, at first."));

        var result = e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "Agreed at the TAC.");

        Assert.Equal("LP-02", result.Refusal.RuleId);
    }

    [Trait("Rule", "LP-05")]
    [Trait("Rule", "LP-06")]
    [Fact]
    public void LP05_LP06_appointment_needs_supervisor_confirmation_and_family_agreement()
    {
        var e = _seeds.Assessed();
        var supervisor = new PractitionerId("pr-supervisor");

        Assert.Equal("LP-06", e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), null, new FamilyAgreement("agreed"), "why").Refusal.RuleId);
        Assert.Equal("LP-05", e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), supervisor, null, "why").Refusal.RuleId);
        Assert.True(e.LeadProfessional.IsInterim);

        Ok(e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), supervisor, new FamilyAgreement("Mother agreed"), "Weekly contact."));
        Assert.False(e.LeadProfessional.IsInterim);
        Assert.Equal(supervisor, e.LeadProfessional.ConfirmedBySupervisor);
    }

    [Trait("Rule", "LP-10")]
    [Fact]
    public void LP10_handover_keeps_the_history_of_lead_professionals()
    {
        var e = _seeds.PlanActive();
        Ok(e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.Teacher, TestIds.School), new PractitionerId("pr-head"), new FamilyAgreement("Family agreed"), "Transition to secondary school."));

        Assert.Equal(3, e.LeadProfessionalHistory.Length);
        Assert.True(e.LeadProfessionalHistory[0].IsInterim);
        Assert.Equal(TestIds.HealthVisitor, e.LeadProfessionalHistory[1].Practitioner);
        Assert.Equal(TestIds.Teacher, e.LeadProfessional.Practitioner);
    }

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_an_excluded_agency_can_never_be_appointed()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.HealthVisiting), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));

        var result = e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-s"), new FamilyAgreement("agreed"), "why");

        Assert.Equal("LP-11", result.Refusal.RuleId);
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "Health only."));
        var healthOnly = EpisodePlans.Plan(_seeds.Today, EpisodePlans.Health(_seeds.Today.AddDays(28)));
        Assert.Equal("SHARE-01", e.AgreePlan(Teacher, healthOnly, "Health only.").Refusal.RuleId);
    }

    [Trait("Rule", "LIFE-09")]
    [Fact]
    public void LIFE09_reviews_are_held_while_the_plan_is_active_and_need_a_next_date_REV02()
    {
        var e = _seeds.PlanActive();

        var review = EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient);
        var noDate = e.HoldReview(HealthVisitor, review with { NextReviewDue = null });
        Assert.Equal("REV-02", noDate.Refusal.RuleId);
        Assert.Equal("nextReviewDue", noDate.Refusal.Field);
        Ok(e.HoldReview(HealthVisitor, review with { NextReviewDue = new DateOnly(2026, 7, 1) }));

        Assert.Equal(1, e.ReviewCount);
        Assert.Equal(new DateOnly(2026, 7, 1), e.NextReviewDue);
    }

    [Trait("Rule", "REV-03")]
    [Fact]
    public void REV03_after_four_insufficient_reviews_the_assessment_must_be_reconsidered()
    {
        var e = _seeds.PlanActive();
        for (var i = 0; i < 4; i++)
        {
            _seeds.Time.Advance(TimeSpan.FromDays(42));
            Ok(e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Insufficient)));
        }

        Assert.True(e.IsReassessmentRequired);
        var fifth = e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Insufficient));
        Assert.Equal("REV-03", fifth.Refusal.RuleId);

        Ok(e.RequireReassessment(HealthVisitor, "Four reviews without progress."));
        Assert.Equal(EpisodeState.Assessing, e.State);
        Assert.True(e.IsReassessmentRequired); // until a new plan is agreed
    }

    [Trait("Rule", "REV-05")]
    [Fact]
    public void REV05_an_overdue_review_is_detectable()
    {
        var e = _seeds.PlanActive();
        Assert.False(e.IsReviewOverdue);
        _seeds.Time.Advance(TimeSpan.FromDays(90));
        Assert.True(e.IsReviewOverdue);
    }

    [Trait("Rule", "LIFE-04")]
    [Theory]
    [InlineData(EpisodeState.Identified)]
    [InlineData(EpisodeState.Assessing)]
    [InlineData(EpisodeState.PlanActive)]
    public void LIFE04_significant_harm_at_any_stage_steps_up_and_closes(EpisodeState stage)
    {
        var e = stage switch
        {
            EpisodeState.Identified => _seeds.Identified(),
            EpisodeState.Assessing => _seeds.Assessing(),
            _ => _seeds.PlanActive(),
        };

        Ok(e.StepUp(Teacher, new SpecialistService("Children's social care (section 47)"), "Disclosure of significant harm."));

        Assert.Equal(EpisodeState.Closed, e.State);
        Assert.Equal(ClosureOutcome.SteppedUp, e.Closure!.Outcome);
    }

    [Trait("Rule", "CONS-07")]
    [Fact]
    public void CONS07_after_withdrawal_the_episode_can_only_close_as_consent_withdrawn()
    {
        var e = _seeds.PlanActive();
        Ok(e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "Family moving on.") { Name = "Ms Smith" }));

        Assert.Equal(EpisodeState.ConsentWithdrawn, e.State);
        Assert.Equal("LIFE-12", e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient)).Refusal.RuleId);
        var agree = EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor, TestIds.Teacher);
        Assert.Equal("CONS-07", e.Close(HealthVisitor, agree).Refusal.RuleId);

        Ok(e.Close(HealthVisitor, agree with { OutcomeCode = "consentWithdrawn" }));
        Assert.Equal(ClosureOutcome.ConsentWithdrawn, e.Closure!.Outcome);
    }

    [Trait("Rule", "CONS-06")]
    [Fact]
    public void CONS06_override_needs_consent_not_given_and_closes_as_overridden()
    {
        var given = _seeds.PlanActive();
        Assert.Equal("CONS-06", given.OverrideConsent(Teacher, new ConsentOverride("Risk", new PractitionerId("pr-dsl"))).Refusal.RuleId);

        var refused = _seeds.Identified();
        Ok(refused.RecordConsent(Teacher, MotherVerbal() with { Decision = ConsentDecision.Refused }, "Consent to assess and share with partner agencies."));
        Ok(refused.OverrideConsent(Teacher, new ConsentOverride("Escalating neglect concerns.", new PractitionerId("pr-dsl"))));

        Assert.Equal(ClosureOutcome.ConsentOverridden, refused.Closure!.Outcome);
        Assert.True(refused.Consent.IsOverridden);
    }

    [Theory]
    [InlineData("resolvedFamilyActions", "CLOSE-01")]
    [InlineData("resolvedSingleService", "CLOSE-02")]
    [InlineData("consentWithdrawn", "CLOSE-05")]
    [InlineData("consentOverridden", "CLOSE-06")]
    [InlineData("steppedUp", "CLOSE-07")]
    public void Closure_outcome_must_be_consistent_with_the_episode(string outcome, string rule)
    {
        var e = _seeds.PlanActive(); // two agencies, appointed LP, agency-owned actions
        var before = e.Version;

        var result = e.Close(HealthVisitor, EpisodePlans.PractitionersAgree(outcome, TestIds.HealthVisitor, TestIds.Teacher));

        Assert.Equal(rule, result.Refusal.RuleId);
        Assert.Equal(before, e.Version);
    }

    [Trait("Rule", "CLOSE-03")]
    [Fact]
    public void CLOSE03_multi_agency_closure_with_an_appointed_LP()
    {
        var e = _seeds.PlanActive();
        _seeds.Time.Advance(TimeSpan.FromDays(42));
        Ok(e.HoldReview(HealthVisitor, EpisodePlans.Closing(e.Plan!, _seeds.Today)));
        Ok(e.Close(HealthVisitor, EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency")));
        Assert.Equal("CLOSE-03", e.Closure!.RuleId);
        Assert.Equal(ClosureOutcome.ResolvedMultiAgency, e.Closure.Outcome);
        Assert.Equal([ClosureCriterion.MostOutcomesAchieved], e.ClosureDecision!.Criteria.ToArray());
    }

    [Trait("Rule", "LIFE-10")]
    [Fact]
    public void LIFE10_a_closed_episode_refuses_every_action_and_stays_unchanged()
    {
        var e = _seeds.PlanActive();
        Ok(e.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor, TestIds.Teacher)));
        var version = e.Version;

        Assert.All(e.GetAvailableActions(), a => Assert.Equal("LIFE-10", a.Refusal!.RuleId));
        Assert.Equal("LIFE-10", e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies.").Refusal.RuleId);
        Assert.Equal("LIFE-10", e.StepUp(Teacher, new SpecialistService("CSC"), "x").Refusal.RuleId);
        Assert.Equal(version, e.Version);
        Assert.Empty(e.PermittedActions);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void LIFE11_every_event_records_who_and_when()
    {
        var e = _seeds.PlanActive();
        Assert.All(e.Events, ev => Assert.False(ev.Actor.IsDefault));
        Assert.Equal(e.Events.OrderBy(ev => ev.OccurredAt), e.Events);
        Assert.All(e.Events, ev => Assert.Equal(e.Id, ev.EpisodeId));
    }

    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void LIFE12_a_request_the_state_does_not_permit_says_where_it_is_possible()
    {
        var e = _seeds.Identified();

        var result = e.AgreePlan(Teacher, EpisodePlans.SingleService(_seeds.Today), "Agreed.");

        Assert.Equal("LIFE-12", result.Refusal.RuleId);
        Assert.Contains("\"Assessment completed, next step being chosen\" or \"Referred to a panel\"", result.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UI_port_lists_permitted_actions_and_the_reason_for_each_refused_one()
    {
        var e = _seeds.Identified();

        var actions = e.GetAvailableActions();

        Assert.Equal(Enum.GetValues<EpisodeAction>().Length, actions.Length);
        Assert.Equal("LIFE-05", actions.Single(a => a.Action == EpisodeAction.StartAssessment).Refusal!.RuleId);
        Assert.True(actions.Single(a => a.Action == EpisodeAction.RecordConsent).IsPermitted);
        Assert.Equal(actions.Where(a => a.IsPermitted).Select(a => a.Action), e.PermittedActions);
    }

    [Fact]
    public void Misuse_throws_at_the_boundary()
    {
        var e = _seeds.Identified();
        Assert.Throws<ArgumentException>(() => e.StartAssessment(default, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Assert.ThrowsAny<ArgumentException>(() => e.RecordConsent(Teacher, null!, "Consent to assess and share with partner agencies."));
        Assert.ThrowsAny<ArgumentException>(() => e.ChooseNextStep(Teacher, (NextStep)4, "x"));
        Assert.ThrowsAny<ArgumentException>(() => CafEpisode.IdentifyConcern(_seeds.Policy, default, NineYearOld, Teacher, "x"));
        Assert.ThrowsAny<ArgumentException>(() => CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("e"), NineYearOld, Teacher, " "));
    }
    [Fact]
    [Trait("Rule", "PLAN-01")]
    public void PLAN01_a_plan_states_its_intended_outcomes_in_the_familys_words()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.FamilyAction, "Family routines."));
        var plan = EpisodePlans.FamilyOnly(_seeds.Today);

        var none = e.AgreePlan(Teacher, plan with { Outcomes = [], Actions = [plan.Actions[0] with { Serves = [] }] }, "Agreed.");
        var unanswered = e.AgreePlan(Teacher, plan with { Outcomes = [EpisodePlans.Attendance with { HowWillYouKnow = "" }, EpisodePlans.Weight] }, "Agreed.");

        Assert.Equal(("PLAN-01", "outcomes"), (none.Refusal.RuleId, none.Refusal.Field));
        Assert.Equal(("PLAN-01", "outcomes[0].howWillYouKnow"), (unanswered.Refusal.RuleId, unanswered.Refusal.Field));
        Assert.Equal(EpisodeState.Assessed, e.State);
    }

    [Fact]
    [Trait("Rule", "PLAN-02")]
    [Trait("Rule", "PLAN-03")]
    public void PLAN02_PLAN03_actions_are_identified_against_an_owner_and_the_plan_records_strengths_and_views()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.FamilyAction, "Family routines."));
        var plan = EpisodePlans.FamilyOnly(_seeds.Today);

        Assert.Equal(("PLAN-02", "actions"), Of(e.AgreePlan(Teacher, plan with { Actions = [] }, "Agreed.")));
        Assert.Equal(("PLAN-02", "reviewArrangements.firstReviewDue"),
            Of(e.AgreePlan(Teacher, plan with { ReviewArrangements = new(_seeds.Today, Caf.Core.Planning.ReviewForm.Meeting) }, "Agreed.")));
        Assert.Equal(("PLAN-03", "familyStrengths"), Of(e.AgreePlan(Teacher, plan with { FamilyStrengths = [] }, "Agreed.")));
        Assert.Equal(("PLAN-03", "childsViews"), Of(e.AgreePlan(Teacher, plan with { ChildsViews = " " }, "Agreed.")));
        Assert.Equal(("PLAN-02", "plan.agreedOn"), Of(e.AgreePlan(Teacher, plan with { AgreedOn = _seeds.Today.AddDays(1), ReviewArrangements = new(_seeds.Today.AddDays(40), Caf.Core.Planning.ReviewForm.Visit) }, "Agreed.")));
        Assert.Equal(EpisodeState.Assessed, e.State);

        Ok(e.AgreePlan(Teacher, plan, "Mum will lead the changes; agreed at the TAC meeting."));
        Assert.True(e.Plan!.OwnedByFamilyOrChildOnly);
        Assert.Equal(1, e.Plan.Version);
        Assert.Equal("Mum will lead the changes; agreed at the TAC meeting.", ((PlanAgreed)e.Events[^1]).Reason); // LIFE-11
    }

    private static (string, string) Of(Caf.Core.Primitives.Result r) => (r.Refusal.RuleId, r.Refusal.Field);

    [Fact]
    [Trait("Rule", "STEP-02")]
    [Trait("Rule", "STEP-03")]
    public void STEP02_STEP03_a_step_down_TAC_chooses_ongoing_support_without_a_new_assessment()
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());
        var decision = Caf.Core.StepDown.StepDownTacDecision.ContinueWith(Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), CafCatalogue.Supervisor,
            new FamilyAgreement("Mum agreed at the step-down meeting."), EpisodePlans.MultiAgency(_seeds.Today), true, true);
        Assert.Equal("LIFE-05", e.RecordStepDownTacDecision(Teacher, decision, "ongoing").Refusal.RuleId);
        Ok(e.RecordConsent(Teacher, MotherVerbal(), "Consent to assess and share with partner agencies."));

        Ok(e.RecordStepDownTacDecision(Teacher, decision, "The health visitor continues the work CAMHS started."));

        Assert.Equal(EpisodeState.PlanActive, e.State);
        Assert.Null(e.AssessmentStartedAt); // the step-down document took the place of the assessment
    }

    [Fact]
    [Trait("Rule", "STEP-03")]
    public void STEP03_a_step_down_TAC_deciding_no_further_TAC_closes_the_potential_CAF()
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown("YOS"));

        Ok(e.RecordStepDownTacDecision(Teacher, Caf.Core.StepDown.StepDownTacDecision.Close(true, true), "Learning shared; the family know who to go to."));

        Assert.Equal(EpisodeState.Closed, e.State);
        Assert.Equal("STEP-03", e.Closure!.RuleId);
    }

    [Fact]
    [Trait("Rule", "PANEL-01")]
    [Trait("Rule", "PANEL-07")]
    public void PANEL01_PANEL07_a_panel_referral_and_a_re_referral_from_an_active_plan()
    {
        var e = _seeds.PlanActive(); // written consent

        Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(e, Teacher));

        Assert.Equal(EpisodeState.PanelReferred, e.State);
        Assert.Equal("north", e.CurrentPanelReferral!.Referral.Area);
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead,
            EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "The plan follows the panel's allocations."));
        Assert.Equal(EpisodeState.PlanActive, e.State);
        Assert.Equal(2, e.Plans.Versions.Length);
    }

    [Fact]
    [Trait("Rule", "CLOSE-04")]
    [Trait("Rule", "CLOSE-08")]
    public void CLOSE04_CLOSE08_closure_records_the_written_decision_and_resolved_other_needs_one()
    {
        var e = _seeds.Identified();
        Assert.ThrowsAny<ArgumentException>(() => e.Close(Teacher, null!));
        var request = EpisodePlans.PractitionersAgree("resolvedOther", TestIds.Teacher);
        Assert.Equal(("CLOSE-04", "explanation"), Of(e.Close(Teacher, request with { Explanation = " " })));
        Assert.Equal(("CLOSE-08", "howWillYouKnow"), Of(e.Close(Teacher, request with { HowWillYouKnow = "" })));

        Ok(e.Close(Teacher, request));

        Assert.Equal("CLOSE-04", e.Closure!.RuleId);
        Assert.Equal(ClosureOutcome.ResolvedOther, e.Closure.Outcome);
        Assert.Contains("Family moved to a private school and declined support.", e.Closure.Reason, StringComparison.Ordinal);
        Assert.Equal(Start, e.Closure.ClosedAt);
    }
    [Fact]
    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "SHARE-04")]
    public void SHARE03_appointing_and_agreeing_the_plan_go_through_the_audited_sharing_service()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Many needs."));

        Assert.Equal("LP-11", e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(new PractitionerId("pr-camhs"), TestIds.Camhs), new PractitionerId("pr-s"), new FamilyAgreement("agreed"), "x").Refusal.RuleId);
        Ok(e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-s"), new FamilyAgreement("agreed"), "weekly"));
        var camhs = EpisodePlans.Plan(_seeds.Today, EpisodePlans.School(_seeds.Today.AddDays(28)), EpisodePlans.Camhs(_seeds.Today.AddDays(28)));
        Assert.Equal("SHARE-01", e.AgreePlan(Teacher, camhs, "x").Refusal.RuleId);
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "Agreed at the TAC meeting."));

        var log = _seeds.Audit.Entries;
        // The LP role: CAMHS refused, health granted (the school, interim LP, received the assessment it completed).
        Assert.Equal(2, log.Count(a => a.Purpose == SharingPurpose.LeadProfessional && a.Agency != TestIds.School));
        Assert.False(log.Single(a => a.Agency == TestIds.Camhs && a.Purpose == SharingPurpose.LeadProfessional).Decision.Granted);
        Assert.False(log.Single(a => a.Agency == TestIds.Camhs && a.Purpose == SharingPurpose.PlanDelivery).Decision.Granted);
        Assert.Equal(2, log.Count(a => a.Purpose == SharingPurpose.PlanDelivery && a.Decision.Granted)); // school and health, once each
        Assert.All(log, a => Assert.Equal(e.Id, a.Episode));
    }
    [Fact]
    [Trait("Rule", "LP-05")]
    [Trait("Rule", "LP-06")]
    public void LP05_LP06_a_nomination_becomes_the_appointment_once_confirmed_and_agreed_in_either_order()
    {
        var supervisor = new PractitionerId("pr-hv-team-lead");
        var first = _seeds.Assessed();
        Assert.Equal("LP-06", first.ConfirmNomination(Teacher, supervisor, "Has capacity on their caseload.").Refusal.RuleId);      // nobody nominated yet
        Assert.Equal("LP-05", first.RecordFamilyAgreement(Teacher, new FamilyAgreement("agreed")).Refusal.RuleId);

        Ok(first.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Sees the family weekly."));
        Ok(first.ConfirmNomination(Teacher, supervisor, "Has capacity on their caseload."));
        Assert.True(first.LeadProfessional.IsInterim);                                            // still waiting for the family
        Assert.Equal(supervisor, first.PendingNomination!.ConfirmedBySupervisor);
        Assert.Equal("LP-06", first.ConfirmNomination(Teacher, supervisor, "Has capacity on their caseload.").Refusal.RuleId);        // already confirmed
        Ok(first.RecordFamilyAgreement(Teacher, new FamilyAgreement("Mother and Amy agreed at the TAC meeting.")));

        var second = new Seeds().Assessed();
        Ok(second.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Sees the family weekly."));
        Ok(second.RecordFamilyAgreement(Teacher, new FamilyAgreement("Mother and Amy agreed at the TAC meeting.")));
        Ok(second.ConfirmNomination(Teacher, supervisor, "Has capacity on their caseload."));

        foreach (var e in new[] { first, second })
        {
            Assert.Null(e.PendingNomination);
            Assert.Equal((TestIds.HealthVisitor, false, supervisor), (e.LeadProfessional.Practitioner, e.LeadProfessional.IsInterim, e.LeadProfessional.ConfirmedBySupervisor!.Value));
            Assert.Equal("Mother and Amy agreed at the TAC meeting.", e.LeadProfessional.FamilyAgreement);
        }
    }

    [Fact]
    [Trait("Rule", "LP-11")]
    public void LP11_a_nominee_whose_agency_the_family_excludes_before_the_appointment_is_not_appointed()
    {
        var e = _seeds.Assessed();
        Ok(e.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Weekly contact."));
        Ok(e.ConfirmNomination(Teacher, new PractitionerId("pr-s"), "Has capacity on their caseload."));
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.HealthVisiting), "Consent to assess and share with partner agencies."));                      // the family changes its mind
        var version = e.Version;

        var result = e.RecordFamilyAgreement(Teacher, new FamilyAgreement("agreed"));

        Assert.Equal(("LP-11", "agency"), (result.Refusal.RuleId, result.Refusal.Field));
        Assert.Equal(version, e.Version);
        Assert.True(e.LeadProfessional.IsInterim);
        Assert.False(_seeds.Audit.Entries[^1].Decision.Granted);                                  // the refusal is audited (SHARE-04)
    }
}

