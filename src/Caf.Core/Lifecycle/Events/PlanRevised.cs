using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PLAN-01..03, REV-02: the plan was revised (normally at a review): the next version, while every earlier
/// version stays readable (<see cref="PlanHistory"/>). A new version is a new plan for REV-03.
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
    : CafEvent(EpisodeId, OccurredAt, Actor);
