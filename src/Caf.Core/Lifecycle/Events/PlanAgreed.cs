using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>PLAN-01, PLAN-02, LIFE-08, LIFE-09: the action plan was agreed and delivery starts.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="IntendedOutcomes">What needs to change, in the family's words (PLAN-01).</param>
/// <param name="DeliveringAgencies">The agencies that own actions (empty when the family owns every action).</param>
/// <param name="FamilyOwnsActions">True when the family or child own actions (CLOSE-01).</param>
/// <param name="FirstReviewDue">When the first review is due (REV-05).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PlanAgreed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ImmutableArray<string> IntendedOutcomes,
    ImmutableArray<AgencyId> DeliveringAgencies,
    bool FamilyOwnsActions,
    DateOnly? FirstReviewDue)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(PlanAgreed? other) =>
        other is not null && base.Equals(other) && FamilyOwnsActions == other.FamilyOwnsActions && FirstReviewDue == other.FirstReviewDue
        && ValueEquality.Equal(IntendedOutcomes, other.IntendedOutcomes) && ValueEquality.Equal(DeliveringAgencies, other.DeliveringAgencies);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), FamilyOwnsActions, FirstReviewDue, ValueEquality.Hash(IntendedOutcomes), ValueEquality.Hash(DeliveringAgencies));
}
