using Ardalis.GuardClauses;
using Ardalis.Specification;
using Caf.Core.Annotations;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// REG-03: the episodes linked into a family group, by child (then episode). Criteria and ordering only, so any
/// store can translate it (docs/storage.md).
/// </summary>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class FamilyGroupSpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="familyGroup">The family group id.</param>
    /// <exception cref="System.ArgumentException"><paramref name="familyGroup"/> is null, empty or white space.</exception>
    public FamilyGroupSpec(string familyGroup)
    {
        FamilyGroup = Guard.Against.NullOrWhiteSpace(familyGroup);
        Query.Where(s => s.FamilyGroup == familyGroup).OrderBy(s => s.Child).ThenBy(s => s.Id);
    }

    /// <summary>The family group id.</summary>
    public string FamilyGroup { get; }
}
