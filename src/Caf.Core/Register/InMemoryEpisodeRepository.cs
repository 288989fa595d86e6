using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Ardalis.Specification;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reporting;

namespace Caf.Core.Register;

/// <summary>
/// An in-memory <see cref="IEpisodeRepository"/> for tests, samples and small hosts. Stores each episode's
/// immutable event history and hands out fresh rebuilt instances, so a caller's unsaved changes never
/// leak. Enforces REG-01 and optimistic concurrency atomically under one lock. Given an
/// <see cref="IEpisodeReportProjector"/>, it also keeps each episode's report row (<see cref="IEpisodeReportStore"/>),
/// computed and stored under the same lock as the episode, so a refused save leaves the previous row.
/// Each history it keeps is a view of the saved episode's append-only event log (issue 26: kept in O(1), not copied): the
/// slots it sees are written once and never change, and nothing outside the library can write them, so there is nothing
/// to tamper with: <see cref="VerifyAsync"/> only replays each history under the current policy.
/// </summary>
/// <threadsafety>Mutable and thread-safe.</threadsafety>
[Mutable]
public sealed class InMemoryEpisodeRepository : IEpisodeRepository, IEpisodeReportStore, IEpisodeStoreVerifier, IChildIdentifierLookup
{
    private readonly EpisodePolicy _policy;
    private readonly IEpisodeReportProjector? _projector;
    private readonly object _gate = new();
    private readonly Dictionary<EpisodeId, Entry> _entries = [];
    private readonly Dictionary<ChildId, EpisodeId> _openByChild = []; // REG-01 in O(1), like a filtered unique index
    private readonly Dictionary<NhsNumber, SortedSet<ChildId>> _childrenByNhsNumber = []; // LAW-03, like an index
    private readonly ConditionalWeakTable<CafEpisode, string> _handedOut = new(); // the instances GetAsync returned (issue 26)

    /// <summary>Creates an empty repository.</summary>
    /// <param name="policy">The policy episodes are rebuilt with.</param>
    public InMemoryEpisodeRepository(EpisodePolicy policy)
    {
        _policy = Guard.Against.Null(policy);
    }

    /// <summary>Creates an empty repository that keeps each episode's report row too (REP-01..06).</summary>
    /// <param name="policy">The policy episodes are rebuilt with.</param>
    /// <param name="reportProjector">Computes the report row of each saved episode.</param>
    public InMemoryEpisodeRepository(EpisodePolicy policy, IEpisodeReportProjector reportProjector)
        : this(policy)
    {
        _projector = Guard.Against.Null(reportProjector);
    }

    /// <summary>The authority of the repository's policy (<see cref="EpisodePolicy.Authority"/>): the one whose episodes it holds.</summary>
    public AuthorityId Authority => _policy.Authority;

