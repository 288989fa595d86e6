using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// Issue 26: the statements of a save, written without the change tracker. Per episode of the save (a
/// <see cref="Part"/>): the episode row's UPDATE (only the columns that differ from the row as read or written, its WHERE
/// on the key, the version and the history hash) or, for an add, its INSERT; an INSERT per new event, outbox row and
/// sharing-audit row (and the child's identifier row on an add); and the report row's UPDATE (or INSERT). Every episode's
/// statements go to the database as one command (one round trip) in the save's transaction. The SQL text and its
/// parameters are built once per shape of save from the context's model (table and column names, the delimiting and
/// parameter syntax of its database, each column's type mapping and value converter, so every value is stored as
/// <c>SaveChanges</c> stores it) and kept as an <see cref="IRelationalCommand"/>; a save only supplies the values. The
/// command goes through EF Core's command pipeline (interceptors, logging, diagnostics), with
/// <see cref="Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.SaveChanges"/>.
/// </summary>
/// <threadsafety>Thread-safe: immutable metadata and concurrent caches of immutable commands.</threadsafety>
internal sealed class SaveStatements
{
    // A save shape repeats (a command changes the same columns each time); more than this many distinct shapes are built per save.
    private const int MaxCachedShapes = 512;

    private readonly ConcurrentDictionary<Part, Built> _single = new();
    private readonly ConcurrentDictionary<Parts, Built> _many = new();
    private readonly IRelationalCommandBuilderFactory _commands;
    private readonly ISqlGenerationHelper _sql;

    private SaveStatements(IRelationalCommandBuilderFactory commands, ISqlGenerationHelper sql, Table episodes, IProperty snapshot, IProperty hash,
        IProperty version, Table events, Table outbox, Table audit, Table reports, Table identifiers)
    {
        _commands = commands;
        _sql = sql;
        Episodes = episodes;
        Snapshot = snapshot;
        Hash = hash;
        Version = version;
        Events = events;
        Outbox = outbox;
        Audit = audit;
        Reports = reports;
        Identifiers = identifiers;
    }

    /// <summary>The episode row's mapped columns (the snapshot and the history hash, shadow properties, apart).</summary>
    public Table Episodes { get; }

    public IProperty Snapshot { get; }

    public IProperty Hash { get; }

    public IProperty Version { get; }

    public Table Events { get; }

    public Table Outbox { get; }

    public Table Audit { get; }

    public Table Reports { get; }

    /// <summary>LAW-03: the child's NHS number, written with the episode's add.</summary>
    public Table Identifiers { get; }

    /// <summary>
    /// The statements of <paramref name="db"/>'s model; null when its model maps the rows in a way these statements do not
    /// write exactly as <c>SaveChanges</c> would (another shadow or store-generated column, a table split): the store then saves through the change tracker.
    /// </summary>
    public static SaveStatements? For(DbContext db)
    {
        var model = db.Model;
        var sql = db.GetService<ISqlGenerationHelper>();
        if (Table.Of(model, sql, typeof(EpisodeSummary), CafModelBuilderExtensions.SnapshotProperty, CafModelBuilderExtensions.HistoryHashProperty) is not { } episodes
            || Table.Of(model, sql, typeof(EpisodeEventRow)) is not { } events
            || Table.Of(model, sql, typeof(OutboxRow)) is not { } outbox
            || Table.Of(model, sql, typeof(SharingAuditRow)) is not { } audit
            || Table.Of(model, sql, typeof(ReportRowEntity)) is not { } reports
            || Table.Of(model, sql, typeof(ChildIdentifierRow)) is not { } identifiers)
        {
            return null;
        }

        // Every row of an episode is the authority's and the episode's: one parameter each wherever the column maps alike
        // (the authority's shared by the whole command, the episode id's by the episode's statements).
        var (authority, id) = (episodes.Keys.Single(p => p.Name == nameof(EpisodeSummary.Authority)), episodes.Keys.Single(p => p.Name == nameof(EpisodeSummary.Id)));
        foreach (var table in new[] { episodes, events, outbox, audit, reports, identifiers })
        {
            table.Share(authority, id);
        }

        var type = model.FindEntityType(typeof(EpisodeSummary))!;
        return new SaveStatements(db.GetService<IRelationalCommandBuilderFactory>(), sql, episodes,
            type.FindProperty(CafModelBuilderExtensions.SnapshotProperty)!, type.FindProperty(CafModelBuilderExtensions.HistoryHashProperty)!,
            type.FindProperty(nameof(EpisodeSummary.Version))!, events, outbox, audit, reports, identifiers);
    }

