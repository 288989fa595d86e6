using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Diagnostics;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Caf.Core.EntityFrameworkCore;

// The store's telemetry (docs/operations.md "The EF Core store"): the caf.store.load / caf.store.save spans, the saves
// counter and duration, and the store's log messages (CafStoreLogEvents). Nothing here names a child; only the integrity
// failure names the episode, by its id.
public sealed partial class EntityFrameworkEpisodeRepository<TContext>
{
    // One save (add or update): the span, the counter and the duration by outcome; a failure logged by FailedAsync.
    private async ValueTask<Result> MeasureSaveAsync<TState>(string operation, int episodes, TState state,
        Func<EntityFrameworkEpisodeRepository<TContext>, TState, CancellationToken, Task<Result>> save, CancellationToken cancellationToken)
    {
        using var activity = CafStoreActivities.Source.StartActivity(CafStoreTelemetry.SaveActivity);
        activity?.SetTag(CafStoreTelemetry.AuthorityTag, _authority.Value);
        activity?.SetTag(CafStoreTelemetry.OperationTag, operation);
        activity?.SetTag(CafStoreTelemetry.EpisodeCountTag, episodes);
        var timed = _metrics.TimesSaves;
        var started = timed ? _policy.Time.GetTimestamp() : 0;
        var outcome = "error";
        string? rule = null;
        try
        {
            var result = await save(this, state, cancellationToken).ConfigureAwait(false);
            rule = result.IsSuccess ? null : result.Refusal.RuleId;
            outcome = rule is null ? "ok" : rule == StoreCodes.Concurrency ? "conflict" : "refused";
            activity?.SetTag(CafStoreTelemetry.OutcomeTag, outcome);
            activity?.SetTag(CafStoreTelemetry.RuleIdTag, rule);
            return result;
        }
        catch (Exception ex)
        {
            outcome = ex is EpisodeIntegrityException ? "integrity" : "error";
            await FailedAsync(activity, ex, "save").ConfigureAwait(false);
            throw;
        }
        finally
        {
            _metrics.Save(outcome, operation, rule, timed ? _policy.Time.GetElapsedTime(started).TotalSeconds : null);
        }
    }

    // A load or save that threw: the span marked, an integrity failure logged (episode id and kind, never the detail), and
    // a database error on a database that lacks migrations logged as such (one query, only when failing).
    private async Task FailedAsync(Activity? activity, Exception ex, string operation)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag(CafStoreTelemetry.OutcomeTag, ex is EpisodeIntegrityException ? "integrity" : "error");
            activity.SetTag(CafStoreTelemetry.ErrorTypeTag, ex.GetType().Name);
        }

        if (ex is EpisodeIntegrityException integrity)
        {
            activity?.SetTag(CafStoreTelemetry.IntegrityProblemTag, integrity.Kind.ToString());
            StoreLog.IntegrityFailure(_logger, integrity.EpisodeId.Value, integrity.Kind, integrity.EventVersion, operation);
            return;
        }

        if (ex is DbException or DbUpdateException && _logger.IsEnabled(LogLevel.Error))
        {
            try
            {
                await using var db = await _contexts.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
                var pending = (await db.Database.GetPendingMigrationsAsync(CancellationToken.None).ConfigureAwait(false)).ToList();
                if (pending.Count > 0)
                {
                    StoreLog.MigrationsPending(_logger, ex, pending.Count, string.Join(", ", pending));
                }
            }
            catch (Exception again) when (again is DbException or InvalidOperationException or TimeoutException)
            {
                // The database cannot tell: the original exception reaches the caller.
            }
        }
    }

    // STORE-CONCURRENCY: logged (Debug); and when a new event's idempotency key is among the events the other writer saved
    // after the expected version, the caller will answer the command as already applied (logged, the key not named).
    private async Task LogConflictAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken)
    {
        StoreLog.SaveConflict(_logger, updates.Count, StoreCodes.Concurrency);
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        foreach (var (episode, expected) in updates.Select(u => (u.Episode, u.ExpectedVersion)))
        {
            var keys = episode.Events.Skip(expected).Select(e => e.IdempotencyKey).OfType<IdempotencyKey>().ToHashSet();
            if (keys.Count == 0)
            {
                continue;
            }

            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var stored = await db.Rows<EpisodeEventRow>(_authority).AsNoTracking()
                .Where(r => r.EpisodeId == episode.Id && r.Sequence >= expected && r.IdempotencyKey != null)
                .OrderBy(r => r.Sequence).Select(r => r.IdempotencyKey).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (stored.Any(k => k is { } key && keys.Contains(key)))
            {
                StoreLog.IdempotencyReplay(_logger);
            }
        }
    }
}
