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
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;

namespace Caf.Core.Reads;

/// <summary>
/// LAW-04: the stores' queries that return episode content, audited: each read is recorded in the read-audit log
/// (who, when, purpose, basis, what) before its content is returned. Works over any store (the in-memory one, the
/// EF Core one, a host's own).
/// </summary>
/// <remarks>
/// <para>On the family's consent (<see cref="LegalBasis.Consent"/>) a reader whose agency the family excluded (CONS-05)
/// is refused (SHARE-01) and lists leave those episodes out, as the register and the web adapter do; nothing is
/// recorded for what was not shown. On a safeguarding override or a statutory duty the read is not gated here (the
/// host decides the basis applies) and is recorded with that basis.</para>
/// <para>A host's own processes (a retention sweep, a national extract) read the store directly; what this class
/// audits is a person reading a child's record.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe when the store and the log are.</threadsafety>
[Immutable]
public sealed class AuditedEpisodeReads
{
    private readonly IEpisodeRepository _repository;
    private readonly IEpisodeReportStore? _reports;
    private readonly IReadAuditLog? _audit;
    private readonly TimeProvider _time;

    /// <summary>Creates the audited reads over a store.</summary>
    /// <param name="repository">The store.</param>
    /// <param name="audit">The read-audit log.</param>
    /// <param name="time">The clock the entries are dated by.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public AuditedEpisodeReads(IEpisodeRepository repository, IReadAuditLog audit, TimeProvider time)
        : this(repository, null, Guard.Against.Null(audit), time, unaudited: false)
    {
    }

    /// <summary>Creates the audited reads over a store and its report rows (which name the child).</summary>
    /// <param name="repository">The store.</param>
    /// <param name="reports">The report read model.</param>
    /// <param name="audit">The read-audit log.</param>
    /// <param name="time">The clock the entries are dated by.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public AuditedEpisodeReads(IEpisodeRepository repository, IEpisodeReportStore reports, IReadAuditLog audit, TimeProvider time)
        : this(repository, Guard.Against.Null(reports), Guard.Against.Null(audit), time, unaudited: false)
    {
    }

    // The register's: a null log records nothing (a policy without a read audit).
    internal static AuditedEpisodeReads ForRegister(IEpisodeRepository repository, IEpisodeReportStore? reports, IReadAuditLog? audit, TimeProvider time) =>
        new(repository, reports, audit, time, unaudited: true);

    private AuditedEpisodeReads(IEpisodeRepository repository, IEpisodeReportStore? reports, IReadAuditLog? audit, TimeProvider time, bool unaudited)
    {
        _ = unaudited;
        _repository = Guard.Against.Null(repository);
        _reports = reports;
        _audit = audit;
        _time = Guard.Against.Null(time);
    }

    /// <summary>Loads an episode for a reader; the read is recorded before the episode is returned.</summary>
    /// <param name="id">The episode.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The episode; <see cref="StoreCodes.NotFound"/>; or SHARE-01 on consent when the family excluded the reader's agency.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default or <paramref name="reader"/> is null.</exception>
    public async ValueTask<Result<CafEpisode>> GetAsync(EpisodeId id, ReadContext reader, CancellationToken cancellationToken = default)
    {
        if (id.IsDefault)
        {
            throw new ArgumentException("EpisodeId must not be default.", nameof(id));
        }

        Guard.Against.Null(reader);
        var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (episode is null)
        {
            return Result<CafEpisode>.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "id");
        }

        if (reader.Basis == LegalBasis.Consent && episode.Consent.Excludes(reader.Reader.Agency))
        {
            return Result<CafEpisode>.Refused("SHARE-01",
                "The family excluded this agency (CONS-05): its practitioners do not see this episode on the family's consent.", "reader");
        }

