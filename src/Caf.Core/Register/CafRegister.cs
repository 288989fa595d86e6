using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register.Specifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Caf.Core.Register;

/// <summary>
/// The CAF register (docs/rules.md, REG-01..03, RET-01..02): checked before any assessment (LIFE-03), at most one open episode per
/// child (REG-01) even when registrations race, "is an episode open and who is its LP?" (REG-02), family
/// groups of siblings (REG-03), retention (RET-01) and transfer out of area (RET-02).
/// </summary>
/// <threadsafety>Immutable and thread-safe; consistency under concurrency comes from the repository.</threadsafety>
[Immutable]
public sealed partial class CafRegister
{
    private readonly IEpisodeRepository _repository;
    private readonly EpisodePolicy _policy;
    private readonly int _concurrencyRetries;
    private readonly CafMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Reads.AuditedEpisodeReads _reads;

    /// <summary>Creates the register over a repository, with the default storage options (3 retries on a conflict).</summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="policy">The host's policy and clock.</param>
    public CafRegister(IEpisodeRepository repository, EpisodePolicy policy)
        : this(repository, policy, new StorageOptions())
    {
    }

    /// <summary>Creates the register over a repository (what <c>AddCafCore</c> does, with <c>CafOptions.Storage</c>).</summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="storage">The storage options; copied now.</param>
    /// <exception cref="ArgumentException">The storage options are invalid.</exception>
    public CafRegister(IEpisodeRepository repository, EpisodePolicy policy, StorageOptions storage)
        : this(repository, policy, storage, CafMetrics.None)
    {
    }

    /// <summary>
    /// As <see cref="CafRegister(IEpisodeRepository, EpisodePolicy, StorageOptions)"/>, publishing metrics on the
    /// <see cref="CafTelemetry.MeterName"/> meter of <paramref name="meterFactory"/> (docs/operations.md). Without a
    /// factory nothing is counted and no meter is created; traces (<see cref="CafTelemetry.ActivitySourceName"/>) are
    /// published either way. Each call creates the instruments: construct the register once per host (<c>AddCafCore</c>
    /// shares one set of instruments between every register it creates).
    /// </summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="storage">The storage options; copied now.</param>
    /// <param name="meterFactory">The host's meter factory, or null to count nothing.</param>
    /// <exception cref="ArgumentException">The storage options are invalid.</exception>
    public CafRegister(IEpisodeRepository repository, EpisodePolicy policy, StorageOptions storage, IMeterFactory? meterFactory)
        : this(repository, policy, storage, CafMetrics.Create(meterFactory))
    {
    }

    /// <summary>
    /// As <see cref="CafRegister(IEpisodeRepository, EpisodePolicy, StorageOptions, IMeterFactory?)"/>, logging refusals,
    /// conflicts and failures through a logger of <paramref name="loggerFactory"/> (category <c>Caf.Core.Register.CafRegister</c>,
    /// event ids <see cref="CafRegisterLogEvents"/>; docs/operations.md). Without a factory nothing is logged.
    /// </summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="storage">The storage options; copied now.</param>
    /// <param name="meterFactory">The host's meter factory, or null to count nothing.</param>
    /// <param name="loggerFactory">The host's logger factory, or null to log nothing.</param>
    /// <exception cref="ArgumentException">The storage options are invalid.</exception>
    public CafRegister(IEpisodeRepository repository, EpisodePolicy policy, StorageOptions storage, IMeterFactory? meterFactory, ILoggerFactory? loggerFactory)
        : this(repository, policy, storage, CafMetrics.Create(meterFactory), loggerFactory?.CreateLogger<CafRegister>())
    {
    }

    internal CafRegister(IEpisodeRepository repository, EpisodePolicy policy, StorageOptions storage, CafMetrics metrics)
        : this(repository, policy, storage, metrics, null)
    {
    }

