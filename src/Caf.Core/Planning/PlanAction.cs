using System;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>
/// PLAN-02: one action of the plan: what, who (an <see cref="ActionOwner"/>), by when, and where it
/// stands; optionally which intended outcomes it serves.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PlanAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="id">Stable id of the action; reviews report progress against it (REV-02).</param>
    /// <param name="description">What will be done (may be empty while drafting; validation reports it).</param>
    /// <param name="owner">Who does it (PLAN-02).</param>
    /// <param name="dueBy">The timescale: the date it should be done by (PLAN-02; overdue when open after it, REV-05).</param>
    /// <param name="status">Where it stands.</param>
    /// <param name="serves">Ids of the intended outcomes it serves (optional).</param>
    /// <exception cref="ArgumentException">An id is invalid, the description or owner is null, or the status is undefined.</exception>
    [JsonConstructor]
    public PlanAction(string id, string description, ActionOwner owner, DateOnly dueBy, ActionStatus status = ActionStatus.NotStarted, ImmutableArray<string> serves = default)
    {
        Id = id;
        Description = description;
        Owner = owner;
        DueBy = dueBy;
        Status = status;
        Serves = serves;
    }

    /// <summary>Stable id of the action within the episode's plans.</summary>
    public string Id { get; init => field = PlanText.Id(value, nameof(Id)); }

    /// <summary>What will be done.</summary>
    public string Description { get; init => field = PlanText.Text(value, nameof(Description)); }

    /// <summary>Who does it; an escalation never changes it (REV-04).</summary>
    public ActionOwner Owner { get; init => field = Guard.Against.Null(value, nameof(Owner)); }

    /// <summary>The date it should be done by.</summary>
    public DateOnly DueBy { get; init; }

    /// <summary>Where it stands.</summary>
    public ActionStatus Status { get; init => field = Guard.Against.EnumOutOfRange(value, nameof(Status)); }

    /// <summary>Ids of the intended outcomes this action serves; may be empty.</summary>
    public ImmutableArray<string> Serves
    {
        get;
        init
        {
            var ids = ValueEquality.OrEmpty(value);
            foreach (var outcomeId in ids)
            {
                PlanText.Id(outcomeId, nameof(Serves));
            }

            field = ids;
        }
    }

    /// <summary>
    /// LP-12: the owning agency's recorded agreement that the lead professional does this action on its behalf. The
    /// lead professional has no authority to act for another agency unless that agency specifically agrees (003 §3):
    /// an episode refuses an action owned by the lead professional under another agency's name without it. Null for
    /// every other action, and in actions stored before LP-12.
    /// </summary>
    /// <remarks>JSON: <c>agencyAgreement</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AgencyAgreement? AgencyAgreement { get; init; }

    /// <summary>
    /// LP-12: the owner's recorded confirmation that the action is within their own professional competence and training
    /// (003 §3: the lead professional role includes no "requirement to take action outside of their professional
    /// competence and training"). An episode refuses an action owned by the lead professional that records false or,
    /// live, does not say. Null for other actions where not said, and in actions stored before LP-12 required it.
    /// </summary>
    /// <remarks>JSON: <c>withinOwnersCompetence</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? WithinOwnersCompetence { get; init; }

    /// <summary>
    /// LP-12: who holds the budget the action spends, when it spends one (003 §3: the lead professional role includes no
    /// "budget holding responsibility"). An episode refuses the lead professional as the holder: the owning agency, or a
    /// practitioner who is not the lead professional, holds it. Null when the action spends no budget.
    /// </summary>
    /// <remarks>JSON: <c>budgetHolder</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ActionOwner? BudgetHolder { get; init; }

    /// <summary>True while the action is still expected to happen (not started or in progress).</summary>
    [JsonIgnore]
    public bool IsOpen => Status is ActionStatus.NotStarted or ActionStatus.InProgress;

    /// <summary>REV-05: whether the action is open after its due date.</summary>
    /// <param name="date">The date to judge on (e.g. today).</param>
    /// <returns>True when overdue on that date.</returns>
    public bool IsOverdueOn(DateOnly date) => IsOpen && date > DueBy;

    /// <inheritdoc />
    public bool Equals(PlanAction? other) =>
        other is not null
        && Id == other.Id
        && Description == other.Description
        && Owner == other.Owner
        && DueBy == other.DueBy
        && Status == other.Status
        && AgencyAgreement == other.AgencyAgreement
        && WithinOwnersCompetence == other.WithinOwnersCompetence
        && BudgetHolder == other.BudgetHolder
        && ValueEquality.Equal(Serves, other.Serves);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Id, Description, Owner, DueBy, Status, AgencyAgreement, ValueEquality.Hash(Serves)), WithinOwnersCompetence, BudgetHolder);
}
