using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.AspNetCore;

/// <summary>
/// LAW-01: one line of what the family can be shown about the episode's hand-overs (<see cref="FamilySharingLine"/>),
/// as <c>GET {id}/sharing</c> answers it: codes for programs and plain words for the family beside them.
/// </summary>
public sealed class FamilySharingLineView
{
    /// <summary>When it was decided.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The agency's id.</summary>
    public required string Agency { get; init; }

    /// <summary>The agency's display name (the host's <see cref="ICafNames"/>; the id when unknown).</summary>
    public required string AgencyName { get; init; }

    /// <summary>What for: a <see cref="SharingPurpose"/> name.</summary>
    public required string Purpose { get; init; }

    /// <summary>What went (SHARE-04): the <see cref="SharedItems"/> flags' names, comma-separated; <c>None</c> for a non-disclosure.</summary>
    public required string Items { get; init; }

    /// <summary>The categories of information that went (SHARE-02): the <see cref="InformationCategories"/> flags' names, comma-separated.</summary>
    public required string Categories { get; init; }

    /// <summary>The legal basis (LAW-01): a <see cref="LegalBasis"/> name.</summary>
    public required string Basis { get; init; }

    /// <summary>The legal basis in the family's words (<see cref="ConsentDisplayText.For(LegalBasis)"/>).</summary>
    public required string BasisText { get; init; }

    /// <summary>False only for a disclosure considered under the statutory duty and not made (LAW-02).</summary>
    public required bool Disclosed { get; init; }

    /// <summary>The whole line in plain English for the family (<see cref="FamilySharingLine.ToString"/>).</summary>
    public required string Text { get; init; }

    /// <summary>The views of the lines, in their order.</summary>
    /// <param name="lines">The lines (<see cref="FamilySharingView"/>).</param>
    /// <param name="names">The host's names for agencies.</param>
    /// <returns>The views.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    public static IReadOnlyList<FamilySharingLineView> Of(ImmutableArray<FamilySharingLine> lines, ICafNames names)
    {
        Guard.Against.Null(names);
        return [.. lines.Select(l => new FamilySharingLineView
        {
            At = l.At,
            Agency = l.Agency.Value,
            AgencyName = names.Name(l.Agency),
            Purpose = l.Purpose.ToString(),
            Items = l.Items.ToString(),
            Categories = l.Categories.ToString(),
            Basis = l.Basis.ToString(),
            BasisText = ConsentDisplayText.For(l.Basis),
            Disclosed = l.Disclosed,
            Text = l.ToString(),
        })];
    }
}
