using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.Tests.Diagnostics.LongWorkProgressTests;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>
/// Issue 25: report and extract runs on the <c>Caf.Core</c> meter (through <see cref="CafLongWork"/>, as <c>AddCafCore</c>
/// registers it) and activity source, and the store verifier's span. Durations are read from the host's fake clock,
/// which the rows advance by hand.
/// </summary>
public sealed class LongWorkTelemetryTests : IDisposable
{
    private static readonly DateOnly From = new(2025, 4, 1);
    private static readonly DateOnly To = new(2026, 4, 1);
    private static readonly AgencyId Agency = new("agency-report-5e1f");
    private readonly TelemetryHarness _host = new();
    private readonly List<EpisodeReportRow> _rows = [.. CafCohortGenerator.ForDefaultFramework().Generate(seed: 2025, count: 2500, From, To)];

    public void Dispose() => _host.Dispose();

    // Each row is read after 1 ms of the fake clock: 2500 rows take 2.5 s.
    private IEnumerable<T> Slowly<T>(IEnumerable<T> items, FakeTimeProvider clock)
    {
        foreach (var item in items)
        {
            clock.Advance(TimeSpan.FromMilliseconds(1));
            yield return item;
        }
    }

    [Fact]
    public void A_report_run_is_counted_with_its_rows_and_timed_by_period_kind_and_scope()
    {
        var report = _host.LongWork.RunReport(Slowly(_rows, _host.Clock), new CafReportRequest(ReportPeriodKind.Quarter, From, To, To.AddDays(-1)));

        Assert.Equal(2500, report.Episodes);
        var run = Assert.Single(_host.Of(CafTelemetry.ReportRuns));
        Assert.Equal((1d, "ok", "Quarter", "all"), (run.Value, run.Tag(CafTelemetry.OutcomeTag), run.Tag(CafTelemetry.ReportPeriodTag), run.Tag(CafTelemetry.ReportScopeTag)));
        Assert.Equal(2500d, Assert.Single(_host.Of(CafTelemetry.ReportRows)).Value);
        var duration = Assert.Single(_host.Of(CafTelemetry.ReportDuration));
        Assert.Equal(2.5, duration.Value, 9);
        Assert.Equal(run.Tags, duration.Tags);
        Assert.Empty(_host.Of(CafTelemetry.ExtractRuns));
    }

    [Fact]
    public async Task A_cancelled_report_run_is_counted_as_cancelled_with_the_rows_read_before()
    {
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _host.LongWork.RunReportAsync(
            StreamAsync(5000, _rows[0]), new CafReportRequest(ReportPeriodKind.Month, From, To, To.AddDays(-1)), null,
            new Recorder(_ => cts.Cancel()), cts.Token));

