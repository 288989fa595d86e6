using System;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// CLOSE-C1..C4, CLOSE-01..05, CLOSE-08, CLOSE-10: the lead professional (or their supervisor) closed the
/// episode, naming the criteria met and exactly one outcome of the taxonomy.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who closed it.</param>
/// <param name="Request">What was recorded: criteria, outcome code, the decision under "how will you know when things have improved", evidence.</param>
/// <param name="Outcome">The canonical outcome the code maps to in the taxonomy (CLOSE-10), so a reader without the taxonomy knows it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeClosed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ClosureRequest Request,
    ClosureOutcome Outcome)
    : CafEvent(EpisodeId, OccurredAt, Actor);
