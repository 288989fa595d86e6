using System.Threading;
using System.Threading.Tasks;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The event-publishing port (docs/storage.md) the host implements: notify a lead professional, feed a warehouse,
/// put the event on a bus. <see cref="EpisodeOutbox{TContext}"/> calls it for each saved event.
/// </summary>
/// <remarks>
/// <para>Delivery is <b>at least once</b>: an event is marked delivered only after <see cref="PublishAsync"/> returns,
/// so a process that stops in between publishes it again once its lease expires (with the next attempt number). In the
/// normal course each event is published once, however many dispatchers run. Hosts de-duplicate by
/// <see cref="EpisodeEventEnvelope.EventId"/>, the idempotency key, which is stable (the episode id and the event's sequence).</para>
/// <para>Events of one episode are published in order, and never the next before the previous one succeeded.
/// Throwing means "not delivered": the event stays pending and is retried later with a bounded back-off, and is
/// dead-lettered after <see cref="CafOutboxOptions.MaxAttempts"/> attempts.</para>
/// </remarks>
public interface IEpisodeEventPublisher
{
    /// <summary>Publishes one event; returns when it is delivered, throws when it is not.</summary>
    /// <param name="envelope">The event with its stable id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task that completes when the event is delivered.</returns>
    ValueTask PublishAsync(EpisodeEventEnvelope envelope, CancellationToken cancellationToken);
}
