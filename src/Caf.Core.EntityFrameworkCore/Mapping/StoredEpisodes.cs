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
internal sealed record StoredEpisode(int Version, string HistoryHash, EpisodeSummary? Summary, ReportRowEntity? Report);

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
