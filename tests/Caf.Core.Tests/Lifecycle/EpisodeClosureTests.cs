using System;
using System.Linq;
using System.Text.Json;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.StepDown;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>Closing the CAF (002 §9) and stepping down (002 §3) on the episode, checked against its history.</summary>
public class EpisodeClosureTests
{
    private readonly Seeds _seeds = new();

    private static (string, string) Of(Result r) => (r.Refusal.RuleId, r.Refusal.Field);

    private CafEpisode Reviewed(ReviewRecordKind kind)
    {
        var e = _seeds.PlanActive();
        _seeds.Time.Advance(TimeSpan.FromDays(42));
        var review = kind switch
        {
            ReviewRecordKind.MostAchieved => EpisodePlans.Closing(e.Plan!, _seeds.Today),
            ReviewRecordKind.OneOfTwoAchieved => EpisodePlans.Review(e.Plan!, _seeds.Today, Caf.Core.Lifecycle.ReviewProgress.Sufficient, Caf.Core.Planning.ActionProgress.Done, "attendance"),
            _ => EpisodePlans.Review(e.Plan!, _seeds.Today, Caf.Core.Lifecycle.ReviewProgress.Insufficient),
        };
        Ok(e.HoldReview(HealthVisitor, review));
        return e;
    }

    public enum ReviewRecordKind
    {
        MostAchieved,
        OneOfTwoAchieved,
        Insufficient,
    }

