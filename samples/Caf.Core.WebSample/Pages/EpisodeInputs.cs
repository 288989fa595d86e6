using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.WebSample.Pages;

/// <summary>One intended outcome row of the plan form (PLAN-01); a row left empty is not part of the plan.</summary>
public sealed class OutcomeInput
{
    /// <summary>The outcome in the family's words.</summary>
    public string? InFamilysWords { get; set; }

    /// <summary>What needs to change.</summary>
    public string? WhatNeedsToChange { get; set; }

    /// <summary>How you will know it has (CLOSE-08 asks again at closure).</summary>
    public string? HowWillYouKnow { get; set; }

    internal bool IsEmpty => string.IsNullOrWhiteSpace(InFamilysWords) && string.IsNullOrWhiteSpace(WhatNeedsToChange) && string.IsNullOrWhiteSpace(HowWillYouKnow);
}

/// <summary>One action row of the plan form (PLAN-02); a row without a description is not part of the plan.</summary>
public sealed class ActionInput
{
    /// <summary>What will be done.</summary>
    public string? Description { get; set; }

    /// <summary>Who owns it: a practitioner's id, <c>family</c> or <c>child</c> (<see cref="EpisodeModel.OwnerChoices"/>).</summary>
    public string? Owner { get; set; }

    /// <summary>By when.</summary>
    public DateOnly? DueBy { get; set; }

    /// <summary>The outcome row (1-based) the action serves.</summary>
    public int Serves { get; set; } = 1;
}

/// <summary>The plan form (PLAN-01..03): a few outcome and action rows, the family's strengths, the child's views and the review arrangements.</summary>
public sealed class PlanInput
{
    /// <summary>The outcome rows.</summary>
    public List<OutcomeInput> Outcomes { get; set; } = [];

    /// <summary>The action rows.</summary>
    public List<ActionInput> Actions { get; set; } = [];

    /// <summary>The family's strengths, one per line.</summary>
    public string? Strengths { get; set; }

    /// <summary>The child's views, in their words.</summary>
    public string? ChildsViews { get; set; }

    /// <summary>LP-12: the practitioners confirmed each action they own is within their own competence and training.</summary>
    public bool ActionsWithinCompetence { get; set; }

    /// <summary>PLAN-05: how the child took part in drawing up the plan.</summary>
    public string? ChildInvolvement { get; set; }

    /// <summary>When the first review is due (REV-01).</summary>
    public DateOnly? FirstReviewDue { get; set; }

    /// <summary>How reviews are held.</summary>
    public ReviewForm ReviewForm { get; set; } = ReviewForm.Meeting;

    /// <summary>Why this plan, for the history (LIFE-11).</summary>
    public string? Reason { get; set; }

