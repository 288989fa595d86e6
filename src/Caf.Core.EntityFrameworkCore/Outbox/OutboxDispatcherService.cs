using System;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The optional hosted dispatcher: every poll interval, calls <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/>
/// then <see cref="EpisodeOutbox{TContext}.PurgeDeliveredAsync"/>. A failure is logged (<see cref="CafOutboxLogEvents.DispatchFailed"/>,
/// <see cref="CafOutboxLogEvents.PurgeFailed"/>) and the next tick tries again.
/// </summary>
internal sealed class OutboxDispatcherService<TContext> : BackgroundService
    where TContext : DbContext
{
    private readonly EpisodeOutbox<TContext> _outbox;
    private readonly CafOutboxOptions _options;
    private readonly TimeProvider _time;

    public OutboxDispatcherService(EpisodeOutbox<TContext> outbox, CafOutboxOptions options, TimeProvider time)
    {
        _outbox = outbox;
        _options = options;
        _time = time;
    }

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
        try
        {
            await _outbox.DispatchPendingAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            OutboxLog.DispatchFailed(_outbox.Logger, ex);
        }

        try
        {
            await _outbox.PurgeDeliveredAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            OutboxLog.PurgeFailed(_outbox.Logger, ex);
        }
    }
}

/// <summary>
/// The hosted purge without a dispatcher (<c>AddCafOutboxPurge</c>): every poll interval, removes the delivered rows past
/// <see cref="CafOutboxOptions.DeliveredRetention"/>, for a host whose events are dispatched elsewhere (another process, or
/// its own loop calling <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/>). It needs no publisher. A failure is
/// logged (<see cref="CafOutboxLogEvents.PurgeFailed"/>) and the next tick tries again.
/// </summary>
internal sealed class OutboxPurgeService<TContext> : BackgroundService
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly CafOutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Diagnostics.CafStoreMetrics _metrics;

    public OutboxPurgeService(IDbContextFactory<TContext> contexts, CafOutboxOptions options, TimeProvider time, ILoggerFactory? logs, IMeterFactory? meters)
    {
        _contexts = contexts;
        _options = options;
        _time = time;
        _logger = (logs ?? NullLoggerFactory.Instance).CreateLogger(EpisodeOutbox<TContext>.LogCategory);
        _metrics = Diagnostics.CafStoreMetrics.ForDispatcher(meters, time);
    }

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
        try
        {
            return await EpisodeOutbox<TContext>.PurgeAsync(_contexts, _time, _options, _logger, _metrics, null, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            OutboxLog.PurgeFailed(_logger, ex);
            return 0;
        }
    }
}
