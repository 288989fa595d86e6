using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Register.Specifications;

/// <summary>
/// The open episodes whose lead professional works for an agency, oldest first: an agency's LP caseload
/// (LP-07: the burden of the role is balanced between agencies). Criteria and ordering only, so any store can
/// translate it (docs/storage.md).
/// </summary>
/// <remarks>Not gated by consent: the lead professional's agency holds the role, so the family's consent covers it
/// (LP-11); a list for another agency goes through <see cref="EpisodeSummary.Excludes"/> (SHARE-01).</remarks>
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
        Query.Where(s => s.IsOpen && s.LeadProfessionalAgency == agency).OrderBy(s => s.OpenedAt).ThenBy(s => s.Id);
    }

    /// <summary>The lead professional's agency.</summary>
    public AgencyId Agency { get; }
}