        var run = Assert.Single(_host.Of(CafTelemetry.ReportRuns));
        Assert.Equal(("cancelled", "Month"), (run.Tag(CafTelemetry.OutcomeTag), run.Tag(CafTelemetry.ReportPeriodTag)));
        Assert.Equal(1000d, Assert.Single(_host.Of(CafTelemetry.ReportRows)).Value);
    }

    [Fact]
    public async Task An_extract_run_is_counted_with_its_rows_and_timed_by_format()
    {
        var records = _rows.Select(r => EarlyHelpExtract.From(r, NationalDataExtractSettings.Default)).ToList();
        using var writer = new StringWriter();

        Assert.Equal(2500, _host.LongWork.WriteExtractCsv(writer, Slowly(records, _host.Clock)));
        Assert.Equal(1200, await _host.LongWork.WriteExtractCsvAsync(new StringWriter(), StreamAsync(1200, records[0])));

        Assert.Equal([(1d, "ok", "csv"), (1d, "ok", "csv")],
            _host.Of(CafTelemetry.ExtractRuns).Select(m => (m.Value, m.Tag(CafTelemetry.OutcomeTag), m.Tag(CafTelemetry.ExtractFormatTag))));
        Assert.Equal([2500d, 1200d], _host.Of(CafTelemetry.ExtractRows).Select(m => m.Value));
        Assert.Equal([2.5, 0], _host.Of(CafTelemetry.ExtractDuration).Select(m => Math.Round(m.Value, 9)));
        Assert.Empty(_host.Of(CafTelemetry.ReportRuns));
    }

    [Fact]
    public void The_static_entry_points_are_traced_but_not_counted()
    {
        CafReportBuilder.Run(_rows, new CafReportRequest(ReportPeriodKind.Month, From, To, To.AddDays(-1)), new ReportingOptions());
        EarlyHelpCsv.Write(new StringWriter(), [EarlyHelpExtract.From(_rows[0], NationalDataExtractSettings.Default)]);

        Assert.Empty(_host.Of(CafTelemetry.ReportRuns));
        Assert.Empty(_host.Of(CafTelemetry.ExtractRuns));
    }

    [Fact]
    public async Task Report_and_extract_spans_carry_outcome_kind_and_row_count_and_no_id()
    {
        using var traces = new TraceCollector();
        await traces.UnderRootAsync(async () =>
        {
            // For one agency (SHARE-01): the scope says "agency", never which.
            _host.LongWork.RunReport(_rows, new CafReportRequest(ReportPeriodKind.Year, From, To, To.AddDays(-1), Agency));
            await _host.LongWork.WriteExtractCsvAsync(new StringWriter(), StreamAsync(10, EarlyHelpExtract.From(_rows[0], NationalDataExtractSettings.Default)));
        });

        var report = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.ReportActivity);
        Assert.Equal(traces.Root.SpanId, report.ParentSpanId);
        Assert.Equal("ok", report.GetTagItem(CafTelemetry.OutcomeTag));
        Assert.Equal("Year", report.GetTagItem(CafTelemetry.ReportPeriodTag));
        Assert.Equal("agency", report.GetTagItem(CafTelemetry.ReportScopeTag));
        Assert.Equal(2500L, report.GetTagItem(CafTelemetry.RowsTag));
        var extract = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.ExtractActivity);
        Assert.Equal(("ok", "csv", 10L), (extract.GetTagItem(CafTelemetry.OutcomeTag), extract.GetTagItem(CafTelemetry.ExtractFormatTag), extract.GetTagItem(CafTelemetry.RowsTag)));

        string[] ids = [Agency.Value, _rows[0].EpisodeId.Value, _rows[0].ChildId.Value, _rows[0].InitiatingAgency.Value];
        var values = traces.Activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "")
            .Concat(_host.Measurements.SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? ""))
            .ToList();
        Assert.All(values, v => Assert.DoesNotContain(ids, id => v.Contains(id, StringComparison.OrdinalIgnoreCase)));
        Assert.All(_host.Of(CafTelemetry.ReportRuns), m => Assert.Equal("agency", m.Tag(CafTelemetry.ReportScopeTag)));
    }

    [Fact]
    public async Task A_cancelled_run_ends_its_span_as_cancelled_with_the_rows_read()
    {
        using var traces = new TraceCollector();
        using var cts = new CancellationTokenSource();
        await traces.UnderRootAsync(() =>
        {
            Assert.Throws<OperationCanceledException>(() => EarlyHelpCsv.Write(
                new StringWriter(), Stream(3000, EarlyHelpExtract.From(_rows[0], NationalDataExtractSettings.Default)), new Recorder(_ => cts.Cancel()), cts.Token));
            return Task.CompletedTask;
        });

        var extract = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.ExtractActivity);
        Assert.Equal(("cancelled", 1000L), (extract.GetTagItem(CafTelemetry.OutcomeTag), extract.GetTagItem(CafTelemetry.RowsTag)));
    }

    [Fact]
    public async Task The_in_memory_verifier_is_traced_with_episodes_checked_and_problems()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        Assert.True((await store.AddAsync(seeds.Identified(new EpisodeId("ep-verify-1")))).IsSuccess);
        using var traces = new TraceCollector();

        await traces.UnderRootAsync(async () => Assert.Equal(1, (await store.VerifyAsync()).EpisodesChecked));

        var verify = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.VerifyActivity);
        Assert.Equal(("ok", 1, 0), (verify.GetTagItem(CafTelemetry.OutcomeTag), verify.GetTagItem(CafTelemetry.RowsTag), verify.GetTagItem(CafTelemetry.ProblemsTag)));
    }

    [Fact]
    public async Task The_what_if_is_traced_with_episodes_compared_and_reports_progress_to_the_total()
    {
        var seeds = new Seeds();
        var episodes = Enumerable.Range(1, 3).Select(i => seeds.Identified(new EpisodeId($"ep-whatif-{i}"))).ToList();
        var reported = new List<CafProgress>();
        using var traces = new TraceCollector();

        await traces.UnderRootAsync(() =>
        {
            new Caf.Core.Analysis.PolicyWhatIf(Caf.Core.Analysis.PolicyConfiguration.Default("A"), Caf.Core.Analysis.PolicyConfiguration.Default("B"))
                .Compare(episodes, null, new Recorder(reported.Add), CancellationToken.None);
            return Task.CompletedTask;
        });

        var compare = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.WhatIfActivity);
        Assert.Equal(("ok", 3), (compare.GetTagItem(CafTelemetry.OutcomeTag), compare.GetTagItem(CafTelemetry.RowsTag)));
        Assert.Equal([new CafProgress(3, 3, CafProgress.WhatIfEpisodes)], reported);
        Assert.DoesNotContain(compare.TagObjects, tag => tag.Value is string text && text.Contains("ep-whatif", StringComparison.Ordinal));
    }
}
