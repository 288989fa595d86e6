using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>Plans and reviews on the episode, in Bradford's words (002 §6 "Delivering the Action Plan", §8 "Reviewing the Action Plan").</summary>
public class EpisodePlanReviewTests
{
    private readonly Seeds _seeds = new();

    private static (string, string) Of(Result r) => (r.Refusal.RuleId, r.Refusal.Field);

    private Result Review(CafEpisode e, ReviewProgress overall, ActionProgress each = ActionProgress.InProgress)
    {
        _seeds.Time.Advance(TimeSpan.FromDays(42));
        return e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, _seeds.Today, overall, each));
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_tasks_are_identified_against_the_family_the_child_and_named_practitioners_and_each_agency_receives_the_plan()
    {
        var e = _seeds.PlanActive();

        Assert.Equal([TestIds.HealthVisiting, TestIds.School], e.Plan!.DeliveringAgencies.ToArray());
        Assert.True(e.Plan.FamilyOwnsActions);
        var plan = _seeds.Audit.Entries.Where(a => a.Items == SharedItems.Plan).Select(a => (a.Agency, a.Decision.Granted)).ToArray();
        Assert.Equal([(TestIds.HealthVisiting, true), (TestIds.School, true)], plan.OrderBy(p => p.Agency.Value, StringComparer.Ordinal).ToArray());
        Assert.Equal("Agreed with Mum and Amy at the TAC meeting.", ((PlanAgreed)e.Events[^1]).Reason);
    }

    [Trait("Rule", "PLAN-01")]
    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN_a_revision_at_a_review_is_the_next_version_and_every_earlier_version_stays_readable()
    {
        var e = _seeds.PlanActive();
        var v1 = e.Plans.Current!;
        Seeds.Ok(Review(e, ReviewProgress.Insufficient));

        var revised = EpisodePlans.Revised(e.Plan!, _seeds.Today) with
        {
            Actions = [.. e.Plan!.Actions, EpisodePlans.Family(_seeds.Today.AddDays(21)) with { Id = "a-dad", Description = "Dad does the Tuesday school run" }],
        };
        Seeds.Ok(e.RevisePlan(HealthVisitor, revised, "Revised at the review: Dad helps with the school run."));

        Assert.Equal(2, e.Plan!.Version);
        Assert.Equal(v1, e.Plans.Version(1));                          // as agreed, unchanged
        Assert.Equal(3, e.Plans.Version(1).Actions.Length);
        Assert.Equal(4, e.Plans.Version(2).Actions.Length);
        Assert.Empty(e.ReviewsOfCurrentPlan);                           // a new plan: the REV-03 count starts again
        Assert.Equal(_seeds.Today.AddDays(42), e.NextReviewDue);
        Assert.Equal("PLAN-02", e.RevisePlan(HealthVisitor, revised with { AgreedOn = v1.AgreedOn.AddDays(-1) }, "Backdated.").Refusal.RuleId);
    }

    [Trait("Rule", "REV-03")]
    [Fact]
    public void REV03_the_reviews_of_the_current_plan_are_every_review_since_the_plan_read_without_copying_and_alike_on_replay()
    {
        var e = _seeds.PlanActive();
        for (var n = 1; n <= 6; n++)
        {
            Seeds.Ok(Review(e, n is 1 or 3 ? ReviewProgress.Insufficient : ReviewProgress.Sufficient)); // REV-03 never reached (limit 4)

            var held = e.Events.OfType<ReviewHeld>().Select(r => r.Review).ToArray();
            Assert.Equal(held, e.ReviewsOfCurrentPlan.ToArray());
            Assert.True(e.ReviewsOfCurrentPlan == e.ReviewsOfCurrentPlan); // the same array on a second read: built once per change
        }

        var replayed = CafEpisode.Replay(_seeds.Policy, e.Events).Episode!;
        Assert.Equal(e.ReviewsOfCurrentPlan.ToArray(), replayed.ReviewsOfCurrentPlan.ToArray());
        Assert.Equal(e.IsReassessmentRequired, replayed.IsReassessmentRequired);

        Seeds.Ok(e.RevisePlan(HealthVisitor, EpisodePlans.Revised(e.Plan!, _seeds.Today), "Revised at the review."));
        Assert.Empty(e.ReviewsOfCurrentPlan);
        Seeds.Ok(Review(e, ReviewProgress.Sufficient));
        Assert.Equal([e.Events.OfType<ReviewHeld>().Last().Review], e.ReviewsOfCurrentPlan.ToArray());
    }

    [Trait("Rule", "REV-01")]
    [Fact]
    public void REV01_a_review_meeting_has_someone_to_chair_and_someone_to_make_notes_and_the_parent_is_invited()
    {
        var e = _seeds.PlanActive();
        var review = EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient);

        Assert.Equal(("REV-01", "chair"), Of(e.HoldReview(HealthVisitor, review with { Chair = null })));
        Assert.Equal(("REV-01", "noteTaker"), Of(e.HoldReview(HealthVisitor, review with { NoteTaker = null })));
        Assert.Equal(("REV-01", "parentInvited"), Of(e.HoldReview(HealthVisitor, review with { ParentInvited = false })));
        Assert.Equal(("REV-01", "childNotInvitedReason"), Of(e.HoldReview(HealthVisitor, review with { ChildInvited = false })));
        Assert.Equal(("REV-01", "heldOn"), Of(e.HoldReview(HealthVisitor, review with { HeldOn = _seeds.Today.AddDays(1), NextReviewDue = _seeds.Today.AddDays(40) })));
        Assert.Equal(0, e.ReviewCount);

        Seeds.Ok(e.HoldReview(HealthVisitor, review with { Form = ReviewForm.Call, Chair = null, NoteTaker = null }));
    }

    [Trait("Rule", "REV-02")]
    [Fact]
    public void REV02_a_review_records_progress_on_every_action_barriers_new_actions_and_the_next_review_date()
    {
        var e = _seeds.PlanActive();
        var review = EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient);

        var missing = e.HoldReview(HealthVisitor, review with { Progress = [.. review.Progress.Skip(1)] });
        Assert.Equal(("REV-02", "progress"), Of(missing));
        Assert.Contains("a-school", missing.Refusal.Message, StringComparison.Ordinal);

        Seeds.Ok(e.HoldReview(HealthVisitor, review with
        {
            Progress = [new("a-school", ActionProgress.Done), new("a-health", ActionProgress.InProgress), new("a-family", ActionProgress.NotStarted)],
            Barriers = ["Mum's shifts changed"],
            NewActions = [new PlanAction("a-gran", "Grandma takes Amy to school on Tuesdays", ActionOwner.Family, _seeds.Today.AddDays(14))],
        }));

        Assert.Equal([ActionStatus.Done, ActionStatus.InProgress, ActionStatus.NotStarted, ActionStatus.NotStarted], e.Plan!.Actions.Select(a => a.Status).ToArray());
        Assert.Equal(1, e.Plan.Version);                                // the same plan: not a revision
        Assert.Equal(_seeds.Today.AddDays(42), e.NextReviewDue);
    }

    [Trait("Rule", "REV-03")]
    [Fact]
    public void REV03_insufficient_progress_at_the_4th_review_of_the_plan_requires_reassessment_and_a_new_plan_before_any_further_review()
    {
        var e = _seeds.PlanActive();
        Seeds.Ok(Review(e, ReviewProgress.Sufficient));
        Seeds.Ok(Review(e, ReviewProgress.Sufficient));
        Seeds.Ok(Review(e, ReviewProgress.Sufficient));
        Assert.False(e.IsReassessmentRequired);
        Seeds.Ok(Review(e, ReviewProgress.Insufficient));             // the 4th review: not "4 in a row", but after 4 reviews
        var required = _seeds.Time.GetUtcNow();

        Assert.True(e.IsReassessmentRequired);
        Assert.Equal(required.AddMonths(1), e.AssessmentDueBy);         // LIFE-06: due from the day the review required it
        Assert.Null(e.AssessmentCompletedAt);
        var fifth = Review(e, ReviewProgress.Sufficient);
        Assert.Equal(("REV-03", "reviews"), Of(fifth));
        Assert.Contains("after 4 reviews of an action plan the assessment will need to be re-considered", fifth.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal("REV-03", e.RevisePlan(HealthVisitor, EpisodePlans.Revised(e.Plan!, _seeds.Today), "A revision is not a reassessment.").Refusal.RuleId);

        Seeds.Ok(e.RequireReassessment(HealthVisitor, "Insufficient progress at the 4th review."));
        Assert.Equal(required.AddMonths(1), e.AssessmentDueBy);         // still from the review, not from this command
        Assert.True(e.IsAssessmentOverdue);                             // the refused 5th review came 42 days later
        _seeds.Time.Advance(TimeSpan.FromDays(10));
        Seeds.Ok(e.CompleteAssessment(HealthVisitor, Level3, AbsentParentInvolvement.WasInvolved, "Reassessed: the needs are the same, the plan was not working."));
        Seeds.Ok(e.AgreePlan(HealthVisitor, EpisodePlans.MultiAgency(_seeds.Today), "A new Action Plan negotiated after reassessment."));

        Assert.False(e.IsReassessmentRequired);
        Assert.Equal(2, e.Plans.Versions.Length);
        Seeds.Ok(Review(e, ReviewProgress.Insufficient));             // the count starts again with the new plan
    }

    [Trait("Rule", "REV-03")]
    [Fact]
    public void REV03_the_consecutive_reading_is_an_option_under_which_scattered_insufficient_reviews_do_not_trigger()
    {
        var options = new CafOptions();
        options.Reviews.CountConsecutiveOnly = true;
        var seeds = new Seeds(options);
        var e = seeds.PlanActive();
        foreach (var overall in "IIISIIIS".Select(c => c == 'I' ? ReviewProgress.Insufficient : ReviewProgress.Sufficient))
        {
            seeds.Time.Advance(TimeSpan.FromDays(42));
            Seeds.Ok(e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, seeds.Today, overall)));
        }

        Assert.False(e.IsReassessmentRequired);                         // 6 insufficient of 8, never 4 in a row
    }

    [Trait("Rule", "REV-04")]
    [Fact]
    public void REV04_an_action_by_an_agency_not_carried_out_is_taken_up_by_the_lead_practitioner_with_their_supervisor_and_keeps_its_owner()
    {
        var e = _seeds.PlanActive();                                    // LP: the health visitor
        Seeds.Ok(Review(e, ReviewProgress.Insufficient, ActionProgress.NotCarriedOut));

        var escalations = e.Escalations.Select(x => (x.ActionId, x.Owner, x.Agency, x.RaisedBy.Practitioner)).ToArray();
        Assert.Equal([("a-school", TestIds.Teacher, TestIds.School), ("a-health", TestIds.HealthVisitor, TestIds.HealthVisiting)],
            escalations.Select(x => (x.ActionId, x.Owner, x.Agency)).ToArray());  // the family's action is not escalated
        Assert.All(escalations, x => Assert.Equal(TestIds.HealthVisitor, x.Practitioner));
        Assert.Equal(ActionOwner.ForPractitioner(TestIds.Teacher, TestIds.School), e.Plan!.FindAction("a-school")!.Owner); // "not responsible or accountable"
        Assert.Equal(ActionStatus.NotCarriedOut, e.Plan.FindAction("a-school")!.Status);

        var forged = ((ReviewHeld)e.Events[^1]) with { Escalations = [] };
        var history = e.Events.Take(e.Events.Count - 1).Append(forged).ToArray();
        Assert.Equal("REV-04", CafEpisode.Replay(_seeds.Policy, history).Failure!.RuleId);
    }

    [Trait("Rule", "REV-05")]
    [Fact]
    public void REV05_overdue_reviews_and_overdue_actions_are_queryable_on_the_episode_and_its_summary()
    {
        var e = _seeds.PlanActive();
        var firstReview = _seeds.Today.AddDays(42);
        Assert.Equal(firstReview, EpisodeSummary.Of(e).NextReviewDue);
        Assert.Empty(e.OverdueActions);

        _seeds.Time.Advance(TimeSpan.FromDays(43));
        Assert.True(e.IsReviewOverdue);
        Assert.True(EpisodeSummary.Of(e).IsReviewOverdueOn(_seeds.Today));
        Assert.Equal(["a-school", "a-health", "a-family"], e.OverdueActions.Select(a => a.Id).ToArray());
    }

    [Trait("Rule", "LIFE-06")]
    [Fact]
    public void LIFE06_the_summary_carries_the_assessment_due_date_and_a_step_down_episode_has_none()
    {
        var concern = EpisodeSummary.Of(_seeds.Identified());
        var stepDown = EpisodeSummary.Of(CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown()));

        Assert.Equal(Start.AddMonths(1), concern.AssessmentDueBy);
        Assert.False(concern.IsAssessmentOverdueAt(Start.AddMonths(1)));
        Assert.True(concern.IsAssessmentOverdueAt(Start.AddMonths(1).AddSeconds(1)));
        Assert.Null(stepDown.AssessmentDueBy);
        Assert.False(stepDown.IsAssessmentOverdueAt(Start.AddYears(1)));
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void LIFE11_starting_and_completing_the_assessment_confirming_a_nomination_and_recording_consent_say_why()
    {
        var e = _seeds.PlanActive();

        Assert.Equal("Consent to assess and share with partner agencies.", e.Events.OfType<ConsentRecorded>().Single().Reason);
        Assert.Equal("Concerns about attendance and wellbeing: assessment agreed with the family.", e.Events.OfType<AssessmentStarted>().Single().Reason);
        Assert.Equal("Needs identified across school and health.", e.Events.OfType<AssessmentCompleted>().Single().Reason);
        Assert.StartsWith("Supervisor confirmed at appointment: Sees the family weekly.", e.Events.OfType<NominationConfirmedBySupervisor>().Single().Reason, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => e.StartAssessment(Teacher, " "));
    }
}
