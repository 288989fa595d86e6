using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Lifecycle;

/// <summary>
/// The named specialist or statutory service a case steps up to (LIFE-04, CLOSE-07), e.g. children's social care.
/// A type of its own so that <see cref="CafEpisode.StepUp"/> cannot be called with the service and the reason
/// swapped: both would otherwise be strings side by side.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record SpecialistService
{
    /// <summary>Names the service.</summary>
    /// <param name="name">The service's name as the host records it, e.g. "Children's social care".</param>
    /// <exception cref="System.ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public SpecialistService(string name)
    {
        Name = Guard.Against.NullOrWhiteSpace(name);
    }

    /// <summary>The service's name.</summary>
    public string Name { get; }

    /// <summary>The service's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
