using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Caf.Core.AspNetCore;

/// <summary>
/// The sharing gate of the web adapter (SHARE-01, SHARE-03, SHARE-04): every answer that carries episode content is
/// judged for the calling agency first. An agency the family excluded (CONS-05) is refused — with SHARE-01 and no
/// episode content — and the refusal is recorded in the audit log; a granted read is recorded with what was shown
/// (<see cref="CafAspNetCoreOptions.AuditGrantedReads"/>). Commands run through <see cref="CafRegister.ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>
/// behind the same gate, judged on the episode instance the command runs on, and their answer is judged again after
/// the command (a consent that excludes the caller's own agency leaves the caller nothing to see). LAW-04: every answer
/// that shows episode content (a read, a command's answer, each caseload entry) is recorded in the policy's read audit
/// (<see cref="EpisodePolicy.Reads"/>) before it is returned: who, when, <see cref="ReadPurpose"/>, on the family's consent.
/// </summary>
/// <remarks>
/// <para>The gate refuses exactly whom the episode refuses as an actor: an agency excluded by the family. Before
/// consent is recorded the practitioners working on the episode still see it (they must, to record consent); such a
/// read is not recorded as a grant, because the sharing service grants nothing without consent in force. Which
/// practitioners may open a CAF record at all is the host's authorization, before this gate.</para>
/// <para>A step-up (LIFE-04) is the one command an excluded agency may still make (significant harm is acted on
/// whoever sees it): it is not refused here, and its answer carries no episode content.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe; register it as transient or scoped (it uses the scoped store).</threadsafety>
public sealed class CafEpisodeAccess
{
    /// <summary>The purpose recorded for a read through the web adapter (LAW-04): the caller works on the episode.</summary>
    public const string ReadPurpose = "Working on the episode through the case system (SHARE-01 episode work)";

    private readonly IEpisodeRepository _repository;
    private readonly CafRegister _register;
    private readonly EpisodePolicy _policy;
    private readonly bool _auditGrantedReads;
    private readonly ILogger _logger;

    /// <summary>Creates the gate over the store, the register and the policy (its sharing service and clock); it logs nothing.</summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="register">The register commands run through.</param>
    /// <param name="policy">The policy: its <see cref="EpisodePolicy.Sharing"/> judges and records, its clock dates the entries.</param>
    /// <param name="options">The adapter's options.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CafEpisodeAccess(IEpisodeRepository repository, CafRegister register, EpisodePolicy policy, IOptions<CafAspNetCoreOptions> options)
        : this(repository, register, policy, options, NullLoggerFactory.Instance)
    {
    }

    /// <summary>
    /// Creates the gate, logging under <see cref="CafAspNetCoreLogEvents.Category"/> (an idempotent replay,
    /// <see cref="CafAspNetCoreLogEvents.IdempotentReplay"/>). <c>AddCafAspNetCore</c> uses this one with the host's factory.
    /// </summary>
    /// <param name="repository">The storage port.</param>
    /// <param name="register">The register commands run through.</param>
    /// <param name="policy">The policy: its <see cref="EpisodePolicy.Sharing"/> judges and records, its clock dates the entries.</param>
    /// <param name="options">The adapter's options.</param>
    /// <param name="loggerFactory">The host's logger factory.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CafEpisodeAccess(IEpisodeRepository repository, CafRegister register, EpisodePolicy policy, IOptions<CafAspNetCoreOptions> options, ILoggerFactory loggerFactory)
    {
        _repository = Guard.Against.Null(repository);
        _register = Guard.Against.Null(register);
        _policy = Guard.Against.Null(policy);
        if (repository.Authority != policy.Authority || register.Authority != policy.Authority)
        {
            throw new ArgumentException(
                $"The gate's repository, register and policy must serve one authority (repository '{repository.Authority}', register '{register.Authority}', policy '{policy.Authority}'; docs/authorities.md).",
                nameof(repository));
        }
        _auditGrantedReads = Guard.Against.Null(options).Value.AuditGrantedReads;
        _logger = Guard.Against.Null(loggerFactory).CreateLogger(CafAspNetCoreLogEvents.Category);
    }

    /// <summary>
    /// Loads an episode for the caller, through the gate. The decision is recorded (SHARE-03/04): a refusal always,
    /// a grant with <paramref name="shown"/> when <see cref="CafAspNetCoreOptions.AuditGrantedReads"/> is set.
    /// </summary>
    /// <param name="id">The episode.</param>
    /// <param name="caller">Who asks (<see cref="ICafCallerAccessor"/>).</param>
    /// <param name="shown">What the answer will show, for the audit entry (e.g. <see cref="SharedItems.EpisodeRecord"/>).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The episode; <see cref="StoreCodes.NotFound"/>; or SHARE-01 when the family excluded the caller's agency.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="caller"/> is default.</exception>
    public ValueTask<Result<CafEpisode>> ReadAsync(EpisodeId id, Actor caller, SharedItems shown, CancellationToken cancellationToken = default)
    {
        GuardRequest(id, caller);
        return ReadAsync(id, caller, shown, ReadItems.EpisodeRecord, cancellationToken);
    }

