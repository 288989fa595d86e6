using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck.Xunit;
using Result = Caf.Core.Primitives.Result;

namespace Caf.Core.Tests.Planning;

/// <summary>
/// REV-03 (002 §6 "Delivering the Action Plan": "Where there has been insufficient progress after 4 reviews of an action
/// plan the assessment will need to be re-considered and a new Action Plan negotiated"). Our reading: only a new plan
/// after reassessment, or a revision that changes the outcomes, restarts the count; revising the actions does not.
/// </summary>
public class ReviewCountTests
{
    private static readonly Actor HealthVisitor = Seeds.HealthVisitor;

    private static Result Review(Seeds seeds, CafEpisode e, ReviewProgress overall)
    {
        seeds.Time.Advance(TimeSpan.FromDays(42));
        return e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, seeds.Today, overall));
    }

    private static Result ReviseActions(Seeds seeds, CafEpisode e) =>
        e.RevisePlan(HealthVisitor, EpisodePlans.Revised(e.Plan!, seeds.Today), "New dates for the same actions.");

    [Fact]
    [Trait("Rule", "REV-03")]
    public void REV03_twelve_insufficient_reviews_with_a_revision_every_third_require_reassessment()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        var reviews = 0;
        while (!e.IsReassessmentRequired && reviews < 12)
        {
            Seeds.Ok(Review(seeds, e, ReviewProgress.Insufficient));
            reviews++;
            if (reviews % 3 == 0 && !e.IsReassessmentRequired)
            {
                Seeds.Ok(ReviseActions(seeds, e));
            }
        }

        Assert.True(e.IsReassessmentRequired);
        Assert.Equal(4, reviews); // the 4th insufficient review of the plan, a revision of its actions notwithstanding
        Assert.Equal("REV-03", Review(seeds, e, ReviewProgress.Insufficient).Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "REV-03")]
    public void REV03_a_revision_that_changes_the_outcomes_restarts_the_count()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        for (var i = 0; i < 3; i++)
        {
            Seeds.Ok(Review(seeds, e, ReviewProgress.Insufficient));
        }

        var plan = EpisodePlans.Revised(e.Plan!, seeds.Today);
        var changed = plan with { Outcomes = [plan.Outcomes[0], new IntendedOutcome(plan.Outcomes[1].Id, plan.Outcomes[1].InFamilysWords, "Amy eats breakfast at the breakfast club", plan.Outcomes[1].HowWillYouKnow)] };
        Seeds.Ok(e.RevisePlan(HealthVisitor, changed, "What needs to change is different now."));
        Assert.True(Assert.IsType<PlanRevised>(e.Events[^1]).RestartsReviewCount);

        Seeds.Ok(Review(seeds, e, ReviewProgress.Insufficient));
        Assert.False(e.IsReassessmentRequired);
    }

    [Fact]
    [Trait("Rule", "REV-03")]
    public void REV03_a_revision_stored_before_the_count_was_recorded_still_restarts_it_on_reading()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        for (var i = 0; i < 3; i++)
        {
            Seeds.Ok(Review(seeds, e, ReviewProgress.Insufficient));
        }

        Seeds.Ok(ReviseActions(seeds, e));
        var history = e.Events.ToArray();
        history[^1] = ((PlanRevised)history[^1]) with { RestartsReviewCount = null }; // as an earlier release stored it
        var read = CafEpisode.Rebuild(seeds.Policy, history);
        Seeds.Ok(Review(seeds, read, ReviewProgress.Insufficient));

        Assert.False(read.IsReassessmentRequired);
        Assert.DoesNotContain("restartsReviewCount", EpisodeJson.SerializeEvent(history[^1]), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "REV-03")]
    public void REV03_a_stored_revision_claiming_a_restart_its_outcomes_do_not_make_is_refused_on_reading()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        Seeds.Ok(Review(seeds, e, ReviewProgress.Insufficient));
        Seeds.Ok(ReviseActions(seeds, e));
        var history = e.Events.ToArray();
        history[^1] = ((PlanRevised)history[^1]) with { RestartsReviewCount = true };

        var thrown = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(seeds.Policy, history));
        Assert.Contains("REV-03", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The invariant: with revisions of the actions only, in any pattern, reassessment is required exactly at the 4th
    /// insufficient review of the plan (the default reading counts every review of the plan).
    /// </summary>
    [Property(MaxTest = 40)]
    [Trait("Rule", "REV-03")]
    public bool REV03_revising_the_actions_never_escapes_reassessment(bool[] insufficient, bool[] reviseAfter)
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        var reviews = insufficient.Take(10).ToArray();
        for (var i = 0; i < reviews.Length; i++)
        {
            if (e.IsReassessmentRequired)
            {
                break;
            }

            Seeds.Ok(Review(seeds, e, reviews[i] ? ReviewProgress.Insufficient : ReviewProgress.Sufficient));
            var expected = Enumerable.Range(0, i + 1).Any(k => reviews[k] && k + 1 >= 4);
            if (e.IsReassessmentRequired != expected)
            {
                return false;
            }

            if (i < reviseAfter.Length && reviseAfter[i] && !e.IsReassessmentRequired)
            {
                Seeds.Ok(ReviseActions(seeds, e));
            }
        }

        return true;
    }
}
