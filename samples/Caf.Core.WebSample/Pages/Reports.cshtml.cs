using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.DependencyInjection;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Caf.Core.WebSample.Pages;

/// <summary>A chart and the table beside it: the same numbers, drawn and listed.</summary>
/// <param name="Id">The element id.</param>
/// <param name="Title">The title, with its rule.</param>
/// <param name="Svg">The chart, server-rendered SVG.</param>
/// <param name="Columns">The table's columns.</param>
/// <param name="Rows">The table's rows.</param>
public sealed record ChartBlock(string Id, string Title, string Svg, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// The reports page (REP-01..05) over the last twelve months, for the signed-in practitioner's agency (SHARE-01: an
/// episode whose family excluded the agency is not counted): monthly trends and breakdowns, each drawn as a chart
/// beside its table. Needs are shown by their statements, agencies and outcomes by name.
/// </summary>
public sealed class ReportsModel : PageModel
{
    private readonly ICafCallerAccessor _caller;
    private readonly ReportingOptions _options;

    /// <summary>Creates the page.</summary>
    public ReportsModel(ICafCallerAccessor caller, IOptions<CafOptions> options)
    {
        _caller = caller;
        _options = options.Value.Reporting;
    }

    /// <summary>The agency the report is for.</summary>
    public string Agency { get; private set; } = "";

    /// <summary>The window, in words.</summary>
    public string Window { get; private set; } = "";

    /// <summary>The charts, in rule order.</summary>
    public List<ChartBlock> Charts { get; } = [];

    /// <summary>Builds the report and its charts.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        // The practitioner's authority's report rows, framework, taxonomy and names (issue 29): never another's.
        if (!this.TryServe(_caller, out var caller, out var authority, out var refused))
        {
            return refused;
        }

        var store = authority.Get<IEpisodeReportStore>();
        var policy = authority.Policy;
        var names = policy.Names;
        var thresholds = authority.Thresholds;
        var today = DateOnly.FromDateTime(policy.Time.GetUtcNow().UtcDateTime);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var to = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        var request = new CafReportRequest(ReportPeriodKind.Month, from, to, today, caller.Agency);
        var report = await CafReportBuilder.RunAsync(store.StreamAsync(from, to.AddDays(1), HttpContext.RequestAborted), request, _options, cancellationToken: HttpContext.RequestAborted);
        Agency = names.Name(caller.Agency);
        Window = $"{from.ToString("MMMM yyyy", EpisodeModel.EnGb)} to {to.ToString("MMMM yyyy", EpisodeModel.EnGb)}";

        var months = report.Periods.Select(p => p.Period.Start.ToString("MMM yy", EpisodeModel.EnGb)).ToArray();
        Charts.Add(new ChartBlock(
            "chart-rep01", "Episodes opened and closed each month (REP-01)",
            SvgChart.Columns("svg-rep01", "Episodes opened and closed each month",
                months, [new ChartSeries("Opened", "#1d70b8", [.. report.Periods.Select(p => p.Opened)]), new ChartSeries("Closed", "#f47738", [.. report.Periods.Select(p => p.Closed)])]),
            ["Month", "Opened", "Closed", "Open at the end"],
            [.. report.Periods.Select((p, i) => (IReadOnlyList<string>)[months[i], Count(p.Opened), Count(p.Closed), Count(p.OpenAtEnd)])]));

        var statements = thresholds.Framework.Indicators.ToDictionary(i => i.Id, i => i.Statement, StringComparer.Ordinal);
        Bars("chart-rep02", $"The {report.TopNeedsCount} needs identified most often (REP-02)", "Need",
            [.. report.TopNeeds.Select(n => (statements.GetValueOrDefault(n.Need.IndicatorId, n.Need.IndicatorId), n.Count))]);
        Bars("chart-rep03-agency", "Episodes opened by initiating agency (REP-03)", "Agency",
            [.. report.ByInitiatingAgency.Select(c => (names.Name(new AgencyId(c.Key)), c.Count))]);
        Bars("chart-rep03-age", "Episodes opened by age band at opening (REP-03)", "Age band", [.. report.ByAgeBand.Select(c => (c.Key, c.Count))]);
        Bars("chart-rep03-outcome", "Episodes closed by outcome (REP-03)", "Outcome",
            [.. report.ByClosureOutcome.Select(c => (policy.Closure.Taxonomy.TryFind(c.Key, out var o) ? o.DisplayText : c.Key, c.Count))]);
        Bars("chart-rep03-lead", "Open episodes by lead professional's agency (REP-03)", "Agency",
            [.. report.ByLeadProfessionalAgency.Select(c => (names.Name(new AgencyId(c.Key)), c.Count))]);
        Bars("chart-rep04", "Panel referrals by referring agency (REP-04)", "Agency",
            [.. report.PanelReferralsByAgency.Select(p => (names.Name(p.Agency), p.Referrals))]);
        var t = report.Timeliness;
        Bars("chart-rep05", "Timeliness (REP-05)", "Measure",
        [
            ("Assessments completed within the timescale", t.CompletedOnTime),
            ("Assessments completed over the timescale", t.CompletedLate),
            ("Assessments overdue today", t.AssessmentsOverdue),
            ("Reviews overdue today", t.ReviewsOverdue),
        ]);
        return Page();
    }

    private void Bars(string id, string title, string what, IReadOnlyList<(string Label, int Value)> bars) =>
        Charts.Add(new ChartBlock(id, title, SvgChart.Bars("svg-" + id[6..], title, bars), [what, "Count"], [.. bars.Select(b => (IReadOnlyList<string>)[b.Label, Count(b.Value)])]));

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
