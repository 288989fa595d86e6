using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PLAN-01..03, LIFE-08, LIFE-09: an action plan was agreed and delivery starts — the first plan, or a new
/// plan negotiated after reassessment (REV-03), which starts the count of reviews again.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Plan">The plan as agreed; its version is the next of the episode's <see cref="PlanHistory"/>.</param>
/// <param name="Reason">Why this plan, as the command received it (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PlanAgreed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ActionPlan Plan,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
