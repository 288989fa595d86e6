using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Diagnostics;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ArdalisSpecification = Ardalis.Specification.ISpecification<Caf.Core.Register.EpisodeSummary>;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The <see cref="IEpisodeRepository"/> on EF Core: one row per episode (summary columns, JSON snapshot, version),
/// its events appended to an append-only table, each new event written to the outbox, and the episode's report row
/// (<see cref="IEpisodeReportStore"/>, REP-01..06) written or replaced, all in one transaction per save. The database enforces REG-01 (a filtered unique index), optimistic concurrency (the
/// version and the history hash are concurrency tokens) and (episode, sequence) uniqueness.
/// </summary>
/// <remarks>
/// <para>Each call uses its own context from the factory, so one instance serves many threads. A load reads the
/// episode row, rebuilds the episode from its snapshot, read as UTF-8, through <see cref="EpisodeJson.Deserialize(EpisodePolicy, ReadOnlySpan{byte})"/> (every event replayed
/// through the command checks), then reads the event rows, checks the two against each other and against the history
/// hash and version column (<see cref="EpisodeIntegrityException"/>; <see cref="VerifyAsync"/> over the whole store), and
/// replays the rows stored after the snapshot. A save writes the episode row and the new events, never the stored history
/// again, and rewrites the snapshot only once the events after it outgrow it. Issue 26 (docs/storage.md "Long episodes"):
/// the repository keeps a verified copy of each episode it loaded, and serves the next load of the same version and
/// history hash (with its event rows still versions 1..N) from it, without reading the snapshot or the events.</para>
/// <para>A save serialises and hashes only the events the stored history lacks: for each episode instance it loaded or
/// saved, the repository remembers (weakly: as long as the instance lives) the version and history hash it is stored with,
/// and the episode row's columns as it read or wrote them (the report row's when it wrote it), so the next save's UPDATE
/// sets only the columns that changed. An instance it has not seen (built elsewhere, loaded by another repository) is
/// hashed from its first event and every column is written. What is remembered never decides a save: the database checks the version and the hash in the UPDATE itself,
/// and a refused save is classified from what is stored.</para>
/// <para>Refusals are those of <see cref="InMemoryEpisodeRepository"/>: <c>REG-01</c> and
/// <see cref="StoreCodes.DuplicateId"/> on add; <see cref="StoreCodes.NotFound"/>, <see cref="StoreCodes.Concurrency"/>
/// and <see cref="StoreCodes.HistoryMismatch"/>, in that order of checking, on update. A race lost in the database
/// (another process added the child's open episode or saved first) gives the same refusal as one seen beforehand.</para>
/// </remarks>
/// <typeparam name="TContext">A context whose model includes <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>.</typeparam>
/// <threadsafety>Thread-safe: it holds no context between calls, and what it remembers per episode instance is kept in a
/// thread-safe weak table whose entries are replaced whole.</threadsafety>
[Immutable]
public sealed partial class EntityFrameworkEpisodeRepository<TContext> : IEpisodeRepository, IEpisodeReportStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EpisodePolicy _policy;
    private readonly AuthorityId _authority;
    private readonly IEpisodeReportProjector _projector;
    private readonly StoredEpisodes _stored = new();
    private readonly VerifiedEpisodes _verified = new();
    private readonly bool _writeOutbox;
    private readonly CafStoreMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the repository: outbox rows written, no metrics, no logs.</summary>
    /// <param name="contexts">Creates a context per operation.</param>
    /// <param name="policy">The policy episodes are rebuilt with.</param>
    /// <param name="reportProjector">Computes the report row written with each save (REP-01..06).</param>
    public EntityFrameworkEpisodeRepository(IDbContextFactory<TContext> contexts, EpisodePolicy policy, IEpisodeReportProjector reportProjector)
        : this(contexts, policy, reportProjector, null, null, null)
    {
    }

    /// <summary>Creates the repository with outbox settings, metrics and logs (what <c>AddCafEntityFrameworkCore</c> does).</summary>
    /// <param name="contexts">Creates a context per operation.</param>
    /// <param name="policy">The policy episodes are rebuilt with; its clock times the saves.</param>
    /// <param name="reportProjector">Computes the report row written with each save (REP-01..06).</param>
    /// <param name="outbox">The outbox settings: <see cref="CafOutboxOptions.WriteEvents"/> decides whether saves write outbox rows (the defaults when null).</param>
    /// <param name="meterFactory">Where the store's instruments are created (<see cref="CafStoreTelemetry.Saves"/>,
    /// <see cref="CafStoreTelemetry.SaveDuration"/> and, when outbox rows are written, the outbox gauges); nothing is
    /// measured when null. Construct one repository per host and factory.</param>
    /// <param name="loggerFactory">Where the store logs (<see cref="CafStoreLogEvents"/>); nothing when null.</param>
    public EntityFrameworkEpisodeRepository(IDbContextFactory<TContext> contexts, EpisodePolicy policy, IEpisodeReportProjector reportProjector,
        CafOutboxOptions? outbox, IMeterFactory? meterFactory, ILoggerFactory? loggerFactory)
    {
        _contexts = Guard.Against.Null(contexts);
        _policy = Guard.Against.Null(policy);
        _authority = policy.Authority; // issue 29: the repository serves its policy's authority only
        _projector = Guard.Against.Null(reportProjector);
        _writeOutbox = outbox?.WriteEvents ?? true;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(CafStoreLogEvents.Category);
        _metrics = CafStoreMetrics.ForStore(meterFactory, _writeOutbox ? contexts.CreateDbContext : null, policy.Time, _authority);
        if (!_writeOutbox)
        {
            StoreLog.OutboxWritesOff(_logger);
        }
    }

    /// <inheritdoc />
    /// <remarks>Its policy's authority (<see cref="EpisodePolicy.Authority"/>): every query filters on the <c>authority</c>
    /// column, every row written carries it, and an episode of another authority is refused with an
    /// <see cref="ArgumentException"/> (<see cref="AuthorityScope.ThrowIfOtherAuthority"/>).</remarks>
    public AuthorityId Authority => _authority;

    /// <inheritdoc />
    /// <remarks>The episode row and then its event rows are read and checked against each other (docs/storage.md
    /// "Tamper evidence"): the snapshot is readable and names the episode, the events are versions 1..N in order, each is the
    /// snapshot's event of its version, their hash chain ends in the stored history hash, and the version column is N.
    /// Events another writer appended between the two reads are not a problem (the episode is returned as of the row).</remarks>
    /// <exception cref="EpisodeIntegrityException">The stored episode is not what the library wrote (it names the episode,
    /// the event's version and what differs); a truncated or garbled snapshot too, with the reader's
    /// <see cref="System.Text.Json.JsonException"/> inside. Other episodes are unaffected.</exception>
    public async ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default)
    {
        Guard.Against.Default(id);
        using var activity = CafStoreActivities.Source.StartActivity(CafStoreTelemetry.LoadActivity);
        activity?.SetTag(CafStoreTelemetry.AuthorityTag, _authority.Value);
        try
        {
            var episode = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(CafStoreTelemetry.OutcomeTag, episode is null ? "not-found" : "found");
            return episode;
        }
        catch (Exception ex)
        {
            await FailedAsync(activity, ex, "load").ConfigureAwait(false);
            throw;
        }
    }

    private async Task<CafEpisode?> LoadAsync(EpisodeId id, CancellationToken cancellationToken)
    {
        if (_verified.Recall(id) is { } verified && await FromVerifiedAsync(id, verified, cancellationToken).ConfigureAwait(false) is { } copy)
        {
            return copy;
        }

        for (var attempt = 0; ; attempt++)
        {
            var (episode, row, problem) = await ReadCheckedAsync(id, _ => true, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return null;
            }

            if (problem is not null)
            {
                // Read once more before accusing the store: the episode may have been removed between the two reads.
                if (attempt == 0)
                {
                    continue;
                }

                throw problem;
            }

            // Read with the snapshot from one row: the hash of exactly these events as stored (now checked), and the row's columns.
            _stored.Remember(episode!, new StoredEpisode(episode!.Version, row.Hash, row.Columns, null, row.SnapshotVersion, Loaded: true));
            KeepVerified(episode, row.Hash, row.SnapshotVersion);
            episode.HoldSharingAuditUntilSaved(); // SHARE-03: its commands' decisions go in the save's transaction
            return episode;
        }
    }

    // Issue 26: the episode row still has the version and history hash of the copy this repository verified (read in full
    // and checked, or saved), and its event rows are versions 1..N: a copy of it, without reading the snapshot or the
    // event rows' JSON. Null when anything of that moved on (another writer saved, or the rows were changed behind the
    // library): the caller reads and checks everything.
    private async Task<CafEpisode?> FromVerifiedAsync(EpisodeId id, VerifiedEpisode verified, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var events = db.Rows<EpisodeEventRow>(_authority);
        var row = await db.Episodes(_authority).AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                // The columns one by one: the entity would bring the snapshot with it.
                Columns = new EpisodeSummary(s.Id, s.Child, s.State, s.IsOpen, s.OpenedAt, s.OpenedByAgency, s.LeadProfessional,
                    s.LeadProfessionalAgency, s.LeadProfessionalIsInterim, s.ClosedAt, s.Outcome, s.FamilyGroup, s.RetentionDueOn, s.Version,
                    s.ExcludedAgencies, s.AssessmentDueBy, s.AssessmentCompletedAt, s.NextReviewDue) { Authority = s.Authority },
                Hash = EF.Property<string>(s, CafModelBuilderExtensions.HistoryHashProperty),
                // In the same statement (consistent with the row): a deleted, added or renumbered event row shows here.
                Rows = events.Count(r => r.EpisodeId == s.Id),
                Last = events.Where(r => r.EpisodeId == s.Id).Max(r => (int?)r.Sequence),
            })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null || row.Columns.Version != verified.Version || row.Hash != verified.HistoryHash
            || row.Rows != verified.Version || row.Last != verified.Version - 1)
        {
            _verified.Forget(id);
            return null;
        }

        var episode = verified.Episode.Copy();
        _stored.Remember(episode, new StoredEpisode(verified.Version, verified.HistoryHash, row.Columns, null, verified.SnapshotVersion, Loaded: true));
        episode.HoldSharingAuditUntilSaved();
        return episode;
    }

    // Keeps a private copy of an episode as stored (verified on load, or just saved); an episode that cannot be copied
    // (holding sharing decisions no store wrote) is not kept, and its next load reads everything.
    private void KeepVerified(CafEpisode episode, string historyHash, int snapshotVersion)
    {
        try
        {
            _verified.Remember(episode.Id, new VerifiedEpisode(episode.Version, historyHash, snapshotVersion, episode.Copy()));
        }
        catch (InvalidOperationException)
        {
            _verified.Forget(episode.Id);
        }
    }

    /// <inheritdoc />
    /// <remarks>One command in one transaction (docs/storage.md "What a save costs"): nothing is read before it; a duplicate id
    /// or another open episode of the child (REG-01) is refused by the database's unique indexes, and the refusal is then
    /// classified from what is stored.</remarks>
    public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) =>
        AddAsync(episode, SaveMode.OneCommand, cancellationToken);

    // SaveMode.Tracked: the change-tracker save (the reference the one-command save is tested and measured against).
    internal ValueTask<Result> AddAsync(CafEpisode episode, SaveMode mode, CancellationToken cancellationToken = default)
    {
        AuthorityScope.ThrowIfOtherAuthority(episode, _authority);
        return MeasureSaveAsync("add", 1, (episode, mode), static (self, s, ct) => self.AddCoreAsync(s.episode, s.mode, ct), cancellationToken);
    }

    private async Task<Result> AddCoreAsync(CafEpisode episode, SaveMode mode, CancellationToken cancellationToken)
    {
        var staged = EventStaging.Prepare(episode.Events, 0, EventStaging.Seed(_authority));
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var written = mode == SaveMode.OneCommand && OneCommandFits([new EpisodeUpdate(episode, 0)]) && _statements.Get(db) is { } statements
                ? (await WriteAsync(db, statements, [new EpisodeUpdate(episode, 0)], [null], [staged], [true], add: true, cancellationToken).ConfigureAwait(false))?[0]
                : await TrackedAddAsync(db, episode, staged, cancellationToken).ConfigureAwait(false);
            if (written is { } rows)
            {
                // Not kept as a verified copy: built elsewhere, maybe under another policy; its first load reads everything.
                _stored.Remember(episode, new StoredEpisode(episode.Version, staged.Head, rows.Summary, rows.Report, episode.Version));
                episode.ForgetSavedSharingAudit();
                return Result.Ok;
            }
        }

        // The database refused a row: the episode's id is taken, or the child has an open episode (REG-01's index), maybe
        // added by another writer a moment ago. Classified from what is stored.
        await using var check = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await RefuseAddAsync(check, episode, _authority, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Episode {episode.Id} could not be added, and neither its id nor its child's open episode explains why.");
    }

    /// <inheritdoc />
    public async ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default)
    {
        AuthorityScope.ThrowIfOtherAuthority(episode, _authority);
        Guard.Against.Negative(expectedVersion);
        return await SaveAsync([new EpisodeUpdate(episode, expectedVersion)], cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(updates);
        if (updates.Any(u => u is null || u.Episode is null || u.ExpectedVersion < 0))
        {
            throw new ArgumentException("Every update needs an episode and a non-negative expected version.", nameof(updates));
        }

        foreach (var update in updates)
        {
            AuthorityScope.ThrowIfOtherAuthority(update.Episode, _authority, nameof(updates));
        }

        if (updates.Select(u => u.Episode.Id).Distinct().Count() != updates.Count)
        {
            throw new ArgumentException("Each episode appears once in a multi-episode update.", nameof(updates));
        }

        return updates.Count == 0 ? Result.Ok : await SaveAsync(updates, cancellationToken).ConfigureAwait(false);
    }

    // SaveMode.Tracked: the change-tracker save (the reference the one-command save is tested and measured against).
    internal ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, SaveMode mode, CancellationToken cancellationToken = default) =>
        MeasureSaveAsync("update", updates.Count, (updates, mode), static (self, s, ct) => self.SaveCoreAsync(s.updates, s.mode, ct), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Translated to one SQL query (where, order by, limit/offset); ties and unordered results come in
    /// episode-id order, as in <see cref="InMemoryEpisodeRepository"/>.</remarks>
    /// <exception cref="NotSupportedException">The specification uses search, includes or post-processing.</exception>
    /// <exception cref="InvalidOperationException">A criterion EF Core cannot translate to SQL (it is never run in memory).</exception>
    public async ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ArdalisSpecification specification, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(specification);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await Query(db, specification, _authority).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The query a specification becomes (for <c>ToQueryString()</c> and for reporting over the same table).</summary>
    internal static IQueryable<EpisodeSummary> Query(DbContext db, ArdalisSpecification specification, AuthorityId? authority = null) =>
        db.Episodes(authority ?? AuthorityId.Default).AsNoTracking().WithSpecification(specification, s => s.Id);

    private ValueTask<Result> SaveAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken) =>
        MeasureSaveAsync("update", updates.Count, updates, static (self, u, ct) => self.SaveCoreAsync(u, SaveMode.OneCommand, ct), cancellationToken);

    private async Task<Result> SaveCoreAsync(IReadOnlyList<EpisodeUpdate> updates, SaveMode mode, CancellationToken cancellationToken)
    {
        var staged = new StagedEvents[updates.Count];
        var known = new StoredEpisode?[updates.Count];
        var missingReport = new bool[updates.Count];
        for (var i = 0; i < updates.Count; i++)
        {
            var (episode, expected) = (updates[i].Episode, updates[i].ExpectedVersion);
            if (episode.Version < expected)
            {
                // Fewer events than the stored history: cannot extend it. Refused in the same order as the in-memory store.
                return (await ClassifyAsync(updates, null, cancellationToken).ConfigureAwait(false)).Refusal
                    ?? throw new InvalidOperationException("Unreachable: a shorter history is always refused.");
            }

            // The hash this instance was loaded or last saved with is where its chain resumes: only the events after it
            // are serialised and hashed. Unknown (another instance, built elsewhere): the whole chain from the start.
            // Either way the database's check on the hash column decides whether the history extends the stored one.
            known[i] = _stored.Recall(episode);
            staged[i] = known[i] is { } k && k.Version <= expected
                ? EventStaging.Prepare(episode.Events, k.Version, k.HistoryHash)
                : EventStaging.Prepare(episode.Events, 0, EventStaging.Seed(_authority));
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Written[]? written;
            await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                // Issue 26: every episode of the save in one command, no change tracker (EntityFrameworkEpisodeRepository.Batched.cs).
                written = mode == SaveMode.OneCommand && OneCommandFits(updates) && _statements.Get(db) is { } statements
                    ? await WriteAsync(db, statements, updates, known, staged, missingReport, add: false, cancellationToken).ConfigureAwait(false)
                    : await TrackedSaveAsync(db, updates, known, staged, missingReport, cancellationToken).ConfigureAwait(false);
            }

            if (written is not null)
            {
                for (var i = 0; i < updates.Count; i++)
                {
                    var loaded = known[i]?.Loaded == true;
                    _stored.Remember(updates[i].Episode, new StoredEpisode(updates[i].Episode.Version, staged[i].Head, written[i].Summary, written[i].Report, written[i].SnapshotVersion, loaded));
                    updates[i].Episode.ForgetSavedSharingAudit();
                    if (loaded)
                    {
                        KeepVerified(updates[i].Episode, staged[i].Head, written[i].SnapshotVersion); // an instance this repository loaded: under its policy
                    }
                    else
                    {
                        _verified.Forget(updates[i].Episode.Id);
                    }
                }

                return Result.Ok;
            }

            var (refusal, classified) = await ClassifyAsync(updates, staged, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                if (refusal.Value.Refusal.RuleId == StoreCodes.Concurrency)
                {
                    await LogConflictAsync(updates, cancellationToken).ConfigureAwait(false);
                }

                return refusal.Value;
            }

            // The histories match by value but their hashes differ (the event JSON was written by another release):
            // the classification re-based the expected hashes on the stored ones; or the episode has no report row yet
            // (stored before the read model existed). Try once more, writing every column.
            for (var i = 0; i < updates.Count; i++)
            {
                known[i] = null;
                missingReport[i] = !classified[i];
            }
        }

        throw new InvalidOperationException("The episodes could not be saved, and no version or history difference explains why.");
    }

    // A refusal; or none when every update extends its stored episode (then the staged hashes are re-based on the stored
    // ones where they differ), with whether each episode has its report row.
    private async Task<(Result? Refusal, bool[] HasReportRow)> ClassifyAsync(
        IReadOnlyList<EpisodeUpdate> updates, StagedEvents[]? staged, CancellationToken cancellationToken)
    {
        var found = new bool[updates.Count];
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < updates.Count; i++)
        {
            var (episode, expected) = (updates[i].Episode, updates[i].ExpectedVersion);
            var reports = db.Rows<ReportRowEntity>(_authority);
            var events = db.Rows<EpisodeEventRow>(_authority);
            var stored = await db.Episodes(_authority).AsNoTracking().Where(s => s.Id == episode.Id)
                .Select(s => new
                {
                    s.Version,
                    Hash = EF.Property<string>(s, CafModelBuilderExtensions.HistoryHashProperty),
                    HasReportRow = reports.Any(r => r.EpisodeId == s.Id),
                    EventCount = events.Count(r => r.EpisodeId == s.Id), // in the same statement: consistent with the version
                })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                return (Result.Refused(StoreCodes.NotFound, $"Episode {episode.Id} is not stored.", "id"), found);
            }

            if (stored.Version != expected)
            {
                if (stored.EventCount != stored.Version)
                {
                    // Not someone else's save: a save moves both together. Never a misleading concurrency refusal.
                    await ThrowIfTamperedAsync(episode.Id, cancellationToken).ConfigureAwait(false);
                }

                return (Result.Refused(StoreCodes.Concurrency,
                    $"Episode {episode.Id} was saved by someone else (stored version {stored.Version}, expected {expected}); reload and try again.", "version"), found);
            }

            if (staged is null || episode.Version < expected)
            {
                return (HistoryMismatch(), found);
            }

            found[i] = stored.HasReportRow;
            if (stored.Hash == staged[i].HashAt(expected))
            {
                continue;
            }

            // Same length, different hash: compare the stored events by value (as the in-memory store does).
            var storedJson = await events.AsNoTracking().Where(r => r.EpisodeId == episode.Id)
                .OrderBy(r => r.Sequence).Select(r => r.Json).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (storedJson.Count != expected || !storedJson.Select(EpisodeJson.DeserializeEvent).SequenceEqual(episode.Events.Take(expected)))
            {
                return (HistoryMismatch(), found);
            }

            // Equal by value: the stored JSON is another release's, and the stored hash must be its chain (else tampered).
            var chain = storedJson.Aggregate(EventStaging.Seed(_authority), EventStaging.Next);
            if (chain != stored.Hash)
            {
                await ThrowIfTamperedAsync(episode.Id, cancellationToken).ConfigureAwait(false);
            }

            staged[i].Rebase(expected, stored.Hash);
        }

        // Nothing explains the failure unless a hash was re-based or a report row is missing: then the caller retries.
        return (null, found);
    }

    private static Result HistoryMismatch() =>
        Result.Refused(StoreCodes.HistoryMismatch, "The episode's history does not extend the stored one.", "events");

    private static async Task<Result?> RefuseAddAsync(DbContext db, CafEpisode episode, AuthorityId authority, CancellationToken cancellationToken)
    {
        var episodes = db.Episodes(authority).AsNoTracking();
        if (await episodes.AnyAsync(s => s.Id == episode.Id, cancellationToken).ConfigureAwait(false))
        {
            return Result.Refused(StoreCodes.DuplicateId, $"Episode {episode.Id} already exists.", "id");
        }

        if (!episode.IsOpen)
        {
            return null;
        }

        var child = episode.Child.Id;
        var open = await episodes.Where(s => s.Child == child && s.IsOpen)
            .Select(s => new { s.Id, s.LeadProfessional })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return open is null
            ? (Result?)null
            : Result.Refused("REG-01", $"Child {child} already has an open episode ({open.Id}, lead professional {open.LeadProfessional}).", "child");
    }
}

/// <summary>How a save is written: one command without the change tracker (what the store does), or through the change
/// tracker (the reference it is tested and measured against; what a model the one command does not cover gets).</summary>
internal enum SaveMode
{
    OneCommand,
    Tracked,
}
