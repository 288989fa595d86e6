using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// REV-01..04: a review of the current plan was held, with the escalations it gave rise to: each action of
/// an agency that was not carried out, taken up by the lead professional with their supervisor (REV-04).
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="PlanVersion">The version of the plan reviewed (the current one).</param>
/// <param name="Review">The review as recorded (form, date, progress per action, barriers, new actions, next review).</param>
/// <param name="Escalations">REV-04: the escalations, exactly those <see cref="ReviewRecord.EscalationsAgainst"/> gives.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReviewHeld(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    int PlanVersion,
    ReviewRecord Review,
    ImmutableArray<ActionEscalation> Escalations)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(ReviewHeld? other) =>
        other is not null && base.Equals(other) && PlanVersion == other.PlanVersion && Review == other.Review
        && ValueEquality.Equal(Escalations, other.Escalations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), PlanVersion, Review, ValueEquality.Hash(Escalations));
}
