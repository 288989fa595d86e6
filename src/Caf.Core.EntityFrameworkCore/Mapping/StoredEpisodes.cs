using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Caf.Core.Lifecycle;
using Caf.Core.Register;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// What one repository last read or wrote for an episode instance: the version, the history hash at that version (where
/// the next save's hash chain resumes), and the column values of the episode row (read with the snapshot, or written) and
/// of the report row (when written), so the next save sets only the columns that changed.
/// </summary>
/// <param name="Version">The stored version the rest describes.</param>
/// <param name="HistoryHash">The stored <c>history_hash</c> at <paramref name="Version"/>.</param>
/// <param name="Summary">The episode row's columns as read or written at <paramref name="Version"/>.</param>
/// <param name="Report">The report row as written at <paramref name="Version"/>; null when only read.</param>
/// <param name="SnapshotVersion">How many events the stored snapshot holds (issue 26: at most <paramref name="Version"/>; a
/// save rewrites it once the rows after it outgrow <see cref="SnapshotPolicy.MaxTail"/>).</param>
/// <param name="Loaded">True when the instance is one this repository loaded (so built under its policy): only such an
/// instance is kept as a verified copy once saved.</param>
internal sealed record StoredEpisode(int Version, string HistoryHash, EpisodeSummary? Summary, ReportRowEntity? Report, int SnapshotVersion, bool Loaded = false);

/// <summary>
/// Issue 26: when a save rewrites the episode row's snapshot (the whole history as JSON). Between rewrites a save appends
/// the event rows only, so the snapshot holds the first S events and the rows after it are the tail a load replays on top.
/// The tail may grow to half the snapshot (at least <see cref="MinTail"/> events): rewriting costs time linear in the
/// history once per that many saves, so a save costs the same on average however long the episode.
/// </summary>
internal static class SnapshotPolicy
{
    /// <summary>The tail a short episode may have before its snapshot is rewritten.</summary>
    public const int MinTail = 32;

    /// <summary>The longest tail a snapshot of <paramref name="snapshotVersion"/> events may have.</summary>
    public static int MaxTail(int snapshotVersion) => Math.Max(MinTail, snapshotVersion / 2);

    /// <summary>True when a save to <paramref name="version"/> should rewrite a snapshot of <paramref name="snapshotVersion"/> events.</summary>
    public static bool Rewrite(int snapshotVersion, int version) => version - snapshotVersion > MaxTail(snapshotVersion);
}

/// <summary>
/// <see cref="StoredEpisode"/> per episode instance, held weakly (an entry lives as long as its episode). An instance's
/// first n events never change, so what was true of it at version n stays true; another instance with the same id
/// (built elsewhere, loaded again) has no entry and is hashed from the start. A remembered hash is only where the
/// chain resumes: the database's check on the hash column still decides whether a save extends the stored history.
/// </summary>
/// <threadsafety>Thread-safe (<see cref="ConditionalWeakTable{TKey, TValue}"/>); entries are immutable and replaced whole.</threadsafety>
internal sealed class StoredEpisodes
{
    private readonly ConditionalWeakTable<CafEpisode, StoredEpisode> _entries = new();

    public StoredEpisode? Recall(CafEpisode episode) => _entries.TryGetValue(episode, out var stored) ? stored : null;

    public void Remember(CafEpisode episode, StoredEpisode stored) => _entries.AddOrUpdate(episode, stored);
}

/// <summary>
/// Issue 26: an episode this repository read and checked in full, or saved, kept as a private copy at its stored version and
/// history hash, so the next load of the same version hands out a <see cref="CafEpisode.Copy"/> of it instead of reading
/// and replaying the whole history again.
/// </summary>
/// <param name="Version">The stored version the copy is of.</param>
/// <param name="HistoryHash">The stored history hash at <paramref name="Version"/>.</param>
/// <param name="SnapshotVersion">How many events the stored snapshot held.</param>
/// <param name="Episode">The copy; never handed out, never changed (only copied).</param>
internal sealed record VerifiedEpisode(int Version, string HistoryHash, int SnapshotVersion, CafEpisode Episode);

/// <summary>
/// The verified copies of one repository, by episode id, at most <see cref="Capacity"/> of them (a new one replaces an
/// arbitrary old one once full). A copy is used only when the episode row read by the load still has its version and
/// history hash; otherwise the load reads and checks everything, and keeps the new copy.
/// </summary>
/// <threadsafety>Thread-safe: a concurrent dictionary of immutable entries whose episodes are only copied.</threadsafety>
internal sealed class VerifiedEpisodes
{
    /// <summary>How many episodes one repository keeps.</summary>
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<Caf.Core.Primitives.EpisodeId, VerifiedEpisode> _entries = new();

    public VerifiedEpisode? Recall(Caf.Core.Primitives.EpisodeId id) => _entries.TryGetValue(id, out var entry) ? entry : null;

    public void Remember(Caf.Core.Primitives.EpisodeId id, VerifiedEpisode entry)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(id))
        {
            foreach (var key in _entries.Keys)
            {
                _entries.TryRemove(key, out _);
                break;
            }
        }

        _entries[id] = entry;
    }

    public void Forget(Caf.Core.Primitives.EpisodeId id) => _entries.TryRemove(id, out _);
}
