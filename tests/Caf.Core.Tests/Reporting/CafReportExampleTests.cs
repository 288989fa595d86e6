using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Reporting;
using static Caf.Core.Tests.Reporting.SmallCohort;

namespace Caf.Core.Tests.Reporting;

/// <summary>Each report on the hand-counted <see cref="SmallCohort"/> (see its remarks for the episodes).</summary>
public class CafReportExampleTests
{
    private static (string, int)[] Pairs(ImmutableArray<ReportCount> counts) => [.. counts.Select(c => (c.Key, c.Count))];

    [Fact]
    [Trait("Rule", "REP-01")]
    public void REP01_opened_closed_and_open_caseload_per_month()
    {
        var report = Report();

        Assert.Equal(
            new[]
            {
                ("2026-04", 2, 2, 0, 1, 3, 1),
                ("2026-05", 0, 0, 1, 3, 2, 0),
                ("2026-06", 2, 1, 0, 2, 4, 0),
                ("2026-07", 1, 1, 0, 4, 5, 0),
                ("2026-08", 0, 0, 1, 5, 4, 0),
                ("2026-09", 1, 1, 1, 4, 4, 0),
            },
            report.Periods.Select(p => (p.Period.Label, p.Opened, p.IntentsToCaf, p.Closed, p.OpenAtStart, p.OpenAtEnd, p.ReReferrals)));
        Assert.Equal(6, report.Opened);
        Assert.Equal(5, report.IntentsToCaf);
        Assert.Equal(3, report.Closed);
        Assert.Equal(4, report.OpenAtAsOf); // e2, e4, e5, e7 (e6 closed on the day)
        Assert.Equal(9, report.Episodes);
    }

