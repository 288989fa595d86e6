using Caf.Core.Annotations;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>What one <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/> did.</summary>
/// <param name="Delivered">Events published and marked delivered.</param>
/// <param name="Failed">Events whose publish threw: retried after their back-off, or dead-lettered (<see cref="DeadLettered"/>).</param>
/// <param name="Waiting">
/// Pending events, at the end of the dispatch, that it did not try: in back-off, behind an undelivered event of the
/// same episode, claimed by another dispatcher, or beyond the batch.
/// </param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct OutboxDispatchResult(int Delivered, int Failed, int Waiting)
{
    /// <summary>Of <see cref="Failed"/>, the events dead-lettered after <see cref="CafOutboxOptions.MaxAttempts"/> attempts.</summary>
    public int DeadLettered { get; init; }
}
