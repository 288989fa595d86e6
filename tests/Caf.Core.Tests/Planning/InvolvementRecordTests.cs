using System;
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
    public void PLAN05_plans_and_reviews_stored_without_the_new_records_read_back_and_keep_their_json_shape()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        var json = EpisodeJson.SerializeEvent(e.Events[^1]);
        Assert.DoesNotContain("childInvolvement", json, StringComparison.Ordinal);
        Assert.DoesNotContain("agencyAgreement", json, StringComparison.Ordinal);
        Assert.Null(CafEpisode.Rebuild(seeds.Policy, e.Events).Plan!.ChildInvolvement);
    }
}
