using System;
using System.Linq;
using System.Threading;
using Caf.Core.Reporting;

namespace Caf.Core.Sample;

/// <summary>Monitoring reports (REP-01..06): a generated cohort reported the Leicestershire way.</summary>
internal static class ReportsDemo
{
    /// <summary>
    /// Generates a financial year's cohort and prints the monthly table, the top-ten needs, the setting breakdown and
    /// the distance travelled on the outcomes questionnaire (OUTQ-01), suppressed for publication.
    /// </summary>
    /// <param name="options">The host's reporting options.</param>
    public static void Run(ReportingOptions options)
    {
        var from = new DateOnly(2025, 4, 1);
        var to = new DateOnly(2026, 4, 1);
        var generator = CafCohortGenerator.ForDefaultFramework();
        var rows = generator.Generate(seed: 2009, count: 1200, from, to).ToList();

        // Long work: progress every 1,000 rows and at the end; a real host passes its request's cancellation token.
        Console.WriteLine();
        var report = CafReportBuilder.Run(rows, new CafReportRequest(ReportPeriodKind.Month, from, to, to.AddDays(-1)), options,
            include: null, new ConsoleProgress("Monitoring reports, reading the read model"), CancellationToken.None);
        Console.WriteLine($"Monitoring reports for a generated cohort of {report.Episodes} episodes (synthetic; 2025/26):");
        var tables = report.ToTables();
        foreach (var id in new[] { "rep01-periods", "rep02-top-needs", "rep03-setting", "outq01-distance-travelled", "summary" })
        {
            Console.WriteLine();
            Console.Write(ReportMarkdownWriter.ToMarkdown(tables.Single(t => t.Id == id).Suppress(options.SmallCountThreshold)));
        }

        // OUTQ-01: first to latest "How have you been doing?" questionnaire, children compared in the year.
        var outcomes = report.Outcomes;
        Console.WriteLine();
        Console.WriteLine(
            $"Distance travelled (OUTQ-01): {outcomes.Count} children compared, {outcomes.Overall.Improved} better overall, "
            + $"{outcomes.Overall.Unchanged} the same, {outcomes.Overall.Worse} worse; mean change {outcomes.Overall.MeanChange:+0.00;-0.00;0.00} on a scale of -21 to +21.");
    }
}
