using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// A request for a slot on an agenda of an area's panel (PANEL-03): a new referral, a progress review, a
/// re-presentation (PANEL-05), a waiting-list return (PANEL-06) or a re-hearing (PANEL-07). The scheduler
/// places requests in the order of <see cref="RequestedAt"/>, then <see cref="Slot"/>.
/// </summary>
/// <remarks>
/// <see cref="PapersFor"/> is the recipients as judged when the request was made: from the <see cref="PanelCase"/> the
/// sharing gate produced, or from <see cref="PanelPapers"/> judged against the consent in force when a case is brought
/// back (a re-presentation, a progress review, a waiting-list return, a re-hearing), never copied from an earlier
/// booking. It is kept for the record only: the papers go out through <see cref="PanelAgenda.IssuePapers"/>, which
/// judges them again when they flow (SHARE-01). Value equality covers the agencies.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelSlotRequest
{
    /// <summary>Creates a request (hosts rebuilding stored requests; otherwise use the factories).</summary>
    /// <param name="slot">The slot's id, unique among requests and bookings.</param>
    /// <param name="referral">The referral the slot is about.</param>
    /// <param name="episode">The episode.</param>
    /// <param name="area">The area whose panels may take it.</param>
    /// <param name="origin">Where the request comes from; a review uses review capacity, everything else a new-case slot.</param>
    /// <param name="requestedAt">When it was requested: the scheduling order.</param>
    /// <param name="papersFor">The agencies the sharing gate allowed to see the papers (SHARE-01).</param>
    /// <exception cref="ArgumentException">An id is default, the area is empty or the origin is not defined.</exception>
    public PanelSlotRequest(PanelSlotId slot, PanelReferralId referral, Caf.Core.Primitives.EpisodeId episode, string area, PanelSlotOrigin origin, DateTimeOffset requestedAt, IEnumerable<AgencyId> papersFor)
    {
        Slot = slot.IsDefault ? throw new ArgumentException("The slot id must not be default.", nameof(slot)) : slot;
        Referral = referral.IsDefault ? throw new ArgumentException("The referral id must not be default.", nameof(referral)) : referral;
        Episode = episode.IsDefault ? throw new ArgumentException("The episode id must not be default.", nameof(episode)) : episode;
        Area = Guard.Against.NullOrWhiteSpace(area);
        Origin = Guard.Against.EnumOutOfRange(origin);
        RequestedAt = requestedAt;
        Guard.Against.Null(papersFor);
        PapersFor = papersFor.Distinct().Order().ToImmutableArray();
        if (PapersFor.Any(a => a.IsDefault))
        {
            throw new ArgumentException("The papers' agencies must not contain a default id.", nameof(papersFor));
        }
    }

    /// <summary>The slot's id.</summary>
    public PanelSlotId Slot { get; }

    /// <summary>The referral the slot is about.</summary>
    public PanelReferralId Referral { get; }

    /// <summary>The episode.</summary>
    public Caf.Core.Primitives.EpisodeId Episode { get; }

    /// <summary>The area whose panels may take it.</summary>
    public string Area { get; }

    /// <summary>Where the request comes from.</summary>
    public PanelSlotOrigin Origin { get; }

    /// <summary>Which capacity it uses: reviews for <see cref="PanelSlotOrigin.Review"/>, new cases otherwise.</summary>
    public PanelSlotKind Kind => Origin == PanelSlotOrigin.Review ? PanelSlotKind.Review : PanelSlotKind.NewCase;

    /// <summary>When it was requested.</summary>
    public DateTimeOffset RequestedAt { get; }

    /// <summary>SHARE-01: the agencies that may see the papers (sorted, distinct).</summary>
    public ImmutableArray<AgencyId> PapersFor { get; }

    /// <summary>PANEL-03: a new case slot for a referral that passed the gate; the slot id is the referral id.</summary>
    /// <param name="case">The case from <see cref="PanelSharingGate"/>.</param>
    /// <returns>The request, timed at the referral.</returns>
    public static PanelSlotRequest NewCase(PanelCase @case)
    {
        Guard.Against.Null(@case);
        var r = @case.Referral;
        return new(new PanelSlotId(r.Id.Value), r.Id, r.Episode, r.Area, PanelSlotOrigin.Referral, r.ReferredAt, @case.PapersFor);
    }

    /// <summary>
    /// The same case brought back to its area's panel (PANEL-05, PANEL-06, PANEL-07), with the papers' recipients
    /// judged against the consent in force now (<paramref name="papers"/>), not the booking's.
    /// </summary>
    /// <param name="booking">The slot where it was last heard.</param>
    /// <param name="slot">The new slot's id.</param>
    /// <param name="origin">Why it comes back.</param>
    /// <param name="requestedAt">When it was asked for: its place in the queue.</param>
    /// <param name="papers">The recipients judged now, for the booking's episode and referral.</param>
    /// <returns>The request.</returns>
    /// <exception cref="ArgumentException">The papers are null or for another episode or referral.</exception>
    internal static PanelSlotRequest BackToPanel(PanelBooking booking, PanelSlotId slot, PanelSlotOrigin origin, DateTimeOffset requestedAt, PanelPapers papers)
    {
        var r = booking.Request;
        CheckPapers(papers, r.Episode, r.Referral);
        return new(slot, r.Referral, r.Episode, r.Area, origin, requestedAt, papers.PapersFor);
    }

    /// <summary>Misuse: papers judged for another case.</summary>
    internal static void CheckPapers(PanelPapers papers, Caf.Core.Primitives.EpisodeId episode, PanelReferralId referral)
    {
        Guard.Against.Null(papers);
        if (papers.Episode != episode || papers.Referral != referral)
        {
            throw new ArgumentException($"The papers were judged for referral {papers.Referral} of episode {papers.Episode}, not referral {referral} of episode {episode}.", nameof(papers));
        }
    }

    /// <inheritdoc />
    public bool Equals(PanelSlotRequest? other) =>
        other is not null && Slot == other.Slot && Referral == other.Referral && Episode == other.Episode && Area == other.Area
        && Origin == other.Origin && RequestedAt == other.RequestedAt && PapersFor.SequenceEqual(other.PapersFor);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Slot, Referral, Episode, Area, Origin, RequestedAt);
}