    /// <summary>The command of a save of one episode, and the number of rows it writes when the database accepts every row.</summary>
    public (IRelationalCommand Command, int Rows) Command(Part part)
    {
        if (!_single.TryGetValue(part, out var built))
        {
            built = Build([part]);
            if (_single.Count < MaxCachedShapes)
            {
                _single.TryAdd(part, built);
            }
        }

        return (built.Command, built.Rows);
    }

    /// <summary>The command of a save of several episodes (their statements in this order), and the rows it writes.</summary>
    public (IRelationalCommand Command, int Rows) Command(Part[] parts)
    {
        if (parts.Length == 1)
        {
            return Command(parts[0]);
        }

        var key = new Parts(parts);
        if (!_many.TryGetValue(key, out var built))
        {
            built = Build(parts);
            if (_many.Count < MaxCachedShapes)
            {
                _many.TryAdd(key, built);
            }
        }

        return (built.Command, built.Rows);
    }

    // Parameters are named p0, p1, ... in the order the values are added by SaveValues (the same walk over the same parts):
    // p0 the authority, then per part its episode id and its values.
    private Built Build(Part[] parts)
    {
        var builder = _commands.Create();
        var sql = new StringBuilder();
        var next = 0;
        var rows = 0;

        string Add(IProperty property)
        {
            var name = "p" + next.ToString(CultureInfo.InvariantCulture);
            next++;
            builder.AddParameter(name, _sql.GenerateParameterName(name), property.GetRelationalTypeMapping(), property.IsNullable, System.Data.ParameterDirection.Input);
            return name;
        }

        // Slot 0: the authority (Table.Share), for the whole command; slot 1: the episode id of the part being written.
        string[] slots = [Add(Episodes.Keys[Array.IndexOf(Episodes.KeySlots, 0)]), ""];

        void Parameter(IProperty property, int slot = -1) =>
            sql.Append(_sql.GenerateParameterNamePlaceholder(slot >= 0 ? slots[slot] : Add(property)));

        void Update(Table table, ulong changed, IProperty? snapshot, bool checks)
        {
            sql.Append("UPDATE ").Append(table.Name).Append(" SET ");
            var first = true;
            for (var i = 0; i < table.Values.Length; i++)
            {
                if ((changed & (1UL << i)) != 0)
                {
                    Set(table.Values[i], ref first);
                }
            }

            if (checks)
            {
                if (snapshot is not null)
                {
                    Set(snapshot, ref first);
                }

                Set(Hash, ref first);
            }

            sql.Append(" WHERE ");
            for (var i = 0; i < table.Keys.Length; i++)
            {
                sql.Append(i == 0 ? "" : " AND ").Append(_sql.DelimitIdentifier(table.Keys[i].GetColumnName())).Append(" = ");
                Parameter(table.Keys[i], table.KeySlots[i]);
            }

            if (checks)
            {
                sql.Append(" AND ").Append(_sql.DelimitIdentifier(Version.GetColumnName())).Append(" = ");
                Parameter(Version);
                sql.Append(" AND ").Append(_sql.DelimitIdentifier(Hash.GetColumnName())).Append(" = ");
                Parameter(Hash);
            }

            sql.Append(_sql.StatementTerminator).AppendLine();
            rows++;
        }

        void Set(IProperty property, ref bool first)
        {
            sql.Append(first ? "" : ", ").Append(_sql.DelimitIdentifier(property.GetColumnName())).Append(" = ");
            first = false;
            Parameter(property);
        }

        // nulls: the value columns (bit i: table.Values[i]) that are null in every row of this table in the save, written as
        // NULL; shadow: the store's own columns after them (the episode row's snapshot and history hash).
        void Insert(Table table, ulong nulls, params IProperty[] shadow)
        {
            sql.Append("INSERT INTO ").Append(table.Name).Append(" (");
            sql.AppendJoin(", ", table.Keys.Concat(table.Values).Concat(shadow).Select(p => _sql.DelimitIdentifier(p.GetColumnName()))).Append(") VALUES (");
            for (var i = 0; i < table.Keys.Length; i++)
            {
                sql.Append(i == 0 ? "" : ", ");
                Parameter(table.Keys[i], table.KeySlots[i]);
            }

            for (var i = 0; i < table.Values.Length; i++)
            {
                sql.Append(i + table.Keys.Length == 0 ? "" : ", ");
                if ((nulls & (1UL << i)) != 0)
                {
                    sql.Append("NULL");
                }
                else
                {
                    Parameter(table.Values[i], table.ValueSlots[i]);
                }
            }

            foreach (var property in shadow)
            {
                sql.Append(", ");
                Parameter(property);
            }

            sql.Append(')').Append(_sql.StatementTerminator).AppendLine();
            rows++;
        }

        foreach (var part in parts)
        {
            slots[1] = Add(Episodes.Keys[Array.IndexOf(Episodes.KeySlots, 1)]);
            if (part.Add)
            {
                Insert(Episodes, 0, Snapshot, Hash);
            }
            else
            {
                Update(Episodes, part.EpisodeColumns, part.Snapshot ? Snapshot : null, checks: true);
            }

            for (var i = 0; i < part.Events; i++)
            {
                Insert(Events, part.EventNulls);
            }

            for (var i = 0; i < (part.Outbox ? part.Events : 0); i++)
            {
                Insert(Outbox, part.OutboxNulls);
            }

            for (var i = 0; i < part.AuditRows; i++)
            {
                Insert(Audit, 0);
            }

            if (part.Identifier)
            {
                Insert(Identifiers, 0);
            }

            if (part.ReportAdded)
            {
                Insert(Reports, 0);
            }
            else
            {
                Update(Reports, part.ReportColumns, null, checks: false);
            }
        }

        builder.Append(sql.ToString());
        return new Built(builder.Build(), rows);
    }

