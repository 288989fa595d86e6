using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// Port the host implements: who works with a family and how many lead-professional roles each agency
/// holds. Used by <see cref="LeadProfessionalSelector.SelectAsync"/>.
/// </summary>
public interface IPractitionerDirectory
{
    /// <summary>
    /// The practitioners working with the child's family on this episode (LP-03), plus anyone a panel or the
    /// family named who is not yet working with them (marked <see cref="LeadProfessionalCandidate.IsWorkingWithFamily"/> false).
    /// </summary>
    /// <param name="episode">The episode.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The candidates, in any order, each practitioner once.</returns>
    ValueTask<ImmutableArray<LeadProfessionalCandidate>> GetCandidatesAsync(EpisodeId episode, CancellationToken cancellationToken = default);

    /// <summary>LP-07: how many lead-professional roles each agency holds now, across all open episodes.</summary>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>Counts per agency; an agency not listed holds none.</returns>
    ValueTask<ImmutableDictionary<AgencyId, int>> GetLeadRolesByAgencyAsync(CancellationToken cancellationToken = default);
}
