using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Diagnostics;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Delivers the events the store wrote to the outbox table (in the transaction of each save) to the host's
/// <see cref="IEpisodeEventPublisher"/>: at least once, exactly once in the normal course, in order per episode, each
/// marked delivered after its publish returns. A failed publish is retried after a back-off that doubles up to
/// <see cref="CafOutboxOptions.RetryMaxDelay"/>, and dead-lettered after <see cref="CafOutboxOptions.MaxAttempts"/>
/// attempts; saving never waits for publishing.
/// </summary>
/// <remarks>
/// <para>Any number of dispatchers (hosts, processes) may run over one database: each dispatch first <b>claims</b> a
/// batch with a lease (<c>locked_by</c>, <c>locked_until</c>, <see cref="CafOutboxOptions.LeaseDuration"/>) in one
/// statement (on PostgreSQL under a transaction-scoped advisory lock, so claims take turns; SQLite's writers always do),
/// and only the claimer publishes those events. An event is claimed only when every earlier undelivered event of its
/// episode is claimed in the same batch, so an episode's events are never published out of order or concurrently.</para>
/// <para>The attempt count is written before each publish, so after a crash between publish and mark the event is
/// delivered again (once its lease expires) with the next attempt number. Consumers de-duplicate by
/// <see cref="EpisodeEventEnvelope.EventId"/>, the idempotency key.</para>
/// <para>Call <see cref="DispatchPendingAsync"/> from a timer or after saving, or register the hosted dispatcher
/// (<c>AddCafOutboxDispatcher</c>), which also calls <see cref="PurgeDeliveredAsync"/>. Supported on SQLite and PostgreSQL.</para>
/// </remarks>
/// <typeparam name="TContext">A context whose model includes <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>.</typeparam>
/// <threadsafety>Thread-safe; dispatches are serialised within one instance.</threadsafety>
[Immutable]
public sealed class EpisodeOutbox<TContext>
    where TContext : DbContext
{
    /// <summary>The log category of the outbox's messages (<see cref="CafOutboxLogEvents"/>).</summary>
    internal const string LogCategory = "Caf.Core.EntityFrameworkCore.EpisodeOutbox";

    // Claims take turns on PostgreSQL: a transaction-scoped advisory lock, released at commit; the key is "CAFOUTBX".
    private const string ClaimLockSql = "SELECT pg_advisory_xact_lock(4846231980575310424)";

    // The claim: one statement. The row conditions are repeated outside the subquery so that PostgreSQL re-checks them
    // on a row another transaction changed meanwhile. {0} claim id, {1} lease end, {2} now, {3} batch size, {4} the
    // outbox's authority (issue 29: an outbox claims its own authority's rows only).
    private const string ClaimSql = """
        UPDATE "caf_outbox" SET "locked_by" = {0}, "locked_until" = {1}
        WHERE "authority" = {4} AND "dispatched_at" IS NULL AND "dead_lettered_at" IS NULL
          AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= {2})
          AND ("locked_until" IS NULL OR "locked_until" <= {2})
          AND ("episode_id", "sequence") IN (
            SELECT o."episode_id", o."sequence" FROM "caf_outbox" AS o
            WHERE o."authority" = {4} AND o."dispatched_at" IS NULL AND o."dead_lettered_at" IS NULL
              AND (o."next_attempt_at" IS NULL OR o."next_attempt_at" <= {2})
              AND (o."locked_until" IS NULL OR o."locked_until" <= {2})
              AND NOT EXISTS (
                SELECT 1 FROM "caf_outbox" AS p
                WHERE p."authority" = o."authority" AND p."episode_id" = o."episode_id" AND p."sequence" < o."sequence" AND p."dispatched_at" IS NULL
                  AND (p."dead_lettered_at" IS NOT NULL OR p."next_attempt_at" > {2} OR p."locked_until" > {2}))
            ORDER BY o."episode_id", o."sequence"
            LIMIT {3})
        """;

    private readonly IDbContextFactory<TContext> _contexts;
    private readonly IEpisodeEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CafOutboxOptions _options;
    private readonly ILogger _logger;
    private readonly CafStoreMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AuthorityId _authority;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="contexts">Creates a context per dispatch.</param>
    /// <param name="publisher">The host's publisher.</param>
    /// <param name="time">The clock for leases, back-off, delivery times and retention.</param>
    /// <param name="options">Batch size, lease, back-off, attempts and retention.</param>
    /// <param name="loggerFactory">Where failures are logged (<see cref="CafOutboxLogEvents"/>); none when null.</param>
    /// <param name="meterFactory">Where the dispatcher's counters are created (<see cref="CafStoreTelemetry.OutboxDelivered"/>,
    /// <see cref="CafStoreTelemetry.OutboxFailed"/>, <see cref="CafStoreTelemetry.OutboxDeadLettered"/>,
    /// <see cref="CafStoreTelemetry.OutboxPurged"/>); nothing is counted when null. Construct one outbox per host.</param>
    /// <exception cref="ArgumentException">An argument is null, or an option is out of range.</exception>
    public EpisodeOutbox(IDbContextFactory<TContext> contexts, IEpisodeEventPublisher publisher, TimeProvider time, CafOutboxOptions options,
        ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(contexts, publisher, time, options, AuthorityId.Default, loggerFactory, meterFactory)
    {
    }

    /// <summary>
    /// Creates the dispatcher of one authority (issue 29): it claims, publishes, counts and purges that authority's events
    /// only, and each envelope names it (<see cref="EpisodeEventEnvelope.Authority"/>).
    /// </summary>
    /// <param name="contexts">Creates a context per dispatch.</param>
    /// <param name="publisher">The host's publisher.</param>
    /// <param name="time">The clock for leases, back-off, delivery times and retention.</param>
    /// <param name="options">Batch size, lease, back-off, attempts and retention.</param>
    /// <param name="authority">The authority whose events it dispatches.</param>
    /// <param name="loggerFactory">Where failures are logged; none when null.</param>
    /// <param name="meterFactory">Where the dispatcher's counters are created; nothing is counted when null.</param>
    /// <exception cref="ArgumentException">An argument is null or <c>default(AuthorityId)</c>, or an option is out of range.</exception>
    /// <remarks>Internal: hosts resolve an authority's outbox as a keyed service (<c>AddCafAuthorityStores</c>).</remarks>
    internal EpisodeOutbox(IDbContextFactory<TContext> contexts, IEpisodeEventPublisher publisher, TimeProvider time, CafOutboxOptions options,
        AuthorityId authority, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory)
    {
        _authority = authority.IsDefault ? throw new ArgumentException("The outbox needs a valid AuthorityId, not default(AuthorityId).", nameof(authority)) : authority;
        _contexts = Guard.Against.Null(contexts);
        _publisher = Guard.Against.Null(publisher);
        _time = Guard.Against.Null(time);
        _options = Guard.Against.Null(options);
        options.Validate();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LogCategory);
        _metrics = CafStoreMetrics.ForDispatcher(meterFactory, time, _authority);
    }

    internal ILogger Logger => _logger;

    /// <summary>The authority whose events this outbox dispatches (docs/authorities.md).</summary>
    public AuthorityId Authority => _authority;

    /// <summary>Claims and publishes the pending events that are due, in order per episode.</summary>
    /// <param name="cancellationToken">
    /// Cancellation. The event being published when it fires keeps its lease and is delivered again after the lease
    /// expires (with the next attempt number); claimed events not yet tried are released.
    /// </param>
    /// <returns>How many were delivered, failed (of which dead-lettered) and left waiting.</returns>
    public async Task<OutboxDispatchResult> DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await DispatchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The number of events not yet delivered and not dead-lettered.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Rows<OutboxRow>(_authority).CountAsync(r => r.DispatchedAt == null && r.DeadLetteredAt == null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the delivered rows older than <see cref="CafOutboxOptions.DeliveredRetention"/> (by delivery time).
    /// Pending and dead-lettered rows are kept. The hosted dispatcher calls it every poll; a host that dispatches
    /// otherwise calls it itself.
    /// </summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How many rows were removed.</returns>
    public Task<int> PurgeDeliveredAsync(CancellationToken cancellationToken = default) =>
        PurgeAsync(_contexts, _time, _options, _logger, _metrics, _authority, cancellationToken);

    /// <summary>
    /// The purge of <see cref="PurgeDeliveredAsync"/> (one authority's rows), also run without a publisher by
    /// <c>AddCafOutboxPurge</c> (every authority's delivered rows: host maintenance, when <paramref name="authority"/> is null).
    /// </summary>
    internal static async Task<int> PurgeAsync(IDbContextFactory<TContext> contexts, TimeProvider time, CafOutboxOptions options,
        ILogger logger, CafStoreMetrics metrics, AuthorityId? authority, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.DeliveredRetention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var removed = await (authority is { } scope ? db.Rows<OutboxRow>(scope) : db.Set<OutboxRow>())
            .Where(r => r.DispatchedAt != null && r.DispatchedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            OutboxLog.Purged(logger, removed, options.DeliveredRetention);
            metrics.Purged(removed);
        }

        return removed;
    }

    private async Task<OutboxDispatchResult> DispatchAsync(CancellationToken cancellationToken)
    {
        var claim = Guid.NewGuid().ToString("N");
        using var activity = CafStoreActivities.Source.StartActivity(CafStoreTelemetry.DispatchActivity);
        activity?.SetTag(CafStoreTelemetry.AuthorityTag, _authority.Value);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await ClaimAsync(db, claim, cancellationToken).ConfigureAwait(false);
        var claimed = await db.Rows<OutboxRow>(_authority).AsNoTracking()
            .Where(r => r.LockedBy == claim && r.DispatchedAt == null && r.DeadLetteredAt == null)
            .OrderBy(r => r.EpisodeId).ThenBy(r => r.Sequence)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        activity?.SetTag(CafStoreTelemetry.OutboxCountTag, claimed.Count);

        int delivered = 0, failed = 0, deadLettered = 0;
        EpisodeId? stopped = null;
        foreach (var row in claimed)
        {
            if (row.EpisodeId == stopped)
            {
                continue; // in order per episode: nothing after an event that was not delivered (released below)
            }

            var outcome = await DeliverAsync(db, claim, row, cancellationToken).ConfigureAwait(false);
            delivered += outcome == Outcome.Delivered ? 1 : 0;
            failed += outcome is Outcome.Failed or Outcome.DeadLettered ? 1 : 0;
            deadLettered += outcome == Outcome.DeadLettered ? 1 : 0;
            if (outcome != Outcome.Delivered)
            {
                stopped = row.EpisodeId;
            }
        }

        await Owned(db, claim).Where(r => r.LockedUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, (DateTimeOffset?)null), CancellationToken.None).ConfigureAwait(false);
        var pending = await db.Rows<OutboxRow>(_authority).CountAsync(r => r.DispatchedAt == null && r.DeadLetteredAt == null, CancellationToken.None).ConfigureAwait(false);
        activity?.SetTag(CafStoreTelemetry.OutboxDeliveredTag, delivered);
        return new OutboxDispatchResult(delivered, failed, Math.Max(0, pending - (failed - deadLettered))) { DeadLettered = deadLettered };
    }

    private async Task ClaimAsync(TContext db, string claim, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var until = now + _options.LeaseDuration;
        if (Authorities.AuthoritySettingInterceptor.IsPostgreSql(db))
        {
            // READ COMMITTED: the claim statement starts after the lock is held, so it sees every earlier claim.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync(ClaimLockSql, cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync(ClaimSql, [claim, until, now, _options.BatchSize, _authority.Value], cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // SQLite: one UPDATE takes the write lock before it reads, so claims take turns.
            await db.Database.ExecuteSqlRawAsync(ClaimSql, [claim, until, now, _options.BatchSize, _authority.Value], cancellationToken).ConfigureAwait(false);
        }
    }

    // caf.outbox.publish: the event's type and attempt, never its episode (no id, no link to anything personal).
    private async Task<Outcome> DeliverAsync(TContext db, string claim, OutboxRow row, CancellationToken cancellationToken)
    {
        using var activity = CafStoreActivities.Source.StartActivity(CafStoreTelemetry.PublishActivity);
        activity?.SetTag(CafStoreTelemetry.AuthorityTag, _authority.Value);
        activity?.SetTag(CafStoreTelemetry.EventTypeTag, row.EventType);
        activity?.SetTag(CafStoreTelemetry.AttemptTag, row.Attempts + 1);
        var outcome = await DeliverCoreAsync(db, claim, row, cancellationToken).ConfigureAwait(false);
        if (activity is not null)
        {
            activity.SetTag(CafStoreTelemetry.OutcomeTag, outcome switch
            {
                Outcome.Delivered => "delivered",
                Outcome.Failed => "failed",
                Outcome.DeadLettered => "dead-lettered",
                _ => "lease-lost",
            });
            if (outcome is Outcome.Failed or Outcome.DeadLettered)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        return outcome;
    }

    private async Task<Outcome> DeliverCoreAsync(TContext db, string claim, OutboxRow row, CancellationToken cancellationToken)
    {
        // The attempt is written before publishing, so it survives a crash between publish and mark.
        var attempt = row.Attempts + 1;
        var key = Owned(db, claim).Where(r => r.EpisodeId == row.EpisodeId && r.Sequence == row.Sequence);
        if (await key.ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, attempt), CancellationToken.None).ConfigureAwait(false) == 0)
        {
            OutboxLog.LeaseLost(_logger, row.EventType, claim, row.Sequence);
            return Outcome.LeaseLost;
        }

        Exception? failure = null;
        try
        {
            var envelope = new EpisodeEventEnvelope(row.EpisodeId, row.Sequence, row.EventType, row.Payload,
                EpisodeJson.DeserializeEvent(row.Payload), attempt)
            {
                Consent = OutboxConsentScope.Read(row.ConsentBasis, row.ExcludedAgencies),
                Authority = _authority,
            };
            await _publisher.PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: this event keeps its lease (it may have been published); the untried rest are released.
            await Owned(db, claim).Where(r => r.LockedUntil != null && !(r.EpisodeId == row.EpisodeId && r.Sequence == row.Sequence))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, (DateTimeOffset?)null), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        var at = _time.GetUtcNow();
        if (failure is null)
        {
            var marked = await key.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.DispatchedAt, at)
                .SetProperty(r => r.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(r => r.LastError, (string?)null), CancellationToken.None).ConfigureAwait(false);
            if (marked == 0)
            {
                OutboxLog.LeaseLost(_logger, row.EventType, claim, row.Sequence);
            }

            _metrics.Delivered(row.EventType);
            return Outcome.Delivered;
        }

        var reason = Truncate($"{failure.GetType().Name}: {failure.Message}", 2000);
        if (attempt >= _options.MaxAttempts)
        {
            await key.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.DeadLetteredAt, at)
                .SetProperty(r => r.LastError, reason)
                .SetProperty(r => r.LockedUntil, (DateTimeOffset?)null), CancellationToken.None).ConfigureAwait(false);
            OutboxLog.DeadLettered(_logger, failure, row.EventType, claim, row.Sequence, attempt);
            _metrics.Failed(row.EventType, failure.GetType().Name, deadLettered: true);
            return Outcome.DeadLettered;
        }

        var retry = Backoff(attempt);
        await key.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.NextAttemptAt, at + retry)
            .SetProperty(r => r.LastError, reason)
            .SetProperty(r => r.LockedUntil, (DateTimeOffset?)null), CancellationToken.None).ConfigureAwait(false);
        OutboxLog.PublishFailed(_logger, failure, row.EventType, claim, row.Sequence, attempt, retry);
        _metrics.Failed(row.EventType, failure.GetType().Name, deadLettered: false);
        return Outcome.Failed;
    }

    private IQueryable<OutboxRow> Owned(TContext db, string claim) =>
        db.Rows<OutboxRow>(_authority).Where(r => r.LockedBy == claim && r.DispatchedAt == null && r.DeadLetteredAt == null);

    internal TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryBaseDelay.Ticks * factor, _options.RetryMaxDelay.Ticks));
        return delay;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private enum Outcome
    {
        Delivered,
        Failed,
        DeadLettered,
        LeaseLost,
    }
}