    [Trait("Rule", "CLOSE-C1")]
    [Fact]
    public void CLOSEC1_at_a_review_most_of_the_intended_outcomes_in_the_plan_have_been_achieved()
    {
        var half = Reviewed(ReviewRecordKind.OneOfTwoAchieved);
        Assert.Equal(("CLOSE-C1", "criteria[0]"), Of(half.Close(HealthVisitor, EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency"))));

        var most = Reviewed(ReviewRecordKind.MostAchieved);
        Ok(most.Close(HealthVisitor, EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency")));
        Assert.Equal(ClosureCategory.Resolved, most.ClosureDecision!.Category);
    }

    [Trait("Rule", "CLOSE-C2")]
    [Fact]
    public void CLOSEC2_the_family_no_longer_want_to_be_involved_and_the_childs_progress_is_satisfactory()
    {
        var request = new ClosureRequest
        {
            Criteria = [ClosureCriterion.FamilyNoLongerWantInvolvement],
            OutcomeCode = "resolvedMultiAgency",
            HowWillYouKnow = "Mum says mornings are fine now and she no longer wants the CAF.",
            FamilyWish = "Ms Smith told the review she no longer wants to be involved with the CAF.",
        };

        var stuck = Reviewed(ReviewRecordKind.Insufficient);
        Assert.Equal("CLOSE-C2", stuck.Close(HealthVisitor, request).Refusal.RuleId);
        var fine = Reviewed(ReviewRecordKind.OneOfTwoAchieved);
        Assert.Equal(("CLOSE-C2", "familyWish"), Of(fine.Close(HealthVisitor, request with { FamilyWish = null })));
        Ok(fine.Close(HealthVisitor, request));
    }

    [Trait("Rule", "CLOSE-C3")]
    [Fact]
    public void CLOSEC3_the_lead_professional_concludes_with_the_other_relevant_practitioners()
    {
        var e = _seeds.PlanActive();

        var withoutSchool = e.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor));
        Assert.Equal(("CLOSE-C3", "practitionersAgreement.practitioners"), Of(withoutSchool));
        Assert.Contains(TestIds.Teacher.Value, withoutSchool.Refusal.Message, StringComparison.Ordinal);
        Ok(e.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor, TestIds.Teacher)));
    }

    [Trait("Rule", "CLOSE-C4")]
    [Fact]
    public void CLOSEC4_the_young_person_at_age_19_is_transferred_to_adult_services_with_their_agreement()
    {
        var request = new ClosureRequest
        {
            Criteria = [ClosureCriterion.TransferredToAdultServices],
            OutcomeCode = "resolvedOther",
            HowWillYouKnow = "Jo is settled with the adult learning disability team.",
            Explanation = "Transferred to adult services.",
            AdultServicesTransfer = new("Adult learning disability team", youngPersonAgreed: true),
        };
        var eighteen = CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-jo"), new ChildDetails(new ChildId("child-jo"), DateOnly.FromDateTime(Start.Date).AddYears(-18)), Teacher, "Transition.");
        Assert.Equal("CLOSE-C4", eighteen.Close(Teacher, request).Refusal.RuleId);

        var nineteen = CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-jo2"), new ChildDetails(new ChildId("child-jo2"), DateOnly.FromDateTime(Start.Date).AddYears(-19)), Teacher, "Transition.");
        Assert.Equal(("CLOSE-C4", "adultServicesTransfer.youngPersonAgreed"), Of(nineteen.Close(Teacher, request with { AdultServicesTransfer = new("Adult services", false) })));
        Ok(nineteen.Close(Teacher, request));
    }

    [Trait("Rule", "CLOSE-01")]
    [Trait("Rule", "CLOSE-02")]
    [Fact]
    public void CLOSE01_CLOSE02_family_and_single_service_outcomes_follow_who_owned_the_actions()
    {
        var family = _seeds.Assessed();
        Ok(family.ChooseNextStep(Teacher, NextStep.FamilyAction, "Mum will lead."));
        Ok(family.AgreePlan(Teacher, EpisodePlans.FamilyOnly(_seeds.Today), "Mum and Amy agreed the routines."));
        Assert.Equal("CLOSE-02", family.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedSingleService", TestIds.Teacher)).Refusal.RuleId);
        Ok(family.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedFamilyActions", TestIds.Teacher)));
        Assert.Equal(("CLOSE-01", ClosureOutcome.ResolvedFamilyActions), (family.Closure!.RuleId, family.Closure.Outcome));

        var single = new Seeds();
        var s = single.Assessed();
        Ok(s.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school can meet the needs."));
        Ok(s.AgreePlan(Teacher, EpisodePlans.SingleService(single.Today), "The school and Mum agreed."));
        Assert.Equal("CLOSE-01", s.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedFamilyActions", TestIds.Teacher)).Refusal.RuleId);
        Ok(s.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedSingleService", TestIds.Teacher)));
    }

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_the_lead_professional_records_the_closure_or_their_supervisor_where_the_options_allow()
    {
        var request = EpisodePlans.PractitionersAgree("resolvedMultiAgency", TestIds.HealthVisitor, TestIds.Teacher);
        var e = _seeds.PlanActive();                                    // LP: the health visitor, confirmed by pr-supervisor
        Assert.Equal(("CLOSE-08", "closingBy"), Of(e.Close(Teacher, request)));
        Assert.Equal(("CLOSE-08", "howWillYouKnow"), Of(e.Close(HealthVisitor, request with { HowWillYouKnow = " " })));
        Assert.Equal(("CLOSE-08", "criteria"), Of(e.Close(HealthVisitor, request with { Criteria = [] })));
        Assert.Equal(3, e.ClosureProblems(Teacher, request with { HowWillYouKnow = "", Criteria = [] }).Length);
        var supervisor = new Actor(new PractitionerId("pr-supervisor"), TestIds.HealthVisiting);
        Ok(e.Close(supervisor, request));

        var options = new CafOptions();
        options.Closure.SupervisorMayCloseOnBehalfOfLeadProfessional = false;
        var strict = new Seeds(options).PlanActive();
        Assert.Equal("CLOSE-08", strict.Close(supervisor, request).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_an_authoritys_own_outcome_behaves_as_its_canonical_outcome()
    {
        var json = new ClosureTaxonomyLoader().DefaultJson().Replace(
            "\"outcomes\": [",
            "\"outcomes\": [ { \"code\": \"la.earlyHelpMet\", \"displayText\": \"Early help needs met (multi-agency)\", \"canonicalOutcome\": \"resolvedMultiAgency\", \"category\": \"resolved\" },",
            StringComparison.Ordinal);
        var taxonomy = new ClosureTaxonomyLoader().Load(json).Taxonomy;
        var seeds = new Seeds(new CafOptions(), taxonomy);
        var family = seeds.Assessed();
        Ok(family.ChooseNextStep(Teacher, NextStep.FamilyAction, "Mum will lead."));
        Ok(family.AgreePlan(Teacher, EpisodePlans.FamilyOnly(seeds.Today), "Agreed."));

        Assert.Equal("CLOSE-03", family.Close(Teacher, EpisodePlans.PractitionersAgree("la.earlyHelpMet", TestIds.Teacher)).Refusal.RuleId);
        var multi = new Seeds(new CafOptions(), taxonomy).PlanActive();
        Ok(multi.Close(HealthVisitor, EpisodePlans.PractitionersAgree("la.earlyHelpMet", TestIds.HealthVisitor, TestIds.Teacher)));
        Assert.Equal(("la.earlyHelpMet", ClosureOutcome.ResolvedMultiAgency, "CLOSE-03"), (multi.ClosureDecision!.Outcome.Code, multi.Closure!.Outcome, multi.Closure.RuleId));
        Assert.Equal("CLOSE-10", _seeds.PlanActive().Close(HealthVisitor, EpisodePlans.PractitionersAgree("la.earlyHelpMet", TestIds.HealthVisitor, TestIds.Teacher)).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-06")]
    [Trait("Rule", "CLOSE-07")]
    [Fact]
    public void CLOSE06_CLOSE07_overridden_and_stepped_up_are_recorded_by_their_own_commands_not_by_closing()
    {
        var e = _seeds.PlanActive();
        Assert.Equal("CLOSE-06", e.Close(HealthVisitor, EpisodePlans.PractitionersAgree("consentOverridden", TestIds.HealthVisitor, TestIds.Teacher)).Refusal.RuleId);
        Assert.Equal("CLOSE-07", e.Close(HealthVisitor, EpisodePlans.PractitionersAgree("steppedUp", TestIds.HealthVisitor, TestIds.Teacher)).Refusal.RuleId);
        Ok(e.StepUp(HealthVisitor, new SpecialistService("Children's social care"), "Disclosure of significant harm."));
        Assert.Equal("CLOSE-07", e.Closure!.RuleId);
    }

    [Trait("Rule", "CLOSE-09")]
    [Fact]
    public void CLOSE09_no_further_action_straight_after_assessment_closes_the_episode_as_resolved_other()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "Needs met by universal services."));
        Assert.Equal((ClosureOutcome.ResolvedOther, "CLOSE-09"), (e.Closure!.Outcome, e.Closure.RuleId));
    }

    [Trait("Rule", "STEP-01")]
    [Fact]
    public void STEP01_step_down_information_lacking_core_items_is_refused_naming_every_missing_item()
    {
        var partial = EpisodePlans.StepDown() with { HolisticViewOfNeeds = null, NeedsFamilyWantToWorkOn = " ", FamilyConsentsToShare = false };

        var ex = Assert.Throws<ArgumentException>(() =>
            CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, partial));

        Assert.Equal("information", ex.ParamName);
        Assert.Contains("[STEP-01]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("familyConsentsToShare, holisticViewOfNeeds, needsFamilyWantToWorkOn", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "STEP-02")]
    [Fact]
    public void STEP02_the_step_down_document_takes_the_place_of_the_assessment()
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());

        Assert.Equal(StepDownDocumentType.CamhsWorkCompletedLetter, e.StepDown!.DocumentType);
        Assert.Null(e.AssessmentDueBy);
        _seeds.Time.Advance(TimeSpan.FromDays(90));
        Assert.False(e.IsAssessmentOverdue);
    }

    [Trait("Rule", "STEP-03")]
    [Fact]
    public void STEP03_a_step_down_TAC_closes_the_potential_CAF_with_its_minimum_outcome_recorded()
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());

        Assert.Equal(("STEP-03", "learningShared"), Of(e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(false, true), "x")));
        Assert.Equal(("STEP-03", "familyKnowWhoToGoTo"), Of(e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(true, false), "x")));
        Ok(e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(true, true), "No further TAC intervention is required."));

        Assert.Equal((EpisodeState.Closed, "STEP-03", ClosureOutcome.ResolvedOther), (e.State, e.Closure!.RuleId, e.Closure.Outcome));
        Assert.True(e.StepDownTacDecision!.LearningShared);
    }

    [Trait("Rule", "STEP-03")]
    [Fact]
    public void STEP03_a_step_down_TAC_continues_with_the_confirmed_lead_professional_and_action_plan()
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());
        var decision = StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(HealthVisitor), CafCatalogue.Supervisor, new FamilyAgreement("Mum agreed at the step-down meeting."), EpisodePlans.MultiAgency(_seeds.Today), true, true);
        Assert.Equal("LIFE-05", e.RecordStepDownTacDecision(Teacher, decision, "Ongoing support is required.").Refusal.RuleId); // consent first
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to share the plan with the TAC."));
        var camhs = StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(CafCatalogue.CamhsWorker), CafCatalogue.Supervisor, new FamilyAgreement("Mum agreed at the step-down meeting."), EpisodePlans.MultiAgency(_seeds.Today), true, true);
        Assert.Equal("LP-11", e.RecordStepDownTacDecision(Teacher, camhs, "CAMHS leads.").Refusal.RuleId);

        Ok(e.RecordStepDownTacDecision(Teacher, decision, "Ongoing support is required: the health visitor leads."));

        Assert.Equal(EpisodeState.PlanActive, e.State);
        Assert.Equal((TestIds.HealthVisitor, false), (e.LeadProfessional.Practitioner, e.LeadProfessional.IsInterim));
        Assert.Equal(1, e.Plan!.Version);
        Assert.Null(e.AssessmentStartedAt);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Snapshots_of_schema_version_1_are_refused_with_a_message_that_says_so()
    {
        var json = EpisodeJson.Serialize(_seeds.PlanActive()).Replace($"\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion}", "\"schemaVersion\":1", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, json));

        Assert.Equal("$.schemaVersion", ex.Path);
        Assert.Contains("schema version 1 is no longer read", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be upgraded", ex.Message, StringComparison.Ordinal);
    }
}
