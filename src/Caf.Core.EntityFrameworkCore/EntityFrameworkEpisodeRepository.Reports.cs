using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <content>The report read model (<see cref="IEpisodeReportStore"/>): rows streamed from <c>caf_episode_report_rows</c>.</content>
public sealed partial class EntityFrameworkEpisodeRepository<TContext>
{
    /// <inheritdoc />
    /// <exception cref="System.Text.Json.JsonException">The stored payload is not a report row.</exception>
    public async ValueTask<EpisodeReportRow?> GetReportRowAsync(EpisodeId id, CancellationToken cancellationToken = default)
    {
        Guard.Against.Default(id);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var payload = await db.Rows<ReportRowEntity>(_authority).AsNoTracking().Where(r => r.EpisodeId == id).Select(r => r.Payload)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return payload is null ? null : EpisodeReportRowJson.Deserialize(payload);
    }

    /// <inheritdoc />
    /// <remarks>One query (the window on the indexed <c>opened_on</c> and <c>closed_on</c> columns), read as it is enumerated
    /// on a context of its own; no episode is loaded.</remarks>
    public IAsyncEnumerable<EpisodeReportRow> StreamAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        if (until < from)
        {
            throw new ArgumentException($"The window ends ({until}) before it starts ({from}).", nameof(until));
        }

        return StreamRowsAsync(q => q.Where(r => r.OpenedOn < until && (r.ClosedOn == null || r.ClosedOn >= from)), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<EpisodeReportRow> StreamAllAsync(CancellationToken cancellationToken = default) =>
        StreamRowsAsync(q => q, cancellationToken);

    /// <summary>The query a window becomes (for <c>ToQueryString()</c> in tests).</summary>
    internal static IQueryable<string> ReportQuery(DbContext db, DateOnly from, DateOnly until, AuthorityId? authority = null) =>
        db.Rows<ReportRowEntity>(authority ?? AuthorityId.Default).AsNoTracking().Where(r => r.OpenedOn < until && (r.ClosedOn == null || r.ClosedOn >= from))
            .OrderBy(r => r.OpenedOn).ThenBy(r => r.EpisodeId).Select(r => r.Payload);

    private async IAsyncEnumerable<EpisodeReportRow> StreamRowsAsync(
        Func<IQueryable<ReportRowEntity>, IQueryable<ReportRowEntity>> filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var payloads = filter(db.Rows<ReportRowEntity>(_authority).AsNoTracking())
            .OrderBy(r => r.OpenedOn).ThenBy(r => r.EpisodeId).Select(r => r.Payload).AsAsyncEnumerable();
        await foreach (var payload in payloads.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return EpisodeReportRowJson.Deserialize(payload);
        }
    }

    // The row written with a save. REP-06: the closure date of the most recent linked previous episode, read only when
    // the episode links any (from the episode rows, so episodes stored before the read model count too).
    private async Task<ReportRowEntity> ReportRowAsync(DbContext db, CafEpisode episode, CancellationToken cancellationToken)
    {
        DateOnly? previousClosedOn = null;
        if (!episode.PreviousEpisodes.IsEmpty)
        {
            var previous = episode.PreviousEpisodes.ToList();
            var closed = await db.Episodes(_authority).AsNoTracking()
                .Where(s => previous.Contains(s.Id) && s.ClosedAt != null)
                .Select(s => s.ClosedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (closed.Count > 0)
            {
                previousClosedOn = DateOnly.FromDateTime(closed.Max()!.Value.UtcDateTime);
            }
        }

        return ReportRowEntity.Of(_projector.Project(episode, previousClosedOn)).In(_authority);
    }
}
