using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>The optional hosted dispatcher: calls <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/> every poll interval.</summary>
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
            try
            {
                await _outbox.DispatchPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable: the events stay pending and the next tick tries again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
