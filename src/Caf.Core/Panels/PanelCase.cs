using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// A complete referral that passed the sharing gate (PANEL-02, SHARE-01): the referral, the agencies that
/// may see its papers and those withheld, each with its audited decision. Only
/// <see cref="PanelSharingGate"/> creates one, so <see cref="PapersFor"/> never names an excluded agency.
/// </summary>
/// <remarks>Value equality covers the agency lists.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelCase
{
    internal PanelCase(PanelReferral referral, ImmutableArray<Primitives.AgencyId> papersFor, ImmutableArray<WithheldAgency> withheld)
    {
        Referral = referral;
        PapersFor = papersFor;
        Withheld = withheld;
    }

    /// <summary>The referral.</summary>
    public PanelReferral Referral { get; }

    /// <summary>SHARE-01: the agencies that may see the case's papers (sorted); the agenda entry lists only these.</summary>
    public ImmutableArray<Primitives.AgencyId> PapersFor { get; }

    /// <summary>The agencies refused, with the reason (an excluded agency, CONS-05), sorted by agency.</summary>
    public ImmutableArray<WithheldAgency> Withheld { get; }

    /// <inheritdoc />
    public bool Equals(PanelCase? other) =>
        other is not null && Referral.Equals(other.Referral) && PapersFor.SequenceEqual(other.PapersFor) && Withheld.SequenceEqual(other.Withheld);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Referral, PapersFor.Length, Withheld.Length);
}
