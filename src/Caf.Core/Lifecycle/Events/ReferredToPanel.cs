using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// LIFE-07, PANEL-01, PANEL-02, CONS-04: the episode was referred to the panel of an area (MAF/MAAG) with the
/// referral form, and the papers went through the sharing gate for purpose "panel" (SHARE-01).
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral form: reason, signed consent, needs, desired outcome, SMART goals, area and referrer.</param>
/// <param name="PapersFor">
/// The panel's member agencies the sharing service allowed to see the papers (SHARE-01): the agenda entry lists
/// only these. Sorted, distinct, at least one.
/// </param>
/// <param name="PapersWithheldFrom">
/// The panel's member agencies refused (an agency the family excluded, CONS-05): the papers for this case never
/// go to them. Sorted and distinct.
/// </param>
/// <remarks>Value equality covers the agency lists.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReferredToPanel(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferral Referral,
    ImmutableArray<AgencyId> PapersFor,
    ImmutableArray<AgencyId> PapersWithheldFrom)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(ReferredToPanel? other) =>
        other is not null && base.Equals(other) && Equals(Referral, other.Referral)
        && ValueEquality.Equal(PapersFor, other.PapersFor) && ValueEquality.Equal(PapersWithheldFrom, other.PapersWithheldFrom);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Referral, ValueEquality.Hash(PapersFor), ValueEquality.Hash(PapersWithheldFrom));
}
