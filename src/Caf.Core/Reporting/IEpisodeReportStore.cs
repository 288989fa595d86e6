using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>
/// The report read model a store keeps beside each episode (REP-01..06): one <see cref="EpisodeReportRow"/> per episode,
/// written in the same save as the episode by the store's <see cref="IEpisodeReportProjector"/>, so reports stream rows
/// without loading or replaying episodes (<see cref="CafReportBuilder"/>). Implemented by
/// <see cref="Register.InMemoryEpisodeRepository"/> (when given a projector) and by the EF Core adapter.
/// </summary>
/// <remarks>A row is as fresh as the last save of its episode: a row never disagrees with a committed episode, and a
/// refused or failed save leaves the previous row. SHARE-01: rows carry the excluded agencies; a report for an agency
/// skips rows that exclude it (<see cref="EpisodeReportRow.Excludes"/>).</remarks>
public interface IEpisodeReportStore
{
    /// <summary>The row of one episode, or null when the episode is not stored.</summary>
    /// <param name="id">The episode.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The row, or null.</returns>
    ValueTask<EpisodeReportRow?> GetReportRowAsync(EpisodeId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams the rows of the episodes open at some time in a window (REP-01): opened before <paramref name="until"/>
    /// and not closed before <paramref name="from"/>, by opening date then episode id. Every row a report of that window
    /// counts (opened, closed, caseload, timeliness, re-referrals) is among them.
    /// </summary>
    /// <param name="from">The first day of the window.</param>
    /// <param name="until">The day after the last day of the window.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rows, read as they are enumerated.</returns>
    /// <exception cref="ArgumentException"><paramref name="until"/> is before <paramref name="from"/>.</exception>
    IAsyncEnumerable<EpisodeReportRow> StreamAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default);

    /// <summary>Streams every row, by opening date then episode id.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rows, read as they are enumerated.</returns>
    IAsyncEnumerable<EpisodeReportRow> StreamAllAsync(CancellationToken cancellationToken = default);
}
