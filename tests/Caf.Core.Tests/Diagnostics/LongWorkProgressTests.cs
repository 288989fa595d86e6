using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.NationalData;
using Caf.Core.Reporting;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>
/// Issue 25, long work: monitoring reports and national extracts report <see cref="CafProgress"/> every
/// <see cref="CafProgress.Interval"/> rows and at the end (Done never goes down; the last report is Total of Total), and a
/// cancellation is honoured at the next row with nothing returned.
/// </summary>
public sealed class LongWorkProgressTests
{
    private static readonly DateOnly From = new(2025, 4, 1);
    private static readonly DateOnly To = new(2026, 4, 1);
    private static readonly CafReportRequest Request = new(ReportPeriodKind.Month, From, To, To.AddDays(-1));
    private static readonly EpisodeReportRow Row = CafCohortGenerator.ForDefaultFramework().Generate(seed: 25, count: 1, From, To).Single();
    private static readonly EarlyHelpEpisodeRecord Record = EarlyHelpExtract.From(Row, NationalDataExtractSettings.Default);

    // What the reports must be for n rows, written out: every thousand, then n of n unless just reported with the total.
    private static List<CafProgress> Expected(int n, bool totalKnown, string stage)
    {
        var expected = new List<CafProgress>();
        for (var done = 1000; done <= n; done += 1000)
        {
            expected.Add(new CafProgress(done, totalKnown ? n : null, stage));
        }

        if (!totalKnown || n % 1000 != 0 || n == 0)
        {
            expected.Add(new CafProgress(n, n, stage));
        }

        return expected;
    }

    [Property(MaxTest = 40)]
    public bool A_report_over_a_collection_reports_every_thousand_rows_with_the_total_and_ends_at_it(ushort size)
    {
        var n = size % 4600;
        var reports = new List<CafProgress>();
        var report = CafReportBuilder.Run(Enumerable.Repeat(Row, n).ToList(), Request, new ReportingOptions(), null, new Recorder(reports.Add), CancellationToken.None);
        return report.Episodes == n && reports.SequenceEqual(Expected(n, totalKnown: true, CafProgress.ReportRows));
    }

    [Property(MaxTest = 40)]
    public bool A_report_over_a_stream_reports_without_a_total_until_the_end(ushort size)
    {
        var n = size % 4600;
        var reports = new List<CafProgress>();
        CafReportBuilder.Run(Stream(n, Row), Request, new ReportingOptions(), null, new Recorder(reports.Add), CancellationToken.None);
        return reports.SequenceEqual(Expected(n, totalKnown: false, CafProgress.ReportRows))
            && reports.Zip(reports.Skip(1)).All(p => p.First.Done <= p.Second.Done);
    }

    [Fact]
    public async Task An_asynchronous_report_reports_every_thousand_rows_and_ends_at_the_total()
    {
        var reports = new List<CafProgress>();
        var report = await CafReportBuilder.RunAsync(StreamAsync(2500, Row), Request, new ReportingOptions(), null, new Recorder(reports.Add), CancellationToken.None);

        Assert.Equal(2500, report.Episodes);
        Assert.Equal(
            [new(1000, null, CafProgress.ReportRows), new(2000, null, CafProgress.ReportRows), new(2500, 2500, CafProgress.ReportRows)],
            reports);
    }

