using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
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

    /// <summary>
    /// REG-02, LIFE-03: is an episode open for the child, and whom to contact? Answered as far as the asking
    /// practitioner's agency may know: an agency the family excluded learns only that a CAF exists and whom to
    /// contact (SHARE-01). Every answer about an open episode is audited (SHARE-03/04).
    /// </summary>
    /// <param name="child">The child.</param>
    /// <param name="askedBy">The practitioner asking, and their agency.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The answer.</returns>
    public async ValueTask<RegisterAnswer> FindOpenAsync(ChildId child, Actor askedBy, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        GuardActor(askedBy);
        var open = await _repository.ListAsync(Specification<EpisodeSummary>.All.Where(s => s.Child == child && s.IsOpen), cancellationToken)
            .ConfigureAwait(false);
        return open.Count > 0 ? Answer(open[0], askedBy) : RegisterAnswer.None;
    }

    /// <summary>
    /// The child's open episode as the register holds it, for the CAF co-ordinator and the host's own use (not
    /// gated by consent: never show it to a practitioner; use <see cref="FindOpenAsync(ChildId, Actor, CancellationToken)"/>).
    /// </summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The open episode's summary, or null.</returns>
    public async ValueTask<EpisodeSummary?> FindOpenForCoordinatorAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        var open = await _repository.ListAsync(Specification<EpisodeSummary>.All.Where(s => s.Child == child && s.IsOpen), cancellationToken)
            .ConfigureAwait(false);
        return open.Count > 0 ? open[0] : null;
    }

    /// <summary>All the child's episodes, oldest first (LIFE-03 links, REP-06 re-referrals); for the CAF co-ordinator and the host (not gated by consent).</summary>
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
        return OpenAsync(child, by, links => CafEpisode.IdentifyConcern(_policy, id, child, by, concern, links), cancellationToken);
    }

    /// <summary>LIFE-02, LIFE-03: registers a potential CAF from step-down, unless the child has an open episode.</summary>
    /// <param name="id">The id for a new episode.</param>
    /// <param name="child">The child.</param>
    /// <param name="by">The practitioner.</param>
    /// <param name="information">The step-down information with its seven core items (STEP-01, STEP-02).</param>
    /// <param name="familyPreferredLeadProfessional">The family's LP preference (LP-05), if any.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="ArgumentException">STEP-01: the information lacks core items (every missing field is named).</exception>
    public ValueTask<Registration> RegisterStepDownAsync(
        EpisodeId id,
        ChildDetails child,
        Actor by,
        Caf.Core.StepDown.StepDownInformation information,
        PractitionerId? familyPreferredLeadProfessional = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(child);
        return OpenAsync(
            child,
            by,
            links => CafEpisode.RegisterPotentialFromStepDown(_policy, id, child, by, information, familyPreferredLeadProfessional, links),
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

        GuardActor(by);
        var loaded = new List<EpisodeUpdate>();
        foreach (var id in episodes.Distinct())
        {
            var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                return Result.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "episodes");
            }

            loaded.Add(new EpisodeUpdate(episode, episode.Version));
        }

        if (loaded.Select(l => l.Episode.Child.Id).Distinct().Count() != loaded.Count)
        {
            return Result.Refused("REG-03", "A family group links siblings' episodes: each child appears once.", "episodes");
        }

        // Each episode checks the link as its own command would (state, the acting agency, the LP's agency).
        foreach (var update in loaded)
        {
            var linked = update.Episode.LinkToFamily(by, familyGroup, dryRun: true);
            if (linked.IsRefused)
            {
                return linked;
            }
        }

        // SHARE-01: linking shares each child's family information with the siblings' teams. Every episode's
        // consent must cover every agency on the others' teams (and the practitioner linking them); the
        // refusals are checked before any grant is recorded, and each is audited.
        var handovers = new List<(CafEpisode From, AgencyId To)>();
        foreach (var from in loaded)
        {
            var recipients = loaded.Where(o => o != from).SelectMany(o => o.Episode.TeamAgencies()).Append(by.Agency).Distinct().Order();
            handovers.AddRange(recipients.Select(r => (from.Episode, r)));
        }

        foreach (var (from, to) in handovers)
        {
            var decision = from.DecideSharing(by, to, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: false);
            if (!decision.Granted)
            {
                from.DecideSharing(by, to, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: true);
                return Result.Refused("SHARE-01",
                    $"Linking would share {from.Child.Id}'s family information with {to}: [{decision.RuleId}] {decision.Reason}", "episodes");
            }
        }

        foreach (var (from, to) in handovers)
        {
            from.DecideSharing(by, to, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: true);
        }

        foreach (var update in loaded)
        {
            var linked = update.Episode.LinkToFamily(by, familyGroup);
            if (linked.IsRefused)
            {
                throw new InvalidOperationException("A family link checked in full was refused part-way: " + linked.Refusal);
            }
        }

        // One atomic save: every sibling is linked, or none is (REG-03).
        return await _repository.UpdateManyAsync(loaded, cancellationToken).ConfigureAwait(false);
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
        ChildDetails child, Actor by, Func<IEnumerable<EpisodeId>, CafEpisode> create, CancellationToken cancellationToken)
    {
        GuardChild(child.Id);
        GuardActor(by);

        // If another registration for the same child wins the race between our check and our add, the store
        // refuses ours (REG-01) and the next look finds theirs to contribute to. Bounded: a register that keeps
        // changing under us is a refusal, not an exception.
        for (var attempt = 0; attempt < MaxRegistrationAttempts; attempt++)
        {
            var history = await HistoryOfAsync(child.Id, cancellationToken).ConfigureAwait(false);
            if (history.FirstOrDefault(s => s.IsOpen) is { } open)
            {
                return Registration.Contribute(Answer(open, by));
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

        return Registration.Refused(new Refusal(StoreCodes.Concurrency,
            $"REG-01: the register changed {MaxRegistrationAttempts} times while registering this child; nothing was stored. Try again.", "child"));
    }

    private const int MaxRegistrationAttempts = 8;

    // SHARE-01, SHARE-04: what the asking agency may learn about an open episode, decided here for every
    // register entry point, and recorded either way.
    private RegisterAnswer Answer(EpisodeSummary open, Actor askedBy)
    {
        var excluded = open.Excludes(askedBy.Agency);
        var decision = excluded
            ? new SharingDecision(false, "SHARE-01",
                "The family excluded this agency (CONS-05): the register says only that a CAF exists and whom to contact (LIFE-03, REG-02).")
            : new SharingDecision(true, "REG-02",
                "The register answers whether a CAF is open for the child and who its lead professional is (LIFE-03, REG-02).");
        _policy.Sharing.Record(new SharingAuditEntry(open.Id, askedBy.Agency, SharingPurpose.RegisterCheck, decision, askedBy, _policy.Time.GetUtcNow())
        {
            Items = SharedItems.RegisterEntry,
        });
        return excluded ? RegisterAnswer.Restricted(open) : RegisterAnswer.Full(open);
    }

    private static void GuardActor(Actor actor, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(actor))] string? name = null)
    {
        if (actor.IsDefault)
        {
            throw new ArgumentException("The actor needs a practitioner and an agency.", name);
        }
    }

    private static void GuardChild(ChildId child)
    {
        if (child.IsDefault)
        {
            throw new ArgumentException("ChildId must not be default.", nameof(child));
        }
    }
}