    [Fact]
    [Trait("Rule", "REP-01")]
    public void REP01_quarters_and_years_follow_the_financial_year()
    {
        var quarterly = CafReportBuilder.Run(Rows, new CafReportRequest(ReportPeriodKind.Quarter, new DateOnly(2026, 5, 15), To, AsOf), new ReportingOptions());
        Assert.Equal(
            new[] { ("2026/27 Q1", new DateOnly(2026, 4, 1), 4, 1, 1, 4), ("2026/27 Q2", new DateOnly(2026, 7, 1), 2, 2, 4, 4) },
            quarterly.Periods.Select(p => (p.Period.Label, p.Period.Start, p.Opened, p.Closed, p.OpenAtStart, p.OpenAtEnd)));

        var years = CafReportBuilder.Run(Rows, new CafReportRequest(ReportPeriodKind.Year, new DateOnly(2025, 4, 1), new DateOnly(2027, 4, 1), AsOf), new ReportingOptions());
        Assert.Equal(new[] { ("2025/26", 2, 1), ("2026/27", 7, 3) }, years.Periods.Select(p => (p.Period.Label, p.Opened, p.Closed)));

        var calendar = CafReportBuilder.Run(Rows, new CafReportRequest(ReportPeriodKind.Quarter, new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 1), AsOf), new ReportingOptions { YearStartMonth = 1 });
        Assert.Equal(new[] { ("2026 Q1", 1, 1), ("2026 Q2", 4, 1) }, calendar.Periods.Select(p => (p.Period.Label, p.Opened, p.Closed)));
    }

    [Fact]
    [Trait("Rule", "REP-02")]
    public void REP02_needs_are_ranked_by_times_identified_then_by_indicator_id()
    {
        var report = Report();

        Assert.Equal(
            new[] { (1, "LEI-01", 3), (2, "BFD-08", 2), (3, "LEI-02", 2), (4, "BFD-18", 1) },
            report.Needs.Select(n => (n.Rank, n.Need.IndicatorId, n.Count)));
        Assert.Equal(5, report.EpisodesWithNeeds);
        Assert.Equal(new[] { ("development", 3), ("parentsAndCarers", 3), ("familyAndEnvironment", 2) }, Pairs(report.NeedsByDomain));
        Assert.Equal(new[] { ("7A", 2), ("4B", 1) }, Pairs(report.NeedsByNationalCode));

        var topTwo = CafReportBuilder.Run(Rows, Monthly(), new ReportingOptions { TopNeeds = 2 });
        Assert.Equal(new[] { "LEI-01", "BFD-08" }, topTwo.TopNeeds.Select(n => n.Need.IndicatorId));
    }

    [Fact]
    [Trait("Rule", "REP-03")]
    public void REP03_breakdowns_by_setting_agency_age_outcome_category_and_lead_professional_agency()
    {
        var report = Report();

        Assert.Equal(
            new[]
            {
                ("HighSchool", 2), ("Health", 1), ("PrimarySchool", 1), ("SocialCare", 1), ("YouthService", 1),
                ("Housing", 0), ("Other", 0), ("Police", 0), ("PreSchool", 0), ("SpecialSchool", 0), ("VoluntarySector", 0), ("YouthJustice", 0),
            },
            Pairs(report.BySetting));
        Assert.Equal(new[] { ("oak", 2), ("early-help", 1), ("elm", 1), ("hv", 1), ("yth", 1) }, Pairs(report.ByInitiatingAgency));
        Assert.Equal(new[] { ("unborn", 1), ("under 1", 1), ("1-4", 0), ("5-9", 1), ("10-15", 2), ("16+", 1) }, Pairs(report.ByAgeBand));
        Assert.Equal(new[] { ("CLOSE-03", 1), ("CLOSE-05", 1), ("CLOSE-07", 1) }, Pairs(report.ByClosureOutcome));
        Assert.Equal(new[] { ("ConsentEnded", 1), ("Escalated", 1), ("Resolved", 1) }, Pairs(report.ByClosureCategory));
        Assert.Equal(new[] { ("hv", 1), ("oak", 1) }, Pairs(report.ByLeadProfessionalAgency));
    }

    [Fact]
    [Trait("Rule", "REP-04")]
    public void REP04_panel_referrals_by_agency_and_allocations()
    {
        var report = Report();

        Assert.Equal(new[] { new PanelReferralCount(Oak, 1, 2), new PanelReferralCount(Yth, 1, 0) }, report.PanelReferralsByAgency);
        Assert.Equal(2, report.PanelReferrals);
        Assert.Equal(2, report.Allocations);
        Assert.Equal(2, report.EpisodesReferredToPanel);
    }

    [Fact]
    [Trait("Rule", "REP-05")]
    public void REP05_assessments_over_the_one_month_target_and_overdue_reviews()
    {
        var report = Report();

        // Completed in the window: e2 late (15 May, due 2 May); e3, e6, e7 on time. e5 overdue since 15 Jul; e2's review was due 15 Sep.
        Assert.Equal(new TimelinessCounts(AssessmentsCompleted: 4, CompletedOnTime: 3, CompletedLate: 1, AssessmentsOverdue: 1, ReviewsOverdue: 1), report.Timeliness);
    }

    [Fact]
    [Trait("Rule", "REP-06")]
    public void REP06_a_new_episode_within_twelve_months_of_closure_is_a_re_referral()
    {
        var report = Report();
        Assert.Equal(new ReReferralCounts(WindowMonths: 12, Opened: 6, WithPreviousEpisode: 2, ReReferrals: 1), report.ReReferrals);

        // e4's previous episode closed 15 Jan 2024, 28 months before: a 30-month window counts it too.
        var wide = CafReportBuilder.Run(Rows, Monthly(), new ReportingOptions { ReReferralWindowMonths = 30 });
        Assert.Equal(2, wide.ReReferrals.ReReferrals);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_a_report_for_an_agency_skips_episodes_its_exclusion_covers()
    {
        var forOak = Report(Oak); // e5 excludes oak

        Assert.Equal(8, forOak.Episodes);
        Assert.Equal(1, forOak.Periods[2].Opened);
        Assert.Equal(3, forOak.OpenAtAsOf);
        Assert.Contains(new ReportCount("Health", 0), forOak.BySetting);
        Assert.Contains(new ReportCount("unborn", 0), forOak.ByAgeBand);
        Assert.Equal(0, forOak.Timeliness.AssessmentsOverdue);

        var forCamhs = Report(Camhs); // e2 excludes camhs
        Assert.Equal(1, forCamhs.Periods[0].Opened);
        Assert.Equal(new[] { new PanelReferralCount(Yth, 1, 0) }, forCamhs.PanelReferralsByAgency);
        Assert.Equal(0, forCamhs.Timeliness.ReviewsOverdue);

        // Authority-wide, no row is skipped; a host filter removes rows too.
        Assert.Equal(9, Report().Episodes);
        var filtered = CafReportBuilder.Run(Rows, Monthly(), new ReportingOptions(), row => row.InitiatingAgency != Oak);
        Assert.Equal(4, filtered.Episodes);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_no_table_names_a_child_or_an_episode()
    {
        var text = string.Concat(Report().ToTables().Select(t => ReportCsvWriter.ToCsv(t) + ReportMarkdownWriter.ToMarkdown(t)));
        foreach (var row in Rows)
        {
            Assert.DoesNotContain(row.ChildId.Value + ",", text, StringComparison.Ordinal);
            Assert.DoesNotContain("| " + row.EpisodeId.Value + " |", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait("Rule", "REP-01")]
    public async Task The_async_stream_gives_the_same_report()
    {
        var report = await CafReportBuilder.RunAsync(ToAsync(Rows), Monthly(), new ReportingOptions());
        Assert.Equal(Report(), report);
    }

    [Fact]
    public void Invalid_options_and_requests_throw()
    {
        Assert.Throws<ArgumentException>(() => new CafReportBuilder(Monthly(), new ReportingOptions { YearStartMonth = 13 }));
        Assert.Throws<ArgumentException>(() => new CafReportRequest(ReportPeriodKind.Month, To, From, AsOf));
        Assert.Throws<ArgumentException>(() => new CafReportRequest((ReportPeriodKind)9, From, To, AsOf));
        Assert.Throws<ArgumentException>(() => new CafReportRequest(ReportPeriodKind.Month, new DateOnly(1900, 1, 1), new DateOnly(2026, 1, 1), AsOf));
        Assert.Throws<ArgumentNullException>(() => new CafReportBuilder(Monthly(), new ReportingOptions()).Add(null!));
    }

    private static async System.Collections.Generic.IAsyncEnumerable<EpisodeReportRow> ToAsync(ImmutableArray<EpisodeReportRow> rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
