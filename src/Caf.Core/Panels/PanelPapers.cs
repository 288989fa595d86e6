using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// SHARE-01, CONS-04, CONS-07: who may see one referral's panel papers, judged against the consent in force at
/// <see cref="JudgedAt"/>. Only <see cref="PanelConsentInForce.PapersFor"/> creates one, so a slot request brought back
/// to the panel (a re-presentation, a progress review, a waiting-list return, a re-hearing) carries the recipients
/// as they stand when it is made, never the list decided at the referral.
/// </summary>
/// <remarks>Value equality covers the lists.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelPapers
{
    internal PanelPapers(EpisodeId episode, PanelReferralId referral, DateTimeOffset judgedAt, ImmutableArray<AgencyId> papersFor, ImmutableArray<WithheldAgency> withheld)
    {
        Episode = episode;
        Referral = referral;
        JudgedAt = judgedAt;
        PapersFor = papersFor;
        Withheld = withheld;
    }

    /// <summary>The episode.</summary>
    public EpisodeId Episode { get; }

    /// <summary>The referral whose papers these are.</summary>
    public PanelReferralId Referral { get; }

    /// <summary>When the recipients were judged.</summary>
    public DateTimeOffset JudgedAt { get; }

    /// <summary>SHARE-01: the agencies that may see the papers now (sorted, at least one).</summary>
    public ImmutableArray<AgencyId> PapersFor { get; }

    /// <summary>The agencies refused now, each with its decision (an exclusion, SHARE-01), sorted by agency.</summary>
    public ImmutableArray<WithheldAgency> Withheld { get; }

    /// <inheritdoc />
    public bool Equals(PanelPapers? other) =>
        other is not null && Episode == other.Episode && Referral == other.Referral && JudgedAt == other.JudgedAt
        && PapersFor.SequenceEqual(other.PapersFor) && Withheld.SequenceEqual(other.Withheld);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Episode, Referral, JudgedAt, PapersFor.Length, Withheld.Length);
}
