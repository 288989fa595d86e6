using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-01: a practitioner identified possible unmet additional needs; the episode opens (an "intent to CAF", counted in REP-01).</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Child">The child (or unborn baby).</param>
/// <param name="Concern">The concern in the practitioner's words.</param>
/// <param name="PreviousEpisodes">Earlier, closed episodes of the same child this one is linked to (LIFE-03).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ConcernIdentified(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ChildDetails Child,
    string Concern,
    ImmutableArray<EpisodeId> PreviousEpisodes)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(ConcernIdentified? other) =>
        other is not null && base.Equals(other) && Child == other.Child && Concern == other.Concern
        && ValueEquality.Equal(PreviousEpisodes, other.PreviousEpisodes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Child, Concern, ValueEquality.Hash(PreviousEpisodes));
}
