using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Delivers the events the store wrote to the outbox table (in the transaction of each save) to the host's
/// <see cref="IEpisodeEventPublisher"/>: at least once, in order per episode, each marked delivered after its
/// publish returns. A failed publish is retried after a back-off that doubles up to
/// <see cref="CafOutboxOptions.RetryMaxDelay"/>; saving never waits for publishing.
/// </summary>
/// <remarks>
/// Call <see cref="DispatchPendingAsync"/> from a timer or after saving, or register the hosted dispatcher
/// (<c>AddCafOutboxDispatcher</c>). Run one dispatcher per database: two at once still deliver every event at least
/// once, but may deliver an episode's events out of order.
/// </remarks>
/// <typeparam name="TContext">A context whose model includes <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>.</typeparam>
/// <threadsafety>Thread-safe; dispatches are serialised within one instance.</threadsafety>
[Immutable]
public sealed class EpisodeOutbox<TContext>
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly IEpisodeEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CafOutboxOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="contexts">Creates a context per dispatch.</param>
    /// <param name="publisher">The host's publisher.</param>
    /// <param name="time">The clock for back-off and delivery times.</param>
    /// <param name="options">Batch size and back-off.</param>
    public EpisodeOutbox(IDbContextFactory<TContext> contexts, IEpisodeEventPublisher publisher, TimeProvider time, CafOutboxOptions options)
    {
        _contexts = Guard.Against.Null(contexts);
        _publisher = Guard.Against.Null(publisher);
        _time = Guard.Against.Null(time);
        _options = Guard.Against.Null(options);
        options.Validate();
    }

    /// <summary>Publishes the pending events that are due, oldest first per episode.</summary>
    /// <param name="cancellationToken">Cancellation (an event being published when it fires stays pending).</param>
    /// <returns>How many were delivered, failed and left waiting.</returns>
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

    /// <summary>The number of events not yet delivered.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count.</returns>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<OutboxRow>().CountAsync(r => r.DispatchedAt == null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OutboxDispatchResult> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = await db.Set<OutboxRow>()
            .Where(r => r.DispatchedAt == null)
            .OrderBy(r => r.EpisodeId).ThenBy(r => r.Sequence)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        int delivered = 0, failed = 0, waiting = 0;
        var blocked = new HashSet<EpisodeId>();
        foreach (var row in pending)
        {
            var now = _time.GetUtcNow();
            if (blocked.Contains(row.EpisodeId) || row.NextAttemptAt > now)
            {
                // In order per episode: nothing after an undelivered event of the same episode.
                blocked.Add(row.EpisodeId);
                waiting++;
                continue;
            }

            row.Attempts++;
            try
            {
                var envelope = new EpisodeEventEnvelope(row.EpisodeId, row.Sequence, row.EventType, row.Payload,
                    EpisodeJson.DeserializeEvent(row.Payload), row.Attempts)
                {
                    Consent = OutboxConsentScope.Read(row.ConsentBasis, row.ExcludedAgencies),
                };
                await _publisher.PublishAsync(envelope, cancellationToken).ConfigureAwait(false);
                row.DispatchedAt = _time.GetUtcNow();
                row.NextAttemptAt = null;
                row.LastError = null;
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                row.NextAttemptAt = _time.GetUtcNow() + Backoff(row.Attempts);
                row.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 2000);
                blocked.Add(row.EpisodeId);
                failed++;
            }

            // Marked one at a time, so a stop after a publish re-delivers at most that one event.
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return new OutboxDispatchResult(delivered, failed, waiting);
    }

    internal TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryBaseDelay.Ticks * factor, _options.RetryMaxDelay.Ticks));
        return delay;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
