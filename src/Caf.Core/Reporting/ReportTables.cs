using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Outcomes;

namespace Caf.Core.Reporting;

/// <summary>Lays a <see cref="CafReport"/> out as tables, in a fixed order.</summary>
internal static class ReportTables
{
    internal static ImmutableArray<ReportTable> From(CafReport report)
    {
        var unit = report.Request.PeriodKind switch
        {
            ReportPeriodKind.Month => "month",
            ReportPeriodKind.Quarter => "quarter",
            _ => "year",
        };

        return
        [
            new ReportTable(
                "rep01-periods",
                $"REP-01 Episodes opened and closed per {unit}",
                ["Period", "Opened", "Intents to CAF", "Closed", "Open at start", "Open at end", "Re-referrals"],
                [.. report.Periods.Select(p => Row(
                    ReportCell.Of(p.Period.Label), ReportCell.Of(p.Opened), ReportCell.Of(p.IntentsToCaf), ReportCell.Of(p.Closed),
                    ReportCell.Of(p.OpenAtStart), ReportCell.Of(p.OpenAtEnd), ReportCell.Of(p.ReReferrals)))]),
            new ReportTable(
                "rep02-top-needs",
                $"REP-02 Top {report.TopNeedsCount} needs identified",
                ["Rank", "Indicator", "Domain", "National code", "Times identified"],
                [.. report.TopNeeds.Select(n => Row(
                    ReportCell.Of(n.Rank.ToString(CultureInfo.InvariantCulture)), ReportCell.Of(n.Need.IndicatorId),
                    ReportCell.Of(n.Need.Domain), ReportCell.Of(n.Need.NationalCode ?? ""), ReportCell.Of(n.Count)))]),
            Counts("rep02-needs-by-domain", "REP-02 Needs identified by domain", "Domain", "Needs", report.NeedsByDomain),
            Counts("rep03-setting", "REP-03 Episodes opened by initiating setting", "Setting", "Episodes", report.BySetting, SettingText),
            Counts("rep03-initiating-agency", "REP-03 Episodes opened by initiating agency", "Agency", "Episodes", report.ByInitiatingAgency),
            Counts("rep03-age-band", "REP-03 Episodes opened by age band at opening", "Age band", "Episodes", report.ByAgeBand),
            Counts("rep03-closure-outcome", "REP-03 Episodes closed by outcome", "Outcome", "Episodes", report.ByClosureOutcome),
            Counts("rep03-closure-category", "REP-03 Episodes closed by category", "Category", "Episodes", report.ByClosureCategory, CategoryText),
            Counts("rep03-lead-professional-agency", "REP-03 Open episodes by lead-professional agency", "Agency", "Episodes", report.ByLeadProfessionalAgency),
            new ReportTable(
                "rep04-panel-referrals",
                "REP-04 Panel referrals by referring agency",
                ["Agency", "Referrals", "Allocations"],
                [.. report.PanelReferralsByAgency.Select(p => Row(ReportCell.Of(p.Agency.Value), ReportCell.Of(p.Referrals), ReportCell.Of(p.Allocations)))]),
            Outcomes(report.Outcomes),
            Summary(report),
        ];
    }

    // OUTQ-01: counts of children per movement; the mean change is a text cell (it is not a count to suppress).
    private static ReportTable Outcomes(OutcomesCohortSummary summary)
    {
        var rows = new List<ImmutableArray<ReportCell>>(OutcomesQuestionnaire.Questions.Length + 1);
        foreach (var question in OutcomesQuestionnaire.Questions)
        {
            rows.Add(Movement(OutcomesQuestionnaire.Text(question), summary.Of(question)));
        }

        rows.Add(Movement("Overall", summary.Overall));
        return new ReportTable(
            "outq01-distance-travelled",
            "OUTQ-01 Distance travelled, first to latest questionnaire",
            ["Question", "Compared", "Improved", "Unchanged", "Worse", "Mean change"],
            [.. rows]);
    }

    private static ImmutableArray<ReportCell> Movement(string label, OutcomesMovement m) =>
        Row(ReportCell.Of(label), ReportCell.Of(m.Count), ReportCell.Of(m.Improved), ReportCell.Of(m.Unchanged), ReportCell.Of(m.Worse),
            ReportCell.Of(m.MeanChange.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)));

    private static ReportTable Summary(CafReport report)
    {
        var asOf = report.Request.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var t = report.Timeliness;
        var r = report.ReReferrals;
        var rows = new List<ImmutableArray<ReportCell>>
        {
            Measure("REP-01", "Episodes opened", report.Opened),
            Measure("REP-01", "Intents to CAF", report.IntentsToCaf),
            Measure("REP-01", "Episodes closed", report.Closed),
            Measure("REP-01", $"Open caseload at {asOf}", report.OpenAtAsOf),
            Measure("REP-02", "Episodes with needs identified", report.EpisodesWithNeeds),
            Measure("REP-04", "Panel referrals", report.PanelReferrals),
            Measure("REP-04", "Episodes referred to a panel", report.EpisodesReferredToPanel),
            Measure("REP-04", "Allocations", report.Allocations),
            Measure("REP-05", "Assessments completed", t.AssessmentsCompleted),
            Measure("REP-05", "Assessments completed within the timescale", t.CompletedOnTime),
            Measure("REP-05", "Assessments completed over the timescale", t.CompletedLate),
            Measure("REP-05", $"Assessments overdue at {asOf}", t.AssessmentsOverdue),
            Measure("REP-05", $"Reviews overdue at {asOf}", t.ReviewsOverdue),
            Measure("REP-06", "Episodes opened with a previous episode", r.WithPreviousEpisode),
            Measure("REP-06", $"Re-referrals within {r.WindowMonths} months of closure", r.ReReferrals),
        };
        return new ReportTable("summary", "Summary", ["Rule", "Measure", "Count"], [.. rows]);
    }

    private static ImmutableArray<ReportCell> Measure(string rule, string measure, int count) =>
        Row(ReportCell.Of(rule), ReportCell.Of(measure), ReportCell.Of(count));

    private static ReportTable Counts(
        string id, string title, string keyHeader, string countHeader, ImmutableArray<ReportCount> counts, Func<string, string>? text = null) =>
        new(id, title, [keyHeader, countHeader], [.. counts.Select(c => Row(ReportCell.Of(text is null ? c.Key : text(c.Key)), ReportCell.Of(c.Count)))]);

    // The report keys a setting by its enum name and a category by its read-model name; a table shows the display text.
    private static string SettingText(string key) =>
        Enum.TryParse<InitiatingSetting>(key, ignoreCase: false, out var setting) && Enum.IsDefined(setting) && key == setting.ToString()
            ? ReportingDisplayText.For(setting)
            : key;

    private static string CategoryText(string key) => key switch
    {
        ReportClosureCategories.Resolved => ClosureDisplayText.For(ClosureCategory.Resolved),
        ReportClosureCategories.ConsentEnded => ClosureDisplayText.For(ClosureCategory.ConsentEnded),
        ReportClosureCategories.Escalated => ClosureDisplayText.For(ClosureCategory.Escalated),
        _ => key,
    };

    private static ImmutableArray<ReportCell> Row(params ReportCell[] cells) => [.. cells];
}
