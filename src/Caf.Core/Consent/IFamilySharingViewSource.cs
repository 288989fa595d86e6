using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// LAW-01: where the family-facing view of an episode's hand-overs comes from — the host's sharing audit, read back
/// (<see cref="FamilySharingView"/>: what went to whom, when, for what and on which basis, and the disclosures
/// considered under the statutory duty and not made). <see cref="InMemorySharingAuditLog"/> and the EF Core sharing
/// audit log implement it; a host's own <see cref="ISharingAuditLog"/> implements it to serve the view.
/// </summary>
/// <remarks>
/// The view is episode content: read it through a gate that records the read (LAW-04), such as
/// <see cref="Reads.AuditedEpisodeReads.FamilySharingAsync"/> or the web adapter's <c>GET {id}/sharing</c>.
/// Implementations must be thread-safe.
/// </remarks>
public interface IFamilySharingViewSource
{
    /// <summary>The lines of one episode, oldest first.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lines; empty when nothing went.</returns>
    Task<ImmutableArray<FamilySharingLine>> FamilyViewAsync(EpisodeId episode, CancellationToken cancellationToken = default);
}
