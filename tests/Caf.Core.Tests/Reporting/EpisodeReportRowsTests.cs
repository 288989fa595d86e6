using System;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Reporting;

/// <summary>The report read model derived from a real episode (REP-01..06, SHARE-01).</summary>
public class EpisodeReportRowsTests
{
    private static readonly ThresholdFramework Framework = new ThresholdFrameworkLoader().LoadDefault().Framework;

    private static InitiatingSetting SettingOf(Caf.Core.Primitives.AgencyId agency) =>
        agency == TestIds.School ? InitiatingSetting.PrimarySchool : InitiatingSetting.Health;

    [Trait("Rule", "REP-01")]
    [Trait("Rule", "REP-03")]
    [Fact]
    public void REP01_REP03_a_multi_agency_episode_gives_the_row_its_history_supports()
    {
        var e = new Seeds().PlanActive();                               // opened 2 March 2026 by the primary school
        Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.YouthService), "Mum does not want the youth service told."));

        var row = EpisodeReportRows.From(e, Framework, SettingOf);

        Assert.Equal(new DateOnly(2026, 3, 2), row.OpenedOn);
        Assert.True(row.IntentToCaf);
        Assert.Equal((TestIds.School, InitiatingSetting.PrimarySchool, AgeBand.FiveToNine), (row.InitiatingAgency, row.InitiatingSetting, row.AgeBandAtOpening));
        Assert.Null(row.ClosedOn);
        Assert.Null(row.ClosureOutcomeCode);
        Assert.Equal(TestIds.HealthVisiting, row.LeadProfessionalAgency);
        Assert.Equal(new DateOnly(2026, 4, 2), row.AssessmentDueOn);
        Assert.Equal(["attendance", "behaviour"], row.Needs.Select(n => n.IndicatorId).Order().ToArray());
        Assert.Equal([TestIds.YouthService], row.ExcludedAgencies.ToArray());
    }

    [Trait("Rule", "REP-01")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void REP01_SHARE01_an_agency_scoped_report_over_real_episodes_leaves_out_the_one_that_excludes_it()
    {
        var excluding = new Seeds().Assessed();
        Ok(excluding.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Mum does not want CAMHS told."));
        var other = new Seeds().Identified(new Caf.Core.Primitives.EpisodeId("ep-2"));
        var rows = EpisodeReportRows.From([excluding, other], Framework, SettingOf).ToArray();
        var month = new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 3, 31));

        var all = CafReportBuilder.Run(rows, month, new ReportingOptions());
        var forCamhs = CafReportBuilder.Run(rows, new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1), new DateOnly(2026, 3, 31), TestIds.Camhs), new ReportingOptions());

        Assert.Equal(2, all.Periods.Single().Opened);
        Assert.Equal(1, forCamhs.Periods.Single().Opened);
    }
}
