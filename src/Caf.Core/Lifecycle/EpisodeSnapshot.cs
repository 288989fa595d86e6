using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The stored form of an episode: its full history plus the facts a reader checks it against. Written and
/// read by <see cref="EpisodeJson"/>; the schema version lets later releases read older snapshots.
/// </summary>
/// <param name="SchemaVersion">The snapshot schema version (currently <see cref="EpisodeJson.CurrentSchemaVersion"/>).</param>
/// <param name="EpisodeId">The episode's id.</param>
/// <param name="Version">The number of events (optimistic concurrency).</param>
/// <param name="State">The state the history leads to; checked on reading.</param>
/// <param name="Events">The history, oldest first.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeSnapshot(int SchemaVersion, EpisodeId EpisodeId, int Version, EpisodeState State, ImmutableArray<CafEvent> Events)
{
    /// <inheritdoc />
    public bool Equals(EpisodeSnapshot? other) =>
        other is not null && SchemaVersion == other.SchemaVersion && EpisodeId == other.EpisodeId && Version == other.Version
        && State == other.State && ValueEquality.Equal(Events, other.Events);

    /// <inheritdoc />
    public override int GetHashCode() => System.HashCode.Combine(SchemaVersion, EpisodeId, Version, State, ValueEquality.Hash(Events));
}
