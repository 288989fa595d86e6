using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LP-06: the nominee's supervisor confirmed they can take the lead-professional role.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Supervisor">The supervisor who confirmed.</param>
/// <param name="Reason">Why the supervisor confirmed (capacity, fit), as the command received it (LIFE-11).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record NominationConfirmedBySupervisor(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PractitionerId Supervisor,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <summary>
    /// LP-06: the nominee whose capacity the supervisor confirmed, set by the episode when it records the confirmation.
    /// An event carrying it is judged on replay as live (the supervisor is never the nominee); one stored before it
    /// existed (null) reads back as it was accepted then (docs/upgrading.md).
    /// </summary>
    /// <remarks>JSON: <c>nominee</c>, omitted when null.</remarks>
    [JsonPropertyName("nominee")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PractitionerId? Nominee { get; init; }
}
