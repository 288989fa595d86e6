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

// Issue 26: an update of one episode written as one command in one transaction, without the change tracker
// (SaveStatements): the same rows, columns and checks as the change-tracker save (SaveCoreAsync), fewer allocations and
// no per-save SQL generation. Multi-episode updates and a retry that adds a missing report row use the change tracker.
public sealed partial class EntityFrameworkEpisodeRepository<TContext>
{
    private readonly StatementsOfModel _statements = new();

    // The rows written, or null when the database refused the save (stale version or hash, a missing row, a duplicate
    // key): the transaction was rolled back and the caller classifies, as after a refused SaveChanges.
    private async Task<(EpisodeSummary Summary, ReportRowEntity Report, int SnapshotVersion)?> WriteOneAsync(
        DbContext db, SaveStatements statements, CafEpisode episode, int expected, StoredEpisode? row, StagedEvents staged, CancellationToken cancellationToken)
    {
        var summary = EpisodeSummary.Of(episode);
        var rewrite = row?.Summary is null || SnapshotPolicy.Rewrite(row.SnapshotVersion, episode.Version);
        var audit = episode.UnsavedSharingAudit(expected);
        var report = await ReportRowAsync(db, episode, cancellationToken).ConfigureAwait(false);
        var reportColumns = statements.Reports.Changed(row?.Report, report) | (1UL << statements.Reports.IndexOf(nameof(ReportRowEntity.Payload)));
        var scope = _writeOutbox && episode.Version > expected ? OutboxConsentScope.Of(episode, _policy) : null;
        var events = new EpisodeEventRow[episode.Version - expected];
        var outbox = new OutboxRow[_writeOutbox ? events.Length : 0];
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

        var shape = new SaveStatements.Shape(statements.Episodes.Changed(row?.Summary, summary), rewrite, events.Length, _writeOutbox, audit.Count, reportColumns,
            events.Length == 0 ? 0 : eventNulls, outbox.Length == 0 ? 0 : outboxNulls);
        var (command, rows) = statements.Command(shape);

        // The values in the order SaveStatements.Build walks the same shape: the shared authority and episode id first.
        var values = new SaveValues();
        values.Add(_authority);
        values.Add(episode.Id);
        AddChanged(values, statements.Episodes, summary, shape.EpisodeColumns);
        if (rewrite)
        {
            values.Add(EpisodeJson.Serialize(episode));
        }

        values.Add(staged.Head);
        AddKeys(values, statements.Episodes, summary);
        values.Add(expected);
        values.Add(staged.HashAt(expected));
        foreach (var eventRow in events)
        {
            AddRow(values, statements.Events, eventRow, shape.EventNulls);
        }

        foreach (var outboxRow in outbox)
        {
            AddRow(values, statements.Outbox, outboxRow, shape.OutboxNulls);
        }

        foreach (var entry in audit)
        {
            AddRow(values, statements.Audit, SharingAuditRow.Of(entry).In(_authority), 0);
        }

        AddChanged(values, statements.Reports, report, reportColumns);
        AddKeys(values, statements.Reports, report);

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                var written = await command.ExecuteNonQueryAsync(
                    new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), values, null, db,
                        db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.SaveChanges),
                    cancellationToken).ConfigureAwait(false);
                if (written != rows)
                {
                    // The episode row's version or hash is not the expected one (or the report row is missing): nothing is kept.
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return null;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // A duplicate key (another writer's event of the same sequence or idempotency key) or a foreign row: rolled back.
                return null;
            }
        }

        return (summary, report, rewrite ? episode.Version : row!.SnapshotVersion);
    }

    // A column shared with p0/p1 (the authority, the episode id) adds no value: it must hold the save's own.
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
