using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Reporting;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Reporting;

/// <summary>
/// REP-07 (003 §5 "an annual audit ... to gather feedback from referrers, children young people and families, and panel
/// representatives"; 004: impact seen from professionals', families' and young people's side): Bedfordshire's 2026 audit.
/// </summary>
public class AnnualAuditTests
{
    private static AnnualAuditFeedback F(AnnualAuditRespondent who, bool appropriate, bool timely, int year = 2026) =>
        new(year, who, appropriate, timely, "");

    [Fact]
    [Trait("Rule", "REP-07")]
    public void REP07_feedback_is_reported_by_respondent_group_and_a_group_the_audit_did_not_reach_is_named()
    {
        AnnualAuditFeedback[] feedback =
        [
            F(AnnualAuditRespondent.Referrer, true, false), F(AnnualAuditRespondent.Referrer, true, true),
            F(AnnualAuditRespondent.ChildYoungPersonOrFamily, false, false),
            F(AnnualAuditRespondent.PanelRepresentative, true, true, year: 2025), // last year's: left out
        ];

        var audit = AnnualAuditReport.Build(2026, feedback);

        Assert.Equal(
            [new AnnualAuditGroup(AnnualAuditRespondent.Referrer, 2, 2, 1), new AnnualAuditGroup(AnnualAuditRespondent.ChildYoungPersonOrFamily, 1, 0, 0), new AnnualAuditGroup(AnnualAuditRespondent.PanelRepresentative, 0, 0, 0)],
            audit.Groups.ToArray());
        Assert.Equal([AnnualAuditRespondent.PanelRepresentative], audit.GroupsNotHeard.ToArray());
    }

    [Fact]
    [Trait("Rule", "REP-07")]
    public void REP07_the_audit_table_stands_beside_the_other_monitoring_before_the_summary()
    {
        var report = CafReportBuilder.Run([], new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31)), new ReportingOptions());
        var audit = AnnualAuditReport.Build(2026, [F(AnnualAuditRespondent.Referrer, true, true)]);

        var tables = report.ToTables(audit);

        Assert.Equal(report.ToTables().Length + 1, tables.Length);
        Assert.Equal("rep07-annual-audit", tables[^2].Id);
        Assert.Equal("summary", tables[^1].Id);
        Assert.Equal(["Referrers", "1", "1", "1"], tables[^2].Rows[0].Select(c => c.Text).ToArray());
        Assert.Equal(["Total", "1", "1", "1"], tables[^2].Rows[^1].Select(c => c.Text).ToArray());
    }

    [Property(MaxTest = 100)]
    [Trait("Rule", "REP-07")]
    public bool REP07_every_piece_of_the_years_feedback_is_counted_once_in_its_group(byte[] answers)
    {
        var feedback = (answers ?? []).Select(b => F((AnnualAuditRespondent)(b % 3), (b & 8) != 0, (b & 16) != 0, 2025 + ((b >> 5) & 1))).ToList();

        var audit = AnnualAuditReport.Build(2026, feedback);

        var thisYear = feedback.Where(f => f.Year == 2026).ToList();
        return audit.Groups.Length == 3
            && audit.Groups.All(g => g.Responses == thisYear.Count(f => f.Respondent == g.Respondent)
                && g.Appropriate == thisYear.Count(f => f.Respondent == g.Respondent && f.Appropriate)
                && g.Timely == thisYear.Count(f => f.Respondent == g.Respondent && f.Timely))
            && audit.GroupsNotHeard.All(r => thisYear.All(f => f.Respondent != r));
    }
}