    /// <summary>
    /// LAW-01, LAW-04: the family-facing view of the episode's hand-overs (<see cref="FamilySharingView"/>: what went to
    /// whom, when, for what and on which basis, and the disclosures considered under the statutory duty and not made), for
    /// the caller, through the gate as <see cref="ReadAsync(EpisodeId, Actor, SharedItems, CancellationToken)"/> is: an
    /// agency the family excluded is refused (SHARE-01, recorded), a granted read is recorded as the episode record shown
    /// (<see cref="CafAspNetCoreOptions.AuditGrantedReads"/>), and the read is recorded in the read audit
    /// (<see cref="ReadItems.SharingRecord"/>) before the lines are returned.
    /// </summary>
    /// <param name="id">The episode.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="source">The host's sharing audit, read back (<c>AddCafAspNetCore</c> registers the sharing audit log when it is one).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lines, oldest first; <see cref="StoreCodes.NotFound"/>; or SHARE-01 when the family excluded the caller's agency.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="caller"/> is default, or <paramref name="source"/> is null.</exception>
    public async ValueTask<Result<System.Collections.Immutable.ImmutableArray<FamilySharingLine>>> FamilySharingAsync(
        EpisodeId id, Actor caller, IFamilySharingViewSource source, CancellationToken cancellationToken = default)
    {
        GuardRequest(id, caller);
        Guard.Against.Null(source);
        var read = await ReadAsync(id, caller, SharedItems.EpisodeRecord, ReadItems.SharingRecord, cancellationToken).ConfigureAwait(false);
        if (!read.TryGetValue(out _))
        {
            return Result<System.Collections.Immutable.ImmutableArray<FamilySharingLine>>.Refused(read.Refusal);
        }

        return await source.FamilyViewAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Result<CafEpisode>> ReadAsync(EpisodeId id, Actor caller, SharedItems shown, string what, CancellationToken cancellationToken)
    {
        var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (!IsOurs(episode))
        {
            return Result<CafEpisode>.Refused(NotFound(id));
        }

        var judged = Judge(episode, caller, shown);
        Record(judged.Entry);
        if (judged.Refusal is { } refusal)
        {
            return Result<CafEpisode>.Refused(refusal);
        }

        await RecordReadAsync([ReadOf(episode.Id, episode.Child.Id, caller, what)], cancellationToken).ConfigureAwait(false);
        return episode;
    }

    /// <summary>
    /// Runs a command for the caller behind the gate and saves it (<see cref="CafRegister.ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>),
    /// then answers with the episode as the caller may see it after the command.
    /// </summary>
    /// <param name="id">The episode.</param>
    /// <param name="caller">Who acts: the command should record this actor.</param>
    /// <param name="action">Which action the command is (a step-up, LIFE-04, passes the gate; see the remarks of <see cref="CafEpisodeAccess"/>).</param>
    /// <param name="command">The command, e.g. <c>e =&gt; e.StartAssessment(caller, reason)</c>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>
    /// The view of the episode after the command, or null when the caller may no longer see it (the command was saved);
    /// SHARE-01 when the family excluded the caller's agency (nothing run, the refusal recorded); the command's refusal
    /// or a store refusal otherwise.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="caller"/> is default, <paramref name="action"/> is not defined, or the command misused the episode.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overload with a key was added beside this one; the key's position keeps them apart.")]
    public ValueTask<Result<EpisodeView?>> ExecuteAsync(
        EpisodeId id, Actor caller, EpisodeAction action, Func<CafEpisode, Result> command, CancellationToken cancellationToken = default) =>
        ExecuteAsync(id, caller, action, null, command, cancellationToken);

    /// <summary>
    /// As <see cref="ExecuteAsync(EpisodeId, Actor, EpisodeAction, Func{CafEpisode, Result}, CancellationToken)"/>, once per
    /// idempotency key when one is given (<see cref="CafRegister.ExecuteAsync(EpisodeId, IdempotencyKey, Func{CafEpisode, Result}, CancellationToken)"/>):
    /// a key already applied to the episode by the same command records nothing again and answers as the first time did,
    /// with the episode as the caller may see it now (read through the gate; null when the caller may no longer see it).
    /// </summary>
    /// <param name="id">The episode.</param>
    /// <param name="caller">Who acts: the command should record this actor.</param>
    /// <param name="action">Which action the command is.</param>
    /// <param name="idempotencyKey">The request's key (<see cref="CafIdempotency.TryRead"/>), or null to run the command unkeyed.</param>
    /// <param name="command">The command.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>
    /// As the overload without a key; <see cref="StoreCodes.IdempotencyKeyReused"/> when the key was applied by a different command.
    /// </returns>
    /// <exception cref="ArgumentException"><paramref name="id"/>, <paramref name="caller"/> or a given <paramref name="idempotencyKey"/> is default, <paramref name="action"/> is not defined, or the command misused the episode.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is null.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overload with a key was added beside the one without; the key's position keeps them apart.")]
    public async ValueTask<Result<EpisodeView?>> ExecuteAsync(
        EpisodeId id, Actor caller, EpisodeAction action, IdempotencyKey? idempotencyKey, Func<CafEpisode, Result> command, CancellationToken cancellationToken = default)
    {
        GuardRequest(id, caller);
        Guard.Against.EnumOutOfRange(action);
        Guard.Against.Null(command);
        if (idempotencyKey is { IsDefault: true })
        {
            throw new ArgumentException("IdempotencyKey must not be default.", nameof(idempotencyKey));
        }

        SharingAuditEntry? answer = null;
        Func<CafEpisode, Result<EpisodeView?>> gated = episode =>
        {
            answer = null;
            if (!IsOurs(episode))
            {
                return NotFound(id); // another authority's episode is, to this caller, no episode at all
            }

            var before = Judge(episode, caller, SharedItems.None);
            if (before.Refusal is { } refused && action != EpisodeAction.StepUp)
            {
                Record(before.Entry); // a refusal is not retried: recorded once
                return refused;
            }

            var done = command(episode);
            if (done == default(Result))
            {
                throw new ArgumentException("The command returned default(Result), which is neither a success nor a refusal.", nameof(command));
            }

            if (done.IsRefused)
            {
                // An excluded caller (a step-up) learns the rule, never the episode's details.
                return before.Refusal is null
                    ? done.Refusal
                    : new Refusal(done.Refusal.RuleId, $"Refused by {done.Refusal.RuleId}. The family excluded your agency, so the episode's details are not shown.", done.Refusal.Field);
            }

            var after = Judge(episode, caller, SharedItems.EpisodeRecord);
            answer = after.Entry;
            return Result.Success<EpisodeView?>(after.Refusal is null ? EpisodeView.Of(episode, caller, _policy.Names) : null);
        };
        var result = idempotencyKey is { } key
            ? await _register.ExecuteAsync(id, key, gated, cancellationToken).ConfigureAwait(false)
            : await _register.ExecuteAsync(id, gated, cancellationToken).ConfigureAwait(false);

        if (result.IsSuccess)
        {
            Record(answer); // what the answer shows, once the command is saved
            if (result.Value is { } view)
            {
                await RecordReadAsync([ReadOf(id, new ChildId(view.ChildId), caller, ReadItems.EpisodeRecord)], cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        if (result.Refusal.RuleId != StoreCodes.AlreadyApplied)
        {
            return result;
        }

        AdapterLog.IdempotentReplay(_logger, action.ToString());
        return await ReplayedAsync(id, caller, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The caller's agency's caseload: the open episodes whose lead professional works for that agency, oldest first,
    /// as the register lists them (<see cref="OpenEpisodesByLeadProfessionalAgencySpec"/>). Gated by consent (SHARE-01):
    /// an episode whose consent in force excludes the caller's agency is left out, so that agency sees nothing of the
    /// child, not even that the child is on the list.
    /// </summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The entries, with names from the host's directory.</returns>
    /// <exception cref="ArgumentException">The caller is default.</exception>
    public async ValueTask<IReadOnlyList<CaseloadEntryView>> CaseloadAsync(Actor caller, CancellationToken cancellationToken = default)
    {
        if (caller.IsDefault)
        {
            throw new ArgumentException("The caller needs a practitioner and an agency.", nameof(caller));
        }

        var now = _policy.Time.GetUtcNow();
        var open = await _repository.ListAsync(new OpenEpisodesByLeadProfessionalAgencySpec(caller.Agency), cancellationToken).ConfigureAwait(false);
        var shown = open.Where(s => s.Authority == _policy.Authority && !s.Excludes(caller.Agency)).ToList();
        if (shown.Count > 0)
        {
            // LAW-04: every entry listed is a read of that child's record, recorded before the list is returned.
            await RecordReadAsync([.. shown.Select(s => ReadOf(s.Id, s.Child, caller, ReadItems.CaseloadEntry))], cancellationToken).ConfigureAwait(false);
        }

        return [.. shown.Select(s => CaseloadEntryView.Of(s, _policy.Names, now))];
    }

    /// <summary>
    /// LIFE-01, LIFE-03: the caller identified a concern about a child. Through the register: a new episode is opened
    /// (the caller is its interim lead professional, LP-01), or, when the child already has an open one, the answer
    /// says whom to contact and nothing is created (the register's answer is gated by consent, SHARE-01).
    /// </summary>
    /// <param name="id">The id for a new episode.</param>
    /// <param name="child">The child.</param>
    /// <param name="caller">Who identified the concern.</param>
    /// <param name="concern">The concern, in their words.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The register's answer, as the caller may see it.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty or default.</exception>
    public async ValueTask<RegistrationView> IdentifyConcernAsync(EpisodeId id, ChildDetails child, Actor caller, string concern, CancellationToken cancellationToken = default)
    {
        GuardRequest(id, caller);
        var registration = await _register.IdentifyConcernAsync(id, child, caller, concern, cancellationToken).ConfigureAwait(false);
        return RegistrationView.Of(registration, _policy.Names);
    }

    // A key applied before: the answer the first request got, from the episode as it is now and as the caller may see it.
    private async ValueTask<Result<EpisodeView?>> ReplayedAsync(EpisodeId id, Actor caller, CancellationToken cancellationToken)
    {
        var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (!IsOurs(episode))
        {
            return Result<EpisodeView?>.Refused(NotFound(id));
        }

        var judged = Judge(episode, caller, SharedItems.EpisodeRecord);
        Record(judged.Entry);
        if (judged.Refusal is not null)
        {
            return Result.Success<EpisodeView?>(null);
        }

        await RecordReadAsync([ReadOf(episode.Id, episode.Child.Id, caller, ReadItems.EpisodeRecord)], cancellationToken).ConfigureAwait(false);
        return Result.Success<EpisodeView?>(EpisodeView.Of(episode, caller, _policy.Names));
    }

    // docs/authorities.md: the gate serves its policy's authority; an episode of another (a store that let one through)
    // is answered exactly as a missing one, so a caller never learns that another authority holds that id.
    private bool IsOurs([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] CafEpisode? episode) =>
        episode is not null && episode.Authority == _policy.Authority;

    private static Refusal NotFound(EpisodeId id) => new(StoreCodes.NotFound, $"Episode {id} is not on the register.", "id");

    /// <summary>Judges the caller's agency for the episode now; the entry to record, or null when nothing is to be recorded.</summary>
    private (Refusal? Refusal, SharingAuditEntry? Entry) Judge(CafEpisode episode, Actor caller, SharedItems shown)
    {
        var now = _policy.Time.GetUtcNow();
        var age = episode.Child.AgeOn(DateOnly.FromDateTime(now.UtcDateTime));
        var decision = _policy.Sharing.Evaluate(episode.Consent, caller.Agency, SharingPurpose.EpisodeWork, age);
        var entry = new SharingAuditEntry(episode.Id, caller.Agency, SharingPurpose.EpisodeWork, decision, caller, now);
        if (episode.Consent.Excludes(caller.Agency))
        {
            return (new Refusal("SHARE-01",
                $"The family excluded {_policy.Names.Name(caller.Agency)} (partial consent, CONS-05): a practitioner of that agency neither sees nor records work on this episode.",
                "caller"), entry with { Items = SharedItems.None });
        }

        return (null, decision.Granted && _auditGrantedReads && shown != SharedItems.None ? entry with { Items = shown } : null);
    }

    // LAW-04: a read through the gate is on the family's consent (the gate refuses an agency the family excluded).
    private ReadAuditEntry ReadOf(EpisodeId episode, ChildId child, Actor caller, string what) =>
        new(episode, child, caller, _policy.Time.GetUtcNow(), ReadPurpose, LegalBasis.Consent, what);

    private ValueTask RecordReadAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken cancellationToken) =>
        _policy.Reads is { } reads ? reads.RecordAsync(entries, cancellationToken) : ValueTask.CompletedTask;

    private void Record(SharingAuditEntry? entry)
    {
        if (entry is { } e)
        {
            _policy.Sharing.Record(e);
        }
    }

    private static void GuardRequest(EpisodeId id, Actor caller)
    {
        if (id.IsDefault)
        {
            throw new ArgumentException("EpisodeId must not be default.", nameof(id));
        }

        if (caller.IsDefault)
        {
            throw new ArgumentException("The caller needs a practitioner and an agency.", nameof(caller));
        }
    }
}