    /// <summary>The plan the form describes; the library's own constructors and <see cref="CafEpisode.AgreePlan"/> judge it.</summary>
    /// <param name="today">The day it is agreed.</param>
    /// <exception cref="ArgumentException">A row is half filled in, or a date is missing.</exception>
    public ActionPlan ToPlan(DateOnly today)
    {
        var outcomes = Outcomes.Select((o, i) => (o, Id: $"outcome-{i + 1}")).Where(x => !x.o.IsEmpty)
            .Select(x => new IntendedOutcome(x.Id, x.o.InFamilysWords!, x.o.WhatNeedsToChange!, x.o.HowWillYouKnow!))
            .ToImmutableArray();
        var actions = Actions.Select((a, i) => (a, Id: $"action-{i + 1}")).Where(x => !string.IsNullOrWhiteSpace(x.a.Description))
            .Select(x => new PlanAction(
                x.Id,
                x.a.Description!,
                OwnerOf(x.a.Owner),
                x.a.DueBy ?? throw new ArgumentException($"Give a date for '{x.a.Description}' (PLAN-02: every action has a timescale).", nameof(Actions)),
                serves: [$"outcome-{x.a.Serves}"]) { WithinOwnersCompetence = ActionsWithinCompetence ? true : null })
            .ToImmutableArray();
        return new ActionPlan
        {
            AgreedOn = today,
            Outcomes = outcomes,
            FamilyStrengths = [.. (Strengths ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            ChildsViews = ChildsViews ?? string.Empty, // empty: the plan's own check names the field (PLAN-01)
            ChildInvolvement = ChildInvolvement, // empty: the episode refuses it (PLAN-05)
            Actions = actions,
            ReviewArrangements = new ReviewArrangements(
                FirstReviewDue ?? throw new ArgumentException("Give the date of the first review (REV-01).", nameof(FirstReviewDue)), ReviewForm),
        };
    }

    private static ActionOwner OwnerOf(string? owner) => owner switch
    {
        "family" => ActionOwner.Family,
        "child" => ActionOwner.ChildOrYoungPerson,
        _ => DemoData.Practitioner(owner) is { } p
            ? ActionOwner.ForPractitioner(p.Actor)
            : throw new ArgumentException("Choose who owns each action (PLAN-02).", nameof(Actions)),
    };
}

/// <summary>Progress on one action of the plan under review (REV-02).</summary>
public sealed class ActionProgressInput
{
    /// <summary>The action's id in the plan.</summary>
    public string? ActionId { get; set; }

    /// <summary>How far it got.</summary>
    public ActionProgress Progress { get; set; } = ActionProgress.InProgress;
}

/// <summary>The review form (REV-01..05).</summary>
public sealed class ReviewInput
{
    /// <summary>How the review was held.</summary>
    public ReviewForm Form { get; set; } = ReviewForm.Meeting;

    /// <summary>The day it was held.</summary>
    public DateOnly? HeldOn { get; set; }

    /// <summary>Who chaired it (a practitioner's id); needed for a meeting (REV-01).</summary>
    public string? Chair { get; set; }

    /// <summary>Who took the notes (a practitioner's id); needed for a meeting (REV-01).</summary>
    public string? NoteTaker { get; set; }

    /// <summary>Whether the parent was invited.</summary>
    public bool ParentInvited { get; set; }

    /// <summary>Whether the child was invited.</summary>
    public bool ChildInvited { get; set; }

    /// <summary>Progress on each action of the plan.</summary>
    public List<ActionProgressInput> Progress { get; set; } = [];

    /// <summary>The overall judgement (REV-03 counts insufficient ones).</summary>
    public ReviewProgress OverallProgress { get; set; } = ReviewProgress.Sufficient;

    /// <summary>The ids of the intended outcomes achieved (CLOSE-C1 looks at them).</summary>
    public List<string> OutcomesAchieved { get; set; } = [];

    /// <summary>When the next review is due; empty when the review decided to close.</summary>
    public DateOnly? NextReviewDue { get; set; }

    /// <summary>Whether the review decided to close the CAF.</summary>
    public bool DecidedToClose { get; set; }

    /// <summary>What was said, in a sentence.</summary>
    public string? Summary { get; set; }

    /// <summary>PLAN-05: how the child took part in reviewing the plan.</summary>
    public string? ChildInvolvement { get; set; }

    /// <summary>The review the form describes; <see cref="CafEpisode.HoldReview"/> judges it against the plan.</summary>
    /// <exception cref="ArgumentException">The date is missing or a progress row names no action.</exception>
    public ReviewRecord ToReview() => new()
    {
        Form = Form,
        HeldOn = HeldOn ?? throw new ArgumentException("Give the day the review was held (REV-01).", nameof(HeldOn)),
        Chair = string.IsNullOrWhiteSpace(Chair) ? null : new PractitionerId(Chair),
        NoteTaker = string.IsNullOrWhiteSpace(NoteTaker) ? null : new PractitionerId(NoteTaker),
        ParentInvited = ParentInvited,
        ChildInvited = ChildInvited,
        Progress = [.. Progress.Select(p => new ActionProgressEntry(
            p.ActionId ?? throw new ArgumentException("A progress row names no action.", nameof(Progress)), p.Progress))],
        OverallProgress = OverallProgress,
        OutcomesAchieved = [.. OutcomesAchieved.Where(o => !string.IsNullOrWhiteSpace(o))],
        NextReviewDue = NextReviewDue,
        DecidedToClose = DecidedToClose,
        Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary,
        ChildInvolvement = ChildInvolvement, // empty: the episode refuses it (PLAN-05)
    };
}
