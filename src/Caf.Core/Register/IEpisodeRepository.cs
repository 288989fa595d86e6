using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>
/// The storage port the host implements (an in-memory one ships: <see cref="InMemoryEpisodeRepository"/>).
/// Implementations must enforce atomically: at most one open episode per child on add (REG-01, e.g. a
/// filtered unique index); optimistic concurrency on update (the stored version must equal the expected one;
/// a stale update is refused and nothing is lost); and all-or-nothing for a multi-episode update
/// (<see cref="UpdateManyAsync"/>, used to link siblings, REG-03).
/// </summary>
public interface IEpisodeRepository
{
    /// <summary>
    /// The authority this repository is scoped to (docs/authorities.md): it reads, counts and writes that authority's
    /// episodes only, and refuses to write an episode of another (<see cref="AuthorityScope.ThrowIfOtherAuthority"/>).
    /// <see cref="AuthorityId.Default"/> unless the implementation says otherwise.
    /// </summary>
    AuthorityId Authority => AuthorityId.Default;

    /// <summary>Loads an episode, or null when there is none with that id.</summary>
    /// <param name="id">The episode id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The episode, a fresh instance the caller owns, or null.</returns>
    ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default);

    /// <summary>Adds a new episode.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Success; <c>REG-01</c> when the child already has an open episode; <see cref="StoreCodes.DuplicateId"/> when the id is taken.</returns>
    ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default);

    /// <summary>Saves the new events of an episode if nobody else saved since it was loaded.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="expectedVersion">The version it had when loaded.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Success, or <see cref="StoreCodes.Concurrency"/> (stale) / <see cref="StoreCodes.NotFound"/> / <see cref="StoreCodes.HistoryMismatch"/>.</returns>
    ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves several episodes at once, all or nothing: if any is stale, missing or does not extend its stored
    /// history, none is saved (one transaction in a database).
    /// </summary>
    /// <param name="updates">The episodes with the versions they had when loaded; each episode once.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Success, or the first refusal (<see cref="StoreCodes.Concurrency"/>, <see cref="StoreCodes.NotFound"/>, <see cref="StoreCodes.HistoryMismatch"/>).</returns>
    ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists episode summaries matching an Ardalis.Specification specification: its criteria (<c>Where</c>), ordering
    /// (<c>OrderBy</c>/<c>ThenBy</c>) and paging (<c>Skip</c>/<c>Take</c>). The ready ones are in
    /// <see cref="Specifications"/> (e.g. <see cref="Specifications.OpenEpisodesOfChildSpec"/>).
    /// </summary>
    /// <remarks>
    /// Which parts a store supports is in docs/storage.md: the in-memory store evaluates all of them with the
    /// package's in-memory evaluator; a database adapter translates where, order and paging and throws
    /// <see cref="System.NotSupportedException"/> for a search (<c>Search</c>) or a post-processing action, which it cannot
    /// run in the database. The ready specifications use criteria and ordering only.
    /// </remarks>
    /// <param name="specification">The specification.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The matching summaries, in the specification's order (a store's own order, such as by id, where it sets none).</returns>
    /// <exception cref="System.NotSupportedException">The store cannot evaluate a part of the specification.</exception>
    ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default);
}

/// <summary>One episode to save in a <see cref="IEpisodeRepository.UpdateManyAsync"/>, with the version it had when loaded.</summary>
/// <param name="Episode">The episode.</param>
/// <param name="ExpectedVersion">The stored version it extends.</param>
/// <threadsafety>The record is immutable; the episode it holds is not.</threadsafety>
[Immutable]
public sealed record EpisodeUpdate(CafEpisode Episode, int ExpectedVersion);
