using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Reporting;

namespace Caf.Core.Tests.Reporting;

/// <summary>
/// The reports computed the obvious way, one LINQ GroupBy per report over the whole cohort, straight from
/// the definitions in docs/reporting.md. Periods are found by stepping from an anchor, not by key arithmetic.
/// </summary>
internal sealed class LinqReportOracle
{
    private readonly ReportCohortGen.Scenario _s;
    private readonly int _length;

    public LinqReportOracle(ReportCohortGen.Scenario scenario)
    {
        _s = scenario;
        _length = scenario.Kind switch { ReportPeriodKind.Month => 1, ReportPeriodKind.Quarter => 3, _ => 12 };
        WindowStart = PeriodStart(scenario.From);
        WindowEnd = PeriodStart(scenario.To.AddDays(-1)).AddMonths(_length);
        var starts = new List<DateOnly>();
        for (var p = WindowStart; p < WindowEnd; p = p.AddMonths(_length))
        {
            starts.Add(p);
        }

        PeriodStarts = starts;
    }

    public DateOnly WindowStart { get; }

    public DateOnly WindowEnd { get; }

    public IReadOnlyList<DateOnly> PeriodStarts { get; }

    private IEnumerable<EpisodeReportRow> OpenedInWindow => _s.Rows.Where(r => InWindow(r.OpenedOn));

    public DateOnly PeriodStart(DateOnly date)
    {
        if (_length == 1)
        {
            return new DateOnly(date.Year, date.Month, 1);
        }

        var start = new DateOnly(date.Year - 1, _s.YearStartMonth, 1);
        while (start.AddMonths(_length) <= date)
        {
            start = start.AddMonths(_length);
        }

        return start;
    }

    public bool InWindow(DateOnly date) => date >= WindowStart && date < WindowEnd;

    public static int OpenAtEndOf(IEnumerable<EpisodeReportRow> rows, DateOnly day) =>
        rows.Count(r => r.OpenedOn <= day && (r.ClosedOn is null || r.ClosedOn > day));

    public (DateOnly Start, int Opened, int Intents, int Closed, int OpenAtStart, int OpenAtEnd, int ReReferrals)[] Periods()
    {
        var opened = OpenedInWindow.GroupBy(r => PeriodStart(r.OpenedOn)).ToDictionary(g => g.Key, g => g.Count());
        var intents = OpenedInWindow.Where(r => r.IntentToCaf).GroupBy(r => PeriodStart(r.OpenedOn)).ToDictionary(g => g.Key, g => g.Count());
        var closed = _s.Rows.Where(r => r.ClosedOn is { } c && InWindow(c)).GroupBy(r => PeriodStart(r.ClosedOn!.Value)).ToDictionary(g => g.Key, g => g.Count());
        var reReferred = OpenedInWindow.Where(IsReReferral).GroupBy(r => PeriodStart(r.OpenedOn)).ToDictionary(g => g.Key, g => g.Count());
        return
        [
            .. PeriodStarts.Select(p => (
                p,
                opened.GetValueOrDefault(p),
                intents.GetValueOrDefault(p),
                closed.GetValueOrDefault(p),
                OpenAtEndOf(_s.Rows, p.AddDays(-1)),
                OpenAtEndOf(_s.Rows, p.AddMonths(_length).AddDays(-1)),
                reReferred.GetValueOrDefault(p))),
        ];
    }

    public (ReportNeed Need, int Count)[] Needs() =>
        [
            .. OpenedInWindow.SelectMany(r => r.Needs).GroupBy(n => n)
                .Select(g => (g.Key, g.Count()))
                .OrderByDescending(x => x.Item2)
                .ThenBy(x => x.Key.IndicatorId, StringComparer.Ordinal)
                .ThenBy(x => x.Key.Domain, StringComparer.Ordinal)
                .ThenBy(x => x.Key.NationalCode, StringComparer.Ordinal),
        ];

    public (string, int)[] NeedsByDomain() =>
        Ordered(OpenedInWindow.SelectMany(r => r.Needs).GroupBy(n => n.Domain).Select(g => (g.Key, g.Count())));

    public (string, int)[] BySetting()
    {
        var counts = OpenedInWindow.GroupBy(r => r.InitiatingSetting).ToDictionary(g => g.Key, g => g.Count());
        return Ordered(Enum.GetValues<InitiatingSetting>().Select(s => (s.ToString(), counts.GetValueOrDefault(s))));
    }

