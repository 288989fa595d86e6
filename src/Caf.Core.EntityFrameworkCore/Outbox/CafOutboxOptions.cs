using System;
using Caf.Core.Annotations;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>How the outbox dispatcher reads and retries (<see cref="EpisodeOutbox{TContext}"/>).</summary>
/// <threadsafety>Mutable while registering; not changed afterwards.</threadsafety>
[Mutable]
public sealed class CafOutboxOptions
{
    /// <summary>At most this many pending events are read per dispatch (default 100).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>The wait before the first retry of a failed publish; it doubles per failure (default 1 second).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries: the back-off's bound (default 5 minutes).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the hosted dispatcher (<c>AddCafOutboxDispatcher</c>) dispatches (default 2 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Publish attempts before an event is dead-lettered: set aside with the failure's reason (<c>dead_lettered_at</c>,
    /// <c>last_error</c>) and not retried (default 10, at least 1). A dead-lettered event holds back the later events of
    /// its episode, so their order is kept (docs/storage.md "The outbox").
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long a dispatcher owns the events it claimed (default 2 minutes). No other dispatcher takes them before it
    /// expires; after a crash they are delivered again once it has. Choose it longer than publishing a batch takes: an
    /// event still being published when its lease expires may be delivered twice.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long delivered rows are kept before <see cref="EpisodeOutbox{TContext}.PurgeDeliveredAsync"/> (which the hosted
    /// dispatcher calls every poll) removes them (default 7 days; zero removes them at the next purge).
    /// </summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether each save writes its new events to the outbox table (default true). Set it to false on a host with no
    /// consumer of the events (no <see cref="IEpisodeEventPublisher"/>, no dispatcher anywhere): otherwise every event
    /// also stays in <c>caf_outbox</c> for ever, undelivered, and the outbox health check fails. The events themselves are
    /// stored either way; rows written before the change stay until dispatched (or removed by an operator).
    /// </summary>
    public bool WriteEvents { get; set; } = true;

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentException($"{nameof(MaxAttempts)} must be at least 1 (was {MaxAttempts}).", nameof(MaxAttempts));
        }

        if (LeaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(LeaseDuration)} must be positive.", nameof(LeaseDuration));
        }

        if (DeliveredRetention < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DeliveredRetention)} must not be negative.", nameof(DeliveredRetention));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"{nameof(BatchSize)} must be at least 1 (was {BatchSize}).", nameof(BatchSize));
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentException($"{nameof(RetryBaseDelay)} must be positive and at most {nameof(RetryMaxDelay)}.", nameof(RetryBaseDelay));
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(PollInterval)} must be positive.", nameof(PollInterval));
        }
    }
}
