using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

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
