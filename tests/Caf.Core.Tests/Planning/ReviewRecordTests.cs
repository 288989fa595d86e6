using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Planning.PlanFixtures;

namespace Caf.Core.Tests.Planning;

public class ReviewRecordTests
{
    private static readonly ActionPlan Current = MultiAgencyPlan();
    private static readonly DateOnly FirstReview = AgreedOn.AddDays(42);

    private static ReviewRecord Good() => Review(Current, FirstReview, ReviewProgress.Sufficient);

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_a_review_reporting_every_action_with_a_new_review_date_fits_the_plan()
    {
        Assert.True(Good().CheckAgainst(Current).IsSuccess);
    }

    [Trait("Rule", "REV-01")]
    [Fact]
    public void REV01_for_a_review_meeting_you_will_need_someone_to_chair_and_someone_to_make_notes()
    {
        var review = Good() with { Chair = null, NoteTaker = null };

        var fields = review.ProblemsAgainst(Current).Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["REV-01 chair", "REV-01 noteTaker"], fields);
        Assert.True((review with { Form = ReviewForm.Call }).CheckAgainst(Current).IsSuccess);
    }

    [Trait("Rule", "REV-01")]
    [Fact]
    public void REV01_the_meeting_invites_and_involves_the_parent_and_where_appropriate_the_child()
    {
        var review = Good() with { ParentInvited = false, ChildInvited = false };

        var fields = review.ProblemsAgainst(Current).Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["REV-01 parentInvited", "REV-01 childNotInvitedReason"], fields);
        var withReason = Good() with { ChildInvited = false, ChildNotInvitedReason = "Jamie is 3; not appropriate" };
        Assert.True(withReason.CheckAgainst(Current).IsSuccess);
    }

    [Trait("Rule", "REV-01")]
    [Fact]
    public void REV01_a_review_cannot_be_dated_before_the_plan_it_reviews()
    {
        var review = Good() with { HeldOn = AgreedOn.AddDays(-1) };

        Assert.Equal("heldOn", review.CheckAgainst(Current).Refusal.Field);
    }

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_family_and_practitioners_report_on_every_action_of_the_plan()
    {
        var review = Good() with { Progress = [new ActionProgressEntry("a-routine", ActionProgress.Done)] };

        var refusal = review.CheckAgainst(Current).Refusal;

        Assert.Equal("REV-02", refusal.RuleId);
        Assert.Equal("progress", refusal.Field);
        Assert.Contains("a-club, a-mentor, a-hv", refusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_progress_on_an_unknown_action_or_twice_on_one_is_refused()
    {
        var review = Good() with
        {
            Progress = Good().Progress.Add(new ActionProgressEntry("a-homework", ActionProgress.Done)).Add(new ActionProgressEntry("a-hv", ActionProgress.Done)),
        };

        var fields = review.ProblemsAgainst(Current).Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["REV-02 progress[4].actionId", "REV-02 progress[5].actionId"], fields);
    }

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_agree_a_new_review_date_unless_the_episode_is_closing()
    {
        Assert.Equal("nextReviewDue", (Good() with { NextReviewDue = null }).CheckAgainst(Current).Refusal.Field);
        Assert.Equal("nextReviewDue", (Good() with { NextReviewDue = FirstReview }).CheckAgainst(Current).Refusal.Field);
        Assert.True((Good() with { NextReviewDue = null, DecidedToClose = true }).CheckAgainst(Current).IsSuccess);
        Assert.Equal("REV-02", (Good() with { DecidedToClose = true }).CheckAgainst(Current).Refusal.RuleId);
    }

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_barriers_new_actions_and_achieved_outcomes_are_checked_against_the_plan()
    {
        var review = Good() with
        {
            Barriers = ["Mum's shifts changed", ""],
            NewActions = [new PlanAction("a-hv", "Second home visit", ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting), FirstReview.AddDays(14))],
            OutcomesAchieved = ["sleep", "bedtime", "sleep"],
        };

        var fields = review.ProblemsAgainst(Current).Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["REV-02 barriers[1]", "PLAN-02 newActions[0].id", "REV-02 outcomesAchieved[1]", "REV-02 outcomesAchieved[2]"], fields);
    }

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_after_a_review_actions_take_the_reported_progress_and_new_actions_join_the_plan()
    {
        var newAction = new PlanAction("a-dad", "Dad does the Tuesday school run", ActionOwner.Family, FirstReview.AddDays(28), serves: ["attendance"]);
        var review = Good() with
        {
            Progress = [
                new("a-routine", ActionProgress.Done), new("a-club", ActionProgress.InProgress),
                new("a-mentor", ActionProgress.NotCarriedOut), new("a-hv", ActionProgress.NotStarted)],
            NewActions = [newAction],
        };

        var after = Current.AfterReview(review);

        Assert.Equal(Current.Version, after.Version);
        Assert.Equal(
            [ActionStatus.Done, ActionStatus.InProgress, ActionStatus.NotCarriedOut, ActionStatus.NotStarted, ActionStatus.NotStarted],
            after.Actions.Select(a => a.Status).ToArray());
        Assert.Equal("a-dad", after.Actions[^1].Id);
        Assert.Throws<ArgumentException>(() => Current.AfterReview(review with { Progress = [] }));
    }

    [Trait("Rule", "REV-04")]
    [Fact]
    public void REV04_an_agency_action_not_carried_out_is_taken_up_by_the_LP_and_keeps_its_owner()
    {
        var review = Good() with
        {
            Progress = [
                new("a-routine", ActionProgress.NotCarriedOut), new("a-club", ActionProgress.Done),
                new("a-mentor", ActionProgress.Done), new("a-hv", ActionProgress.NotCarriedOut)],
        };
        var lp = new Actor(TestIds.Teacher, TestIds.School);

        var escalation = Assert.Single(review.EscalationsAgainst(Current, lp));
        var after = Current.AfterReview(review);

        Assert.Equal(new ActionEscalation("a-hv", TestIds.HealthVisitor, TestIds.HealthVisiting, lp, FirstReview), escalation);
        Assert.Equal(ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting), after.FindAction("a-hv")!.Owner);
        Assert.Equal(ActionOwner.Family, after.FindAction("a-routine")!.Owner);
        Assert.Empty(Good().EscalationsAgainst(Current, lp));
    }

    [Trait("Rule", "REV-05")]
    [Fact]
    public void REV05_a_review_is_overdue_when_its_date_has_passed()
    {
        Assert.Equal(FirstReview, ReviewSchedule.NextReviewDue(Current, []));
        Assert.Equal(FirstReview.AddDays(42), ReviewSchedule.NextReviewDue(Current, [Good()]));
        Assert.False(ReviewSchedule.IsOverdue(FirstReview, FirstReview));
        Assert.True(ReviewSchedule.IsOverdue(FirstReview, FirstReview.AddDays(1)));
        Assert.False(ReviewSchedule.IsOverdue(null, FirstReview.AddDays(100)));
    }

    [Fact]
    public void Reviews_compare_by_value()
    {
        Assert.Equal(Good(), Good());
        Assert.Equal(Good().GetHashCode(), Good().GetHashCode());
        Assert.NotEqual(Good(), Good() with { Barriers = ["Mum's shifts changed"] });
    }
}
