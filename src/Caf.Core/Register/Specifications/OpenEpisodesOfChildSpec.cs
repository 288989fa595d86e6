using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// The child's open episode (REG-01: at most one; REG-02: the register's question), as a list so a store that
/// breaks REG-01 shows it. Criteria and ordering only, so any store can translate it (docs/storage.md).
/// </summary>
/// <remarks>Not gated by consent: for the CAF co-ordinator and the host. A practitioner asks
/// <see cref="CafRegister.FindOpenAsync(ChildId, Actor, System.Threading.CancellationToken)"/>, which answers as far as their agency may know (SHARE-01).</remarks>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class OpenEpisodesOfChildSpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="child">The child.</param>
    /// <exception cref="System.ArgumentException"><paramref name="child"/> is default.</exception>
    public OpenEpisodesOfChildSpec(ChildId child)
    {
        Child = SpecGuard.Child(child);
        Query.Where(s => s.Child == child && s.IsOpen).OrderBy(s => s.OpenedAt).ThenBy(s => s.Id);
    }

    /// <summary>The child.</summary>
    public ChildId Child { get; }
}
