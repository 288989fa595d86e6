using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Specifications;

namespace Caf.Core.Register;

/// <summary>
/// The CAF register (DESIGN.md §7): checked before any assessment (LIFE-03), at most one open episode per
/// child (REG-01) even when registrations race, "is an episode open and who is its LP?" (REG-02), family
/// groups of siblings (REG-03), retention (RET-01) and transfer out of area (RET-02).
/// </summary>
/// <threadsafety>Immutable and thread-safe; consistency under concurrency comes from the repository.</threadsafety>
[Immutable]
public sealed class CafRegister
{
    private readonly IEpisodeRepository _repository;
    private readonly EpisodePolicy _policy;

    /// <summary>Creates the register over a repository.</summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="policy">The host's policy and clock.</param>
    public CafRegister(IEpisodeRepository repository, EpisodePolicy policy)
    {
        _repository = Guard.Against.Null(repository);
        _policy = Guard.Against.Null(policy);
    }

    /// <summary>REG-02: the child's open episode (with its lead professional), or null.</summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The open episode's summary, or null.</returns>
    public async ValueTask<EpisodeSummary?> FindOpenAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        var open = await _repository.ListAsync(Specification<EpisodeSummary>.All.Where(s => s.Child == child && s.IsOpen), cancellationToken)
            .ConfigureAwait(false);
        return open.Count > 0 ? open[0] : null;
    }

    /// <summary>All the child's episodes, oldest first (LIFE-03 links, REP-06 re-referrals).</summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries.</returns>
    public ValueTask<IReadOnlyList<EpisodeSummary>> HistoryOfAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        return _repository.ListAsync(
            Specification<EpisodeSummary>.All.Where(s => s.Child == child).OrderBy(s => s.OpenedAt), cancellationToken);
    }

    /// <summary>
    /// LIFE-01, LIFE-03: a practitioner identified a concern. If the child has an open episode, the answer
    /// is to contribute to it (naming its LP) and nothing is created; otherwise a new episode is opened,
    /// linked to the child's closed ones, and stored. Safe when two practitioners register at once.
    /// </summary>
    /// <param name="id">The id for a new episode.</param>
    /// <param name="child">The child.</param>
    /// <param name="by">The practitioner.</param>
    /// <param name="concern">The concern.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The registration.</returns>
    public ValueTask<Registration> IdentifyConcernAsync(
        EpisodeId id, ChildDetails child, Actor by, string concern, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(child);
        Guard.Against.NullOrWhiteSpace(concern);
        return OpenAsync(child, links => CafEpisode.IdentifyConcern(_policy, id, child, by, concern, links), cancellationToken);
    }

    /// <summary>LIFE-02, LIFE-03: registers a potential CAF from step-down, unless the child has an open episode.</summary>
    /// <param name="id">The id for a new episode.</param>
    /// <param name="child">The child.</param>
    /// <param name="by">The practitioner.</param>
    /// <param name="steppingDownService">The specialist service stepping down.</param>
    /// <param name="stepDownDocument">The document that takes the place of the assessment.</param>
    /// <param name="familyPreferredLeadProfessional">The family's LP preference (LP-05), if any.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The registration.</returns>
    public ValueTask<Registration> RegisterStepDownAsync(
        EpisodeId id,
        ChildDetails child,
        Actor by,
        string steppingDownService,
        string stepDownDocument,
        PractitionerId? familyPreferredLeadProfessional = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(child);
        return OpenAsync(
            child,
            links => CafEpisode.RegisterPotentialFromStepDown(_policy, id, child, by, steppingDownService, stepDownDocument, familyPreferredLeadProfessional, links),
            cancellationToken);
    }

    /// <summary>
    /// REG-03: links siblings' open episodes into a family group, so the family and environment parts of an
    /// assessment are shared, not re-told. All or nothing: if any episode refuses, none is changed.
    /// </summary>
    /// <param name="familyGroup">The family group id.</param>
    /// <param name="by">Who links them.</param>
    /// <param name="episodes">Two or more episodes of different children.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Success, or the first refusal.</returns>
    public async ValueTask<Result> LinkFamilyAsync(
        string familyGroup, Actor by, IReadOnlyCollection<EpisodeId> episodes, CancellationToken cancellationToken = default)
    {
        Guard.Against.NullOrWhiteSpace(familyGroup);
        Guard.Against.Null(episodes);
        if (episodes.Distinct().Count() < 2)
        {
            throw new ArgumentException("A family group links two or more distinct episodes.", nameof(episodes));
        }

        var loaded = new List<(CafEpisode Episode, int Version)>();
        foreach (var id in episodes.Distinct())
        {
            var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                return Result.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "episodes");
            }

            loaded.Add((episode, episode.Version));
        }

        if (loaded.Select(l => l.Episode.Child.Id).Distinct().Count() != loaded.Count)
        {
            return Result.Refused("REG-03", "A family group links siblings' episodes: each child appears once.", "episodes");
        }

        foreach (var (episode, _) in loaded)
        {
            var linked = episode.LinkToFamily(by, familyGroup);
            if (linked.IsRefused)
            {
                return linked; // nothing saved yet: all or nothing
            }
        }

        foreach (var (episode, version) in loaded)
        {
            var saved = await _repository.UpdateAsync(episode, version, cancellationToken).ConfigureAwait(false);
            if (saved.IsRefused)
            {
                return saved;
            }
        }

        return Result.Ok;
    }

    /// <summary>REG-03: the episodes in a family group.</summary>
    /// <param name="familyGroup">The family group id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries.</returns>
    public ValueTask<IReadOnlyList<EpisodeSummary>> FamilyAsync(string familyGroup, CancellationToken cancellationToken = default)
    {
        Guard.Against.NullOrWhiteSpace(familyGroup);
        return _repository.ListAsync(Specification<EpisodeSummary>.All.Where(s => s.FamilyGroup == familyGroup).OrderBy(s => s.Child), cancellationToken);
    }

    /// <summary>RET-02: transfers an open episode out of area; the sending authority keeps the record.</summary>
    /// <param name="id">The episode.</param>
    /// <param name="by">Who records it.</param>
    /// <param name="receivingAuthority">The receiving authority.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Success, or a refusal.</returns>
    public async ValueTask<Result> TransferOutAsync(
        EpisodeId id, Actor by, string receivingAuthority, string reason, CancellationToken cancellationToken = default)
    {
        var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (episode is null)
        {
            return Result.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "id");
        }

        var version = episode.Version;
        var transferred = episode.TransferOut(by, receivingAuthority, reason);
        return transferred.IsRefused ? transferred : await _repository.UpdateAsync(episode, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>RET-01: closed episodes whose retention period has ended by a date, oldest first.</summary>
    /// <param name="asOf">The date.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries due for disposal.</returns>
    public ValueTask<IReadOnlyList<EpisodeSummary>> DueForDisposalAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        _repository.ListAsync(
            Specification<EpisodeSummary>.All.Where(s => s.RetentionDueOn != null && s.RetentionDueOn <= asOf).OrderBy(s => s.RetentionDueOn),
            cancellationToken);

    private async ValueTask<Registration> OpenAsync(
        ChildDetails child, Func<IEnumerable<EpisodeId>, CafEpisode> create, CancellationToken cancellationToken)
    {
        // Two attempts: if another registration for the same child wins the race between our check and our
        // add, the store refuses ours (REG-01) and the second look finds theirs to contribute to.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var history = await HistoryOfAsync(child.Id, cancellationToken).ConfigureAwait(false);
            if (history.FirstOrDefault(s => s.IsOpen) is { } open)
            {
                return Registration.Contribute(open);
            }

            var episode = create(history.Select(s => s.Id));
            var added = await _repository.AddAsync(episode, cancellationToken).ConfigureAwait(false);
            if (added.IsSuccess)
            {
                return Registration.NewEpisode(episode);
            }

            if (added.Refusal.RuleId != "REG-01")
            {
                added.ThrowIfRefused(); // e.g. a duplicate episode id: the caller's mistake
            }
        }

        throw new InvalidOperationException("REG-01: the register changed twice while registering; try again.");
    }

    private static void GuardChild(ChildId child)
    {
        if (child.IsDefault)
        {
            throw new ArgumentException("ChildId must not be default.", nameof(child));
        }
    }
}
