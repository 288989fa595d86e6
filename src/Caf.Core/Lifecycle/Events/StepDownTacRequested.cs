using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// STEP-04: the family asked for a step-down TAC meeting (002 §3 operating principles: "in all situations where a
/// family wants a step-down TAC meeting, the involved and/or relevant agencies will honour that request"). Until the TAC's
/// decision is recorded (<see cref="StepDownTacDecided"/>) the potential CAF can go on to neither an assessment, a plan nor a
/// closure.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="RequestedBy">Who in the family asked (name and relationship to the child), in the recorder's words.</param>
/// <param name="RequestedByRole">Who asked, as a consent role: a parent with parental responsibility, the young person, or the expectant parent.</param>
/// <param name="Reason">What the family asked for and why (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record StepDownTacRequested(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string RequestedBy,
    ConsentGiverRole RequestedByRole,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
