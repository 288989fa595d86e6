using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// Issue 26: a cold load reads the episode row's snapshot and its event rows' JSON as the UTF-8 the database holds, not as
/// .NET strings (half the bytes, and no transcoding before hashing and parsing): the same columns and rows, queried through
/// EF Core's raw SQL (so the context's interceptors, logging and PostgreSQL's row-level security setting apply) with the
/// text columns read as bytes. SQLite hands a TEXT value's bytes as they are; PostgreSQL's <c>convert_to(..., 'UTF8')</c>
/// gives them. Any other provider reads the text as before and encodes it (nothing changes for it but the encoding).
/// </summary>
internal static class StoredUtf8
{
    private const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The episode row's columns one by one (the entity would bring the snapshot with it).</summary>
    public static readonly Expression<Func<EpisodeSummary, EpisodeSummary>> Columns = s =>
        new EpisodeSummary(s.Id, s.Child, s.State, s.IsOpen, s.OpenedAt, s.OpenedByAgency, s.LeadProfessional,
            s.LeadProfessionalAgency, s.LeadProfessionalIsInterim, s.ClosedAt, s.Outcome, s.FamilyGroup, s.RetentionDueOn, s.Version,
            s.ExcludedAgencies, s.AssessmentDueBy, s.AssessmentCompletedAt, s.NextReviewDue) { Authority = s.Authority };

    /// <summary>The snapshot (UTF-8), version and history hash of one episode row, read in one statement; null when there is none.</summary>
    public static async Task<SnapshotRow?> SnapshotAsync(DbContext db, AuthorityId authority, EpisodeId id, CancellationToken cancellationToken)
    {
        if (Utf8Expression(db) is not { } utf8)
        {
            var text = await db.Episodes(authority).AsNoTracking().Where(s => s.Id == id)
                .Select(s => new
                {
                    Snapshot = EF.Property<string>(s, CafModelBuilderExtensions.SnapshotProperty),
                    s.Version,
                    Hash = EF.Property<string>(s, CafModelBuilderExtensions.HistoryHashProperty),
                })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return text is null ? null : new SnapshotRow { Snapshot = Encoding.UTF8.GetBytes(text.Snapshot), Version = text.Version, Hash = text.Hash };
        }

        var (sql, table, columns) = Names<EpisodeSummary>(db);
        var query = $"SELECT {utf8(columns(CafModelBuilderExtensions.SnapshotProperty))} AS {sql.DelimitIdentifier(nameof(SnapshotRow.Snapshot))}, "
            + $"{columns(nameof(EpisodeSummary.Version))} AS {sql.DelimitIdentifier(nameof(SnapshotRow.Version))}, "
            + $"{columns(CafModelBuilderExtensions.HistoryHashProperty)} AS {sql.DelimitIdentifier(nameof(SnapshotRow.Hash))} "
            + $"FROM {table} WHERE {columns(nameof(EpisodeSummary.Authority))} = {{0}} AND {columns(nameof(EpisodeSummary.Id))} = {{1}}";
        var rows = await db.Database.SqlQueryRaw<SnapshotRow>(query, authority.Value, id.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The episode's event rows (sequence and JSON as UTF-8) in sequence order.</summary>
    public static async Task<List<StoredEventText>> EventsAsync(DbContext db, AuthorityId authority, EpisodeId id, CancellationToken cancellationToken)
    {
        if (Utf8Expression(db) is not { } utf8)
        {
            var text = await db.Rows<EpisodeEventRow>(authority).AsNoTracking().Where(r => r.EpisodeId == id).OrderBy(r => r.Sequence)
                .Select(r => new { r.Sequence, r.Json }).ToListAsync(cancellationToken).ConfigureAwait(false);
            return text.ConvertAll(r => new StoredEventText(r.Sequence, Encoding.UTF8.GetBytes(r.Json)));
        }

        var (sql, table, columns) = Names<EpisodeEventRow>(db);
        var sequence = columns(nameof(EpisodeEventRow.Sequence));
        var query = $"SELECT {sequence} AS {sql.DelimitIdentifier(nameof(EventRow.Sequence))}, "
            + $"{utf8(columns(nameof(EpisodeEventRow.Json)))} AS {sql.DelimitIdentifier(nameof(EventRow.Json))} "
            + $"FROM {table} WHERE {columns(nameof(EpisodeEventRow.Authority))} = {{0}} AND {columns(nameof(EpisodeEventRow.EpisodeId))} = {{1}} "
            + $"ORDER BY {sequence}";
        var rows = await db.Database.SqlQueryRaw<EventRow>(query, authority.Value, id.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(r => new StoredEventText(r.Sequence, r.Json));
    }

    // How a text column is selected as its UTF-8 bytes on this provider; null when the store does not know how.
    private static Func<string, string>? Utf8Expression(DbContext db) =>
        AuthoritySettingInterceptor.IsPostgreSql(db) ? column => $"convert_to({column}, 'UTF8')"
        : db.Database.ProviderName == SqliteProviderName ? column => column
        : null;

    // The delimited table name and a delimited column name per property, from the context's model (a host's schema and names).
    private static (ISqlGenerationHelper Sql, string Table, Func<string, string> Column) Names<T>(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"The context's model has no {typeof(T).Name}: call ApplyCafConfigurations.");
        var name = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var table = StoreObjectIdentifier.Table(name, schema);
        return (sql, sql.DelimitIdentifier(name, schema), property => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!));
    }

    /// <summary>An episode row's snapshot as UTF-8, version and history hash.</summary>
    internal sealed class SnapshotRow
    {
        public byte[] Snapshot { get; set; } = [];

        public int Version { get; set; }

        public string Hash { get; set; } = "";
    }

    /// <summary>An event row's sequence and JSON as UTF-8.</summary>
    internal sealed class EventRow
    {
        public int Sequence { get; set; }

        public byte[] Json { get; set; } = [];
    }
}
