using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Caf.Core.EntityFrameworkCore;

// Issue 26: every save (an add, an update of one or several episodes, the retry that adds a missing report row) written
// as one command in one transaction, without the change tracker (SaveStatements): the same rows, columns and checks as
// the change-tracker save (EntityFrameworkEpisodeRepository.Tracked.cs, kept for models SaveStatements does not cover),
// fewer allocations and no per-save SQL generation.
public sealed partial class EntityFrameworkEpisodeRepository<TContext>
{
    // At most this many new events in one command (an import's add of a long history may have thousands): each brings an
    // event and an outbox row of about 15 parameters, and the databases cap a command's parameters (PostgreSQL 65,535,
    // SQLite 32,766). A larger save goes through the change tracker, which splits its statements into batches.
    internal const int MaxEventsPerCommand = 500;

    private readonly StatementsOfModel _statements = new();

    private static bool OneCommandFits(IReadOnlyList<EpisodeUpdate> updates)
    {
        var events = 0;
        foreach (var update in updates)
        {
            events += update.Episode.Version - update.ExpectedVersion;
        }

        return events <= MaxEventsPerCommand;
    }

    // The rows written per episode, or null when the database refused the save (stale version or hash, a missing row, a
    // duplicate key, REG-01's index): the transaction was rolled back and the caller classifies, as after a refused SaveChanges.
    // add: one episode, inserted (expected version 0); else each update's episode row is updated where its version and
    // hash are the expected ones, and its report row updated (inserted where missingReport says so).
    private async Task<Written[]?> WriteAsync(DbContext db, SaveStatements statements, IReadOnlyList<EpisodeUpdate> updates, StoredEpisode?[] known,
        StagedEvents[] staged, bool[] missingReport, bool add, CancellationToken cancellationToken)
    {
        var written = new Written[updates.Count];
        var parts = new SaveStatements.Part[updates.Count];
        var values = new SaveValues();
        values.Add(_authority);
        for (var i = 0; i < updates.Count; i++)
        {
            var (episode, expected) = (updates[i].Episode, updates[i].ExpectedVersion);
            // The row as this repository read or wrote it at the expected version, if it did: only the columns that differ are set.
            var row = known[i] is { Version: var v } k && v == expected ? k : null;
            var report = await ReportRowAsync(db, episode, cancellationToken).ConfigureAwait(false);
            (parts[i], written[i]) = Stage(statements, values, episode, expected, add ? null : row, staged[i], report, add, add || missingReport[i]);
        }

        var (command, rows) = statements.Command(parts);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                var count = await command.ExecuteNonQueryAsync(
                    new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db,
                        db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.SaveChanges),
                    cancellationToken).ConfigureAwait(false);
                if (count != rows)
                {
                    // An episode row's version or hash is not the expected one (or a report row is missing): nothing is kept.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return null;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // A duplicate key (the episode's id, another writer's event of the same sequence or idempotency key), the
                // REG-01 index (another open episode of the child), or a foreign row: rolled back.
                return null;
            }
        }

        return written;
    }

    // One episode's part of the command: its shape, and its values added in the order SaveStatements.Build walks the same
    // shape (the episode id first, then its statements' values).
    private (SaveStatements.Part Part, Written Written) Stage(SaveStatements statements, SaveValues values, CafEpisode episode, int expected,
        StoredEpisode? row, StagedEvents staged, ReportRowEntity report, bool add, bool addReport)
    {
        var summary = EpisodeSummary.Of(episode);
        var rewrite = add || row?.Summary is null || SnapshotPolicy.Rewrite(row.SnapshotVersion, episode.Version);
        var audit = episode.UnsavedSharingAudit(expected);
        var identifier = add && episode.Child.NhsNumber is { } nhsNumber // LAW-03: the child's NHS number, in the add's transaction
            ? new ChildIdentifierRow { Authority = _authority, EpisodeId = episode.Id, ChildId = episode.Child.Id, NhsNumber = nhsNumber.Value }
            : null;
        var reportColumns = addReport ? 0 : statements.Reports.Changed(row?.Report, report) | (1UL << statements.Reports.IndexOf(nameof(ReportRowEntity.Payload)));
        // SHARE-01: what the events of this save may reach under the consent in force once it is made (the outbox envelope's Consent).
        var scope = _writeOutbox && episode.Version > expected ? OutboxConsentScope.Of(episode, _policy) : null;
        var events = new EpisodeEventRow[episode.Version - expected];
        var outbox = new OutboxRow[_writeOutbox ? events.Length : 0]; // CafOutboxOptions.WriteEvents off: a host with no consumer of the events
        var (eventNulls, outboxNulls) = (ulong.MaxValue, ulong.MaxValue);
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = EventRow(episode, expected + i, staged);
            eventNulls &= statements.Events.Nulls(events[i]);
        }

        for (var i = 0; i < outbox.Length; i++)
        {
            outbox[i] = OutboxRowOf(episode, expected + i, staged, scope);
            outboxNulls &= statements.Outbox.Nulls(outbox[i]);
        }

        var part = new SaveStatements.Part(add, add ? 0 : statements.Episodes.Changed(row?.Summary, summary), rewrite, events.Length, _writeOutbox,
            audit.Count, identifier is not null, addReport, reportColumns, events.Length == 0 ? 0 : eventNulls, outbox.Length == 0 ? 0 : outboxNulls);

        values.StartEpisode(episode.Id);
        if (add)
        {
            AddRow(values, statements.Episodes, summary, 0);
            values.Add(EpisodeJson.Serialize(episode));
            values.Add(staged.Head);
        }
        else
        {
            AddChanged(values, statements.Episodes, summary, part.EpisodeColumns);
            if (rewrite)
            {
                values.Add(EpisodeJson.Serialize(episode));
            }

            values.Add(staged.Head);
            AddKeys(values, statements.Episodes, summary);
            values.Add(expected);
            values.Add(staged.HashAt(expected));
        }

        foreach (var eventRow in events)
        {
            AddRow(values, statements.Events, eventRow, part.EventNulls);
        }

        foreach (var outboxRow in outbox)
        {
            AddRow(values, statements.Outbox, outboxRow, part.OutboxNulls);
        }

        foreach (var entry in audit)
        {
            AddRow(values, statements.Audit, SharingAuditRow.Of(entry).In(_authority), 0);
        }

        if (identifier is not null)
        {
            AddRow(values, statements.Identifiers, identifier, 0);
        }

        if (addReport)
        {
            AddRow(values, statements.Reports, report, 0);
        }
        else
        {
            AddChanged(values, statements.Reports, report, reportColumns);
            AddKeys(values, statements.Reports, report);
        }

        return (part, new Written(summary, report, rewrite ? episode.Version : row!.SnapshotVersion));
    }

    private EpisodeEventRow EventRow(CafEpisode episode, int sequence, StagedEvents staged) => new()
    {
        Authority = _authority,
        EpisodeId = episode.Id,
        Sequence = sequence,
        Type = staged.Types[sequence - staged.From],
        OccurredAt = episode.Events[sequence].OccurredAt,
        IdempotencyKey = episode.Events[sequence].IdempotencyKey,
        Json = staged.Json[sequence - staged.From],
    };

    // The outbox row of the event with this sequence; the payload is the event row's JSON (serialised once).
    private OutboxRow OutboxRowOf(CafEpisode episode, int sequence, StagedEvents staged, OutboxConsentScope? scope) => new()
    {
        Authority = _authority,
        EpisodeId = episode.Id,
        Sequence = sequence,
        EventType = staged.Types[sequence - staged.From],
        Payload = staged.Json[sequence - staged.From],
        ConsentBasis = (int?)scope?.Basis,
        ExcludedAgencies = scope is null ? null : StoreConverters.WriteAgencies(scope.ExcludedAgencies),
    };

    // A column shared with slot 0 or 1 (the authority, the episode id) adds no value: it must hold the save's own.
    private static void AddValue(SaveValues values, IClrPropertyGetter getter, int slot, object entity)
    {
        var value = getter.GetClrValueUsingContainingEntity(entity);
        if (slot < 0)
        {
            values.Add(value);
        }
        else if (!Equals(value, values.Shared(slot)))
        {
            throw new InvalidOperationException("A row of the save belongs to another authority or episode than the save.");
        }
    }

    private static void AddChanged(SaveValues values, SaveStatements.Table table, object entity, ulong changed)
    {
        for (var i = 0; i < table.Values.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                AddValue(values, table.Getters[i], table.ValueSlots[i], entity);
            }
        }
    }

    private static void AddKeys(SaveValues values, SaveStatements.Table table, object entity)
    {
        for (var i = 0; i < table.KeyGetters.Length; i++)
        {
            AddValue(values, table.KeyGetters[i], table.KeySlots[i], entity);
        }
    }

    private static void AddRow(SaveValues values, SaveStatements.Table table, object entity, ulong nulls)
    {
        AddKeys(values, table, entity);
        for (var i = 0; i < table.Getters.Length; i++)
        {
            if ((nulls & (1UL << i)) == 0)
            {
                AddValue(values, table.Getters[i], table.ValueSlots[i], entity);
            }
        }
    }

    // The rows one episode's save wrote: its episode row's and report row's columns, and the version its snapshot is of.
    private readonly record struct Written(EpisodeSummary Summary, ReportRowEntity Report, int SnapshotVersion);

    // The statements of the repository's model, built with its first context (one model per context factory); null, and
    // the change tracker used, when the model maps the rows in a way they do not cover.
    private sealed class StatementsOfModel
    {
        private SaveStatements? _statements;
        private volatile bool _built;

        public SaveStatements? Get(DbContext db)
        {
            if (!_built)
            {
                Interlocked.CompareExchange(ref _statements, SaveStatements.For(db), null);
                _built = true;
            }

            return _statements;
        }
    }
}
