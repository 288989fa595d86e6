using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-07, PANEL-01, CONS-04: the episode was referred to a panel (MAF/MAAG).</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Panel">The panel's name.</param>
/// <param name="Reason">Why a panel: varied or complex needs, unclear which service, multi-agency response.</param>
/// <param name="PapersWithheldFrom">
/// The agencies the family excluded when the referral was made (CONS-05, SHARE-01): the panel's papers for
/// this case never go to them. Sorted and distinct.
/// </param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReferredToPanel(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string Panel,
    string Reason,
    ImmutableArray<AgencyId> PapersWithheldFrom)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(ReferredToPanel? other) =>
        other is not null && base.Equals(other) && Panel == other.Panel && Reason == other.Reason
        && ValueEquality.Equal(PapersWithheldFrom, other.PapersWithheldFrom);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Panel, Reason, ValueEquality.Hash(PapersWithheldFrom));
}
