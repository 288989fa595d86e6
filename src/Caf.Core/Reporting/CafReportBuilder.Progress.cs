using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Diagnostics;

namespace Caf.Core.Reporting;

// Long work (issue 25): the runs with progress and cancellation, traced as caf.report.build (docs/operations.md).
public sealed partial class CafReportBuilder
{
    /// <summary>
    /// As <see cref="Run(IEnumerable{EpisodeReportRow}, CafReportRequest, ReportingOptions, Func{EpisodeReportRow, bool}?)"/>,
    /// reporting progress (<see cref="CafProgress.ReportRows"/>, every <see cref="CafProgress.Interval"/> rows and at the
    /// end; the total is known when <paramref name="rows"/> is a collection) and stopping when cancelled: cancellation is
    /// checked before each row, and a cancelled run returns nothing. Traced as <see cref="CafTelemetry.ReportActivity"/>;
    /// counted on the meter through <see cref="CafLongWork"/>.
    /// </summary>
    /// <param name="rows">The read model rows (each episode once).</param>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="options">Reporting policy.</param>
    /// <param name="include">An optional filter applied after the SHARE-01 check.</param>
    /// <param name="progress">Told how many rows have been read, or null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument (other than <paramref name="include"/> and <paramref name="progress"/>) or a row is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static CafReport Run(
        IEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        ReportingOptions options,
        Func<EpisodeReportRow, bool>? include,
        IProgress<CafProgress>? progress,
        CancellationToken cancellationToken) =>
        Run(rows, request, options, include, progress, LongWorkTelemetry.Traced, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(IAsyncEnumerable{EpisodeReportRow}, CafReportRequest, ReportingOptions, Func{EpisodeReportRow, bool}?, CancellationToken)"/>,
    /// reporting progress (<see cref="CafProgress.ReportRows"/>; the total is known only at the end) and stopping when
    /// cancelled, as the synchronous overload does.
    /// </summary>
    /// <param name="rows">The read model rows (each episode once).</param>
    /// <param name="request">What the report covers and whom it is for.</param>
    /// <param name="options">Reporting policy.</param>
    /// <param name="include">An optional filter applied after the SHARE-01 check.</param>
    /// <param name="progress">Told how many rows have been read, or null.</param>
    /// <param name="cancellationToken">Stops the run (and the enumeration).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument (other than <paramref name="include"/> and <paramref name="progress"/>) or a row is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ValueTask<CafReport> RunAsync(
        IAsyncEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        ReportingOptions options,
        Func<EpisodeReportRow, bool>? include,
        IProgress<CafProgress>? progress,
        CancellationToken cancellationToken) =>
        RunAsync(rows, request, options, include, progress, LongWorkTelemetry.Traced, cancellationToken);

    internal static CafReport Run(
        IEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        ReportingOptions options,
        Func<EpisodeReportRow, bool>? include,
        IProgress<CafProgress>? progress,
        LongWorkTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        Guard.Against.Null(rows);
        var builder = new CafReportBuilder(request, options, include); // misuse throws before the run starts
        var counter = new ProgressCounter(progress, rows.TryGetNonEnumeratedCount(out var total) ? total : null, CafProgress.ReportRows, cancellationToken);
        using var run = telemetry.StartReport(request);
        try
        {
            foreach (var row in rows)
            {
                counter.Next();
                builder.Add(row);
                counter.Counted();
            }

            counter.Finish();
            var report = builder.Build();
            run.Succeeded(counter.Done);
            return report;
        }
        catch (Exception ex)
        {
            run.Failed(ex, counter.Done);
            throw;
        }
    }

    internal static async ValueTask<CafReport> RunAsync(
        IAsyncEnumerable<EpisodeReportRow> rows,
        CafReportRequest request,
        ReportingOptions options,
        Func<EpisodeReportRow, bool>? include,
        IProgress<CafProgress>? progress,
        LongWorkTelemetry telemetry,
        CancellationToken cancellationToken)
    {
        Guard.Against.Null(rows);
        var builder = new CafReportBuilder(request, options, include);
        var counter = new ProgressCounter(progress, null, CafProgress.ReportRows, cancellationToken);
        using var run = telemetry.StartReport(request);
        try
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                counter.Next();
                builder.Add(row);
                counter.Counted();
            }

            counter.Finish();
            var report = builder.Build();
            run.Succeeded(counter.Done);
            return report;
        }
        catch (Exception ex)
        {
            run.Failed(ex, counter.Done);
            throw;
        }
    }
}
