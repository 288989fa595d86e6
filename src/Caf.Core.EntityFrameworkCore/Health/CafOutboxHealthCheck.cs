using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Health of the outbox: the oldest event not yet delivered is younger than
/// <see cref="CafOutboxHealthOptions.MaxPendingAge"/> (its age is the clock's now minus the event's own time). An empty
/// outbox, or one whose every row is delivered, is healthy. Registered as
/// <see cref="CafEntityFrameworkCoreHealthChecks.OutboxCheckName"/>; in a host with per-authority stores, the registered
/// check reads each declared authority's outbox under that authority (so PostgreSQL row-level security shows its rows) and
/// is unhealthy when any authority's is (docs/authorities.md "Operations").
/// </summary>
/// <typeparam name="TContext">The store's context.</typeparam>
/// <threadsafety>Thread-safe: a context per check.</threadsafety>
[Immutable]
public sealed class CafOutboxHealthCheck<TContext> : IHealthCheck
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _contexts;
    private readonly IReadOnlyList<AuthorityStore<TContext>>? _authorities;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxPendingAge;

    /// <summary>Creates the check.</summary>
    /// <param name="contexts">Creates a context per check.</param>
    /// <param name="time">The clock the age is measured with.</param>
    /// <param name="options">The threshold.</param>
    /// <exception cref="ArgumentException">The threshold is not positive.</exception>
    public CafOutboxHealthCheck(IDbContextFactory<TContext> contexts, TimeProvider time, CafOutboxHealthOptions options)
        : this(time, options)
    {
        _contexts = Guard.Against.Null(contexts);
    }

    /// <summary>The check of a host of several authorities: each one's outbox, read under its own scope.</summary>
    internal CafOutboxHealthCheck(IReadOnlyList<AuthorityStore<TContext>> authorities, TimeProvider time, CafOutboxHealthOptions options)
        : this(time, options)
    {
        _authorities = Guard.Against.Null(authorities);
    }

    private CafOutboxHealthCheck(TimeProvider time, CafOutboxHealthOptions options)
    {
        _time = Guard.Against.Null(time);
        Guard.Against.Null(options);
        _maxPendingAge = Guard.Against.NegativeOrZero(options.MaxPendingAge);
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(context);
        if (_authorities is not null)
        {
            return await CheckAuthoritiesAsync(context, _authorities, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var reading = await ReadAsync(_contexts!, null, cancellationToken).ConfigureAwait(false);
            if (reading.Age is not { } age)
            {
                return HealthCheckResult.Healthy("No event is waiting in the outbox.");
            }

            var data = new Dictionary<string, object> { ["oldestPendingAgeSeconds"] = Math.Max(0, age.TotalSeconds) };
            if (reading.DispatcherSeen is not { } drained)
            {
                return HealthCheckResult.Healthy($"The oldest event waiting in the outbox is {Format(age)} old (threshold {Format(_maxPendingAge)}).", data);
            }

            data["dispatcherSeen"] = drained;
            return new HealthCheckResult(context.Registration.FailureStatus, "The oldest event waiting in the outbox is " + Over(age, drained), data: data);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The outbox cannot be read.", ex);
        }
    }

    // Issue 29: one reading per authority, each under its own scope; data "{authority}.oldestPendingAgeSeconds" for every one
    // (0 when none waits) and "{authority}.dispatcherSeen" for those over the threshold. An authority that cannot be read is
    // unhealthy too, and the others are read all the same.
    private async Task<HealthCheckResult> CheckAuthoritiesAsync(HealthCheckContext context, IReadOnlyList<AuthorityStore<TContext>> authorities, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object>();
        var problems = new List<string>();
        Exception? failure = null;
        foreach (var (authority, contexts) in authorities)
        {
            try
            {
                var reading = await ReadAsync(contexts, authority, cancellationToken).ConfigureAwait(false);
                data[authority.Value + ".oldestPendingAgeSeconds"] = reading.Age is { } age ? Math.Max(0, age.TotalSeconds) : 0d;
                if (reading is { Age: { } over, DispatcherSeen: { } drained })
                {
                    data[authority.Value + ".dispatcherSeen"] = drained;
                    problems.Add($"Authority '{authority}': the oldest event waiting in its outbox is " + Over(over, drained));
                }
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                failure ??= ex;
                problems.Add($"Authority '{authority}': its outbox cannot be read.");
            }
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy(
                $"The outbox of each of the {authorities.Count} authorities is within the threshold of {Format(_maxPendingAge)}.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, string.Join(" ", problems), failure, data);
    }

    // The oldest pending event's age (null when none waits) and, only when it is over the threshold, whether a dispatcher was seen.
    private async Task<(TimeSpan? Age, bool? DispatcherSeen)> ReadAsync(IDbContextFactory<TContext> contexts, AuthorityId? authority, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var oldest = await OldestPendingAsync(db, authority, cancellationToken).ConfigureAwait(false);
        if (oldest is not { } at)
        {
            return (null, null);
        }

        var now = _time.GetUtcNow();
        var age = now - at;
        // Over the threshold: tell a stalled or failing dispatcher from none at all (a host with no dispatcher grows the table for ever).
        return age <= _maxPendingAge ? (age, null) : (age, await DispatcherSeenAsync(db, authority, now, _maxPendingAge, cancellationToken).ConfigureAwait(false));
    }

    private string Over(TimeSpan age, bool drained) => drained
        ? $"{Format(age)} old, over the threshold of {Format(_maxPendingAge)}: is a dispatcher running and can it publish?"
        : $"{Format(age)} old, over the threshold of {Format(_maxPendingAge)}, and no dispatcher is draining the outbox: nothing was delivered in the last {Format(_maxPendingAge)} and no waiting event was ever tried. Register AddCafOutboxDispatcher on one host (with an IEpisodeEventPublisher), or, if nothing consumes the events, set CafOutboxOptions.WriteEvents = false.";

    /// <summary>
    /// The one query over the outbox's columns: the time of the oldest event not yet delivered (pending: no
    /// <c>dispatched_at</c>), from its event row, or null when none waits. A dead-lettered row counts: it is not delivered and
    /// holds back the later events of its episode, so the check turns unhealthy until an operator requeues it. Kept here
    /// alone so a change to what "pending" means is made in one place.
    /// </summary>
    internal static async Task<DateTimeOffset?> OldestPendingAsync(DbContext db, AuthorityId? authority, CancellationToken cancellationToken)
    {
        var oldest = await OldestPendingQuery(db, authority).Take(1).ToListAsync(cancellationToken).ConfigureAwait(false);
        return oldest.Count == 0 ? null : oldest[0];
    }

    /// <summary>The times of the undelivered events, oldest first (the query of <see cref="OldestPendingAsync"/> and of the
    /// <see cref="CafStoreTelemetry.OutboxOldestPendingAge"/> gauge).</summary>
    internal static IQueryable<DateTimeOffset> OldestPendingQuery(DbContext db, AuthorityId? authority) =>
        from o in (authority is { } scope ? db.Rows<OutboxRow>(scope) : db.Set<OutboxRow>()).AsNoTracking()
        where o.DispatchedAt == null
        join e in db.Set<EpisodeEventRow>().AsNoTracking() on new { o.Authority, o.EpisodeId, o.Sequence } equals new { e.Authority, e.EpisodeId, e.Sequence }
        orderby e.OccurredAt
        select e.OccurredAt;

    /// <summary>
    /// Whether any dispatcher drains the outbox: an event was delivered within <paramref name="window"/> before
    /// <paramref name="now"/>, or an undelivered one was ever tried (claimed or attempted). Read only when the check fails,
    /// so a healthy outbox costs one query.
    /// </summary>
    internal static async Task<bool> DispatcherSeenAsync(DbContext db, AuthorityId? authority, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        var since = now - window;
        var rows = (authority is { } scope ? db.Rows<OutboxRow>(scope) : db.Set<OutboxRow>()).AsNoTracking();
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