    [Fact]
    public void An_extract_reports_rows_written_and_ends_at_the_total()
    {
        var reports = new List<CafProgress>();
        using var writer = new StringWriter();

        var written = EarlyHelpCsv.Write(writer, Enumerable.Repeat(Record, 3000).ToList(), new Recorder(reports.Add), CancellationToken.None);

        Assert.Equal(3000, written);
        Assert.Equal(3001, writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // header and rows
        Assert.Equal(
            [new(1000, 3000, CafProgress.ExtractRows), new(2000, 3000, CafProgress.ExtractRows), new(3000, 3000, CafProgress.ExtractRows)],
            reports);
    }

    [Fact]
    public void A_report_cancelled_at_its_first_progress_report_throws_at_the_next_row_and_returns_nothing()
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<CafProgress>();
        var pulled = 0;
        CafReport? report = null;

        Assert.Throws<OperationCanceledException>(() => report = CafReportBuilder.Run(
            Counted(Stream(5000, Row), () => pulled++), Request, new ReportingOptions(), null,
            new Recorder(p => { reports.Add(p); cts.Cancel(); }), cts.Token));

        Assert.Null(report);
        Assert.Equal([new CafProgress(1000, null, CafProgress.ReportRows)], reports);
        Assert.Equal(1001, pulled); // promptly: the row after the report is not counted
    }

    [Fact]
    public async Task An_asynchronous_report_cancelled_at_its_first_progress_report_throws_and_returns_nothing()
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<CafProgress>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await CafReportBuilder.RunAsync(
            StreamAsync(5000, Row), Request, new ReportingOptions(), null, new Recorder(p => { reports.Add(p); cts.Cancel(); }), cts.Token));

        Assert.Equal([new CafProgress(1000, null, CafProgress.ReportRows)], reports);
    }

    [Fact]
    public async Task An_extract_cancelled_at_its_first_progress_report_throws_and_returns_no_count()
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<CafProgress>();
        using var writer = new StringWriter();

        Assert.Throws<OperationCanceledException>(() => EarlyHelpCsv.Write(
            writer, Enumerable.Repeat(Record, 5000).ToList(), new Recorder(p => { reports.Add(p); cts.Cancel(); }), cts.Token));
        Assert.Equal([new CafProgress(1000, 5000, CafProgress.ExtractRows)], reports);

        using var cts2 = new CancellationTokenSource();
        var reports2 = new List<CafProgress>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EarlyHelpCsv.WriteAsync(
            new StringWriter(), StreamAsync(5000, Record), new Recorder(p => { reports2.Add(p); cts2.Cancel(); }), cts2.Token));
        Assert.Equal([new CafProgress(1000, null, CafProgress.ExtractRows)], reports2);
    }

    [Fact]
    public void A_run_cancelled_at_its_last_row_returns_nothing_either()
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<CafProgress>();

        // 1000 rows of a collection: the report at 1000 is the last; cancelling in it still returns nothing.
        Assert.Throws<OperationCanceledException>(() => CafReportBuilder.Run(
            Enumerable.Repeat(Row, 1000).ToList(), Request, new ReportingOptions(), null, new Recorder(p => { reports.Add(p); cts.Cancel(); }), cts.Token));
        Assert.Equal([new CafProgress(1000, 1000, CafProgress.ReportRows)], reports);
    }

    [Fact]
    public void Progress_is_a_value()
    {
        Assert.Equal(new CafProgress(5, 10, CafProgress.ReportRows), new CafProgress(5, 10, "report.rows"));
        Assert.NotEqual(new CafProgress(5, 10, CafProgress.ReportRows), new CafProgress(5, null, CafProgress.ReportRows));
    }

    internal static IEnumerable<T> Stream<T>(int n, T item)
    {
        for (var i = 0; i < n; i++)
        {
            yield return item;
        }
    }

    internal static async IAsyncEnumerable<T> StreamAsync<T>(int n, T item)
    {
        for (var i = 0; i < n; i++)
        {
            if (i % 500 == 0)
            {
                await Task.Yield();
            }

            yield return item;
        }
    }

    private static IEnumerable<T> Counted<T>(IEnumerable<T> items, Action pulled)
    {
        foreach (var item in items)
        {
            pulled();
            yield return item;
        }
    }

    /// <summary>Reports synchronously, on the worker's thread (<see cref="Progress{T}"/> would post them).</summary>
    internal sealed class Recorder(Action<CafProgress> report) : IProgress<CafProgress>
    {
        public void Report(CafProgress value) => report(value);
    }
}
