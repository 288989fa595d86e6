using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The optional hosted dispatcher: every poll interval, calls <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/>
/// then <see cref="EpisodeOutbox{TContext}.PurgeDeliveredAsync"/> on each outbox it serves: the one outbox of a
/// single-authority host, or, with per-authority stores, the outbox of every declared authority in turn (issue 29), each
/// under its own authority's scope. A failure is logged (<see cref="CafOutboxLogEvents.DispatchFailed"/>,
/// <see cref="CafOutboxLogEvents.PurgeFailed"/>, naming the authority), the other authorities are served all the same, and
/// the next tick tries again.
/// </summary>
internal sealed class OutboxDispatcherService<TContext> : BackgroundService
    where TContext : DbContext
{
    private readonly IReadOnlyList<EpisodeOutbox<TContext>> _outboxes;
    private readonly CafOutboxOptions _options;
    private readonly TimeProvider _time;

    public OutboxDispatcherService(IReadOnlyList<EpisodeOutbox<TContext>> outboxes, CafOutboxOptions options, TimeProvider time)
    {
        _outboxes = outboxes;
        _options = options;
        _time = time;
    }

    /// <summary>The outboxes served, in order (the declared authorities' order).</summary>
    internal IReadOnlyList<EpisodeOutbox<TContext>> Outboxes => _outboxes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _time);
        do
        {
            await TickAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task TickAsync(CancellationToken stoppingToken)
    {
        foreach (var outbox in _outboxes)
        {
            // One authority's failure (its database scope, its rows) is its own: the next authority is served all the same.
            try
            {
                await outbox.DispatchPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                OutboxLog.DispatchFailed(outbox.Logger, ex, outbox.Authority.Value);
            }

            try
            {
                await outbox.PurgeDeliveredAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                OutboxLog.PurgeFailed(outbox.Logger, ex, outbox.Authority.Value);
            }
        }
    }
}

/// <summary>
/// The hosted purge without a dispatcher (<c>AddCafOutboxPurge</c>): every poll interval, removes the delivered rows past
/// <see cref="CafOutboxOptions.DeliveredRetention"/>, for a host whose events are dispatched elsewhere (another process, or
/// its own loop calling <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/>). It needs no publisher. A
/// single-authority host's purge removes every delivered row; with per-authority stores, each declared authority's are
/// removed in turn under its own scope (issue 29; rows of an authority no longer declared stay). A failure is logged
/// (<see cref="CafOutboxLogEvents.PurgeFailed"/>), the other authorities are purged all the same, and the next tick tries again.
/// </summary>
internal sealed class OutboxPurgeService<TContext> : BackgroundService
    where TContext : DbContext
{
    private readonly IReadOnlyList<Scope> _scopes;
    private readonly CafOutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // single: the single-authority host's contexts (every delivered row), used when authorities (the declared authorities and
    // their contexts, with per-authority stores) is null.
    public OutboxPurgeService(IDbContextFactory<TContext> single, IReadOnlyList<Authorities.AuthorityStore<TContext>>? authorities,
        CafOutboxOptions options, TimeProvider time, ILoggerFactory? logs, IMeterFactory? meters)
    {
        _options = options;
        _time = time;
        _logger = (logs ?? NullLoggerFactory.Instance).CreateLogger(EpisodeOutbox<TContext>.LogCategory);
        _scopes = authorities is null
            ? [new Scope(AuthorityId.Default, single, null, Diagnostics.CafStoreMetrics.ForDispatcher(meters, time, AuthorityId.Default))]
            : [.. authorities.Select(a => new Scope(a.Authority, a.Contexts, a.Authority, Diagnostics.CafStoreMetrics.ForDispatcher(meters, time, a.Authority)))];
    }

    /// <summary>The authorities purged, in order.</summary>
    internal IEnumerable<AuthorityId> Authorities => _scopes.Select(s => s.Authority);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _time);
        do
        {
            await TickAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    internal async Task<int> TickAsync(CancellationToken stoppingToken)
    {
        var removed = 0;
        foreach (var scope in _scopes)
        {
            try
            {
                removed += await EpisodeOutbox<TContext>.PurgeAsync(scope.Contexts, _time, _options, _logger, scope.Metrics, scope.Filter, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                OutboxLog.PurgeFailed(_logger, ex, scope.Authority.Value);
            }
        }

        return removed;
    }

    // Filter null: the single-authority host's purge of every delivered row, as before authorities.
    private sealed record Scope(AuthorityId Authority, IDbContextFactory<TContext> Contexts, AuthorityId? Filter, Diagnostics.CafStoreMetrics Metrics);
}
