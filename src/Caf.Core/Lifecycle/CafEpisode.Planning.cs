using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Plans and reviews on the episode: the commands, their rules (which call the pure checks of
/// <see cref="Caf.Core.Planning"/>) and who receives them (SHARE-01).
/// </summary>
public sealed partial class CafEpisode
{
    /// <summary>
    /// Agrees the action plan (PLAN-01..03) and starts delivery (LIFE-09): the first plan, or the new plan
    /// negotiated after a reassessment (REV-03), which starts the count of reviews again. The episode numbers
    /// the versions: the plan is recorded as the next version of <see cref="Plans"/>. More than one delivering
    /// agency, or multi-agency support, needs an appointed lead professional (LP-02, LIFE-08). On a panel case
    /// the plan waits for the panel: the latest referral's decision sheet has allocated services (not yet heard, or
    /// "re-present with more information": PANEL-05) and, a panel case being multi-agency, a lead professional is
    /// appointed (LIFE-08; the panel may recommend one, LP-08). Every agency owning an action and the lead
    /// professional receive the plan through the sharing service, so an excluded agency cannot own an action
    /// (SHARE-01) and each decision is audited (SHARE-03).
    /// </summary>
    /// <param name="by">Who records the plan (normally the LP).</param>
    /// <param name="plan">The plan as agreed with the family (<see cref="ActionPlan.Problems"/> lists what it lacks).</param>
    /// <param name="reason">Why this plan, as agreed at the meeting (LIFE-11).</param>
    /// <returns>Success, or a refusal (PLAN-01, PLAN-02, PLAN-03, LP-02, LIFE-07, LIFE-08, PANEL-05 field <c>panelDecision</c>, SHARE-01).</returns>
    public Result AgreePlan(Actor by, ActionPlan plan, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(plan);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new PlanAgreed(Id, Now, by, Numbered(plan), reason), live: true);
    }

    /// <summary>
    /// Revises the plan, normally at a review (PLAN-01..03): the revision is recorded as the next version and
    /// every earlier version stays readable (<see cref="Plans"/>). Start from the plan as it stands
    /// (<c>episode.Plan.Revise(date) with { ... }</c>). A revision reassigns the suspended actions of an agency
    /// the family excluded (<see cref="SuspendedActions"/>); it is not a reassessment, so once REV-03 requires
    /// reassessment it is refused until the reassessment and a new plan.
    /// </summary>
    /// <param name="by">Who records the revision.</param>
    /// <param name="revised">The revised plan.</param>
    /// <param name="reason">Why the plan was revised (LIFE-11).</param>
    /// <returns>Success, or a refusal (PLAN-01..03, REV-03, LP-02, SHARE-01).</returns>
    public Result RevisePlan(Actor by, ActionPlan revised, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(revised);
        Guard.Against.NullOrWhiteSpace(reason);
        var numbered = Numbered(revised);
        return Execute(new PlanRevised(Id, Now, by, numbered, reason) { RestartsReviewCount = RevisionRestartsReviewCount(numbered) }, live: true);
    }

    /// <summary>
    /// Holds a review of the current plan (REV-01, REV-02), checked by <see cref="ReviewRecord.CheckAgainst"/>:
    /// form and date, chair and note-taker for a meeting, the parent and child invited, progress on every action,
    /// barriers, new actions and the next review date. Every agency action found not carried out is escalated by
    /// the lead professional to their supervisor and keeps its owner (REV-04, <see cref="Escalations"/>). Once the
    /// Nth (default 4) or a later review of the plan finds progress insufficient, no further review is accepted
    /// before the reassessment and a new plan (REV-03). Suspended actions (an agency the family excluded) must be
    /// reassigned by <see cref="RevisePlan"/> first. The lead professional, every agency owning a new action and
    /// every delivering agency the family has not excluded receive the review (SHARE-01, audited).
    /// </summary>
    /// <param name="by">Who records the review.</param>
    /// <param name="review">The review.</param>
    /// <returns>Success, or a refusal (REV-01, REV-02, REV-03, PLAN-02, SHARE-01, LP-11).</returns>
    public Result HoldReview(Actor by, ReviewRecord review)
    {
        GuardActor(by);
        Guard.Against.Null(review);
        var plan = Plan;
        var escalations = plan is null ? [] : review.EscalationsAgainst(plan, LeadProfessionalActor);
        return Execute(new ReviewHeld(Id, Now, by, plan?.Version ?? 0, review, escalations), live: true);
    }

    private Actor LeadProfessionalActor => new(LeadProfessional.Practitioner, LeadProfessional.Agency);

    private ActionPlan Numbered(ActionPlan plan) =>
        plan.Version == (_plans.Count + 1) ? plan : plan with { Version = (_plans.Count + 1) };

    // ----- Rules -----

    private Result CheckPlan(ActionPlan? plan, bool revision)
    {
        if (plan is null)
        {
            return Result.Refused("PLAN-01", "The plan is missing.", "plan");
        }

        if (plan.Version != (_plans.Count + 1))
        {
            return Result.Refused("LIFE-11", $"The plan must be version {(_plans.Count + 1)} of this episode's plans; it is version {plan.Version}.", "plan.version");
        }

        var valid = plan.Validate();
        if (valid.IsRefused)
        {
            return valid;
        }

        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        if (plan.AgreedOn > today)
        {
            return Result.Refused("PLAN-02", $"The plan is recorded once agreed: {plan.AgreedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "plan.agreedOn");
        }

        if (revision && Plan is { } current && plan.AgreedOn < current.AgreedOn)
        {
            return Result.Refused("PLAN-02", $"A revision is agreed on or after the version it revises ({current.AgreedOn:yyyy-MM-dd}).", "plan.agreedOn");
        }

        var agencies = plan.DeliveringAgencies.Length;
        return agencies > 1 && LeadProfessional.IsInterim
            ? Result.Refused("LP-02", $"{agencies} services are involved, so a lead professional must be appointed before the plan is agreed.", "leadProfessional")
            : Result.Ok;
    }

    // PLAN-02: an action's timescale is a date on or after the day the plan is agreed; an action a revision carries over
    // from the version before keeps its date. Judged for commands (live) and, on replay, for revisions recorded since
    // (they carry RestartsReviewCount): a plan stored by an earlier release, which did not check it, reads back as it was
    // accepted (docs/upgrading.md).
    private Result CheckActionDates(ActionPlan? plan, string prefix, bool live)
    {
        if (!live || plan is null || plan.Actions.IsDefault)
        {
            return Result.Ok;
        }

        for (var i = 0; i < plan.Actions.Length; i++)
        {
            var action = plan.Actions[i];
            if (action is null || action.DueBy >= plan.AgreedOn)
            {
                continue;
            }

            var carried = Plan is { } current && !current.Actions.IsDefault
                && current.Actions.Any(a => a is not null && a.Id == action.Id && a.DueBy == action.DueBy);
            if (!carried)
            {
                return Result.Refused("PLAN-02",
                    $"'{action.Description}' is due on {action.DueBy:yyyy-MM-dd}, before the plan is agreed ({plan.AgreedOn:yyyy-MM-dd}): give a date on or after the plan's.",
                    $"{prefix}actions[{i}].dueBy");
            }
        }

        return Result.Ok;
    }

    private Result CheckReview(ReviewHeld r)
    {
        if (Plan is not { } plan)
        {
            return Result.Refused("REV-02", "There is no plan to review.", "plan");
        }

        if (r.PlanVersion != plan.Version)
        {
            return Result.Refused("LIFE-11", $"The review is of plan version {r.PlanVersion}; the current plan is version {plan.Version}.", "planVersion");
        }

        var fits = r.Review.CheckAgainst(plan);
        if (fits.IsRefused)
        {
            return fits;
        }

        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        if (r.Review.HeldOn > today)
        {
            return Result.Refused("REV-01", $"A review is recorded once held: {r.Review.HeldOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "heldOn");
        }

        if (_reviews.Count > 0 && r.Review.HeldOn < _reviews[^1].HeldOn)
        {
            return Result.Refused("REV-01", $"Reviews are recorded in order: the last one was held on {_reviews[^1].HeldOn:yyyy-MM-dd}.", "heldOn");
        }

        var suspended = SuspendedActions;
        if (!suspended.IsEmpty)
        {
            return Result.Refused("SHARE-01",
                $"The family excluded the agency owning {string.Join(", ", suspended.Select(a => a.Id))}: those actions are suspended; revise the plan to reassign them before the next review.",
                "actions");
        }

        var expected = r.Review.EscalationsAgainst(plan, LeadProfessionalActor);
        return ValueEquality.Equal(expected, r.Escalations)
            ? Result.Ok
            : Result.Refused("REV-04", "The escalations must be exactly the agency actions the review found not carried out, raised by the lead professional.", "escalations");
    }

    // ----- Recipients -----

    private ImmutableArray<Share> PlanRecipients(ActionPlan plan)
    {
        // Excluded agencies first, so a refused plan never leaves a grant for another agency behind.
        var lp = LeadProfessional.Agency;
        var agencies = plan.DeliveringAgencies;
        var builder = ImmutableArray.CreateBuilder<Share>(agencies.Length + 1);
        foreach (var agency in agencies.OrderBy(a => _consent.Excludes(a) ? 0 : 1))
        {
            builder.Add(new Share(agency, SharingPurpose.PlanDelivery, SharedItems.Plan, true, "SHARE-01"));
        }

        if (!agencies.Contains(lp))
        {
            builder.Add(new Share(lp, SharingPurpose.LeadProfessional, SharedItems.Plan, true, "SHARE-01"));
        }

        return builder.ToImmutable();
    }

    private ImmutableArray<Share> ReviewRecipients(ReviewHeld r)
    {
        // The LP must receive it; an agency owning a new action must too (it delivers). An agency excluded since
        // the plan was agreed receives no review, and the refusal is audited (SHARE-04).
        var lp = LeadProfessional.Agency;
        var delivering = Plan?.DeliveringAgencies ?? [];
        var builder = ImmutableArray.CreateBuilder<Share>(delivering.Length + 1 + r.Review.NewActions.Length);
        foreach (var action in r.Review.NewActions)
        {
            if (action.Owner.Agency is { } agency && agency != lp && !delivering.Contains(agency) && !builder.Any(s => s.Agency == agency))
            {
                builder.Insert(0, new Share(agency, SharingPurpose.PlanDelivery, SharedItems.Review, true, "SHARE-01"));
            }
        }

        builder.Add(new Share(lp, SharingPurpose.LeadProfessional, SharedItems.Review, true, "SHARE-01"));
        foreach (var agency in delivering)
        {
            if (agency != lp)
            {
                builder.Add(new Share(agency, SharingPurpose.Review, SharedItems.Review, false, "SHARE-01"));
            }
        }

        return builder.ToImmutable();
    }

    // ----- Applying -----

    // REV-03, our reading (docs/planning.md): a new plan agreed (after a reassessment, or the first), or a revision that
    // changes the outcomes or follows a required reassessment, restarts the count; a revision of actions or wording only
    // does not, so revising every third review never escapes reassessment.
    private bool RevisionRestartsReviewCount(ActionPlan revised)
    {
        if (_reassessedSinceCountStarted || Plan is not { } current)
        {
            return true;
        }

        var before = current.Outcomes.IsDefault ? [] : current.Outcomes;
        var after = revised.Outcomes.IsDefault ? [] : revised.Outcomes;
        if (before.Length != after.Length)
        {
            return true;
        }

        foreach (var outcome in after)
        {
            if (outcome is null || !before.Any(o => o is not null && o.Id == outcome.Id && o.WhatNeedsToChange == outcome.WhatNeedsToChange))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>REV-03: the overall progress of the reviews counted since the count last restarted, first to latest.</summary>
    internal IReadOnlyList<ReviewProgress> ReviewsCountedForReassessment => _countedReviews;

    private Result CheckRevisionCount(PlanRevised p) =>
        p.RestartsReviewCount is not { } stated || p.Plan is null || stated == RevisionRestartsReviewCount(p.Plan)
            ? Result.Ok
            : Result.Refused("LIFE-11", $"The revision says it {(stated ? "restarts" : "does not restart")} the count of reviews (REV-03); its outcomes say otherwise.", "restartsReviewCount");

    private void ApplyPlan(ActionPlan plan, bool restartsReviewCount = true)
    {
        if (plan.Version != _plans.Count + 1)
        {
            throw new ArgumentException($"The next plan must be version {_plans.Count + 1}; got {plan.Version}.", nameof(plan));
        }

        _plans.Add(plan); // as PlanHistory.Add checks, without copying the history per plan
        _plansView = null;
        Plan = plan;
        _reviews.Clear();
        if (restartsReviewCount)
        {
            _countedReviews.Clear();
            _reassessedSinceCountStarted = false;
        }

        IsReassessmentRequired = false;
        NextReviewDue = plan.ReviewArrangements.FirstReviewDue;
    }

    private void ApplyReview(ReviewHeld r)
    {
        Plan = Plan!.AfterReview(r.Review);
        _reviews.Add(r.Review); // appended, not copied: applying n reviews is linear
        ReviewCount++;
        if (!r.Escalations.IsDefaultOrEmpty)
        {
            _escalations.AddRange(r.Escalations);
        }

        NextReviewDue = r.Review.NextReviewDue;
        _countedReviews.Add(r.Review.OverallProgress); // REV-03 counts across revisions that do not restart it
        if (!IsReassessmentRequired && r.Review.OverallProgress == ReviewProgress.Insufficient)
        {
            IsReassessmentRequired = ReassessmentRule.IsRequired(_countedReviews, _rules.InsufficientProgressReviewLimit, _rules.CountConsecutiveInsufficientReviewsOnly);
            if (IsReassessmentRequired)
            {
                _reassessedSinceCountStarted = true;
                _reassessmentRules = _rules;
                _assessmentTimescaleMonths = _rules.AssessmentTimescaleMonths;
                // LIFE-06: the reassessment is due from the day this review required it; until it is completed
                // the earlier assessment no longer counts as the completed one.
                ReassessmentRequiredAt = r.OccurredAt;
                AssessmentCompletedAt = null;
            }
        }
    }
}
