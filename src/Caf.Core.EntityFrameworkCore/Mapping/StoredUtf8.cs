using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// Issue 26: a cold load reads the episode row's snapshot and its event rows' JSON as the UTF-8 the database holds, not as
/// .NET strings (half the bytes, and no transcoding before hashing and parsing): the same columns and rows, queried through
/// EF Core's raw SQL command on the context (so its interceptors, logging, execution strategy and PostgreSQL's row-level
/// security setting apply) with the text columns read as bytes straight from the data reader, without EF Core's
/// materialisation of a row object per row. PostgreSQL's <c>convert_to(..., 'UTF8')</c> gives the bytes, which are copied
/// (<see cref="DbDataReader.GetBytes"/>) into buffers rented from <see cref="ArrayPool{T}.Shared"/> (<see cref="PooledUtf8"/>;
/// one for the snapshot, one for all the rows), returned once the load has checked and parsed them. SQLite hands a TEXT
/// value's bytes as they are: the snapshot through its incremental blob I/O into the pooled buffer (the row's rowid is
/// selected with it), each event row as one array of its exact size (per row, the blob I/O costs more than the value:
/// its <c>GetBytes</c> and <c>GetStream</c> open a blob and look up the table's columns on every call). Any other
/// provider reads the text as before and encodes it into the pooled buffer.
/// </summary>
internal static class StoredUtf8
{
    private const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The episode row's columns one by one (the entity would bring the snapshot with it).</summary>
    public static readonly Expression<Func<EpisodeSummary, EpisodeSummary>> Columns = s =>
        new EpisodeSummary(s.Id, s.Child, s.State, s.IsOpen, s.OpenedAt, s.OpenedByAgency, s.LeadProfessional,
            s.LeadProfessionalAgency, s.LeadProfessionalIsInterim, s.ClosedAt, s.Outcome, s.FamilyGroup, s.RetentionDueOn, s.Version,
            s.ExcludedAgencies, s.AssessmentDueBy, s.AssessmentCompletedAt, s.NextReviewDue) { Authority = s.Authority };

    /// <summary>The snapshot (UTF-8, in a pooled buffer the caller disposes), version and history hash of one episode row,
    /// read in one statement; null when there is none.</summary>
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
            if (text is null)
            {
                return null;
            }

