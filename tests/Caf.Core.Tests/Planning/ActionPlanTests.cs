using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Planning.PlanFixtures;

namespace Caf.Core.Tests.Planning;

public class ActionPlanTests
{
    [Trait("Rule", "PLAN-01")]
    [Fact]
    public void PLAN01_a_complete_plan_has_no_problems()
    {
        var plan = MultiAgencyPlan();

        Assert.True(plan.Validate().IsSuccess);
        Assert.Empty(plan.Problems());
    }

    [Trait("Rule", "PLAN-01")]
    [Fact]
    public void PLAN01_the_plan_must_clearly_state_the_outcomes_that_are_intended()
    {
        var plan = MultiAgencyPlan() with { Outcomes = [], Actions = [FamilyRoutine with { Serves = [] }] };

        var refusal = plan.Validate().Refusal;

        Assert.Equal("PLAN-01", refusal.RuleId);
        Assert.Equal("outcomes", refusal.Field);
    }

    [Trait("Rule", "PLAN-01")]
    [Fact]
    public void PLAN01_how_will_you_know_when_things_have_improved_must_be_answered()
    {
        var plan = MultiAgencyPlan() with { Outcomes = [Attendance, Sleep with { HowWillYouKnow = "  " }, Friends] };

        var refusal = Assert.Single(plan.Problems());

        Assert.Equal(new Refusal("PLAN-01", refusal.Message, "outcomes[1].howWillYouKnow"), refusal);
        Assert.Contains("How will you know when things have improved?", refusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "PLAN-01")]
    [Fact]
    public void PLAN01_every_problem_is_listed_with_its_field_not_only_the_first()
    {
        var plan = MultiAgencyPlan() with
        {
            Outcomes = [Attendance with { InFamilysWords = "", WhatNeedsToChange = "" }, Attendance, Friends],
            ChildsViews = "",
            Actions = [],
        };

        var fields = plan.Problems().Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(
            [
                "PLAN-01 outcomes[0].inFamilysWords",
                "PLAN-01 outcomes[0].whatNeedsToChange",
                "PLAN-01 outcomes[1].id",
                "PLAN-03 childsViews",
                "PLAN-02 actions",
            ],
            fields);
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_an_action_is_identified_against_a_named_practitioner_and_their_agency()
    {
        var owner = ActionOwner.ForPractitioner(TestIds.Teacher, TestIds.School);

        Assert.Equal(ActionOwnerKind.Practitioner, owner.Kind);
        Assert.Equal(TestIds.Teacher, owner.Practitioner);
        Assert.Equal(TestIds.School, owner.Agency);
        Assert.False(owner.IsFamilyOrChild);
        Assert.True(ActionOwner.Family.IsFamilyOrChild);
        Assert.Null(ActionOwner.ChildOrYoungPerson.Agency);
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_an_owner_cannot_be_mis_set()
    {
        Assert.Throws<ArgumentException>(() => new ActionOwner(ActionOwnerKind.Practitioner, TestIds.Teacher, null));
        Assert.Throws<ArgumentException>(() => new ActionOwner(ActionOwnerKind.Family, null, TestIds.School));
        Assert.Throws<ArgumentException>(() => ActionOwner.ForPractitioner(default, TestIds.School));
        Assert.ThrowsAny<ArgumentException>(() => new ActionOwner((ActionOwnerKind)9, null, null));
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_an_action_without_an_owner_or_with_a_null_description_is_misuse()
    {
        Assert.Throws<ArgumentNullException>(() => new PlanAction("a1", "x", null!, AgreedOn));
        Assert.Throws<ArgumentNullException>(() => new PlanAction("a1", null!, ActionOwner.Family, AgreedOn));
        Assert.Throws<ArgumentException>(() => new PlanAction(" a1", "x", ActionOwner.Family, AgreedOn));
        Assert.ThrowsAny<ArgumentException>(() => FamilyRoutine with { Status = (ActionStatus)0 });
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_tasks_need_a_description_unique_ids_and_known_outcomes()
    {
        var plan = Plan(FamilyRoutine with { Description = "" }, FamilyRoutine, SchoolMentor with { Serves = ["homework"] });

        var fields = plan.Problems().Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["PLAN-02 actions[0].description", "PLAN-02 actions[1].id", "PLAN-02 actions[2].serves[0]"], fields);
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_the_review_arrangements_put_the_first_review_after_the_plan_is_agreed()
    {
        var plan = MultiAgencyPlan() with { ReviewArrangements = new ReviewArrangements(AgreedOn, ReviewForm.Call) };

        var refusal = plan.Validate().Refusal;

        Assert.Equal("PLAN-02", refusal.RuleId);
        Assert.Equal("reviewArrangements.firstReviewDue", refusal.Field);
    }

    [Trait("Rule", "PLAN-03")]
    [Fact]
    public void PLAN03_the_family_strengths_and_the_child_views_are_recorded()
    {
        var plan = MultiAgencyPlan() with { FamilyStrengths = [], ChildsViews = " " };

        var fields = plan.Problems().Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["PLAN-03 familyStrengths", "PLAN-03 childsViews"], fields);
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_delivering_agencies_are_distinct_and_sorted_and_family_ownership_is_derived()
    {
        var second = SchoolMentor with { Id = "a-mentor-2" };
        var plan = Plan(HealthVisit, SchoolMentor, second, FamilyRoutine);

        Assert.Equal([new AgencyId("health-visiting"), new AgencyId("school-oakfield-primary")], plan.DeliveringAgencies.ToArray());
        Assert.True(plan.FamilyOwnsActions);
        Assert.False(plan.OwnedByFamilyOrChildOnly);
        Assert.True(Plan(FamilyRoutine, ChildClub).OwnedByFamilyOrChildOnly);
        Assert.Empty(Plan(FamilyRoutine, ChildClub).DeliveringAgencies);
        Assert.False(Plan(SchoolMentor).FamilyOwnsActions);
        Assert.False(Plan().OwnedByFamilyOrChildOnly);
    }

    [Fact]
    public void Plans_and_actions_compare_by_value_over_their_lists()
    {
        var a = MultiAgencyPlan();
        var b = MultiAgencyPlan();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { FamilyStrengths = ["Mum is determined to get mornings right"] });
        Assert.Equal(FamilyRoutine with { Serves = ["sleep"] }, FamilyRoutine);
    }

    [Trait("Rule", "REV-05")]
    [Fact]
    public void REV05_open_actions_past_their_due_date_are_overdue()
    {
        var plan = Plan(HealthVisit, SchoolMentor with { Status = ActionStatus.Done }, FamilyRoutine with { Status = ActionStatus.InProgress });
        var day = AgreedOn.AddDays(29); // health visit due day 10, mentor (done) day 14, routine day 28

        Assert.Equal(["a-hv", "a-routine"], plan.OverdueActions(day).Select(a => a.Id).ToArray());
        Assert.Empty(plan.OverdueActions(AgreedOn.AddDays(10)));
        Assert.False((HealthVisit with { Status = ActionStatus.Suspended }).IsOverdueOn(day));
    }

    [Fact]
    public void A_revision_is_the_next_version_and_every_earlier_version_stays_readable()
    {
        var first = MultiAgencyPlan();
        var revised = first.Revise(AgreedOn.AddDays(90)) with { Actions = [FamilyRoutine, ChildClub] };
        var history = PlanHistory.Empty.Add(first).Add(revised);

        Assert.Equal(2, revised.Version);
        Assert.Equal(AgreedOn.AddDays(90), revised.AgreedOn);
        Assert.Same(revised, history.Current);
        Assert.Equal(first, history.Version(1));
        Assert.Equal(4, history.Version(1).Actions.Length);
        Assert.Equal(3, history.NextVersion);
        Assert.Throws<ArgumentException>(() => history.Add(first));
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Version(3));
        Assert.Throws<ArgumentException>(() => new PlanHistory([revised]));
        Assert.Null(PlanHistory.Empty.Current);
    }
}
