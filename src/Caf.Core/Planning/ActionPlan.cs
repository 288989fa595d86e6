using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>
/// The CAF action plan (PLAN-01..03): intended outcomes in the family's words, the family's strengths and
/// the child's views, actions each with an owner and a due date, and the review arrangements. A plan is a
/// value: revising it at a review makes the next version (<see cref="Revise"/>) and earlier versions stay
/// readable in a <see cref="PlanHistory"/>.
/// </summary>
/// <remarks>
/// Text may be empty while drafting; <see cref="Problems"/> lists every problem by rule id and field and
/// <see cref="Validate"/> returns the first, so a host shows them all and an episode refuses on the first.
/// Equality is by value over every list.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ActionPlan
{
    /// <summary>The version: 1 for the first plan, one more for each revision (<see cref="Revise"/>).</summary>
    /// <value>Default 1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1.</exception>
    public int Version { get; init => field = Guard.Against.NegativeOrZero(value, nameof(Version)); } = 1;

    /// <summary>The date this version was agreed with the family.</summary>
    public required DateOnly AgreedOn { get; init; }

    /// <summary>PLAN-01: the intended outcomes.</summary>
    public required ImmutableArray<IntendedOutcome> Outcomes { get; init => field = ValueEquality.NoNulls(value, nameof(Outcomes)); }

    /// <summary>PLAN-03: the strengths of the family, used in the actions agreed for the family (002 §6).</summary>
    public required ImmutableArray<string> FamilyStrengths { get; init => field = ValueEquality.NoNulls(value, nameof(FamilyStrengths)); }

    /// <summary>PLAN-03: the child's or young person's views about their situation and the plan.</summary>
    public required string ChildsViews { get; init => field = PlanText.Text(value, nameof(ChildsViews)); }

    /// <summary>
    /// PLAN-05: how the child or young person was involved in drawing up the plan, in words (002 §6: "how they were
    /// involved with the drawing up of the action plan"). Null when not recorded (and in plans stored before PLAN-05); an
    /// episode refuses one recorded blank.
    /// </summary>
    /// <remarks>JSON: <c>childInvolvement</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ChildInvolvement { get; init; }

    /// <summary>PLAN-02: the actions.</summary>
    public required ImmutableArray<PlanAction> Actions
    {
        get;
        init
        {
            field = ValueEquality.NoNulls(value, nameof(Actions));
            _deliveringAgencies = default; // derived from the actions: recomputed for a changed copy (with { Actions = ... })
        }
    }

    private ImmutableArray<AgencyId> _deliveringAgencies;

    /// <summary>PLAN-02: how and when the plan will be reviewed.</summary>
    public required ReviewArrangements ReviewArrangements { get; init => field = Guard.Against.Null(value, nameof(ReviewArrangements)); }

    /// <summary>
    /// The agencies that own at least one action, distinct and in ordinal order. Each must pass the
    /// sharing gate before the plan is agreed (SHARE-01); CLOSE-02 and CLOSE-03 count them.
    /// </summary>
    [JsonIgnore]
    public ImmutableArray<AgencyId> DeliveringAgencies
    {
        get
        {
            var agencies = _deliveringAgencies;
            if (agencies.IsDefault)
            {
                agencies = [.. Actions.Where(a => a.Owner.Agency is not null).Select(a => a.Owner.Agency!.Value).Distinct().Order()];
                _deliveringAgencies = agencies; // a benign race computes the same value twice at worst
            }

            return agencies;
        }
    }

    /// <summary>True when the family or the child own at least one action.</summary>
    [JsonIgnore]
    public bool FamilyOwnsActions => Actions.Any(a => a.Owner.IsFamilyOrChild);

    /// <summary>CLOSE-01: true when the plan has actions and every one is owned by the family or the child.</summary>
    [JsonIgnore]
    public bool OwnedByFamilyOrChildOnly => !Actions.IsEmpty && Actions.All(a => a.Owner.IsFamilyOrChild);

    /// <summary>The practitioners who own actions, distinct and in ordinal order (the "relevant practitioners" of CLOSE-C3).</summary>
    [JsonIgnore]
    public ImmutableArray<PractitionerId> OwningPractitioners =>
        [.. Actions.Where(a => a.Owner.Practitioner is not null).Select(a => a.Owner.Practitioner!.Value).Distinct().Order()];

    /// <summary>Finds an action by id.</summary>
    /// <param name="actionId">The action id.</param>
    /// <returns>The action, or null.</returns>
    public PlanAction? FindAction(string actionId)
    {
        Guard.Against.Null(actionId);
        foreach (var action in Actions)
        {
            if (action.Id == actionId)
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>REV-05: the open actions past their due date on a date, in plan order.</summary>
    /// <param name="on">The date (e.g. today).</param>
    /// <returns>The overdue actions.</returns>
    public ImmutableArray<PlanAction> OverdueActions(DateOnly on) => [.. Actions.Where(a => a.IsOverdueOn(on))];

    /// <summary>
    /// Starts the next version of the plan, agreed on a date: the same content with <see cref="Version"/>
    /// one higher; change it with <c>with { ... }</c>. A new version is a new plan for REV-03 (the count of
    /// reviews starts again).
    /// </summary>
    /// <param name="agreedOn">When the revision was agreed.</param>
    /// <returns>The next version.</returns>
    public ActionPlan Revise(DateOnly agreedOn) => this with { Version = Version + 1, AgreedOn = agreedOn };

    /// <summary>
    /// The same version after a review (REV-02): each action takes the status the review recorded and the
    /// review's new actions are added. Owners never change, also for an escalated action (REV-04). This is
    /// not a revision: the REV-03 count goes on.
    /// </summary>
    /// <param name="review">A review that passes <see cref="ReviewRecord.CheckAgainst"/> for this plan.</param>
    /// <returns>The plan as it stands after the review.</returns>
    /// <exception cref="ArgumentException">The review does not pass the check against this plan.</exception>
    public ActionPlan AfterReview(ReviewRecord review)
    {
        Guard.Against.Null(review);
        var problems = review.ProblemsAgainst(this);
        if (!problems.IsEmpty)
        {
            throw new ArgumentException($"The review does not fit this plan: {problems[0]}", nameof(review));
        }

        var actions = ImmutableArray.CreateBuilder<PlanAction>(Actions.Length + review.NewActions.Length);
        foreach (var action in Actions)
        {
            var status = ToStatus(review.Progress.First(p => p.ActionId == action.Id).Progress);
            actions.Add(action.Status == status ? action : action with { Status = status });
        }

        actions.AddRange(review.NewActions);
        var next = this with { Actions = actions.MoveToImmutable() };
        if (review.NewActions.IsEmpty)
        {
            next._deliveringAgencies = _deliveringAgencies; // the same owners: no agency joins or leaves
        }

        return next;
    }

    /// <summary>Checks the plan (PLAN-01..03) and returns the first problem.</summary>
    /// <returns>Success, or the first refusal naming its rule and field.</returns>
    public Result Validate()
    {
        var problems = Problems();
        return problems.IsEmpty ? Result.Ok : Result.Refused(problems[0]);
    }

    /// <summary>
    /// Lists every problem of the plan: PLAN-01 (at least one intended outcome, each with its words and the
    /// two questions answered; unique ids), PLAN-03 (the family's strengths and the child's views recorded),
    /// PLAN-02 (at least one action, each described, with a unique id and known served outcomes; the first
    /// review after the plan is agreed).
    /// </summary>
    /// <returns>The refusals, each with its rule id and field (e.g. <c>outcomes[1].howWillYouKnow</c>); empty when valid.</returns>
    public ImmutableArray<Refusal> Problems()
    {
        var problems = ImmutableArray.CreateBuilder<Refusal>();
        var outcomeIds = CheckOutcomes(Outcomes, "outcomes", problems);

        if (FamilyStrengths.IsEmpty)
        {
            problems.Add(new Refusal("PLAN-03", "Record the family's strengths: \"Use the strengths of the family in the actions agreed for the family\".", "familyStrengths"));
        }

        for (var i = 0; i < FamilyStrengths.Length; i++)
        {
            if (PlanText.IsBlank(FamilyStrengths[i]))
            {
                problems.Add(new Refusal("PLAN-03", "A family strength is empty.", $"familyStrengths[{i}]"));
            }
        }

        if (PlanText.IsBlank(ChildsViews))
        {
            problems.Add(new Refusal("PLAN-03", "Record the child's or young person's views about their situation and the plan.", "childsViews"));
        }

        if (Actions.IsEmpty)
        {
            problems.Add(new Refusal("PLAN-02", "The plan needs at least one action, identified against the family, the child or a named practitioner and their agency.", "actions"));
        }

        CheckActions(Actions, "actions", outcomeIds, new HashSet<string>(StringComparer.Ordinal), problems);

        if (ReviewArrangements.FirstReviewDue <= AgreedOn)
        {
            problems.Add(new Refusal("PLAN-02", $"The first review must be due after the plan is agreed ({AgreedOn:yyyy-MM-dd}).", "reviewArrangements.firstReviewDue"));
        }

        return problems.ToImmutable();
    }

    /// <inheritdoc />
    public bool Equals(ActionPlan? other) =>
        other is not null
        && Version == other.Version
        && AgreedOn == other.AgreedOn
        && ChildsViews == other.ChildsViews
        && ChildInvolvement == other.ChildInvolvement
        && ReviewArrangements == other.ReviewArrangements
        && ValueEquality.Equal(Outcomes, other.Outcomes)
        && ValueEquality.Equal(FamilyStrengths, other.FamilyStrengths)
        && ValueEquality.Equal(Actions, other.Actions);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Version, AgreedOn, ChildsViews, ChildInvolvement, ReviewArrangements, ValueEquality.Hash(Outcomes), ValueEquality.Hash(FamilyStrengths), ValueEquality.Hash(Actions));

    /// <summary>Checks actions (a plan's, or a review's new ones) against the plan's outcomes; adds their ids to <paramref name="seenIds"/>.</summary>
    internal static void CheckActions(
        ImmutableArray<PlanAction> actions, string path, HashSet<string> outcomeIds, HashSet<string> seenIds, ImmutableArray<Refusal>.Builder problems)
    {
        for (var i = 0; i < actions.Length; i++)
        {
            var action = actions[i];
            if (!seenIds.Add(action.Id))
            {
                problems.Add(new Refusal("PLAN-02", $"Action id '{action.Id}' is used twice.", $"{path}[{i}].id"));
            }

            if (PlanText.IsBlank(action.Description))
            {
                problems.Add(new Refusal("PLAN-02", "Say what the action is.", $"{path}[{i}].description"));
            }

            for (var k = 0; k < action.Serves.Length; k++)
            {
                if (!outcomeIds.Contains(action.Serves[k]))
                {
                    problems.Add(new Refusal("PLAN-02", $"The action serves '{action.Serves[k]}', which is not an intended outcome of the plan.", $"{path}[{i}].serves[{k}]"));
                }
            }
        }
    }

    internal static ActionStatus ToStatus(ActionProgress progress) => progress switch
    {
        ActionProgress.Done => ActionStatus.Done,
        ActionProgress.InProgress => ActionStatus.InProgress,
        ActionProgress.NotStarted => ActionStatus.NotStarted,
        _ => ActionStatus.NotCarriedOut,
    };

    private static HashSet<string> CheckOutcomes(ImmutableArray<IntendedOutcome> outcomes, string path, ImmutableArray<Refusal>.Builder problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (outcomes.IsEmpty)
        {
            problems.Add(new Refusal("PLAN-01", "The plan must clearly state the outcomes that are intended, in the family's words.", path));
        }

        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = outcomes[i];
            if (!ids.Add(outcome.Id))
            {
                problems.Add(new Refusal("PLAN-01", $"Intended outcome id '{outcome.Id}' is used twice.", $"{path}[{i}].id"));
            }

            if (PlanText.IsBlank(outcome.InFamilysWords))
            {
                problems.Add(new Refusal("PLAN-01", "Record the intended outcome in the words of the child, young person or family.", $"{path}[{i}].inFamilysWords"));
            }

            if (PlanText.IsBlank(outcome.WhatNeedsToChange))
            {
                problems.Add(new Refusal("PLAN-01", "Answer \"What needs to change?\".", $"{path}[{i}].whatNeedsToChange"));
            }

            if (PlanText.IsBlank(outcome.HowWillYouKnow))
            {
                problems.Add(new Refusal("PLAN-01", "Answer \"How will you know when things have improved?\".", $"{path}[{i}].howWillYouKnow"));
            }
        }

        return ids;
    }
}
