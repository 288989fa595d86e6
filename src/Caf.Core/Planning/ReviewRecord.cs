using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>
/// One review of the current plan (REV-01, REV-02), as recorded on the CAF review form: how and when it
/// was held, who chaired and took notes, who was invited, progress on every action, barriers, new actions,
/// the overall progress, the intended outcomes achieved, and the next review date unless the episode is
/// closing.
/// </summary>
/// <remarks>
/// Check it against the plan it reviews with <see cref="CheckAgainst"/> (first problem) or
/// <see cref="ProblemsAgainst"/> (all). Equality is by value over every list.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReviewRecord
{
    /// <summary>REV-01: how the review was held.</summary>
    public required ReviewForm Form { get; init => field = Guard.Against.EnumOutOfRange(value, nameof(Form)); }

    /// <summary>REV-01: the date it was held.</summary>
    public required DateOnly HeldOn { get; init; }

    /// <summary>REV-01: who chaired it; required for a meeting ("you will need someone to chair the meeting").</summary>
    public PractitionerId? Chair { get; init => field = NotDefault(value, nameof(Chair)); }

    /// <summary>REV-01: who took notes; required for a meeting ("and someone to make notes").</summary>
    public PractitionerId? NoteTaker { get; init => field = NotDefault(value, nameof(NoteTaker)); }

    /// <summary>REV-01: the parent was invited and involved.</summary>
    public required bool ParentInvited { get; init; }

    /// <summary>REV-01: the child was invited; when not, <see cref="ChildNotInvitedReason"/> says why it was not appropriate.</summary>
    public required bool ChildInvited { get; init; }

    /// <summary>REV-01: why inviting the child was not appropriate (required when <see cref="ChildInvited"/> is false).</summary>
    public string? ChildNotInvitedReason { get; init; }

    /// <summary>REV-02: progress on every action of the plan under review.</summary>
    public required ImmutableArray<ActionProgressEntry> Progress { get; init => field = ValueEquality.NoNulls(value, nameof(Progress)); }

    /// <summary>REV-02: "any barriers or difficulties in making changes".</summary>
    public ImmutableArray<string> Barriers { get; init => field = ValueEquality.NoNulls(value, nameof(Barriers)); } = [];

    /// <summary>REV-02: new actions agreed at the review; they join the plan (<see cref="ActionPlan.AfterReview"/>).</summary>
    public ImmutableArray<PlanAction> NewActions { get; init => field = ValueEquality.NoNulls(value, nameof(NewActions)); } = [];

    /// <summary>REV-02, REV-03: whether progress overall is sufficient.</summary>
    public required ReviewProgress OverallProgress { get; init => field = Guard.Against.EnumOutOfRange(value, nameof(OverallProgress)); }

    /// <summary>Ids of the plan's intended outcomes the review found achieved (CLOSE-C1: "most of the intended/desired outcomes").</summary>
    public ImmutableArray<string> OutcomesAchieved { get; init => field = ValueEquality.NoNulls(value, nameof(OutcomesAchieved)); } = [];

    /// <summary>REV-02: the next review date; null only when the review decided to close the episode.</summary>
    public DateOnly? NextReviewDue { get; init; }

    /// <summary>True when the review reached the decision to close the CAF (then no next review is set).</summary>
    public bool DecidedToClose { get; init; }

    /// <summary>
    /// PLAN-05: how the child or young person was involved in reviewing the plan, in words (002 §6: "how they were
    /// involved with ... the reviewing process"). Null when not recorded (and in reviews stored before PLAN-05); an
    /// episode refuses one recorded blank.
    /// </summary>
    /// <remarks>JSON: <c>childInvolvement</c>, omitted when null.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ChildInvolvement { get; init; }

    /// <summary>A summary of what was said, optional.</summary>
    public string? Summary { get; init; }

    /// <summary>Checks the review against the plan it reviews and returns the first problem (REV-01, REV-02, PLAN-02).</summary>
    /// <param name="plan">The current plan, as it stands before this review.</param>
    /// <returns>Success, or the first refusal naming its rule and field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public Result CheckAgainst(ActionPlan plan)
    {
        var problems = ProblemsAgainst(plan);
        return problems.IsEmpty ? Result.Ok : Result.Refused(problems[0]);
    }

    /// <summary>
    /// Lists every problem of the review against the plan it reviews: REV-01 (a meeting has a chair and a
    /// note-taker; the parent invited; the child invited or the reason it was not appropriate; not before
    /// the plan was agreed), REV-02 (a progress entry for every action of the plan, none for an unknown
    /// action, none twice; barriers not empty; achieved outcomes known; the next review date after the
    /// review unless it decided to close), PLAN-02 for the new actions (ids unique across the plan).
    /// </summary>
    /// <param name="plan">The current plan, as it stands before this review.</param>
    /// <returns>The refusals, each with its rule id and field; empty when the review fits the plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public ImmutableArray<Refusal> ProblemsAgainst(ActionPlan plan)
    {
        Guard.Against.Null(plan);
        var problems = ImmutableArray.CreateBuilder<Refusal>();
        CheckForm(plan, problems);

        // Plans hold a handful of actions and outcomes: linear scans, no sets, so a valid review allocates little.
        for (var i = 0; i < Progress.Length; i++)
        {
            var id = Progress[i].ActionId;
            if (plan.FindAction(id) is null)
            {
                problems.Add(new Refusal("REV-02", $"'{id}' is not an action of the plan under review (version {plan.Version}).", $"progress[{i}].actionId"));
            }
            else if (ReportedBefore(id, i))
            {
                problems.Add(new Refusal("REV-02", $"Progress on action '{id}' is recorded twice.", $"progress[{i}].actionId"));
            }
        }

        if (plan.Actions.Any(a => !ReportedBefore(a.Id, Progress.Length)))
        {
            var missing = plan.Actions.Where(a => !ReportedBefore(a.Id, Progress.Length)).Select(a => a.Id);
            problems.Add(new Refusal("REV-02", $"Record progress on every action of the plan; missing: {string.Join(", ", missing)}.", "progress"));
        }

        for (var i = 0; i < Barriers.Length; i++)
        {
            if (PlanText.IsBlank(Barriers[i]))
            {
                problems.Add(new Refusal("REV-02", "A barrier is empty.", $"barriers[{i}]"));
            }
        }

        if (!NewActions.IsEmpty)
        {
            var outcomeIds = new HashSet<string>(plan.Outcomes.Select(o => o.Id), StringComparer.Ordinal);
            var actionIds = new HashSet<string>(plan.Actions.Select(a => a.Id), StringComparer.Ordinal);
            ActionPlan.CheckActions(NewActions, "newActions", outcomeIds, actionIds, problems);
        }

        for (var i = 0; i < OutcomesAchieved.Length; i++)
        {
            var id = OutcomesAchieved[i];
            if (!plan.Outcomes.Any(o => o.Id == id))
            {
                problems.Add(new Refusal("REV-02", $"'{id}' is not an intended outcome of the plan under review.", $"outcomesAchieved[{i}]"));
            }
            else if (OutcomesAchieved.IndexOf(id) < i)
            {
                problems.Add(new Refusal("REV-02", $"Outcome '{id}' is listed twice.", $"outcomesAchieved[{i}]"));
            }
        }

        CheckNextReview(problems);
        return problems.ToImmutable();
    }

    /// <summary>
    /// REV-04: the escalations this review gives rise to: one for each action owned by an agency that the
    /// review found not carried out, raised by the lead professional. Family and child actions are not
    /// escalated; no action changes owner.
    /// </summary>
    /// <param name="plan">The plan under review.</param>
    /// <param name="leadProfessional">The lead professional who takes it up with their supervisor.</param>
    /// <returns>The escalations, in plan order; empty when none.</returns>
    /// <exception cref="ArgumentException">The plan is null or the lead professional default.</exception>
    public ImmutableArray<ActionEscalation> EscalationsAgainst(ActionPlan plan, Actor leadProfessional)
    {
        Guard.Against.Null(plan);
        if (leadProfessional.IsDefault)
        {
            throw new ArgumentException("The lead professional needs a practitioner and an agency.", nameof(leadProfessional));
        }

        if (!Progress.Any(p => p.Progress == ActionProgress.NotCarriedOut))
        {
            return [];
        }

        var notCarriedOut = new HashSet<string>(
            Progress.Where(p => p.Progress == ActionProgress.NotCarriedOut).Select(p => p.ActionId), StringComparer.Ordinal);
        return
        [
            .. plan.Actions
                .Where(a => a.Owner.Kind == ActionOwnerKind.Practitioner && notCarriedOut.Contains(a.Id))
                .Select(a => new ActionEscalation(a.Id, a.Owner.Practitioner!.Value, a.Owner.Agency!.Value, leadProfessional, HeldOn)),
        ];
    }

    /// <inheritdoc />
    public bool Equals(ReviewRecord? other) =>
        other is not null
        && Form == other.Form
        && HeldOn == other.HeldOn
        && Chair == other.Chair
        && NoteTaker == other.NoteTaker
        && ParentInvited == other.ParentInvited
        && ChildInvited == other.ChildInvited
        && ChildNotInvitedReason == other.ChildNotInvitedReason
        && OverallProgress == other.OverallProgress
        && NextReviewDue == other.NextReviewDue
        && DecidedToClose == other.DecidedToClose
        && Summary == other.Summary
        && ChildInvolvement == other.ChildInvolvement
        && ValueEquality.Equal(Progress, other.Progress)
        && ValueEquality.Equal(Barriers, other.Barriers)
        && ValueEquality.Equal(NewActions, other.NewActions)
        && ValueEquality.Equal(OutcomesAchieved, other.OutcomesAchieved);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Form);
        hash.Add(HeldOn);
        hash.Add(Chair);
        hash.Add(NoteTaker);
        hash.Add(ParentInvited);
        hash.Add(ChildInvited);
        hash.Add(ChildNotInvitedReason);
        hash.Add(OverallProgress);
        hash.Add(NextReviewDue);
        hash.Add(DecidedToClose);
        hash.Add(Summary);
        hash.Add(ChildInvolvement);
        hash.Add(ValueEquality.Hash(Progress));
        hash.Add(ValueEquality.Hash(Barriers));
        hash.Add(ValueEquality.Hash(NewActions));
        hash.Add(ValueEquality.Hash(OutcomesAchieved));
        return hash.ToHashCode();
    }

    private bool ReportedBefore(string actionId, int before)
    {
        for (var j = 0; j < before; j++)
        {
            if (Progress[j].ActionId == actionId)
            {
                return true;
            }
        }

        return false;
    }

    private static PractitionerId? NotDefault(PractitionerId? value, string name) =>
        value is { IsDefault: true } ? throw new ArgumentException("Use null, not a default id.", name) : value;

    private void CheckForm(ActionPlan plan, ImmutableArray<Refusal>.Builder problems)
    {
        if (Form == ReviewForm.Meeting && Chair is null)
        {
            problems.Add(new Refusal("REV-01", "For a review meeting you will need someone to chair the meeting.", "chair"));
        }

        if (Form == ReviewForm.Meeting && NoteTaker is null)
        {
            problems.Add(new Refusal("REV-01", "For a review meeting you will need someone to make notes.", "noteTaker"));
        }

        if (!ParentInvited)
        {
            problems.Add(new Refusal("REV-01", "A review invites and involves the parent.", "parentInvited"));
        }

        if (!ChildInvited && PlanText.IsBlank(ChildNotInvitedReason))
        {
            problems.Add(new Refusal("REV-01", "A review invites the child where appropriate: invite them or record why it was not appropriate.", "childNotInvitedReason"));
        }

        if (HeldOn < plan.AgreedOn)
        {
            problems.Add(new Refusal("REV-01", $"The review date is before the plan under review was agreed ({plan.AgreedOn:yyyy-MM-dd}).", "heldOn"));
        }
    }

    private void CheckNextReview(ImmutableArray<Refusal>.Builder problems)
    {
        if (DecidedToClose)
        {
            if (NextReviewDue is not null)
            {
                problems.Add(new Refusal("REV-02", "A review that decided to close the CAF sets no next review date.", "nextReviewDue"));
            }
        }
        else if (NextReviewDue is not { } next)
        {
            problems.Add(new Refusal("REV-02", "Agree a new review date (unless the review decided to close the CAF).", "nextReviewDue"));
        }
        else if (next <= HeldOn)
        {
            problems.Add(new Refusal("REV-02", $"The next review must be after this one ({HeldOn:yyyy-MM-dd}).", "nextReviewDue"));
        }
    }
}
