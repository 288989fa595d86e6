using Caf.Core.Annotations;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>What one <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/> did.</summary>
/// <param name="Delivered">Events published and marked delivered.</param>
/// <param name="Failed">Events whose publish threw: still pending, retried after their back-off.</param>
/// <param name="Waiting">Pending events not tried: in back-off, or behind an undelivered event of the same episode.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct OutboxDispatchResult(int Delivered, int Failed, int Waiting);
