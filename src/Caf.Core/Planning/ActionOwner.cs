using System;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>
/// PLAN-02: the owner of an action: "tasks in the agreed Action Plans are clearly identified against the
/// family, child/young person and the named practitioners and their agencies" (002 §6). A practitioner
/// owner always has a practitioner and an agency; a family or child owner has neither.
/// </summary>
/// <remarks>
/// Use <see cref="Family"/>, <see cref="ChildOrYoungPerson"/> or <see cref="ForPractitioner(PractitionerId, AgencyId)"/>; the
/// constructor (used by JSON) refuses any other shape by throwing, so an owner cannot be mis-set.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ActionOwner
{
    /// <summary>Creates an owner; prefer the factory members.</summary>
    /// <param name="kind">Who owns the action.</param>
    /// <param name="practitioner">The named practitioner; only and always for <see cref="ActionOwnerKind.Practitioner"/>.</param>
    /// <param name="agency">Their agency; only and always for <see cref="ActionOwnerKind.Practitioner"/>.</param>
    /// <exception cref="ArgumentException">The kind is undefined or the ids do not fit the kind.</exception>
    [JsonConstructor]
    public ActionOwner(ActionOwnerKind kind, PractitionerId? practitioner, AgencyId? agency)
    {
        Guard.Against.EnumOutOfRange(kind);
        if (kind == ActionOwnerKind.Practitioner)
        {
            if (practitioner is not { IsDefault: false } || agency is not { IsDefault: false })
            {
                throw new ArgumentException("A practitioner owner needs a named practitioner and their agency (PLAN-02).", nameof(practitioner));
            }
        }
        else if (practitioner is not null || agency is not null)
        {
            throw new ArgumentException($"A {kind} owner has no practitioner or agency.", nameof(practitioner));
        }

        Kind = kind;
        Practitioner = practitioner;
        Agency = agency;
    }

    /// <summary>The family owns the action.</summary>
    public static ActionOwner Family { get; } = new(ActionOwnerKind.Family, null, null);

    /// <summary>The child or young person owns the action.</summary>
    public static ActionOwner ChildOrYoungPerson { get; } = new(ActionOwnerKind.ChildOrYoungPerson, null, null);

    /// <summary>Who owns the action.</summary>
    public ActionOwnerKind Kind { get; }

    /// <summary>The named practitioner, for a practitioner owner.</summary>
    public PractitionerId? Practitioner { get; }

    /// <summary>The practitioner's agency, for a practitioner owner; such an agency must pass the sharing gate (SHARE-01).</summary>
    public AgencyId? Agency { get; }

    /// <summary>True when the family or the child or young person own the action (CLOSE-01).</summary>
    [JsonIgnore]
    public bool IsFamilyOrChild => Kind != ActionOwnerKind.Practitioner;

    /// <summary>A named practitioner and their agency own the action.</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <param name="agency">Their agency.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException">Either id is default.</exception>
    public static ActionOwner ForPractitioner(PractitionerId practitioner, AgencyId agency) =>
        new(ActionOwnerKind.Practitioner, practitioner, agency);

    /// <summary>A named practitioner (with their agency) owns the action.</summary>
    /// <param name="actor">The practitioner and agency.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentException">The actor is default.</exception>
    public static ActionOwner ForPractitioner(Actor actor) => ForPractitioner(actor.Practitioner, actor.Agency);

    /// <summary>Who owns the action, as a person reads it: the display text of <see cref="PlanningDisplayText.For(ActionOwner)"/>.</summary>
    /// <returns>"The family", "The child or young person", or the practitioner and agency.</returns>
    public override string ToString() => PlanningDisplayText.For(this);
}