    public (string, int)[] ByInitiatingAgency() =>
        Ordered(OpenedInWindow.GroupBy(r => r.InitiatingAgency.Value).Select(g => (g.Key, g.Count())));

    public (string, int)[] ByAgeBand()
    {
        var counts = OpenedInWindow.GroupBy(r => r.AgeBandAtOpening).ToDictionary(g => g.Key, g => g.Count());
        return [.. Enum.GetValues<AgeBand>().Select(b => (AgeBands.Label(b), counts.GetValueOrDefault(b)))];
    }

    public (string, int)[] ByOutcome() =>
        Ordered(ClosedInWindow().GroupBy(r => r.ClosureLocalCode!).Select(g => (g.Key, g.Count())));

    public (string, int)[] ByCategory()
    {
        var counts = ClosedInWindow().GroupBy(r => r.ClosureCategory!).ToDictionary(g => g.Key, g => g.Count());
        return Ordered(new[] { "Resolved", "ConsentEnded", "Escalated" }.Select(c => (c, counts.GetValueOrDefault(c))));
    }

    public (string, int)[] ByLeadAgency() =>
        Ordered(_s.Rows.Where(r => r.IsOpenAt(_s.AsOf) && r.LeadProfessionalAgency is not null)
            .GroupBy(r => r.LeadProfessionalAgency!.Value.Value).Select(g => (g.Key, g.Count())));

    public (string Agency, int Referrals, int Allocations)[] Panels() =>
        [
            .. _s.Rows.SelectMany(r => r.PanelReferrals).Where(p => InWindow(p.ReferredOn))
                .GroupBy(p => p.ReferringAgency.Value)
                .Select(g => (g.Key, g.Count(), g.Sum(p => p.Allocations)))
                .OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal),
        ];

    public int EpisodesReferred() => _s.Rows.Count(r => r.PanelReferrals.Any(p => InWindow(p.ReferredOn)));

    public TimelinessCounts Timeliness()
    {
        var completed = _s.Rows.Where(r => r.AssessmentDueOn is not null && r.AssessmentCompletedOn is { } c && InWindow(c)).ToList();
        var late = completed.Count(r => r.AssessmentCompletedOn > r.AssessmentDueOn);
        var open = _s.Rows.Where(r => r.IsOpenAt(_s.AsOf)).ToList();
        return new TimelinessCounts(
            completed.Count,
            completed.Count - late,
            late,
            open.Count(r => r.AssessmentDueOn < _s.AsOf && !(r.AssessmentCompletedOn <= _s.AsOf)),
            open.Count(r => r.NextReviewDue < _s.AsOf));
    }

    public ReReferralCounts ReReferrals() =>
        new(_s.WindowMonths, OpenedInWindow.Count(), OpenedInWindow.Count(r => r.PreviousEpisodes > 0), OpenedInWindow.Count(IsReReferral));

    /// <summary>OUTQ-01: per question, then overall: (improved, unchanged, worse, total change) of rows whose latest completion is in the window.</summary>
    public (int Improved, int Unchanged, int Worse, int Total)[] Outcomes()
    {
        var changes = _s.Rows
            .Where(r => r.Outcomes is { Completions: > 1 } o && InWindow(o.LatestCompletedOn))
            .Select(r => Enumerable.Range(0, 7).Select(i => (int)r.Outcomes!.LatestRatings[i] - (int)r.Outcomes.FirstRatings[i]).ToArray())
            .ToList();
        static (int, int, int, int) Movement(IEnumerable<int> c) => (c.Count(x => x > 0), c.Count(x => x == 0), c.Count(x => x < 0), c.Sum());
        return [.. Enumerable.Range(0, 7).Select(q => Movement(changes.Select(c => c[q]).ToList())), Movement(changes.Select(c => c.Sum()).ToList())];
    }

    private bool IsReReferral(EpisodeReportRow r) =>
        r.PreviousEpisodes > 0 && r.PreviousClosedOn is { } p && p.AddMonths(_s.WindowMonths) >= r.OpenedOn;

    private IEnumerable<EpisodeReportRow> ClosedInWindow() => _s.Rows.Where(r => r.ClosedOn is { } c && InWindow(c));

    private static (string, int)[] Ordered(IEnumerable<(string Key, int Count)> counts) =>
        [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)];
}
