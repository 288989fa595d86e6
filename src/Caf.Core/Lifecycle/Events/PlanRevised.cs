using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PLAN-01..03, REV-02: the plan was revised (normally at a review): the next version, while every earlier
/// version stays readable (<see cref="PlanHistory"/>). For REV-03 a revision restarts the count of reviews only
/// when it changes the outcomes or follows a required reassessment (<see cref="RestartsReviewCount"/>).
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Plan">The revised plan; its version is one more than the current one.</param>
/// <param name="Reason">Why the plan was revised (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PlanRevised(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ActionPlan Plan,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <summary>
    /// REV-03: whether this revision restarts the count of reviews that requires reassessment: true when it changes the
    /// plan's outcomes (one added or removed, or what needs to change reworded) or follows a required reassessment;
    /// false for a revision of actions or wording only, whose reviews count on. Set by the episode and checked on
    /// replay. Null in revisions stored before it was recorded: they restarted the count, and still do.
    /// </summary>
    /// <remarks>JSON: <c>restartsReviewCount</c>, omitted when null.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? RestartsReviewCount { get; init; }
}