    /// <summary>What decides one episode's statements: an add (every column inserted) or an update setting the episode
    /// row's columns <see cref="EpisodeColumns"/> (bit i: <see cref="Table.Values"/>[i]) and the snapshot or not; how many
    /// rows of each kind are inserted (the child's identifier row on an add); the report row inserted, or updated in the
    /// columns <see cref="ReportColumns"/>; and the event and outbox columns null in all of the episode's rows.</summary>
    internal readonly record struct Part(bool Add, ulong EpisodeColumns, bool Snapshot, int Events, bool Outbox, int AuditRows, bool Identifier,
        bool ReportAdded, ulong ReportColumns, ulong EventNulls, ulong OutboxNulls);

    // The parts of a multi-episode save, compared by value.
    private sealed class Parts(Part[] parts) : IEquatable<Parts>
    {
        private readonly Part[] _parts = parts;

        public bool Equals(Parts? other) => other is not null && _parts.AsSpan().SequenceEqual(other._parts);

        public override bool Equals(object? obj) => Equals(obj as Parts);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var part in _parts)
            {
                hash.Add(part);
            }

            return hash.ToHashCode();
        }
    }

    private sealed record Built(IRelationalCommand Command, int Rows);

    /// <summary>One table's mapped columns: the key (in the WHERE of an UPDATE) and the others, each with its getter and comparer.</summary>
    internal sealed class Table
    {
        private Table(string name, IProperty[] keys, IProperty[] values)
        {
            Name = name;
            Keys = keys;
            Values = values;
            KeySlots = [.. keys.Select(_ => -1)];
            ValueSlots = [.. values.Select(_ => -1)];
            KeyGetters = [.. keys.Select(p => p.GetGetter())];
            Getters = [.. values.Select(p => p.GetGetter())];
            Comparers = [.. values.Select(p => p.GetValueComparer())];
        }

        /// <summary>The delimited table name (with its schema, if any).</summary>
        public string Name { get; }

        public IProperty[] Keys { get; }

        public IProperty[] Values { get; }

        /// <summary>Per key column: 0 when it is the save's authority, 1 when it is the save's episode id (one shared parameter each), else -1.</summary>
        public int[] KeySlots { get; }

        /// <summary>As <see cref="KeySlots"/>, for <see cref="Values"/>.</summary>
        public int[] ValueSlots { get; }

        public IClrPropertyGetter[] KeyGetters { get; }

        public IClrPropertyGetter[] Getters { get; }

        public Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer[] Comparers { get; }

        /// <summary>Every value column whose value in <paramref name="next"/> differs from <paramref name="stored"/>'s (all when unknown).</summary>
        public ulong Changed(object? stored, object next)
        {
            var changed = 0UL;
            for (var i = 0; i < Values.Length; i++)
            {
                if (stored is null || !Comparers[i].Equals(Getters[i].GetClrValueUsingContainingEntity(stored), Getters[i].GetClrValueUsingContainingEntity(next)))
                {
                    changed |= 1UL << i;
                }
            }

            return changed;
        }

        public int IndexOf(string property) => Array.FindIndex(Values, p => p.Name == property);

        /// <summary>The value columns null in <paramref name="entity"/> (bit i: <see cref="Values"/>[i]).</summary>
        public ulong Nulls(object entity)
        {
            var nulls = 0UL;
            for (var i = 0; i < Values.Length; i++)
            {
                if (Getters[i].GetClrValueUsingContainingEntity(entity) is null)
                {
                    nulls |= 1UL << i;
                }
            }

            return nulls;
        }

        // The columns that hold the row's authority or episode id and map their values as the episode row's key does.
        public void Share(IProperty authority, IProperty id)
        {
            static int Slot(IProperty p, IProperty authority, IProperty id) =>
                p.Name == nameof(IAuthorityRow.Authority) && Same(p, authority) ? 0
                : (p == id || p.Name == nameof(EpisodeEventRow.EpisodeId)) && Same(p, id) ? 1
                : -1;

            for (var i = 0; i < Keys.Length; i++)
            {
                KeySlots[i] = Slot(Keys[i], authority, id);
            }

            for (var i = 0; i < Values.Length; i++)
            {
                ValueSlots[i] = Slot(Values[i], authority, id);
            }
        }

        private static bool Same(IProperty a, IProperty b) =>
            a.ClrType == b.ClrType && a.GetRelationalTypeMapping().Equals(b.GetRelationalTypeMapping()) && a.IsNullable == b.IsNullable;

        // Null unless every column is a CLR property (but the named shadow ones, set by the store), none is generated by the
        // database but a key the insert leaves to it, the entity has its own table, and it has at most 64 value columns.
        public static Table? Of(IModel model, ISqlGenerationHelper sql, Type clrType, params string[] shadow)
        {
            if (model.FindEntityType(clrType) is not { } type || type.GetTableName() is not { } name || type.GetDerivedTypes().Any()
                || type.GetProperties().Count(p => p.IsShadowProperty()) != shadow.Length
                || type.GetProperties().Any(p => p.IsShadowProperty() && !shadow.Contains(p.Name)))
            {
                return null;
            }

            var key = type.FindPrimaryKey()!.Properties;
            var generated = type.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.Never).ToList();
            var keys = key.Where(p => !generated.Contains(p)).ToArray();
            if (generated.Any(p => !key.Contains(p)) || (generated.Count > 0 && keys.Length > 0))
            {
                return null; // a generated column other than a single generated key (the audit rows' identity)
            }

            var values = type.GetProperties().Where(p => !p.IsShadowProperty() && !key.Contains(p)).ToArray();
            if (values.Length > 64)
            {
                return null;
            }

            return new Table(sql.DelimitIdentifier(name, type.GetSchema()), generated.Count > 0 ? [] : keys, values);
        }
    }
}

/// <summary>The values of one save's command, in parameter order, looked up by the parameters' invariant names (<c>p0</c>, <c>p1</c>, ...).</summary>
internal sealed class SaveValues : IReadOnlyDictionary<string, object?>
{
    private readonly List<object?> _values = new(32);
    private int _episode = -1;

    public int Count => _values.Count;

    public IEnumerable<string> Keys => Enumerable.Range(0, _values.Count).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture));

    public IEnumerable<object?> Values => _values;

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public void Add(object? value) => _values.Add(value);

    /// <summary>Adds the id of the episode whose values follow (shared by its rows: slot 1).</summary>
    public void StartEpisode(object id)
    {
        _episode = _values.Count;
        _values.Add(id);
    }

    /// <summary>The value of a shared parameter (0: the authority, added first; 1: the id of the episode being added).</summary>
    public object? Shared(int slot) => _values[slot == 0 ? 0 : _episode];

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out object? value)
    {
        if (key.Length > 1 && key[0] == 'p' && int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _values.Count)
        {
            value = _values[index];
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Keys.Zip(_values, (k, v) => new KeyValuePair<string, object?>(k, v)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
