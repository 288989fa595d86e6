using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>Tamper evidence (issue 24): what a load checks, and the verifier over the whole store.</summary>
public sealed partial class EntityFrameworkEpisodeRepository<TContext> : IEpisodeStoreVerifier
{
    /// <summary>
    /// Checks every stored episode as <see cref="GetAsync"/> does (the snapshot is readable and names the episode; the event
    /// rows are versions 1..N in order; each is the snapshot's event of its version; the hash chain over them ends in the
    /// stored history hash; the version column is N) and reports each problem. Reads only: it changes nothing, and one
    /// episode's problem does not stop the run. The ids are read first (one query), then each episode with two queries, in id order.
    /// </summary>
    /// <remarks>An episode being saved while it is checked is read again before a problem is reported, so a concurrent
    /// save is not reported as tampering. A row past an episode's version is reported only when a second read shows the
    /// version column unchanged (another writer's save moves both in one transaction).</remarks>
    /// <param name="progress">Told after each episode (checked, of how many stored when the run began, problems so far).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The report: episodes checked and the findings in episode-id order.</returns>
    public async ValueTask<EpisodeStoreVerification> VerifyAsync(
        IProgress<EpisodeStoreVerificationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // caf.store.verify (docs/operations.md): its queries' spans (EF Core's, Npgsql's) nest under it.
        using var activity = VerifyTracing.Source.StartActivity(CafTelemetry.VerifyActivity);
        var findings = ImmutableArray.CreateBuilder<EpisodeIntegrityFinding>();
        var checkedCount = 0;
        try
        {
            List<EpisodeId> ids;
            await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                ids = await db.Episodes(_authority).AsNoTracking().Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            }

            ids.Sort();
            foreach (var id in ids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await CheckStoredAsync(id, cancellationToken).ConfigureAwait(false) is { } finding)
                {
                    findings.Add(finding);
                }

                checkedCount++;
                progress?.Report(new EpisodeStoreVerificationProgress(checkedCount, ids.Count, findings.Count));
            }
        }
        catch (Exception ex)
        {
            VerifyTracing.Ended(activity, ex is OperationCanceledException ? "cancelled" : "error", checkedCount, findings.Count, ex);
            throw;
        }

        VerifyTracing.Ended(activity, "ok", checkedCount, findings.Count, null);
        return new EpisodeStoreVerification(checkedCount, findings.ToImmutable());
    }

    /// <summary>
    /// The load as it was before issue 24: the snapshot only, nothing checked against the events (so, since issue 26, the
    /// episode as of the snapshot, which may lag behind the event rows). For the benchmark that prices the checks
    /// (benchmarks/RESULTS.md); the library never calls it.
    /// </summary>
    internal async ValueTask<CafEpisode?> GetUncheckedAsync(EpisodeId id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await db.Episodes(_authority).AsNoTracking().Where(s => s.Id == id)
            .Select(s => EF.Property<string>(s, CafModelBuilderExtensions.SnapshotProperty))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return snapshot is null ? null : EpisodeJson.Deserialize(_policy, snapshot);
    }

    /// <summary>
    /// A load that never uses the verified copies (issue 26): the episode row and every event row read and checked, the
    /// history replayed, as <see cref="GetAsync"/> does for a repository that never saw the episode. For the benchmark that
    /// prices the checks; the library never calls it.
    /// </summary>
    internal async ValueTask<CafEpisode?> GetCheckedInFullAsync(EpisodeId id, CancellationToken cancellationToken = default)
    {
        var (episode, _, problem) = await ReadCheckedAsync(id, _ => true, cancellationToken).ConfigureAwait(false);
        return problem is null ? episode : throw problem;
    }

    // One episode, strictly (rows past the version are a problem), confirmed by a second read; null when intact or gone.
    private async Task<EpisodeIntegrityFinding?> CheckStoredAsync(EpisodeId id, CancellationToken cancellationToken)
    {
        var first = await ReadCheckedAsync(id, _ => false, cancellationToken).ConfigureAwait(false);
        if (first.Problem is null)
        {
            return null;
        }

        var again = await ReadCheckedAsync(id, version => version != first.Row?.Columns.Version, cancellationToken).ConfigureAwait(false);
        return again.Problem?.Finding;
    }

    /// <summary>
    /// Reads the episode row, then its event rows, and checks them (<see cref="StoredHistoryCheck"/>); an unreadable snapshot
    /// is a problem too (with the reader's exception inside). Rows past the snapshot's version that continue it are allowed when <paramref name="laterRowsAllowed"/>
    /// says so for the version column read.
    /// </summary>
    internal async Task<(CafEpisode? Episode, StoredEpisodeRow? Row, EpisodeIntegrityException? Problem)> ReadCheckedAsync(
        EpisodeId id, Func<int, bool> laterRowsAllowed, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // Issue 26: the snapshot, version and hash in one statement, as UTF-8 (StoredUtf8); the row's other columns in a
        // second one, read again (up to three times) until both show the same version (a save in between moves it).
        // The snapshot and the rows are read into pooled buffers, returned once they are checked and parsed (nothing of
        // the episode refers to them: the parse and the checks copy what they keep).
        StoredUtf8.SnapshotRow? stored = null;
        try
        {
            StoredEpisodeRow? row = null;
            for (var attempt = 0; row is null; attempt++)
            {
                stored?.Dispose();
                stored = null;
                var columns = await db.Episodes(_authority).AsNoTracking().Where(s => s.Id == id).Select(StoredUtf8.Columns)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                stored = await StoredUtf8.SnapshotAsync(db, _authority, id, cancellationToken).ConfigureAwait(false);
                if (columns is null || stored is null)
                {
                    return (null, null, null);
                }

                if (attempt < 3 && columns.Version != stored.Version)
                {
                    continue;
                }

                row = new StoredEpisodeRow(columns, stored.Hash);
            }

            // Read after the episode row: every event of its snapshot was committed before it, and none can be removed.
            using var events = await StoredUtf8.EventsAsync(db, _authority, id, cancellationToken).ConfigureAwait(false);
            var snapshot = stored!.Snapshot.Memory;
            CafEpisode episode;
            try
            {
                episode = StoredHistoryCheck.ReadSnapshot(_policy, id, snapshot.Span);
            }
            catch (EpisodeIntegrityException ex)
            {
                return (null, row, ex);
            }

            // The snapshot may hold the first S events only (issue 26): the rows after it are checked by the hash chain and
            // replayed on top, through the command checks.
            var snapshotVersion = episode.Version;
            var finding = StoredHistoryCheck.Find(id, row.Columns.Version, row.Hash, snapshot.Span, episode, events, laterRowsAllowed(row.Columns.Version), out var length)
                ?? StoredHistoryCheck.ReplayTail(id, episode, events, length);
            return (episode, row with { SnapshotVersion = snapshotVersion }, finding is null ? null : new EpisodeIntegrityException(finding));
        }
        finally
        {
            stored?.Dispose();
        }
    }

    // A save was refused in a way a tampered row could explain (the version column or hash disagrees with the events):
    // throws the finding, if a fresh read confirms one.
    private async Task ThrowIfTamperedAsync(EpisodeId id, CancellationToken cancellationToken)
    {
        var read = await ReadCheckedAsync(id, _ => true, cancellationToken).ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            throw problem;
        }
    }
}

/// <summary>The verifier's span on the <see cref="CafTelemetry.ActivitySourceName"/> source (static and immutable, the .NET convention).</summary>
internal static class VerifyTracing
{
    internal static readonly ActivitySource Source = new(CafTelemetry.ActivitySourceName);

    /// <summary>Tags the outcome, the episodes checked and the problems found (counts, never ids).</summary>
    internal static void Ended(Activity? activity, string outcome, int checkedCount, int problems, Exception? exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(CafTelemetry.OutcomeTag, outcome);
        activity.SetTag(CafTelemetry.RowsTag, checkedCount);
        activity.SetTag(CafTelemetry.ProblemsTag, problems);
        if (exception is not null && exception is not OperationCanceledException)
        {
            activity.SetTag(CafTelemetry.ErrorTypeTag, exception.GetType().Name);
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}

/// <summary>An episode row as a load reads it: its columns and history hash (and, once read, how many events the snapshot
/// holds); the snapshot's UTF-8 is read into a pooled buffer that the load returns (issue 26).</summary>
internal sealed record StoredEpisodeRow(EpisodeSummary Columns, string Hash)
{
    /// <summary>How many events the snapshot holds (set once it is read).</summary>
    public int SnapshotVersion { get; init; }
}