    /// <inheritdoc />
    /// <remarks>Issue 26: the first load of a stored history replays it; the repository then keeps a private copy of the
    /// result, and of each instance it handed out once saved, and later loads hand out <see cref="CafEpisode.Copy"/> of it
    /// (nothing replayed). An episode added from elsewhere is replayed on its first load, under this repository's policy.</remarks>
    public ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(id, out entry))
            {
                return new ValueTask<CafEpisode?>((CafEpisode?)null);
            }
        }

        CafEpisode episode;
        if (entry.Image is { } image)
        {
            episode = image.Copy(); // the image is never changed, only copied: no lock needed
        }
        else
        {
            episode = CafEpisode.Rebuild(_policy, entry.History);
            var kept = TryCopy(episode);
            lock (_gate)
            {
                if (kept is not null && _entries.TryGetValue(id, out var now) && ReferenceEquals(now, entry))
                {
                    _entries[id] = entry with { Image = kept };
                }
            }
        }

        _handedOut.AddOrUpdate(episode, "handed out");
        episode.HoldSharingAuditUntilSaved(); // SHARE-03: its commands' decisions are recorded with the save
        return new ValueTask<CafEpisode?>(episode);
    }

    private static CafEpisode? TryCopy(CafEpisode episode)
    {
        try
        {
            return episode.Copy();
        }
        catch (InvalidOperationException)
        {
            return null; // holding decisions no store wrote: the next load replays
        }
    }

    /// <inheritdoc />
    public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default)
    {
        AuthorityScope.ThrowIfOtherAuthority(episode, Authority);
        lock (_gate)
        {
            if (_entries.ContainsKey(episode.Id))
            {
                return new(Result.Refused(StoreCodes.DuplicateId, $"Episode {episode.Id} already exists.", "id"));
            }

            if (episode.IsOpen && _openByChild.TryGetValue(episode.Child.Id, out var openId))
            {
                var open = _entries[openId].Summary;
                return new(Result.Refused("REG-01",
                    $"Child {episode.Child.Id} already has an open episode ({open.Id}, lead professional {open.LeadProfessional}).", "child"));
            }

            // SHARE-03: the held sharing decisions are recorded once nothing can refuse the save, before it is stored.
            var row = RowOf(episode);
            episode.RecordUnsavedSharingAudit(0);
            Store(episode, row);
        }

        return new(Result.Ok);
    }

    /// <inheritdoc />
    public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default)
    {
        AuthorityScope.ThrowIfOtherAuthority(episode, Authority);
        Guard.Against.Negative(expectedVersion);
        lock (_gate)
        {
            var valid = CheckUpdate(episode, expectedVersion);
            if (valid.IsSuccess)
            {
                var row = RowOf(episode);
                episode.RecordUnsavedSharingAudit(expectedVersion);
                Store(episode, row);
            }

            return new(valid);
        }
    }

    /// <inheritdoc />
    public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(updates);
        if (updates.Any(u => u is null || u.Episode is null || u.ExpectedVersion < 0))
        {
            throw new System.ArgumentException("Every update needs an episode and a non-negative expected version.", nameof(updates));
        }

        if (updates.Select(u => u.Episode.Id).Distinct().Count() != updates.Count)
        {
            throw new System.ArgumentException("Each episode appears once in a multi-episode update.", nameof(updates));
        }

        foreach (var update in updates)
        {
            AuthorityScope.ThrowIfOtherAuthority(update.Episode, Authority, nameof(updates));
        }

        lock (_gate)
        {
            // All checked before any is stored: all or nothing (REG-03).
            foreach (var update in updates)
            {
                var valid = CheckUpdate(update.Episode, update.ExpectedVersion);
                if (valid.IsRefused)
                {
                    return new(valid);
                }
            }

            var rows = updates.Select(u => RowOf(u.Episode)).ToList(); // all computed before any is stored
            foreach (var update in updates)
            {
                update.Episode.RecordUnsavedSharingAudit(update.ExpectedVersion);
            }

            for (var i = 0; i < updates.Count; i++)
            {
                Store(updates[i].Episode, rows[i]);
            }
        }

        return new(Result.Ok);
    }

    /// <summary>
    /// Replays every stored history under the repository's policy, as a load does, and reports each episode whose history
    /// the commands would not produce now (<see cref="EpisodeIntegrityProblem.SnapshotUnreadable"/>). Nothing else can
    /// differ: the store keeps each history as one immutable list, with no separate snapshot, hash or version column.
    /// </summary>
    /// <param name="progress">Told after each episode; may be null.</param>
    /// <param name="cancellationToken">Cancellation (between episodes).</param>
    /// <returns>The report, findings in episode-id order.</returns>
    public ValueTask<EpisodeStoreVerification> VerifyAsync(IProgress<EpisodeStoreVerificationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        List<(EpisodeId Id, EventLog History)> stored;
        lock (_gate)
        {
            stored = [.. _entries.Select(e => (e.Key, e.Value.History)).OrderBy(e => e.Key)];
        }

        var findings = ImmutableArray.CreateBuilder<EpisodeIntegrityFinding>();
        using var activity = Diagnostics.CafActivities.Source.StartActivity(Diagnostics.CafTelemetry.VerifyActivity);
        var i = 0;
        try
        {
            for (; i < stored.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    CafEpisode.Rebuild(_policy, stored[i].History);
                }
                catch (ArgumentException ex)
                {
                    findings.Add(new EpisodeIntegrityFinding(stored[i].Id, EpisodeIntegrityProblem.SnapshotUnreadable, null, ex.Message));
                }

                progress?.Report(new EpisodeStoreVerificationProgress(i + 1, stored.Count, findings.Count));
            }
        }
        catch (OperationCanceledException)
        {
            Verified(activity, "cancelled", i, findings.Count);
            throw;
        }

        Verified(activity, "ok", stored.Count, findings.Count);
        return new(new EpisodeStoreVerification(stored.Count, findings.ToImmutable()));
    }

    // caf.store.verify: the outcome, episodes checked and problems found (counts, never ids).
    private static void Verified(System.Diagnostics.Activity? activity, string outcome, int checkedCount, int problems)
    {
        activity?.SetTag(Diagnostics.CafTelemetry.OutcomeTag, outcome);
        activity?.SetTag(Diagnostics.CafTelemetry.RowsTag, checkedCount);
        activity?.SetTag(Diagnostics.CafTelemetry.ProblemsTag, problems);
    }

    // Called under the lock.
    private Result CheckUpdate(CafEpisode episode, int expectedVersion)
    {
        if (!_entries.TryGetValue(episode.Id, out var stored))
        {
            return Result.Refused(StoreCodes.NotFound, $"Episode {episode.Id} is not stored.", "id");
        }

        if (stored.History.Count != expectedVersion)
        {
            return Result.Refused(StoreCodes.Concurrency,
                $"Episode {episode.Id} was saved by someone else (stored version {stored.History.Count}, expected {expectedVersion}); reload and try again.", "version");
        }

        // Issue 26: an episode loaded from here (or saved from this instance) shares the stored history's slots, which
        // proves the prefix without reading it; otherwise the events are compared by value (events have value equality,
        // so an episode read back from JSON extends its stored history too).
        if (episode.Version < expectedVersion || !episode.ExtendsHistory(stored.History))
        {
            return Result.Refused(StoreCodes.HistoryMismatch, "The episode's history does not extend the stored one.", "events");
        }

        return Result.Ok;
    }

    /// <summary>
    /// Lists the summaries matching a specification, evaluated in memory by Ardalis.Specification's
    /// <see cref="InMemorySpecificationEvaluator"/>: every part (criteria, search, ordering, paging, post-processing).
    /// Summaries are taken in episode-id order, so equal ordering keys keep that order.
    /// </summary>
    /// <param name="specification">The specification.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The matching summaries.</returns>
    public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(specification);
        List<EpisodeSummary> summaries;
        lock (_gate)
        {
            summaries = _entries.Values.Select(e => e.Summary).OrderBy(s => s.Id).ToList();
        }

        return new(InMemorySpecificationEvaluator.Default.Evaluate(summaries, specification).ToList());
    }

    /// <inheritdoc />
    /// <exception cref="System.InvalidOperationException">The repository was created without a report projector.</exception>
    public ValueTask<EpisodeReportRow?> GetReportRowAsync(EpisodeId id, CancellationToken cancellationToken = default)
    {
        RequireProjector();
        lock (_gate)
        {
            return new(_entries.TryGetValue(id, out var entry) ? entry.Row : null);
        }
    }

    /// <inheritdoc />
    /// <exception cref="System.InvalidOperationException">The repository was created without a report projector.</exception>
    public IAsyncEnumerable<EpisodeReportRow> StreamAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        if (until < from)
        {
            throw new System.ArgumentException($"The window ends ({until}) before it starts ({from}).", nameof(until));
        }

        return Stream(r => r.OpenedOn < until && (r.ClosedOn is not { } closed || closed >= from));
    }

    /// <inheritdoc />
    /// <exception cref="System.InvalidOperationException">The repository was created without a report projector.</exception>
    public IAsyncEnumerable<EpisodeReportRow> StreamAllAsync(CancellationToken cancellationToken = default) => Stream(_ => true);

    private IAsyncEnumerable<EpisodeReportRow> Stream(System.Func<EpisodeReportRow, bool> include)
    {
        RequireProjector();
        List<EpisodeReportRow> rows;
        lock (_gate)
        {
            rows = [.. _entries.Values.Select(e => e.Row!).Where(include)];
        }

        return Yield(rows.OrderBy(r => r.OpenedOn).ThenBy(r => r.EpisodeId));
    }

    private static async IAsyncEnumerable<EpisodeReportRow> Yield(IEnumerable<EpisodeReportRow> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private void RequireProjector()
    {
        if (_projector is null)
        {
            throw new System.InvalidOperationException(
                "This InMemoryEpisodeRepository keeps no report rows: create it with an IEpisodeReportProjector (AddCafInMemoryEpisodeStore does).");
        }
    }

    // Called under the lock. REP-06: the closure date of the most recent linked previous episode this store holds.
    private EpisodeReportRow? RowOf(CafEpisode episode)
    {
        if (_projector is null)
        {
            return null;
        }

        DateOnly? previousClosedOn = null;
        foreach (var previous in episode.PreviousEpisodes)
        {
            if (_entries.TryGetValue(previous, out var entry) && entry.Summary.ClosedAt is { } closedAt)
            {
                var day = DateOnly.FromDateTime(closedAt.UtcDateTime);
                previousClosedOn = previousClosedOn is { } known && known >= day ? known : day;
            }
        }

        return _projector.Project(episode, previousClosedOn);
    }

    // Called under the lock.
    private void Store(CafEpisode episode, EpisodeReportRow? row)
    {
        var summary = EpisodeSummary.Of(episode);
        // An instance this repository handed out was built under its policy: kept as the next load's image.
        var image = _handedOut.TryGetValue(episode, out _) ? TryCopy(episode) : null;
        _entries[episode.Id] = new Entry(episode.StoredHistory(), summary, row, image); // O(1): the log's slots are shared
        if (episode.Child.NhsNumber is { } nhsNumber)
        {
            if (!_childrenByNhsNumber.TryGetValue(nhsNumber, out var children))
            {
                _childrenByNhsNumber[nhsNumber] = children = [];
            }

            children.Add(summary.Child);
        }

        if (summary.IsOpen)
        {
            _openByChild[summary.Child] = summary.Id;
        }
        else if (_openByChild.TryGetValue(summary.Child, out var open) && open == summary.Id)
        {
            _openByChild.Remove(summary.Child);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="nhsNumber"/> is default.</exception>
    public ValueTask<IReadOnlyList<ChildId>> ChildrenWithAsync(NhsNumber nhsNumber, CancellationToken cancellationToken = default)
    {
        if (nhsNumber.IsDefault)
        {
            throw new ArgumentException("NhsNumber must not be default.", nameof(nhsNumber));
        }

        lock (_gate)
        {
            return new(_childrenByNhsNumber.TryGetValue(nhsNumber, out var children) ? [.. children] : []);
        }
    }

    private sealed record Entry(EventLog History, EpisodeSummary Summary, EpisodeReportRow? Row, CafEpisode? Image = null);
}