            var encoded = new PooledUtf8();
            encoded.Append(text.Snapshot);
            return new SnapshotRow(encoded, text.Version, text.Hash);
        }

        // SQLite: with the row's rowid in the result, the reader's GetStream reads the value through SQLite's incremental
        // blob I/O straight into the pooled buffer (without it, GetStream and GetBytes copy the value into a new array).
        var whole = WholeValues(db);
        var (_, table, columns) = Names<EpisodeSummary>(db);
        var query = $"SELECT {utf8(columns(CafModelBuilderExtensions.SnapshotProperty))}, {columns(nameof(EpisodeSummary.Version))}, "
            + $"{columns(CafModelBuilderExtensions.HistoryHashProperty)}{(whole ? ", rowid" : "")} "
            + $"FROM {table} WHERE {columns(nameof(EpisodeSummary.Authority))} = {{0}} AND {columns(nameof(EpisodeSummary.Id))} = {{1}}";
        return await ReadAsync(db, query, [authority.Value, id.Value], async (reader, ct) =>
        {
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            var snapshot = new PooledUtf8();
            try
            {
                if (whole && !reader.IsDBNull(0))
                {
                    using var stream = reader.GetStream(0);
                    snapshot.Append(stream);
                }
                else
                {
                    snapshot.Append(reader, 0);
                }

                return new SnapshotRow(snapshot, reader.GetInt32(1), reader.GetString(2));
            }
            catch
            {
                snapshot.Dispose();
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The episode's event rows (sequence and JSON as UTF-8, in one pooled buffer the caller disposes) in sequence order.</summary>
    public static async Task<StoredRows> EventsAsync(DbContext db, AuthorityId authority, EpisodeId id, CancellationToken cancellationToken)
    {
        if (Utf8Expression(db) is not { } utf8)
        {
            var text = await db.Rows<EpisodeEventRow>(authority).AsNoTracking().Where(r => r.EpisodeId == id).OrderBy(r => r.Sequence)
                .Select(r => new { r.Sequence, r.Json }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var encoded = new StoredRows();
            foreach (var row in text)
            {
                encoded.Add(row.Sequence, row.Json);
            }

            return encoded;
        }

        var (_, table, columns) = Names<EpisodeEventRow>(db);
        var sequence = columns(nameof(EpisodeEventRow.Sequence));
        var query = $"SELECT {sequence}, {utf8(columns(nameof(EpisodeEventRow.Json)))} "
            + $"FROM {table} WHERE {columns(nameof(EpisodeEventRow.Authority))} = {{0}} AND {columns(nameof(EpisodeEventRow.EpisodeId))} = {{1}} "
            + $"ORDER BY {sequence}";
        var whole = WholeValues(db);
        return await ReadAsync(db, query, [authority.Value, id.Value], async (reader, ct) =>
        {
            var rows = new StoredRows();
            try
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(reader.GetInt32(0), reader, 1, whole);
                }

                return rows;
            }
            catch
            {
                rows.Dispose();
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    // Runs one raw SQL query as EF Core's own raw SQL does (the context's connection, interceptors, logging and execution
    // strategy; {0}, {1} become parameters) and hands its data reader to `read`; a retried attempt starts from nothing.
    private static Task<T> ReadAsync<T>(DbContext db, string query, object[] parameters, Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync((db, query, parameters, read), static async (state, ct) =>
        {
            var (db, query, parameters, read) = state;
            var command = db.GetService<IRawSqlCommandBuilder>().Build(query, parameters, db.Model);
            var reader = await command.RelationalCommand.ExecuteReaderAsync(
                new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
                    db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.FromSqlQuery),
                ct).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await read(reader.DbDataReader, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    // SQLite: an event row's value read whole as one array (GetFieldValue<byte[]>: sqlite3_column_blob copied once), not
    // through GetBytes, which opens a blob stream and allocates more than the value on every call; the snapshot through
    // GetStream with the rowid selected (one blob opened, read into the pooled buffer).
    private static bool WholeValues(DbContext db) => db.Database.ProviderName == SqliteProviderName;

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

    /// <summary>An episode row's snapshot as UTF-8 (pooled: dispose once it is checked and parsed), version and history hash.</summary>
    internal sealed class SnapshotRow(PooledUtf8 snapshot, int version, string hash) : IDisposable
    {
        /// <summary>The snapshot's UTF-8 (valid until disposed).</summary>
        public PooledUtf8 Snapshot { get; } = snapshot;

        /// <summary>The version column.</summary>
        public int Version { get; } = version;

        /// <summary>The history hash column.</summary>
        public string Hash { get; } = hash;

        /// <inheritdoc />
        public void Dispose() => Snapshot.Dispose();
    }
}

/// <summary>
/// Issue 26: UTF-8 read from the database into one buffer rented from <see cref="ArrayPool{T}.Shared"/> (grown by renting a
/// larger one), instead of a new array per value; or, where the provider hands a value only as a new array (SQLite), that
/// array itself. Disposing returns a rented buffer, cleared: the JSON holds personal data, and a rented buffer is handed to
/// other code as it is.
/// </summary>
internal sealed class PooledUtf8 : IDisposable
{
    private byte[] _buffer = [];
    private bool _rented;

    /// <summary>The bytes held (valid until disposed).</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The bytes held, as memory (valid until disposed).</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>How many bytes are held.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes from <paramref name="start"/> (valid until disposed).</summary>
    public ReadOnlyMemory<byte> Slice(int start, int length) => _buffer.AsMemory(start, length);

    /// <summary>Appends a column's bytes as the data reader hands them (<see cref="DbDataReader.GetBytes"/>, in as many
    /// pieces as it gives); a NULL adds nothing.</summary>
    /// <returns>Where the value starts.</returns>
    public int Append(DbDataReader reader, int ordinal)
    {
        var start = Length;
        if (reader.IsDBNull(ordinal))
        {
            return start;
        }

        var size = reader.GetBytes(ordinal, 0, null, 0, 0);
        Reserve(checked((int)size));
        long read = 0;
        while (read < size)
        {
            var n = reader.GetBytes(ordinal, read, _buffer, Length, checked((int)(size - read)));
            if (n <= 0)
            {
                break;
            }

            read += n;
            Length += (int)n;
        }

        return start;
    }

    /// <summary>Appends a value read from a stream of known length (SQLite's incremental blob I/O).</summary>
    public void Append(Stream stream)
    {
        var size = checked((int)stream.Length);
        Reserve(size);
        stream.ReadExactly(_buffer, Length, size);
        Length += size;
    }

    /// <summary>Appends a text's UTF-8 (the providers that hand text only).</summary>
    /// <returns>Where the value starts.</returns>
    public int Append(string text)
    {
        var start = Length;
        Reserve(Encoding.UTF8.GetByteCount(text));
        Length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(Length));
        return start;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Release();
        Length = 0;
    }

    private void Release()
    {
        if (_rented)
        {
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        }

        _buffer = [];
        _rented = false;
    }

    private void Reserve(int more)
    {
        if (_buffer.Length - Length >= more)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(checked(Length + more), _buffer.Length * 2));
        _buffer.AsSpan(0, Length).CopyTo(larger);
        Release();
        _buffer = larger;
        _rented = true;
    }
}

/// <summary>An episode's event rows as a load reads them: each row's sequence and its JSON, in one <see cref="PooledUtf8"/>
/// or (SQLite) one array per row as the reader hands it (valid until disposed).</summary>
internal sealed class StoredRows : IReadOnlyList<StoredEventText>, IDisposable
{
    private readonly PooledUtf8 _utf8 = new();
    private (int Sequence, int Start, int Length, byte[]? Whole)[] _rows = [];

    /// <inheritdoc />
    public int Count { get; private set; }

    /// <inheritdoc />
    public StoredEventText this[int index] => index < Count
        ? new(_rows[index].Sequence, _rows[index].Whole is { } whole ? whole : _utf8.Slice(_rows[index].Start, _rows[index].Length))
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Adds a row, its JSON read from the data reader's column <paramref name="ordinal"/>: copied into the pooled
    /// buffer, or (<paramref name="whole"/>) the array the reader hands.</summary>
    public void Add(int sequence, DbDataReader reader, int ordinal, bool whole = false)
    {
        if (whole && !reader.IsDBNull(ordinal))
        {
            Added(sequence, 0, reader.GetFieldValue<byte[]>(ordinal));
            return;
        }

        var start = _utf8.Append(reader, ordinal);
        Added(sequence, start, null);
    }

    /// <summary>Adds a row, its JSON as text.</summary>
    public void Add(int sequence, string json)
    {
        var start = _utf8.Append(json);
        Added(sequence, start, null);
    }

    /// <inheritdoc />
    public IEnumerator<StoredEventText> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public void Dispose()
    {
        _utf8.Dispose();
        if (_rows.Length > 0)
        {
            ArrayPool<(int, int, int, byte[]?)>.Shared.Return(_rows, clearArray: true);
        }

        _rows = [];
        Count = 0;
    }

    private void Added(int sequence, int start, byte[]? whole)
    {
        if (Count == _rows.Length)
        {
            var larger = ArrayPool<(int, int, int, byte[]?)>.Shared.Rent(Math.Max(16, _rows.Length * 2));
            _rows.AsSpan(0, Count).CopyTo(larger);
            if (_rows.Length > 0)
            {
                ArrayPool<(int, int, int, byte[]?)>.Shared.Return(_rows, clearArray: true);
            }

            _rows = larger;
        }

        _rows[Count++] = (sequence, start, whole?.Length ?? _utf8.Length - start, whole);
    }
}
