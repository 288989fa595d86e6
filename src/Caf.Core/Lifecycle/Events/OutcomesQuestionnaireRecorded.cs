using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// OUTQ-01: a completion of the "How have you been doing?" questionnaire (000 appendix 3) was recorded on the
/// episode: the date it was filled in, who answered and the seven answers.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">The practitioner who recorded it.</param>
/// <param name="Completion">The completion as filled in (its own date, which is on or before the day it was recorded).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record OutcomesQuestionnaireRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    OutcomesCompletion Completion)
    : CafEvent(EpisodeId, OccurredAt, Actor);
