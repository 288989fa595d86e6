using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

// The change-tracker save: what a save does when the context's model maps the rows in a way SaveStatements does not
// cover (another shadow or store-generated column, a table split), and the reference the one-command save
// (EntityFrameworkEpisodeRepository.Batched.cs) is tested and measured against (SaveMode.Tracked). Same rows, same checks.
public sealed partial class EntityFrameworkEpisodeRepository<TContext>
{
    // The rows written (episode row and report row per update), or null when SaveChanges was refused (rolled back).
    private async Task<Written[]?> TrackedSaveAsync(DbContext db, IReadOnlyList<EpisodeUpdate> updates,
        StoredEpisode?[] known, StagedEvents[] staged, bool[] missingReport, CancellationToken cancellationToken)
    {
        var written = new Written[updates.Count];
        db.ChangeTracker.AutoDetectChangesEnabled = false; // every entry's state is set below
        for (var i = 0; i < updates.Count; i++)
        {
            var (episode, expected) = (updates[i].Episode, updates[i].ExpectedVersion);
            // The row as this repository read or wrote it at the expected version, if it did: only the columns that differ are set.
            var row = known[i] is { Version: var v } k && v == expected ? k : null;
            var summary = EpisodeSummary.Of(episode);
            var entry = db.Entry(summary);
            if (row?.Summary is { } storedSummary)
            {
                entry.State = EntityState.Unchanged;
                entry.OriginalValues.SetValues(storedSummary);
                entry.DetectChanges();
            }
            else
            {
                entry.State = EntityState.Modified;
                entry.Property(nameof(EpisodeSummary.Version)).OriginalValue = expected;
            }

            // Issue 26: the snapshot is rewritten only once the events after it outgrow half of it (or this
            // repository does not know what it holds); otherwise the save appends the event rows alone.
            if (row?.Summary is null || SnapshotPolicy.Rewrite(row.SnapshotVersion, episode.Version))
            {
                var snapshot = entry.Property<string>(CafModelBuilderExtensions.SnapshotProperty);
                snapshot.CurrentValue = EpisodeJson.Serialize(episode);
                snapshot.IsModified = true;
            }

            var hash = entry.Property<string>(CafModelBuilderExtensions.HistoryHashProperty);
            hash.CurrentValue = staged[i].Head;
            hash.OriginalValue = staged[i].HashAt(expected);
            hash.IsModified = true;
            AppendEvents(db, episode, expected, staged[i]);
            AppendSharingAudit(db, episode, expected, _authority);
            var report = await ReportRowAsync(db, episode, cancellationToken).ConfigureAwait(false);
            // A row is replaced, not read first; an episode stored before the read model existed gets one on the retry.
            var reportEntry = db.Entry(report);
            if (missingReport[i])
            {
                reportEntry.State = EntityState.Added;
            }
            else if (row?.Report is { } storedReport)
            {
                reportEntry.State = EntityState.Unchanged;
                reportEntry.OriginalValues.SetValues(storedReport);
                reportEntry.DetectChanges();
                reportEntry.Property(nameof(ReportRowEntity.Payload)).IsModified = true; // always written, so a missing row is noticed
            }
            else
            {
                reportEntry.State = EntityState.Modified;
            }

            written[i] = new Written(summary, report, row?.Summary is null || SnapshotPolicy.Rewrite(row.SnapshotVersion, episode.Version) ? episode.Version : row.SnapshotVersion);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return written;
        }
        catch (DbUpdateException)
        {
            // Stale, missing or foreign: the transaction was rolled back. Classify below.
            return null;
        }
    }

    // An add through the change tracker: the rows written, or null when SaveChanges was refused (a duplicate id or REG-01's
    // index; rolled back), classified by the caller.
    private async Task<Written?> TrackedAddAsync(DbContext db, CafEpisode episode, StagedEvents staged, CancellationToken cancellationToken)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false; // every entry's state is set below
        var summary = EpisodeSummary.Of(episode);
        var entry = db.Entry(summary);
        entry.State = EntityState.Added;
        entry.Property<string>(CafModelBuilderExtensions.SnapshotProperty).CurrentValue = EpisodeJson.Serialize(episode);
        entry.Property<string>(CafModelBuilderExtensions.HistoryHashProperty).CurrentValue = staged.Head;
        AppendEvents(db, episode, 0, staged);
        AppendSharingAudit(db, episode, 0, _authority);
        AppendChildIdentifier(db, episode, _authority); // LAW-03
        var report = await ReportRowAsync(db, episode, cancellationToken).ConfigureAwait(false);
        db.Entry(report).State = EntityState.Added;
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new Written(summary, report, episode.Version);
        }
        catch (DbUpdateException)
        {
            return null; // the unique key or the REG-01 index refused the row. Classified by the caller.
        }
    }

    // LAW-03: the child's NHS number, in the add's transaction (the child's details are recorded by the episode's first event only).
    private static void AppendChildIdentifier(DbContext db, CafEpisode episode, AuthorityId authority)
    {
        if (episode.Child.NhsNumber is { } nhsNumber)
        {
            db.Entry(new ChildIdentifierRow { Authority = authority, EpisodeId = episode.Id, ChildId = episode.Child.Id, NhsNumber = nhsNumber.Value }).State = EntityState.Added;
        }
    }

    // SHARE-03/04: the sharing decisions of the commands being saved go in the same transaction as their events, so the
    // audit and the change commit together or not at all; nothing is handed over before the commit (the outbox row is in
    // it too), so a decision is still on the record before it takes effect.
    private static void AppendSharingAudit(DbContext db, CafEpisode episode, int from, AuthorityId authority)
    {
        foreach (var entry in episode.UnsavedSharingAudit(from))
        {
            db.Entry(SharingAuditRow.Of(entry).In(authority)).State = EntityState.Added;
        }
    }

    private void AppendEvents(DbContext db, CafEpisode episode, int from, StagedEvents staged)
    {
        // SHARE-01: what the events of this save may reach under the consent in force once it is made (the outbox
        // envelope's Consent; hosts forwarding events gate on it).
        var scope = _writeOutbox && episode.Version > from ? OutboxConsentScope.Of(episode, _policy) : null;
        for (var sequence = from; sequence < episode.Version; sequence++)
        {
            db.Entry(EventRow(episode, sequence, staged)).State = EntityState.Added;
            if (!_writeOutbox)
            {
                continue; // CafOutboxOptions.WriteEvents off: a host with no consumer of the events
            }

            db.Entry(OutboxRowOf(episode, sequence, staged, scope)).State = EntityState.Added;
        }
    }
}
