using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Lifecycle;

/// <summary>
/// A local authority, named as the host records it: the receiving authority of a transfer out of area (RET-02).
/// A type of its own so that <see cref="CafEpisode.TransferOut"/> cannot be called with the authority and the
/// reason swapped: both would otherwise be strings side by side.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LocalAuthority
{
    /// <summary>Names the authority.</summary>
    /// <param name="name">The authority's name, e.g. "Leeds City Council".</param>
    /// <exception cref="System.ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public LocalAuthority(string name)
    {
        Name = Guard.Against.NullOrWhiteSpace(name);
    }

    /// <summary>The authority's name.</summary>
    public string Name { get; }

    /// <summary>The authority's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
