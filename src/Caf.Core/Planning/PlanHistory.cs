using System;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Planning;

/// <summary>
/// Every version of an episode's action plan, as agreed, in order: version 1 first. Adding a revision
/// never drops or changes an earlier version, so "earlier versions stay readable".
/// </summary>
/// <remarks>
/// Holds the plans as agreed. Action statuses after reviews belong to the current plan
/// (<see cref="ActionPlan.AfterReview"/>) and to the reviews themselves.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PlanHistory
{
    /// <summary>Creates a history from its versions.</summary>
    /// <param name="versions">The plans, numbered 1, 2, 3... in order.</param>
    /// <exception cref="ArgumentException">A version is null or the numbering is not 1, 2, 3...</exception>
    [JsonConstructor]
    public PlanHistory(ImmutableArray<ActionPlan> versions)
    {
        versions = ValueEquality.NoNulls(versions, nameof(versions));
        for (var i = 0; i < versions.Length; i++)
        {
            if (versions[i].Version != i + 1)
            {
                throw new ArgumentException($"Plan versions must be numbered 1, 2, 3...; position {i} holds version {versions[i].Version}.", nameof(versions));
            }
        }

        Versions = versions;
    }

    /// <summary>No plan yet.</summary>
    public static PlanHistory Empty { get; } = new([]);

    /// <summary>The versions, first to latest.</summary>
    public ImmutableArray<ActionPlan> Versions { get; }

    /// <summary>The latest version, or null before a plan is agreed.</summary>
    [JsonIgnore]
    public ActionPlan? Current => Versions.IsEmpty ? null : Versions[^1];

    /// <summary>The version number the next plan must carry (1 when there is none).</summary>
    [JsonIgnore]
    public int NextVersion => Versions.Length + 1;

    /// <summary>Adds the next version.</summary>
    /// <param name="plan">A plan whose <see cref="ActionPlan.Version"/> is <see cref="NextVersion"/> (see <see cref="ActionPlan.Revise"/>).</param>
    /// <returns>The longer history; this one is unchanged.</returns>
    /// <exception cref="ArgumentException">The plan is null or carries another version number.</exception>
    public PlanHistory Add(ActionPlan plan)
    {
        Guard.Against.Null(plan);
        if (plan.Version != NextVersion)
        {
            throw new ArgumentException($"The next plan must be version {NextVersion}; got {plan.Version}.", nameof(plan));
        }

        return new PlanHistory(Versions.Add(plan));
    }

    /// <summary>Reads one version.</summary>
    /// <param name="version">1 to the number of versions.</param>
    /// <returns>That version as agreed.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such version.</exception>
    public ActionPlan Version(int version) =>
        version >= 1 && version <= Versions.Length
            ? Versions[version - 1]
            : throw new ArgumentOutOfRangeException(nameof(version), version, $"The history holds versions 1 to {Versions.Length}.");

    /// <inheritdoc />
    public bool Equals(PlanHistory? other) => other is not null && ValueEquality.Equal(Versions, other.Versions);

    /// <inheritdoc />
    public override int GetHashCode() => ValueEquality.Hash(Versions);
}
