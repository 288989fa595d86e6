using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Health of the outbox: the oldest event not yet delivered is younger than
/// <see cref="CafOutboxHealthOptions.MaxPendingAge"/> (its age is the clock's now minus the event's own time). An empty
/// outbox, or one whose every row is delivered, is healthy. Registered as
/// <see cref="CafEntityFrameworkCoreHealthChecks.OutboxCheckName"/>.
/// </summary>
/// <typeparam name="TContext">The store's context.</typeparam>
/// <threadsafety>Thread-safe: a context per check.</threadsafety>
[Immutable]
public sealed class CafOutboxHealthCheck<TContext> : IHealthCheck
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxPendingAge;

    /// <summary>Creates the check.</summary>
    /// <param name="contexts">Creates a context per check.</param>
    /// <param name="time">The clock the age is measured with.</param>
    /// <param name="options">The threshold.</param>
    /// <exception cref="ArgumentException">The threshold is not positive.</exception>
    public CafOutboxHealthCheck(IDbContextFactory<TContext> contexts, TimeProvider time, CafOutboxHealthOptions options)
    {
        _contexts = Guard.Against.Null(contexts);
        _time = Guard.Against.Null(time);
        Guard.Against.Null(options);
        _maxPendingAge = Guard.Against.NegativeOrZero(options.MaxPendingAge);
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(context);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var oldest = await OldestPendingAsync(db, cancellationToken).ConfigureAwait(false);
            if (oldest is not { } at)
            {
                return HealthCheckResult.Healthy("No event is waiting in the outbox.");
            }

            var now = _time.GetUtcNow();
            var age = now - at;
            var data = new Dictionary<string, object> { ["oldestPendingAgeSeconds"] = Math.Max(0, age.TotalSeconds) };
            if (age <= _maxPendingAge)
            {
                return HealthCheckResult.Healthy($"The oldest event waiting in the outbox is {Format(age)} old (threshold {Format(_maxPendingAge)}).", data);
            }

            // Over the threshold: tell a stalled or failing dispatcher from none at all (a host with no dispatcher grows the table for ever).
            var drained = await DispatcherSeenAsync(db, now, _maxPendingAge, cancellationToken).ConfigureAwait(false);
            data["dispatcherSeen"] = drained;
            return new HealthCheckResult(context.Registration.FailureStatus, drained
                    ? $"The oldest event waiting in the outbox is {Format(age)} old, over the threshold of {Format(_maxPendingAge)}: is a dispatcher running and can it publish?"
                    : $"The oldest event waiting in the outbox is {Format(age)} old, over the threshold of {Format(_maxPendingAge)}, and no dispatcher is draining the outbox: nothing was delivered in the last {Format(_maxPendingAge)} and no waiting event was ever tried. Register AddCafOutboxDispatcher on one host (with an IEpisodeEventPublisher), or, if nothing consumes the events, set CafOutboxOptions.WriteEvents = false.",
                data: data);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The outbox cannot be read.", ex);
        }
    }

    /// <summary>
    /// The one query over the outbox's columns: the time of the oldest event not yet delivered (pending: no
    /// <c>dispatched_at</c>), from its event row, or null when none waits. A dead-lettered row counts: it is not delivered and
    /// holds back the later events of its episode, so the check turns unhealthy until an operator requeues it. Kept here
    /// alone so a change to what "pending" means is made in one place.
    /// </summary>
    internal static async Task<DateTimeOffset?> OldestPendingAsync(DbContext db, CancellationToken cancellationToken)
    {
        var oldest = await OldestPendingQuery(db).Take(1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return oldest.Count == 0 ? null : oldest[0];
    }

    /// <summary>The times of the undelivered events, oldest first (the query of <see cref="OldestPendingAsync"/> and of the
    /// <see cref="CafStoreTelemetry.OutboxOldestPendingAge"/> gauge).</summary>
    internal static IQueryable<DateTimeOffset> OldestPendingQuery(DbContext db) =>
        from o in db.Set<OutboxRow>().AsNoTracking()
        where o.DispatchedAt == null
        join e in db.Set<EpisodeEventRow>().AsNoTracking() on new { o.Authority, o.EpisodeId, o.Sequence } equals new { e.Authority, e.EpisodeId, e.Sequence }
        orderby e.OccurredAt
        select e.OccurredAt;

    /// <summary>
    /// Whether any dispatcher drains the outbox: an event was delivered within <paramref name="window"/> before
    /// <paramref name="now"/>, or an undelivered one was ever tried (claimed or attempted). Read only when the check fails,
    /// so a healthy outbox costs one query.
    /// </summary>
    internal static async Task<bool> DispatcherSeenAsync(DbContext db, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = now - window;
        var rows = db.Set<OutboxRow>().AsNoTracking();
        return await rows.AnyAsync(r => r.DispatchedAt != null && r.DispatchedAt >= since, cancellationToken).ConfigureAwait(false)
            || await rows.AnyAsync(r => r.DispatchedAt == null && (r.Attempts > 0 || r.LockedBy != null), cancellationToken).ConfigureAwait(false);
    }

    private static string Format(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{Math.Max(0, span.TotalSeconds):0} s";
}

/// <summary>The outbox health check's threshold (<see cref="CafOutboxHealthCheck{TContext}"/>).</summary>
/// <threadsafety>Set once at registration; not thread-safe while being configured.</threadsafety>
[Mutable]
public sealed class CafOutboxHealthOptions
{
    /// <summary>The oldest an undelivered event may be before the check fails; 5 minutes unless set. Must be positive.</summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromMinutes(5);
}
