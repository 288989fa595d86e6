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

    internal void Validate()
    {
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
