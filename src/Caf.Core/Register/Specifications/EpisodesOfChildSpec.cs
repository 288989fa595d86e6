using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// All of a child's episodes, open or closed, oldest first (LIFE-03: closed ones are linked to a new episode;
/// REP-06: re-referrals). Criteria and ordering only, so any store can translate it (docs/storage.md).
/// </summary>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class EpisodesOfChildSpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="child">The child.</param>
    /// <exception cref="System.ArgumentException"><paramref name="child"/> is default.</exception>
    public EpisodesOfChildSpec(ChildId child)
    {
        Child = SpecGuard.Child(child);
        Query.Where(s => s.Child == child).OrderBy(s => s.OpenedAt).ThenBy(s => s.Id);
    }

    /// <summary>The child.</summary>
    public ChildId Child { get; }
}