        await RecordAsync([Entry(episode.Id, episode.Child.Id, reader, ReadItems.EpisodeRecord)], cancellationToken).ConfigureAwait(false);
        return episode;
    }

    /// <summary>
    /// LAW-01, LAW-04: the family-facing view of an episode's hand-overs for a reader (what went to whom, when and on
    /// which basis), gated as <see cref="GetAsync"/> is; the read is recorded (<see cref="ReadItems.SharingRecord"/>)
    /// before the lines are returned.
    /// </summary>
    /// <param name="id">The episode.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="source">The host's sharing audit, read back (<see cref="IFamilySharingViewSource"/>).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The lines, oldest first; <see cref="StoreCodes.NotFound"/>; or SHARE-01 on consent when the family excluded the reader's agency.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is default, or <paramref name="reader"/> or <paramref name="source"/> is null.</exception>
    public async ValueTask<Result<ImmutableArray<FamilySharingLine>>> FamilySharingAsync(
        EpisodeId id, ReadContext reader, IFamilySharingViewSource source, CancellationToken cancellationToken = default)
    {
        if (id.IsDefault)
        {
            throw new ArgumentException("EpisodeId must not be default.", nameof(id));
        }

        Guard.Against.Null(reader);
        Guard.Against.Null(source);
        var episode = await _repository.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (episode is null)
        {
            return Result<ImmutableArray<FamilySharingLine>>.Refused(StoreCodes.NotFound, $"Episode {id} is not on the register.", "id");
        }

        if (reader.Basis == LegalBasis.Consent && episode.Consent.Excludes(reader.Reader.Agency))
        {
            return Result<ImmutableArray<FamilySharingLine>>.Refused("SHARE-01",
                "The family excluded this agency (CONS-05): its practitioners do not see this episode on the family's consent.", "reader");
        }

        var lines = await source.FamilyViewAsync(id, cancellationToken).ConfigureAwait(false);
        await RecordAsync([Entry(episode.Id, episode.Child.Id, reader, ReadItems.SharingRecord)], cancellationToken).ConfigureAwait(false);
        return lines;
    }

    /// <summary>Lists episode summaries for a reader; one read is recorded per summary returned.</summary>
    /// <param name="specification">The query (e.g. <see cref="Register.Specifications.EpisodesOfChildSpec"/>).</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The summaries, without those whose consent excludes the reader's agency when the basis is consent.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public async ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(
        ISpecification<EpisodeSummary> specification, ReadContext reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(specification);
        Guard.Against.Null(reader);
        var listed = await _repository.ListAsync(specification, cancellationToken).ConfigureAwait(false);
        return await ShownAsync(listed, reader, ReadItems.RegisterSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report row of an episode for a reader (a row names the child); the read is recorded first.</summary>
    /// <param name="id">The episode.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The row, or null when there is none or (on consent) the family excluded the reader's agency.</returns>
    /// <exception cref="InvalidOperationException">Created without a report store.</exception>
    public async ValueTask<EpisodeReportRow?> GetReportRowAsync(EpisodeId id, ReadContext reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(reader);
        var row = await Reports().GetReportRowAsync(id, cancellationToken).ConfigureAwait(false);
        if (row is null || (reader.Basis == LegalBasis.Consent && row.Excludes(reader.Reader.Agency)))
        {
            return null;
        }

        await RecordAsync([Entry(row.EpisodeId, row.ChildId, reader, ReadItems.ReportRow)], cancellationToken).ConfigureAwait(false);
        return row;
    }

    /// <summary>
    /// The report rows of a window (<see cref="IEpisodeReportStore.StreamAsync"/>) for a reader: each row is recorded as
    /// read before it is yielded; on consent, rows that exclude the reader's agency are skipped.
    /// </summary>
    /// <param name="from">The first day of the window.</param>
    /// <param name="until">The day after the last day.</param>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="InvalidOperationException">Created without a report store.</exception>
    public IAsyncEnumerable<EpisodeReportRow> StreamReportRowsAsync(DateOnly from, DateOnly until, ReadContext reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(reader);
        return Stream(Reports().StreamAsync(from, until, cancellationToken), reader, cancellationToken);
    }

    /// <summary>
    /// Every report row (<see cref="IEpisodeReportStore.StreamAllAsync"/>) for a reader, such as a person preparing a
    /// national extract (<see cref="NationalData.EarlyHelpExtract.FromAsync(IAsyncEnumerable{EpisodeReportRow}, NationalData.NationalDataExtractSettings, CancellationToken)"/>):
    /// each row is recorded as read before it is yielded; on consent, rows that exclude the reader's agency are skipped.
    /// </summary>
    /// <param name="reader">Who reads, why, on which basis.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rows, by opening date then episode id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Created without a report store.</exception>
    public IAsyncEnumerable<EpisodeReportRow> StreamAllReportRowsAsync(ReadContext reader, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(reader);
        return Stream(Reports().StreamAllAsync(cancellationToken), reader, cancellationToken);
    }

    /// <summary>Who has seen a child's record (<see cref="IReadAuditLog.ReadersOfAsync"/>).</summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The reads, oldest first; empty when no log is kept.</returns>
    public ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, CancellationToken cancellationToken = default) =>
        _audit is null ? new ValueTask<IReadOnlyList<ReadAuditEntry>>([]) : _audit.ReadersOfAsync(child, cancellationToken);

    internal async ValueTask<IReadOnlyList<EpisodeSummary>> ShownAsync(
        IReadOnlyList<EpisodeSummary> listed, ReadContext reader, string what, CancellationToken cancellationToken)
    {
        var shown = reader.Basis == LegalBasis.Consent ? [.. listed.Where(s => !s.Excludes(reader.Reader.Agency))] : listed;
        if (shown.Count > 0)
        {
            await RecordAsync([.. shown.Select(s => Entry(s.Id, s.Child, reader, what))], cancellationToken).ConfigureAwait(false);
        }

        return shown;
    }

    internal ReadAuditEntry Entry(EpisodeId episode, ChildId child, ReadContext reader, string what) =>
        new(episode, child, reader.Reader, _time.GetUtcNow(), reader.Purpose, reader.Basis, what);

    internal ValueTask RecordAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken cancellationToken) =>
        _audit is null ? ValueTask.CompletedTask : _audit.RecordAsync(entries, cancellationToken);

    private async IAsyncEnumerable<EpisodeReportRow> Stream(
        IAsyncEnumerable<EpisodeReportRow> rows, ReadContext reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (reader.Basis == LegalBasis.Consent && row.Excludes(reader.Reader.Agency))
            {
                continue;
            }

            await RecordAsync([Entry(row.EpisodeId, row.ChildId, reader, ReadItems.ReportRow)], cancellationToken).ConfigureAwait(false);
            yield return row;
        }
    }

    private IEpisodeReportStore Reports() =>
        _reports ?? throw new InvalidOperationException("These audited reads were created without a report store: pass the IEpisodeReportStore to read report rows.");
}
