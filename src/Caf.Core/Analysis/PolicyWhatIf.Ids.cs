using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>The check that no episode is given twice.</summary>
public sealed partial class PolicyWhatIf
{
    /// <summary>
    /// Episodes checked for two with the same id once they are all in (<see cref="DistinctByHash{T}"/>): each episode's id
    /// hash is kept in its index since it was opened, so no string is hashed here, and the episodes themselves are kept,
    /// not their ids, so an id is read only on a tie of hashes.
    /// </summary>
    /// <param name="capacity">The expected number of episodes (grows past it).</param>
    [Mutable]
    private sealed class DistinctEpisodes(int capacity) : DistinctByHash<CafEpisode>(capacity, static e => e.Id.Value);
}
