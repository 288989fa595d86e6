using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>REV-01..03: a review of the plan was held.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Progress">Sufficient or insufficient progress (REV-03 counts the insufficient ones).</param>
/// <param name="Summary">Progress, barriers and new actions (REV-02).</param>
/// <param name="NextReviewDue">The next review date (REV-02).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReviewHeld(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ReviewProgress Progress,
    string Summary,
    DateOnly? NextReviewDue)
    : CafEvent(EpisodeId, OccurredAt, Actor);
