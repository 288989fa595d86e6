using System;
using System.Linq;
using Caf.Core.Primitives;
using FsCheck.Xunit;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Planning;

/// <summary>
/// PLAN-05 (002 §6): "Complete the assessment with the family and absent parent if it is possible and safe to do so. Make
/// sure that information recorded includes ... how they were involved with the drawing up of the action plan and the
/// reviewing process."
/// </summary>
public class InvolvementRecordTests
{
    [Fact]
    [Trait("Rule", "PLAN-05")]
    public void PLAN05_the_assessment_records_that_the_absent_father_was_not_involved_and_why()
    {
        var seeds = new Seeds();
        var e = seeds.Assessing();
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.NotInvolved("Not safe: a non-molestation order is in force."), "Needs identified."));

        Assert.False(e.AbsentParent!.Involved);
        Assert.Equal("Not safe: a non-molestation order is in force.", e.AbsentParent.WhyNot);
        Assert.Equal(e.AbsentParent, CafEpisode.Rebuild(seeds.Policy, e.Events).AbsentParent);
        Assert.Throws<ArgumentException>(() => AbsentParentInvolvement.NotInvolved(" "));
        Assert.True(AbsentParentInvolvement.WasInvolved.Involved);
    }

    [Fact]
    [Trait("Rule", "PLAN-05")]
    public void PLAN05_the_plan_and_each_review_record_how_Amy_was_involved()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school and Mum."));
        var plan = EpisodePlans.SingleService(seeds.Today) with { ChildInvolvement = "Amy chose her mentor and wrote the first outcome herself." };
        Ok(e.AgreePlan(Teacher, plan, "Agreed with Mum and Amy."));

        var review = EpisodePlans.Review(e.Plan!, seeds.Today, ReviewProgress.Sufficient) with { ChildInvolvement = "Amy joined the last ten minutes and rated her week." };
        Ok(e.HoldReview(Teacher, review));

        var rebuilt = CafEpisode.Rebuild(seeds.Policy, e.Events);
        Assert.Equal("Amy chose her mentor and wrote the first outcome herself.", rebuilt.Plan!.ChildInvolvement);
        Assert.Equal("Amy joined the last ten minutes and rated her week.", rebuilt.ReviewsOfCurrentPlan[^1].ChildInvolvement);
    }

    [Fact]
    [Trait("Rule", "PLAN-05")]
    public void PLAN05_an_involvement_recorded_blank_is_refused_for_the_plan_and_the_review()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school and Mum."));
        var refused = e.AgreePlan(Teacher, EpisodePlans.SingleService(seeds.Today) with { ChildInvolvement = " " }, "Agreed.");
        Assert.Equal(("PLAN-05", "plan.childInvolvement"), (refused.Refusal.RuleId, refused.Refusal.Field));

        var active = seeds.PlanActive();
        var blank = active.HoldReview(Teacher, EpisodePlans.Review(active.Plan!, seeds.Today, ReviewProgress.Sufficient) with { ChildInvolvement = "" });
        Assert.Equal(("PLAN-05", "review.childInvolvement"), (blank.Refusal.RuleId, blank.Refusal.Field));
    }

    [Fact]
    [Trait("Rule", "PLAN-05")]
    public void PLAN05_a_completion_that_does_not_say_whether_the_absent_father_took_part_is_refused()
    {
        var seeds = new Seeds();
        var e = seeds.Assessing();
        var count = e.Events.Count;

// The overloads without the absent parent are gone before 1.0; a null one is misuse at the boundary.
        Assert.Throws<ArgumentNullException>(() => e.CompleteAssessment(Teacher, Level3, null!, "Needs identified."));
        Assert.Equal(count, e.Events.Count);
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.NotInvolved("Dad lives abroad and could not be reached."), "Needs identified."));
    }

    [Fact]
    [Trait("Rule", "PLAN-05")]
    public void PLAN05_a_plan_a_review_or_a_step_down_meetings_plan_that_does_not_say_how_Amy_was_involved_is_refused()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school and Mum."));
        var plan = e.AgreePlan(Teacher, EpisodePlans.SingleService(seeds.Today) with { ChildInvolvement = null }, "Agreed.");
        Assert.Equal(("PLAN-05", "plan.childInvolvement"), (plan.Refusal.RuleId, plan.Refusal.Field));

        var active = seeds.PlanActive();
        var review = active.HoldReview(Teacher, EpisodePlans.Review(active.Plan!, seeds.Today, ReviewProgress.Sufficient) with { ChildInvolvement = null });
        Assert.Equal(("PLAN-05", "review.childInvolvement"), (review.Refusal.RuleId, review.Refusal.Field));
        var revision = active.RevisePlan(Teacher, EpisodePlans.Revised(active.Plan!, seeds.Today) with { ChildInvolvement = null }, "Revised.");
        Assert.Equal(("PLAN-05", "plan.childInvolvement"), (revision.Refusal.RuleId, revision.Refusal.Field));

        var sd = CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());
        Ok(sd.RecordConsent(Teacher, MotherWritten(), "Consent to share the step-down information and plan."));
        var tac = sd.RecordStepDownTacDecision(Teacher, Caf.Core.StepDown.StepDownTacDecision.ContinueWith(Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting),
            new PractitionerId("pr-supervisor"), new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed at the step-down meeting."),
            EpisodePlans.MultiAgency(seeds.Today) with { ChildInvolvement = null }, true, true), "Ongoing support.");
        Assert.Equal(("PLAN-05", "decision.plan.childInvolvement"), (tac.Refusal.RuleId, tac.Refusal.Field));
    }

    [Property(MaxTest = 60)]
    [Trait("Rule", "PLAN-05")]
    public bool PLAN05_a_plan_is_agreed_exactly_when_it_says_in_words_how_the_child_was_involved(byte kind)
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school and Mum."));
        var involvement = (kind % 3) switch { 0 => null, 1 => new string(' ', kind % 4), _ => "Amy chose the breakfast club action." };
        var accepted = e.AgreePlan(Teacher, EpisodePlans.SingleService(seeds.Today) with { ChildInvolvement = involvement }, "Agreed.").IsSuccess;
        return accepted == (kind % 3 == 2);
    }

    [Fact]
    [Trait("Rule", "PLAN-05")]
    public void PLAN05_a_history_stored_before_PLAN05_was_required_reads_back_and_keeps_its_json_shape()
    {
        var seeds = new Seeds();
        var active = seeds.PlanActive();
        Ok(active.HoldReview(Teacher, EpisodePlans.Review(active.Plan!, seeds.Today, ReviewProgress.Sufficient)));
        var history = active.Events.Select(ev => ev switch
        {
            Caf.Core.Lifecycle.Events.AssessmentCompleted a => a with { AbsentParent = null },
            Caf.Core.Lifecycle.Events.PlanAgreed p => p with { Plan = p.Plan with { ChildInvolvement = null } },
            Caf.Core.Lifecycle.Events.ReviewHeld r => r with { Review = r.Review with { ChildInvolvement = null } },
            _ => ev,
        }).ToList();

        var rebuilt = CafEpisode.Rebuild(seeds.Policy, history);

        Assert.Null(rebuilt.AbsentParent);
        Assert.Null(rebuilt.Plan!.ChildInvolvement);
        Assert.Null(rebuilt.ReviewsOfCurrentPlan[^1].ChildInvolvement);
        Assert.DoesNotContain("childInvolvement", EpisodeJson.SerializeEvent(history[^1]), StringComparison.Ordinal);
        Assert.DoesNotContain("absentParent", EpisodeJson.SerializeEvent(history.Single(ev => ev is Caf.Core.Lifecycle.Events.AssessmentCompleted)), StringComparison.Ordinal);
    }
}
