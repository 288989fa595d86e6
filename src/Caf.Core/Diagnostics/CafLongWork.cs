using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.NationalData;
using Caf.Core.Reporting;

namespace Caf.Core.Diagnostics;

/// <summary>
/// The host's long work, counted: monitoring reports (<see cref="CafReportBuilder"/>) and national extracts
/// (<see cref="EarlyHelpCsv"/>) run with progress and cancellation as their static entry points do, and each run is
/// counted on the <see cref="CafTelemetry.MeterName"/> meter (<see cref="CafTelemetry.ReportRuns"/>,
/// <see cref="CafTelemetry.ReportDuration"/>, <see cref="CafTelemetry.ReportRows"/>, <see cref="CafTelemetry.ExtractRuns"/>,
/// <see cref="CafTelemetry.ExtractDuration"/>, <see cref="CafTelemetry.ExtractRows"/>) besides its trace.
/// <c>AddCafCore</c> registers one over <c>CafOptions.Reporting</c>, the host's <see cref="TimeProvider"/> and meter factory.
/// </summary>
/// <threadsafety>Immutable and thread-safe: each call is its own run.</threadsafety>
[Immutable]
public sealed class CafLongWork
{
    private readonly ReportingOptions _reporting;
    private readonly LongWorkTelemetry _telemetry;

    /// <summary>Creates the runner; without a meter factory runs are traced but not counted.</summary>
    /// <param name="reporting">The reporting policy; copied now.</param>
    /// <param name="time">The clock the durations are read from.</param>
    /// <param name="meterFactory">The host's meter factory, or null to count nothing. Each call creates the instruments: construct one per host.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reporting"/> or <paramref name="time"/> is null.</exception>
    /// <exception cref="ArgumentException">The reporting options are invalid.</exception>
    public CafLongWork(ReportingOptions reporting, TimeProvider time, IMeterFactory? meterFactory)
        : this(reporting, time, CafMetrics.Create(meterFactory))
    {
    }

    internal CafLongWork(ReportingOptions reporting, TimeProvider time, CafMetrics metrics)
    {
        Guard.Against.Null(reporting);
        Guard.Against.Null(time);
        var problems = new List<string>();
        reporting.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid reporting options: " + string.Join(" ", problems), nameof(reporting));
        }

        _reporting = new ReportingOptions
        {
            YearStartMonth = reporting.YearStartMonth,
            ReReferralWindowMonths = reporting.ReReferralWindowMonths,
            SmallCountThreshold = reporting.SmallCountThreshold,
            TopNeeds = reporting.TopNeeds,
        };
        _telemetry = new LongWorkTelemetry(Guard.Against.Null(metrics), time);
    }

    /// <summary>Every monitoring report over rows in one pass, as <see cref="CafReportBuilder.Run(IEnumerable{EpisodeReportRow}, CafReportRequest, ReportingOptions, Func{EpisodeReportRow, bool}?, IProgress{CafProgress}?, CancellationToken)"/>, counted.</summary>
    /// <param name="rows">The read model rows (each episode once).</param>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="include">An optional filter applied after the SHARE-01 check.</param>
    /// <param name="progress">Told how many rows have been read, or null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/>, <paramref name="request"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: nothing is returned.</exception>
    public CafReport RunReport(
        IEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        Func<EpisodeReportRow, bool>? include = null,
        IProgress<CafProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        CafReportBuilder.Run(rows, request, _reporting, include, progress, _telemetry, cancellationToken);

    /// <summary>Every monitoring report over an asynchronous stream of rows (a store's query), as <see cref="CafReportBuilder.RunAsync(IAsyncEnumerable{EpisodeReportRow}, CafReportRequest, ReportingOptions, Func{EpisodeReportRow, bool}?, IProgress{CafProgress}?, CancellationToken)"/>, counted.</summary>
    /// <param name="rows">The read model rows (each episode once), e.g. <see cref="IEpisodeReportStore"/>'s.</param>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="include">An optional filter applied after the SHARE-01 check.</param>
    /// <param name="progress">Told how many rows have been read, or null.</param>
    /// <param name="cancellationToken">Stops the run and the enumeration.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/>, <paramref name="request"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: nothing is returned.</exception>
    public ValueTask<CafReport> RunReportAsync(
        IAsyncEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        Func<EpisodeReportRow, bool>? include = null,
        IProgress<CafProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        CafReportBuilder.RunAsync(rows, request, _reporting, include, progress, _telemetry, cancellationToken);

    /// <summary>An early-help extract written as CSV, as <see cref="EarlyHelpCsv.Write(TextWriter, IEnumerable{EarlyHelpEpisodeRecord}, IProgress{CafProgress}?, CancellationToken)"/>, counted.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows (e.g. <see cref="EarlyHelpExtract.From(IEnumerable{EpisodeReportRow}, NationalDataExtractSettings)"/>), read once.</param>
    /// <param name="progress">Told how many rows have been written, or null.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="rows"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: no count is returned; discard what was written.</exception>
    public long WriteExtractCsv(
        TextWriter writer, IEnumerable<EarlyHelpEpisodeRecord> rows, IProgress<CafProgress>? progress = null, CancellationToken cancellationToken = default) =>
        EarlyHelpCsv.Write(writer, rows, progress, _telemetry, cancellationToken);

    /// <summary>An early-help extract from an asynchronous stream written as CSV, as <see cref="EarlyHelpCsv.WriteAsync(TextWriter, IAsyncEnumerable{EarlyHelpEpisodeRecord}, IProgress{CafProgress}?, CancellationToken)"/>, counted.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="rows">The rows, read once.</param>
    /// <param name="progress">Told how many rows have been written, or null.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <returns>How many rows were written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/>, <paramref name="rows"/> or a row is null.</exception>
    /// <exception cref="OperationCanceledException">Cancelled: no count is returned; discard what was written.</exception>
    public Task<long> WriteExtractCsvAsync(
        TextWriter writer, IAsyncEnumerable<EarlyHelpEpisodeRecord> rows, IProgress<CafProgress>? progress = null, CancellationToken cancellationToken = default) =>
        EarlyHelpCsv.WriteAsync(writer, rows, progress, _telemetry, cancellationToken);
}
