using System;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Caf.Core.Reads;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>LAW-04: one audited read (<c>caf_read_audit</c>): an append-only row.</summary>
internal sealed class ReadAuditRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public long Id { get; set; }

    public EpisodeId EpisodeId { get; set; }

    public ChildId ChildId { get; set; }

    public PractitionerId Reader { get; set; }

    public AgencyId ReaderAgency { get; set; }

    public DateTimeOffset ReadAt { get; set; }

    public string Purpose { get; set; } = "";

    public LegalBasis Basis { get; set; }

    public string What { get; set; } = "";

    public static ReadAuditRow Of(ReadAuditEntry entry) => new()
    {
        EpisodeId = entry.Episode,
        ChildId = entry.Child,
        Reader = entry.Reader.Practitioner,
        ReaderAgency = entry.Reader.Agency,
        ReadAt = entry.ReadAt,
        Purpose = entry.Purpose,
        Basis = entry.Basis,
        What = entry.What,
    };

    public ReadAuditEntry ToEntry() => new(EpisodeId, ChildId, new Actor(Reader, ReaderAgency), ReadAt, Purpose, Basis, What);
}

/// <summary>
/// LAW-03: the NHS number an episode records for its child (<c>caf_child_identifiers</c>), one row per episode that
/// records one, written with the episode's first save; indexed on the number for the register's lookup.
/// </summary>
internal sealed class ChildIdentifierRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public EpisodeId EpisodeId { get; set; }

    public ChildId ChildId { get; set; }

    /// <summary>The ten digits.</summary>
    public string NhsNumber { get; set; } = "";
}