    internal CafRegister(IEpisodeRepository repository, EpisodePolicy policy, StorageOptions storage, CafMetrics metrics, ILogger? logger)
    {
        _metrics = Guard.Against.Null(metrics);
        _logger = logger ?? NullLogger.Instance;
        _repository = Guard.Against.Null(repository);
        _policy = Guard.Against.Null(policy);
        Guard.Against.Null(storage);
        var problems = new List<string>();
        storage.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(storage));
        }

        if (repository.Authority != policy.Authority)
        {
            throw new ArgumentException(
                $"The repository is scoped to authority '{repository.Authority}' and the policy belongs to authority '{policy.Authority}': a register serves one authority, with that authority's store (docs/authorities.md).",
                nameof(repository));
        }

        _concurrencyRetries = storage.ConcurrencyRetries;
        _reads = Reads.AuditedEpisodeReads.ForRegister(repository, repository as Reporting.IEpisodeReportStore, policy.Reads, policy.Time);
    }

    /// <summary>The authority this register serves (its policy's, <see cref="EpisodePolicy.Authority"/>): it reads and writes that authority's episodes only.</summary>
    public AuthorityId Authority => _policy.Authority;

    /// <summary>
    /// Runs a command on a stored episode and saves what it did: the way to change an episode, so that no command
    /// is lost (an episode changed in memory and never saved leaves the register as it was). Loads the episode, runs
    /// the command, and saves with the version it loaded; on a concurrency conflict reloads the episode and runs the
    /// command again, up to <see cref="StorageOptions.ConcurrencyRetries"/> times (docs/storage.md).
    /// </summary>
    /// <remarks>
    /// A refusal saves nothing, even if the command applied events before refusing; a command that applies no
    /// events is not saved; an exception from the command reaches the caller and nothing is saved. The command may
    /// run more than once: keep it a function of the episode and do side effects after success. Hosts that save in
    /// their own transaction use <see cref="IEpisodeRepository.GetAsync"/> and
    /// <see cref="IEpisodeRepository.UpdateAsync"/> with the expected version instead. A command that may arrive twice
    /// (a double-submitted form, a retried request) takes the host's key:
    /// <see cref="ExecuteAsync(EpisodeId, IdempotencyKey, Func{CafEpisode, Result}, CancellationToken)"/>.
    /// </remarks>
    /// <param name="id">The episode.</param>
    /// <param name="command">The command, e.g. <c>e =&gt; e.StartAssessment(by)</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>
    /// The command's result once saved; <see cref="StoreCodes.NotFound"/> (the command is not run);
    /// <see cref="StoreCodes.Concurrency"/> when every attempt conflicted; another store refusal as the store gave it.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default, <paramref name="command"/> is null or returned <c>default(Result)</c>.</exception>
    /// <exception cref="EpisodeIntegrityException">The store found the stored episode changed behind the library (a store
    /// that checks, such as the EF Core one); not retried and not turned into a refusal: reloading cannot help
    /// (docs/storage.md "Tamper evidence"). Other episodes are unaffected.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The command's return type (Result or Result<T>) and the key's presence select one overload unambiguously.")]
    public async ValueTask<Result> ExecuteAsync(EpisodeId id, Func<CafEpisode, Result> command, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(command);
        var done = await ExecuteCoreAsync(id, null, Plain(command), cancellationToken).ConfigureAwait(false);
        return done.Refusal is { } refusal ? refusal : Result.Ok;
    }

    /// <summary>
    /// As <see cref="ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>, once per idempotency key:
    /// when the episode already holds an event recorded with <paramref name="idempotencyKey"/> (the same form submitted
    /// twice, a request retried after a lost answer), nothing is recorded again and the earlier outcome is returned.
    /// </summary>
    /// <remarks>
    /// <para>The earlier outcome is <see cref="Result.Ok"/>: a key is only stored with a command that succeeded and
    /// recorded something. Read the episode for what it holds now (later commands may have followed).</para>
    /// <para>The same key with a different command: the command is asked, without checking, recording or auditing
    /// anything, which event it would record first; when that is of another type than the event the key is stored
    /// with, the answer is <see cref="StoreCodes.IdempotencyKeyReused"/> and nothing is recorded. A command that
    /// refuses before it reaches the episode's pipeline (a check of its own, such as
    /// <see cref="CafEpisode.CheckPermitted(EpisodeAction)"/>) cannot be asked; it gets the earlier outcome.</para>
    /// <para>A refused command, or one that records nothing, stores no key: the same key may be sent again once the
    /// refusal is answered. Two requests with the same key at once record one event: both load the same version,
    /// the store accepts one save (the version check; a database also has a unique index on (episode, key)), and the
    /// other's retry finds the key and returns the earlier outcome. The key is stored on the first event the
    /// command records (<see cref="Events.CafEvent.IdempotencyKey"/>).</para>
    /// </remarks>
    /// <param name="id">The episode.</param>
    /// <param name="idempotencyKey">The host's key for this command, e.g. from an <c>Idempotency-Key</c> header or a form field.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>
    /// <see cref="Result.Ok"/> when saved now or already applied with this key; <see cref="StoreCodes.IdempotencyKeyReused"/>
    /// for the key with a different command; otherwise as <see cref="ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="idempotencyKey"/> is default, <paramref name="command"/> is null or returned <c>default(Result)</c>.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The command's return type (Result or Result<T>) and the key's presence select one overload unambiguously.")]
    public async ValueTask<Result> ExecuteAsync(
        EpisodeId id, IdempotencyKey idempotencyKey, Func<CafEpisode, Result> command, CancellationToken cancellationToken = default)
    {
        GuardKey(idempotencyKey);
        Guard.Against.Null(command);
        var done = await ExecuteCoreAsync(id, idempotencyKey, Plain(command), cancellationToken).ConfigureAwait(false);
        return done.Refusal is { } refusal ? refusal : Result.Ok; // a replay's earlier outcome is Ok too
    }

    /// <summary>
    /// As <see cref="ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>, for a command that
    /// returns a value (read from the episode after its commands, for example): the value of the attempt that was saved.
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="id">The episode.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The command's result once saved, or a refusal as for the other overload.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default, <paramref name="command"/> is null or returned a default result.</exception>
    /// <exception cref="EpisodeIntegrityException">As for the other overload.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The command's return type (Result or Result<T>) and the key's presence select one overload unambiguously.")]
    public ValueTask<Result<T>> ExecuteAsync<T>(EpisodeId id, Func<CafEpisode, Result<T>> command, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(command);
        return ExecuteValueAsync(id, null, command, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ExecuteAsync(EpisodeId, IdempotencyKey, Func{CafEpisode, Result}, CancellationToken)"/>, for a
    /// command that returns a value. The value is not stored, so a key already applied is not answered with it: the
    /// answer is the refusal <see cref="StoreCodes.AlreadyApplied"/>, naming the event the key is stored with; nothing
    /// is recorded again. Read the episode for the value now (the web adapter answers a replayed request so).
    /// </summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="id">The episode.</param>
    /// <param name="idempotencyKey">The host's key for this command.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>
    /// The command's result once saved; <see cref="StoreCodes.AlreadyApplied"/> when the key was applied by the same
    /// command; <see cref="StoreCodes.IdempotencyKeyReused"/> for the key with a different command; otherwise a refusal
    /// as for the other overloads.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="idempotencyKey"/> is default, <paramref name="command"/> is null or returned a default result.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The command's return type (Result or Result<T>) and the key's presence select one overload unambiguously.")]
    public ValueTask<Result<T>> ExecuteAsync<T>(
        EpisodeId id, IdempotencyKey idempotencyKey, Func<CafEpisode, Result<T>> command, CancellationToken cancellationToken = default)
    {
        GuardKey(idempotencyKey);
        Guard.Against.Null(command);
        return ExecuteValueAsync(id, idempotencyKey, command, cancellationToken);
    }

    private async ValueTask<Result<T>> ExecuteValueAsync<T>(
        EpisodeId id, IdempotencyKey? key, Func<CafEpisode, Result<T>> command, CancellationToken cancellationToken)
    {
        Result<T> last = default;
        var done = await ExecuteCoreAsync(id, key, e =>
        {
            last = command(e);
            return last == default(Result<T>) ? throw DefaultResult(nameof(command)) : last.IsRefused ? last.Refusal : null;
        }, cancellationToken).ConfigureAwait(false);
        if (done.Refusal is { } refusal)
        {
            return Result<T>.Refused(refusal);
        }

        return done.Replayed is { } at
            ? Result<T>.Refused(StoreCodes.AlreadyApplied,
                $"This command (idempotency key '{key}') was already recorded on episode {id} as event {at.Index} ({LifecycleDisplayText.For(at.Event)}); it was not recorded again. Reload the episode to see it.",
                "idempotencyKey")
            : last;
    }

    private static Func<CafEpisode, Refusal?> Plain(Func<CafEpisode, Result> command) => e =>
    {
        var result = command(e);
        return result == default(Result) ? throw DefaultResult(nameof(command)) : result.IsRefused ? result.Refusal : null;
    };

    private static ArgumentException DefaultResult(string name) =>
        new("The command returned default(Result), which is neither a success nor a refusal; nothing was saved.", name);

    private static void GuardKey(IdempotencyKey key)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("IdempotencyKey must not be default.", nameof(key));
        }
    }

    // The key is already applied: the same command gets the earlier outcome; another command (by the type of the first
    // event it would record) is refused. The probe checks, records and audits nothing; the instance is dropped.
    private static (Refusal?, (int, Events.CafEvent)?) Replay(CafEpisode episode, IdempotencyKey key, int at, Func<CafEpisode, Refusal?> run)
    {
        var stored = episode.Events[at];
        var probed = episode.Probe(e => run(e));
        if (probed is not null && probed.GetType() != stored.GetType())
        {
            return (new Refusal(StoreCodes.IdempotencyKeyReused,
                $"Idempotency key '{key}' was already used on episode {episode.Id} for another command ({LifecycleDisplayText.For(stored)}, event {at}); "
                + $"this one ({LifecycleDisplayText.For(probed)}) was not recorded. Send a new key with a new command.",
                "idempotencyKey"), null);
        }

        return (null, (at, stored));
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
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (an actor, a read context) or the first's (a child id, an NHS number) selects one overload unambiguously.")]
    public async ValueTask<RegisterAnswer> FindOpenAsync(ChildId child, Actor askedBy, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        GuardActor(askedBy);
        var open = await _repository.ListAsync(new OpenEpisodesOfChildSpec(child), cancellationToken)
            .ConfigureAwait(false);
        return open.Count > 0 ? await AnswerAsync(open[0], askedBy, cancellationToken).ConfigureAwait(false) : RegisterAnswer.None;
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
        var open = await _repository.ListAsync(new OpenEpisodesOfChildSpec(child), cancellationToken)
            .ConfigureAwait(false);
        return open.Count > 0 ? open[0] : null;
    }

    /// <summary>All the child's episodes, oldest first (LIFE-03 links, REP-06 re-referrals); for the CAF co-ordinator and the host (not gated by consent).</summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (an actor, a read context) or the first's (a child id, an NHS number) selects one overload unambiguously.")]
    public ValueTask<IReadOnlyList<EpisodeSummary>> HistoryOfAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        GuardChild(child);
        return _repository.ListAsync(new EpisodesOfChildSpec(child), cancellationToken);
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
    /// <returns>
    /// The registration: a new potential CAF, the child's open episode to contribute to, or a refusal
    /// (<see cref="Registration.IsRefused"/>): STEP-01 when the information lacks core items, the message and field naming
    /// every one; nothing is stored.
    /// </returns>
    /// <exception cref="ArgumentException">A null argument or a default id.</exception>
    public ValueTask<Registration> RegisterStepDownAsync(
        EpisodeId id,
        ChildDetails child,
        Actor by,
        Caf.Core.StepDown.StepDownInformation information,
        PractitionerId? familyPreferredLeadProfessional = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(child);
        Guard.Against.Null(information);
        return OpenAsync(
            child,
            by,
            links => CafEpisode.RegisterPotentialFromStepDown(_policy, id, child, by, information, familyPreferredLeadProfessional, links),
            cancellationToken,
            () => information.Validate() is { IsRefused: true } invalid ? invalid.Refusal : null);
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
        return await ObserveAsync(CafTelemetry.FamilyLinkActivity, _ => LinkFamilyCoreAsync(familyGroup, by, episodes, cancellationToken)).ConfigureAwait(false);
    }

    private async ValueTask<Observed<Result>> LinkFamilyCoreAsync(
        string familyGroup, Actor by, IReadOnlyCollection<EpisodeId> episodes, CancellationToken cancellationToken)
    {
        var loaded = new List<EpisodeUpdate>();
        foreach (var id in episodes.Distinct())
        {
            var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                return Refused(Result.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "episodes"));
            }

            loaded.Add(new EpisodeUpdate(episode, episode.Version));
        }

        if (loaded.Select(l => l.Episode.Child.Id).Distinct().Count() != loaded.Count)
        {
            return Refused(Result.Refused("REG-03", "A family group links siblings' episodes: each child appears once.", "episodes"));
        }

        // Each episode checks the link as its own command would (state, the acting agency, the LP's agency).
        foreach (var update in loaded)
        {
            var linked = update.Episode.LinkToFamily(by, familyGroup, dryRun: true);
            if (linked.IsRefused)
            {
                return Refused(linked);
            }
        }

        // SHARE-01: linking shares each child's family information with the siblings' teams. Every episode's
        // consent must cover every agency on the others' teams (and the practitioner linking them); the
        // refusals are checked before any grant is recorded, and each is audited.
        var handovers = Handovers([.. loaded.Select(l => l.Episode)], by.Agency).Select(h => (h.From, h.Agency)).Distinct().ToList();
        foreach (var (from, to) in handovers)
        {
            var decision = from.DecideSharing(by, to, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: false);
            if (!decision.Granted)
            {
                from.DecideSharing(by, to, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, record: true);
                return Refused(Result.Refused("SHARE-01",
                    $"Linking would share {from.Child.Id}'s family information with {_policy.Names.Name(to)}: [{decision.RuleId}] {decision.Reason}", "episodes"));
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
        var first = loaded[0];
        return await SaveAsync(first.Episode.Events[first.ExpectedVersion], () => _repository.UpdateManyAsync(loaded, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// REG-03: the episodes in a family group, for the CAF co-ordinator and the host (not gated by consent, not audited:
    /// for a person reading them use <see cref="FamilyAsync(string, Reads.ReadContext, CancellationToken)"/>, LAW-04).
    /// </summary>
    /// <param name="familyGroup">The family group id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The second parameter's type (a read context) selects the audited overload unambiguously.")]
    public ValueTask<IReadOnlyList<EpisodeSummary>> FamilyAsync(string familyGroup, CancellationToken cancellationToken = default)
    {
        Guard.Against.NullOrWhiteSpace(familyGroup);
        return _repository.ListAsync(new FamilyGroupSpec(familyGroup), cancellationToken);
    }

    /// <summary>RET-02: transfers an open episode out of area; the sending authority keeps the record.</summary>
    /// <param name="id">The episode.</param>
    /// <param name="by">Who records it.</param>
    /// <param name="receivingAuthority">The receiving authority.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Success, or a refusal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="receivingAuthority"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank.</exception>
    public async ValueTask<Result> TransferOutAsync(
        EpisodeId id, Actor by, LocalAuthority receivingAuthority, string reason, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(receivingAuthority);
        Guard.Against.NullOrWhiteSpace(reason);
        return await ObserveAsync(CafTelemetry.TransferOutActivity, async _ =>
        {
            var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (episode is null)
            {
                return Refused(Result.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "id"));
            }

            var version = episode.Version;
            var transferred = episode.TransferOut(by, receivingAuthority, reason);
            return transferred.IsRefused
                ? Refused(transferred)
                : await SaveAsync(episode.Events[version], () => _repository.UpdateAsync(episode, version, cancellationToken)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>RET-01: closed episodes whose retention period has ended by a date, oldest first.</summary>
    /// <param name="asOf">The date.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries due for disposal.</returns>
    public ValueTask<IReadOnlyList<EpisodeSummary>> DueForDisposalAsync(DateOnly asOf, CancellationToken cancellationToken = default) =>
        _repository.ListAsync(new DueForDisposalSpec(asOf), cancellationToken);

    private async ValueTask<Registration> OpenAsync(
        ChildDetails child, Actor by, Func<IEnumerable<EpisodeId>, CafEpisode> create, CancellationToken cancellationToken, Func<Refusal?>? rules = null)
    {
        GuardChild(child.Id);
        GuardActor(by);
        return await ObserveAsync(CafTelemetry.RegistrationActivity, activity => OpenCoreAsync(child, by, create, rules, activity, cancellationToken)).ConfigureAwait(false);
    }

    private const int MaxRegistrationAttempts = 8;

    // SHARE-01, SHARE-04: what the asking agency may learn about an open episode, decided here for every
    // register entry point, and recorded either way.
    // LAW-04: a full answer is a read of the register entry, recorded (on the family's consent) before it is returned.
    private async ValueTask<RegisterAnswer> AnswerAsync(EpisodeSummary open, Actor askedBy, CancellationToken cancellationToken)
    {
        var answer = Answer(open, askedBy);
        if (!open.Excludes(askedBy.Agency))
        {
            var reader = new Reads.ReadContext(askedBy, RegisterCheckPurpose, Caf.Core.Consent.LegalBasis.Consent);
            await _reads.RecordAsync([_reads.Entry(open.Id, open.Child, reader, Reads.ReadItems.RegisterEntry)], cancellationToken).ConfigureAwait(false);
        }

        return answer;
    }

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
        return excluded ? RegisterAnswer.Restricted(open, _policy.Names) : RegisterAnswer.Full(open, _policy.Names);
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
