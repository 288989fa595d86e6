using System;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.StepDown;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck.Xunit;

namespace Caf.Core.Tests.StepDown;

/// <summary>
/// STEP-04 (002 §3 operating principles and process for specialist services, 4): CAMHS steps a nine-year-old down and her
/// mother asks for a step-down TAC meeting. The agencies honour the request: the potential CAF goes on to no assessment,
/// plan or closure without the TAC's decision; children's social care's final child-in-need review may stand as that TAC,
/// and the plan it agreed becomes the CAF action plan. STEP-03 in the "what next" answer: choosing the next step directly
/// is never offered on a potential CAF.
/// </summary>
public class StepDownTacRequestTests
{
    private static readonly FamilyAgreement MumAgreed = new("Mum agreed at the final child-in-need review.");

    private static (Seeds Seeds, CafEpisode Episode) SteppedDown(bool request)
    {
        var seeds = new Seeds();
        var e = CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown());
        Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to share the step-down information and plan."));
        if (request)
        {
            Seeds.Ok(e.RequestStepDownTac(Seeds.Teacher, "Mrs Smith, Amy's mother", global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility, "Mum wants everyone round the table before CAMHS closes."));
        }

        return (seeds, e);
    }

    private static StepDownTacDecision Continue(Seeds seeds) =>
        StepDownTacDecision.ContinueWith(Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), CafCatalogue.Supervisor, MumAgreed, EpisodePlans.MultiAgency(seeds.Today), true, true);

    [Fact]
    [Trait("Rule", "STEP-04")]
    public void STEP04_the_familys_request_is_recorded_and_nothing_but_the_TACs_decision_goes_on()
    {
        var (seeds, e) = SteppedDown(request: true);

        Assert.Equal("Mrs Smith, Amy's mother", e.StepDownTacRequest!.RequestedBy);
        var start = e.StartAssessment(Seeds.Teacher, "Assess anyway.");
        Assert.Equal(("STEP-04", "stepDownTac"), (start.Refusal.RuleId, start.Refusal.Field));
        Assert.Equal("STEP-04", e.CheckPermitted(EpisodeAction.Close).Refusal.RuleId);
        Assert.Equal("STEP-04", e.CheckPermitted(EpisodeAction.StartAssessment).Refusal.RuleId);
        Assert.Equal(EpisodeState.PotentialFromStepDown, e.State);

        Seeds.Ok(e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds), "The TAC met as the family asked: ongoing support."));

        Assert.Equal(EpisodeState.PlanActive, e.State);
        Assert.NotNull(EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(e)).StepDownTacRequest);
    }

    [Fact]
    [Trait("Rule", "STEP-04")]
    public void STEP04_without_a_request_an_assessment_can_still_start_and_a_request_is_recorded_once_with_who_asked()
    {
        var (_, e) = SteppedDown(request: false);
        Assert.True(e.CheckPermitted(EpisodeAction.StartAssessment).IsSuccess);

        Assert.Equal(("STEP-04", "requestedBy"), (e.RequestStepDownTac(Seeds.Teacher, " ", global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility, "Why.").Refusal.RuleId, e.RequestStepDownTac(Seeds.Teacher, " ", global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility, "Why.").Refusal.Field));
        Seeds.Ok(e.RequestStepDownTac(Seeds.Teacher, "Mrs Smith", global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility, "Wants a meeting."));
        Assert.Equal("STEP-04", e.RequestStepDownTac(Seeds.Teacher, "Mrs Smith", global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility, "Again.").Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "STEP-04")]
    public void STEP04_a_request_is_only_for_a_potential_CAF_from_step_down()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();

        Assert.Equal("LIFE-12", e.RequestStepDownTac(Seeds.Teacher, "Mrs Smith", global::Caf.Core.Consent.ConsentGiverRole.ParentWithParentalResponsibility, "Wants a meeting.").Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "STEP-04")]
    public void STEP04_the_final_child_in_need_review_stands_as_the_TAC_and_its_plan_becomes_the_CAF_action_plan()
    {
        var (seeds, e) = SteppedDown(request: true);
        var plan = EpisodePlans.MultiAgency(seeds.Today);

        Seeds.Ok(e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds) with { HeldAs = SpecialistClosingMeeting.FinalChildInNeedReview },
            "The final child-in-need review stood as the step-down TAC."));

        var read = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(e));
        Assert.Equal(SpecialistClosingMeeting.FinalChildInNeedReview, read.StepDownTacDecision!.HeldAs);
        Assert.Equal(1, read.Plan!.Version);
        Assert.Equal(plan.Actions.Select(a => a.Id), read.Plan.Actions.Select(a => a.Id));
        Assert.Equal(EpisodeState.PlanActive, read.State);
    }

    [Fact]
    [Trait("Rule", "STEP-04")]
    public void STEP04_the_closing_meeting_can_also_close_the_potential_CAF_as_the_TAC()
    {
        var (_, e) = SteppedDown(request: true);

        Seeds.Ok(e.RecordStepDownTacDecision(Seeds.Teacher, StepDownTacDecision.Close(true, true) with { HeldAs = SpecialistClosingMeeting.FinalChildProtectionReview },
            "No further TAC intervention is required."));

        Assert.Equal(EpisodeState.Closed, e.State);
        var undefined = StepDownTacDecision.Close(true, true) with { HeldAs = (SpecialistClosingMeeting)9 };
        var (_, other) = SteppedDown(request: true);
        Assert.Equal("STEP-04", other.RecordStepDownTacDecision(Seeds.Teacher, undefined, "No further TAC.").Refusal.RuleId);
    }

    /// <summary>
    /// STEP-04 as an invariant: whatever is tried, in any order, after the family asked for a TAC meeting, the potential CAF
    /// has no plan and no closure (other than a step-up, LIFE-04) unless the TAC's decision is recorded.
    /// </summary>
    [Property(MaxTest = 80)]
    [Trait("Rule", "STEP-04")]
    public bool STEP04_after_a_request_no_plan_or_closure_comes_without_the_TACs_decision(byte[] tries)
    {
        var (seeds, e) = SteppedDown(request: true);
        foreach (var t in (tries ?? []).Take(8))
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            _ = (t % 6) switch
            {
                0 => e.StartAssessment(Seeds.Teacher, "Assess."),
                1 => e.ChooseNextStep(Seeds.Teacher, NextStep.MultiAgencySupport, "Support."),
                2 => e.ChooseNextStep(Seeds.Teacher, NextStep.NoFurtherAction, "Nothing more."),
                3 => e.Close(Seeds.Teacher, new ClosureRequest { Criteria = [ClosureCriterion.FamilyNoLongerWantInvolvement], OutcomeCode = "resolved-other", HowWillYouKnow = "Progress is satisfactory.", Explanation = "Done.", FamilyWish = "Mum wants to stop." }),
                4 => e.AgreePlan(Seeds.Teacher, EpisodePlans.MultiAgency(seeds.Today), "Plan."),
                _ => e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds), "The TAC met."),
            };
            if ((e.Plan is not null || e.Closure is not null || e.AssessmentStartedAt is not null) && e.StepDownTacDecision is null)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    [Trait("Rule", "STEP-03")]
    public void STEP03_what_next_never_offers_choosing_the_next_step_on_a_potential_CAF_the_TAC_decides()
    {
        var (_, e) = SteppedDown(request: false);

        foreach (var actions in new[] { e.GetAvailableActions(), e.GetAvailableActions(Seeds.Teacher) })
        {
            var choose = actions.Single(a => a.Action == EpisodeAction.ChooseSupport);
            var nothing = actions.Single(a => a.Action == EpisodeAction.ChooseNoFurtherAction);
            Assert.Equal(("STEP-03", "STEP-03"), (choose.Refusal?.RuleId, nothing.Refusal?.RuleId));
            Assert.True(actions.Single(a => a.Action == EpisodeAction.ContinueAfterStepDownTac).IsPermitted);
        }

        Assert.DoesNotContain(EpisodeAction.ChooseSupport, e.PermittedActions);
        Assert.DoesNotContain(EpisodeAction.ChooseNoFurtherAction, e.PermittedActions);
    }
}
