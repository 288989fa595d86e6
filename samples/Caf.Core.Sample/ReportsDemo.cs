using System;
using System.Linq;
using Caf.Core.Reporting;

namespace Caf.Core.Sample;

/// <summary>Monitoring reports (REP-01..06): a generated cohort reported the Leicestershire way.</summary>
internal static class ReportsDemo
{
    /// <summary>Generates a financial year's cohort and prints the monthly table, the top-ten needs and the setting breakdown, suppressed for publication.</summary>
    /// <param name="options">The host's reporting options.</param>
    public static void Run(ReportingOptions options)
    {
        var from = new DateOnly(2025, 4, 1);
        var to = new DateOnly(2026, 4, 1);
        var generator = CafCohortGenerator.ForDefaultFramework();
        var rows = generator.Generate(seed: 2009, count: 1200, from, to);
        var report = CafReportBuilder.Run(rows, new CafReportRequest(ReportPeriodKind.Month, from, to, to.AddDays(-1)), options);

        Console.WriteLine();
        Console.WriteLine($"Monitoring reports for a generated cohort of {report.Episodes} episodes (synthetic; 2025/26):");
        var tables = report.ToTables();
        foreach (var id in new[] { "rep01-periods", "rep02-top-needs", "rep03-setting", "summary" })
        {
            Console.WriteLine();
            Console.Write(ReportMarkdownWriter.ToMarkdown(tables.Single(t => t.Id == id).Suppress(options.SmallCountThreshold)));
        }
    }
}
