using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// CONS-09: the family was given a copy of the completed assessment and/or the agreed plan, which belong to them (002 §6:
/// "The completed assessment with the mutually agreed action plan ... belong to the family").
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who gave it.</param>
/// <param name="AssessmentIncluded">True when the copy holds the completed assessment.</param>
/// <param name="PlanVersion">The version of the agreed plan the copy holds; null when it holds no plan.</param>
/// <param name="GivenTo">The family member given the copy, by name.</param>
/// <param name="How">How it was given (by hand at the meeting, by post, ...).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record FamilyCopyGiven(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    bool AssessmentIncluded,
    int? PlanVersion,
    string GivenTo,
    string How)
    : CafEvent(EpisodeId, OccurredAt, Actor);
