using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Reporting;
using FsCheck.Xunit;
using Scenario = Caf.Core.Tests.Reporting.ReportCohortGen.Scenario;

namespace Caf.Core.Tests.Reporting;

/// <summary>Invariants of the one-pass report builder on random cohorts (REP-01..06, SHARE-01).</summary>
public class CafReportPropertyTests
{
    private static (string, int)[] Pairs(IEnumerable<ReportCount> counts) => [.. counts.Select(c => (c.Key, c.Count))];

    [Trait("Rule", "REP-01")]
    [Property(Arbitrary = [typeof(ReportCohortGen.Arbitraries)], MaxTest = 150)]
    public void REP01_opened_minus_closed_in_a_period_equals_the_change_in_open_caseload(Scenario s)
    {
        var report = CafReportBuilder.Run(s.Rows, s.Request(), s.Options);
        foreach (var p in report.Periods)
        {
            Assert.Equal(p.OpenAtEnd - p.OpenAtStart, p.Opened - p.Closed);

            // The caseload read independently, as the open caseload at a date, at both ends of the period.
            Assert.Equal(p.OpenAtStart, CafReportBuilder.Run(s.Rows, s.Request(asOf: p.Period.Start.AddDays(-1)), s.Options).OpenAtAsOf);
            Assert.Equal(p.OpenAtEnd, CafReportBuilder.Run(s.Rows, s.Request(asOf: p.Period.LastDay), s.Options).OpenAtAsOf);
        }
    }

    [Trait("Rule", "REP-02")]
    [Property(Arbitrary = [typeof(ReportCohortGen.Arbitraries)], MaxTest = 300)]
    public void REP02_the_needs_ranking_is_a_permutation_of_the_distinct_needs_with_non_increasing_counts(Scenario s)
    {
        var report = CafReportBuilder.Run(s.Rows, s.Request(), s.Options);
        var oracle = new LinqReportOracle(s);
        var distinct = s.Rows.Where(r => oracle.InWindow(r.OpenedOn)).SelectMany(r => r.Needs).Distinct().ToHashSet();

        Assert.Equal(distinct.Count, report.Needs.Length);
        Assert.True(distinct.SetEquals(report.Needs.Select(n => n.Need)));
        Assert.Equal(Enumerable.Range(1, report.Needs.Length), report.Needs.Select(n => n.Rank));
        for (var i = 1; i < report.Needs.Length; i++)
        {
            var (before, after) = (report.Needs[i - 1], report.Needs[i]);
            Assert.True(before.Count >= after.Count);
            Assert.True(before.Count > after.Count || string.CompareOrdinal(before.Need.IndicatorId, after.Need.IndicatorId) < 0);
        }
    }

    [Trait("Rule", "REP-01")]
    [Property(Arbitrary = [typeof(ReportCohortGen.Arbitraries)], MaxTest = 300)]
    public void Results_do_not_depend_on_the_order_of_the_rows(Scenario s, int seed)
    {
        var shuffled = s.Rows.ToArray();
        new Random(seed).Shuffle(shuffled);

        Assert.Equal(CafReportBuilder.Run(s.Rows, s.Request(), s.Options), CafReportBuilder.Run(shuffled, s.Request(), s.Options));
    }

    [Trait("Rule", "REP-03")]
    [Property(Arbitrary = [typeof(ReportCohortGen.Arbitraries)], MaxTest = 300)]
    public void The_streaming_result_equals_LINQ_GroupBy_per_report(Scenario s)
    {
        var report = CafReportBuilder.Run(s.Rows, s.Request(), s.Options);
        var oracle = new LinqReportOracle(s);

        Assert.Equal(s.Rows.Length, report.Episodes);
        Assert.Equal(oracle.Periods(), report.Periods.Select(p => (p.Period.Start, p.Opened, p.IntentsToCaf, p.Closed, p.OpenAtStart, p.OpenAtEnd, p.ReReferrals)));
        Assert.Equal(LinqReportOracle.OpenAtEndOf(s.Rows, s.AsOf), report.OpenAtAsOf);
        Assert.Equal(oracle.Needs(), report.Needs.Select(n => (n.Need, n.Count)));
        Assert.Equal(oracle.NeedsByDomain(), Pairs(report.NeedsByDomain));
        Assert.Equal(oracle.BySetting(), Pairs(report.BySetting));
        Assert.Equal(oracle.ByInitiatingAgency(), Pairs(report.ByInitiatingAgency));
        Assert.Equal(oracle.ByAgeBand(), Pairs(report.ByAgeBand));
        Assert.Equal(oracle.ByOutcome(), Pairs(report.ByClosureOutcome));
        Assert.Equal(oracle.ByCategory(), Pairs(report.ByClosureCategory));
        Assert.Equal(oracle.ByLeadAgency(), Pairs(report.ByLeadProfessionalAgency));
        Assert.Equal(oracle.Panels(), report.PanelReferralsByAgency.Select(p => (p.Agency.Value, p.Referrals, p.Allocations)));
        Assert.Equal(oracle.EpisodesReferred(), report.EpisodesReferredToPanel);
        Assert.Equal(oracle.Timeliness(), report.Timeliness);
        Assert.Equal(oracle.ReReferrals(), report.ReReferrals);
        Assert.Equal(oracle.Outcomes(), report.Outcomes.ByQuestion.Append(report.Outcomes.Overall).Select(m => (m.Improved, m.Unchanged, m.Worse, m.TotalChange)));
    }

    [Trait("Rule", "SHARE-01")]
    [Property(Arbitrary = [typeof(ReportCohortGen.Arbitraries)], MaxTest = 200)]
    public void SHARE01_an_agency_scoped_report_never_contains_an_episode_excluded_for_that_agency(Scenario s)
    {
        foreach (var agency in ReportCohortGen.Agencies)
        {
            // No excluded row even reaches the host's filter, the last step before counting.
            var scoped = CafReportBuilder.Run(s.Rows, s.Request(agency), s.Options, row =>
            {
                Assert.False(row.Excludes(agency));
                return true;
            });

            // And the agency's report is exactly the authority-wide report over the rows it may see.
            var visible = s.Rows.Where(r => !r.Excludes(agency)).ToArray();
            var reference = CafReportBuilder.Run(visible, s.Request(), s.Options);
            Assert.Equal(visible.Length, scoped.Episodes);
            // (ImmutableArray's own Equals compares references: compare the contents.)
            Assert.Equal(reference.ToTables().ToArray(), scoped.ToTables().ToArray());
        }
    }
}
