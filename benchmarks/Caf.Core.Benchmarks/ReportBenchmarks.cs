using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Reporting;

namespace Caf.Core.Benchmarks;

/// <summary>
/// REP-01..03 over one million read-model rows: the one-pass <see cref="CafReportBuilder"/> (which also
/// computes REP-04..06) against the obvious LINQ, one <c>GroupBy</c> per report, as the baseline.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private static readonly DateOnly From = new(2023, 4, 1);
    private static readonly DateOnly To = new(2026, 4, 1);
    private static readonly DateOnly AsOf = new(2026, 3, 31);

    private readonly ReportingOptions _options = new();
    private readonly CafReportRequest _request = new(ReportPeriodKind.Month, From, To, AsOf);
    private List<EpisodeReportRow> _rows = [];

    [Params(1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _rows = CafCohortGenerator.ForDefaultFramework().Generate(2026, Rows, From, To).ToList();

    [Benchmark(Baseline = true, Description = "LINQ GroupBy per report (REP-01..03)")]
    public int LinqGroupByPerReport()
    {
        static DateOnly Month(DateOnly d) => new(d.Year, d.Month, 1);
        var opened = _rows.Where(r => r.OpenedOn >= From && r.OpenedOn < To).ToList();
        var closedInWindow = _rows.Where(r => r.ClosedOn >= From && r.ClosedOn < To).ToList();

        var openedPerMonth = opened.GroupBy(r => Month(r.OpenedOn)).ToDictionary(g => g.Key, g => g.Count());
        var intentsPerMonth = opened.Where(r => r.IntentToCaf).GroupBy(r => Month(r.OpenedOn)).ToDictionary(g => g.Key, g => g.Count());
        var closedPerMonth = closedInWindow.GroupBy(r => Month(r.ClosedOn!.Value)).ToDictionary(g => g.Key, g => g.Count());
        var openBefore = _rows.Count(r => r.OpenedOn < From && !(r.ClosedOn < From));
        var caseload = _rows.Count(r => r.IsOpenAt(AsOf));
        var needs = opened.SelectMany(r => r.Needs).GroupBy(n => n)
            .Select(g => (g.Key, Count: g.Count()))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Key.IndicatorId, StringComparer.Ordinal).ToList();
        var byDomain = opened.SelectMany(r => r.Needs).GroupBy(n => n.Domain).ToDictionary(g => g.Key, g => g.Count());
        var bySetting = opened.GroupBy(r => r.InitiatingSetting).ToDictionary(g => g.Key, g => g.Count());
        var byAgency = opened.GroupBy(r => r.InitiatingAgency).ToDictionary(g => g.Key, g => g.Count());
        var byBand = opened.GroupBy(r => r.AgeBandAtOpening).ToDictionary(g => g.Key, g => g.Count());
        var byOutcome = closedInWindow.GroupBy(r => r.ClosureOutcomeCode!).ToDictionary(g => g.Key, g => g.Count());
        var byCategory = closedInWindow.GroupBy(r => r.ClosureCategory!).ToDictionary(g => g.Key, g => g.Count());
        var byLead = _rows.Where(r => r.IsOpenAt(AsOf) && r.LeadProfessionalAgency is not null)
            .GroupBy(r => r.LeadProfessionalAgency!.Value).ToDictionary(g => g.Key, g => g.Count());

        return openedPerMonth.Count + intentsPerMonth.Count + closedPerMonth.Count + openBefore + caseload + needs.Count
            + byDomain.Count + bySetting.Count + byAgency.Count + byBand.Count + byOutcome.Count + byCategory.Count + byLead.Count;
    }

    [Benchmark(Description = "CafReportBuilder, one pass (REP-01..06)")]
    public int OnePass() => CafReportBuilder.Run(_rows, _request, _options).Needs.Length;
}
