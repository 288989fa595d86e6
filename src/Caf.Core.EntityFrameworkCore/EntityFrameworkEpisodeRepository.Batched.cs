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
        var shape = new SaveStatements.Shape(statements.Episodes.Changed(row?.Summary, summary), rewrite, episode.Version - expected, _writeOutbox, audit.Count, reportColumns);
        var (command, rows) = statements.Command(shape);

        // The values in the order SaveStatements.Build walks the same shape.
        var values = new SaveValues();
        AddChanged(values, statements.Episodes, summary, shape.EpisodeColumns);
        if (rewrite)
        {
            values.Add(EpisodeJson.Serialize(episode));
        }

        values.Add(staged.Head);
        AddKeys(values, statements.Episodes, summary);
        values.Add(expected);
        values.Add(staged.HashAt(expected));
        var scope = _writeOutbox && episode.Version > expected ? OutboxConsentScope.Of(episode, _policy) : null;
        for (var sequence = expected; sequence < episode.Version; sequence++)
        {
            AddRow(values, statements.Events, EventRow(episode, sequence, staged));
        }

        for (var sequence = expected; _writeOutbox && sequence < episode.Version; sequence++)
        {
            AddRow(values, statements.Outbox, OutboxRowOf(episode, sequence, staged, scope));
        }

        foreach (var entry in audit)
        {
            AddRow(values, statements.Audit, SharingAuditRow.Of(entry).In(_authority));
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

    private static void AddChanged(SaveValues values, SaveStatements.Table table, object entity, ulong changed)
    {
        for (var i = 0; i < table.Values.Length; i++)
        {
            if ((changed & (1UL << i)) != 0)
            {
                values.Add(table.Getters[i].GetClrValueUsingContainingEntity(entity));
            }
        }
    }

    private static void AddKeys(SaveValues values, SaveStatements.Table table, object entity)
    {
        foreach (var getter in table.KeyGetters)
        {
            values.Add(getter.GetClrValueUsingContainingEntity(entity));
        }
    }

    private static void AddRow(SaveValues values, SaveStatements.Table table, object entity)
    {
        AddKeys(values, table, entity);
        foreach (var getter in table.Getters)
        {
            values.Add(getter.GetClrValueUsingContainingEntity(entity));
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
