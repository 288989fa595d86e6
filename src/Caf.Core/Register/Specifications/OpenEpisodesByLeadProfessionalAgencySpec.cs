using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// The open episodes whose lead professional works for an agency and whose consent does not exclude it, oldest
/// first: an agency's LP caseload (LP-07: the burden of the role is balanced between agencies). Criteria and ordering
/// only, so any store can translate it (docs/storage.md).
/// </summary>
/// <remarks>Gated by consent (SHARE-01): the lead professional stays in post after the family excludes their agency
/// until the role is handed over (LP-10, LP-11), but the list is decided when it is read, so an episode whose consent
/// in force excludes the agency is left out of that agency's caseload (<see cref="EpisodeSummary.Excludes"/>; the EF Core
/// store translates it to SQL). Count the co-ordinator's "LP awaiting handover" work from
/// <see cref="EpisodeSummary.ExcludedAgencies"/> on an ungated list instead.</remarks>
/// <threadsafety>
/// Built in its constructor and not changed afterwards, so it may be shared and evaluated from several threads;
/// do not add to its <c>Query</c> once it is shared (the package's builder would change it for every holder).
/// <see cref="EpisodeSummarySpecification.IsSatisfiedBy"/> uses the criteria compiled once.
/// </threadsafety>
[Mutable]
public sealed class OpenEpisodesByLeadProfessionalAgencySpec : EpisodeSummarySpecification
{
    /// <summary>Creates the specification.</summary>
    /// <param name="agency">The lead professional's agency.</param>
    /// <exception cref="System.ArgumentException"><paramref name="agency"/> is default.</exception>
    public OpenEpisodesByLeadProfessionalAgencySpec(AgencyId agency)
    {
        Agency = SpecGuard.Agency(agency);
        Query.Where(s => s.IsOpen && s.LeadProfessionalAgency == agency && !s.Excludes(agency)).OrderBy(s => s.OpenedAt).ThenBy(s => s.Id);
    }

    /// <summary>The lead professional's agency.</summary>
    public AgencyId Agency { get; }
}
