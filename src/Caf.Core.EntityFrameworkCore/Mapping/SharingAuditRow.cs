using System;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>One audited sharing decision (SHARE-03, SHARE-04): an append-only row.</summary>
internal sealed class SharingAuditRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public long Id { get; set; }

    public EpisodeId EpisodeId { get; set; }

    public AgencyId Agency { get; set; }

    public SharingPurpose Purpose { get; set; }

    public bool Granted { get; set; }

    public string RuleId { get; set; } = "";

    public string Reason { get; set; } = "";

    public SharingBasis Basis { get; set; }

    public PractitionerId RequestedBy { get; set; }

    public AgencyId RequestedByAgency { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    public SharedItems Items { get; set; }

    /// <summary>A decision, or what a consent change revoked or restored (issue 23); Decision for rows written before the column.</summary>
    public SharingAuditKind Kind { get; set; }

    /// <summary>SHARE-02: the categories handed over; None for a refusal and for rows written before the column.</summary>
    public InformationCategories Categories { get; set; }

    /// <summary>The row an entry is stored as.</summary>
    public static SharingAuditRow Of(SharingAuditEntry entry) => new()
    {
        EpisodeId = entry.Episode,
        Agency = entry.Agency,
        Purpose = entry.Purpose,
        Granted = entry.Decision.Granted,
        RuleId = entry.Decision.RuleId ?? "",
        Reason = entry.Decision.Reason ?? "",
        Basis = entry.Decision.Basis,
        RequestedBy = entry.RequestedBy.Practitioner,
        RequestedByAgency = entry.RequestedBy.Agency,
        DecidedAt = entry.DecidedAt,
        Items = entry.Items,
        Kind = entry.Kind,
        Categories = entry.Categories,
        Text = entry.ToString(),
    };

    /// <summary>The entry as one line (its <c>ToString()</c>), with the consent record or override it relied on.</summary>
    public string Text { get; set; } = "";
}
