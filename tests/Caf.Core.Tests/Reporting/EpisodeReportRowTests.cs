using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using static Caf.Core.Tests.Reporting.SmallCohort;

namespace Caf.Core.Tests.Reporting;

/// <summary>The read model's own rules: consistency, value equality, mapping helpers, options, the generator.</summary>
public class EpisodeReportRowTests
{
    private static readonly EpisodeId Id = new("e");
    private static readonly ChildId ChildOf = new("c");
    private static readonly DateOnly Opened = new(2026, 4, 1);

    private static EpisodeReportRow Row(
        ImmutableArray<ReportNeed> needs = default,
        DateOnly? closedOn = null,
        string? code = null,
        string? category = null,
        ImmutableArray<AgencyId> excluded = default) =>
        new(Id, ChildOf, Opened, true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen, needs,
            closedOn: closedOn, closureOutcomeCode: code, closureCategory: category, excludedAgencies: excluded);

    [Fact]
    [Trait("Rule", "CLOSE-10")]
    public void A_closure_date_needs_an_outcome_and_a_canonical_category_and_the_reverse()
    {
        Assert.Throws<ArgumentException>(() => Row(closedOn: Opened));
        Assert.Throws<ArgumentException>(() => Row(code: "CLOSE-01", category: ReportClosureCategories.Resolved));
        Assert.Throws<ArgumentException>(() => Row(closedOn: Opened, code: "CLOSE-01", category: "Sorted"));
        Assert.Throws<ArgumentException>(() => Row(closedOn: Opened.AddDays(-1), code: "CLOSE-01", category: ReportClosureCategories.Resolved));
        Assert.True(Row(closedOn: Opened, code: "LOCAL-9", category: ReportClosureCategories.Resolved).IsClosed);
    }

    [Fact]
    [Trait("Rule", "REP-02")]
    public void Duplicate_needs_and_inconsistent_dates_are_misuse()
    {
        Assert.Throws<ArgumentException>(() => Row(needs: [A, new ReportNeed("LEI-01", "development")]));
        Assert.Throws<ArgumentException>(() => new EpisodeReportRow(Id, ChildOf, Opened, true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen,
            previousClosedOn: Opened));
        Assert.Throws<ArgumentException>(() => new EpisodeReportRow(Id, ChildOf, Opened, true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen,
            assessmentStartedOn: Opened.AddDays(3), assessmentCompletedOn: Opened.AddDays(2)));
        Assert.Throws<ArgumentException>(() => new EpisodeReportRow(default, ChildOf, Opened, true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen));
        Assert.Throws<ArgumentException>(() => new EpisodeReportRow(Id, ChildOf, Opened, true, Oak, (InitiatingSetting)99, AgeBand.TenToFifteen));
        Assert.Throws<ArgumentException>(() => new ReportPanelReferral(Opened, Oak, -1));
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void Rows_are_equal_by_content_whatever_the_order_of_excluded_agencies()
    {
        var a = Row(needs: [A, B], excluded: [Camhs, Oak, Camhs]);
        var b = Row(needs: [new ReportNeed("LEI-01", "development"), B], excluded: [Oak, Camhs]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(new[] { Camhs, Oak }, a.ExcludedAgencies);
        Assert.True(a.Excludes(Oak));
        Assert.False(a.Excludes(Elm));
        Assert.NotEqual(a, Row(needs: [B, A], excluded: [Oak, Camhs]));
    }

    [Fact]
    [Trait("Rule", "REP-01")]
    public void Open_at_a_date_means_at_the_end_of_that_day()
    {
        var row = Row(closedOn: Opened.AddDays(10), code: "CLOSE-01", category: ReportClosureCategories.Resolved);
        Assert.False(row.IsOpenAt(Opened.AddDays(-1)));
        Assert.True(row.IsOpenAt(Opened));
        Assert.True(row.IsOpenAt(Opened.AddDays(9)));
        Assert.False(row.IsOpenAt(Opened.AddDays(10)));
    }

    [Theory]
    [Trait("Rule", "CLOSE-10")]
    [InlineData(ClosureOutcome.ResolvedFamilyActions, "CLOSE-01", "Resolved")]
    [InlineData(ClosureOutcome.ResolvedSingleService, "CLOSE-02", "Resolved")]
    [InlineData(ClosureOutcome.ResolvedMultiAgency, "CLOSE-03", "Resolved")]
    [InlineData(ClosureOutcome.ResolvedOther, "CLOSE-04", "Resolved")]
    [InlineData(ClosureOutcome.ConsentWithdrawn, "CLOSE-05", "ConsentEnded")]
    [InlineData(ClosureOutcome.ConsentOverridden, "CLOSE-06", "Escalated")]
    [InlineData(ClosureOutcome.SteppedUp, "CLOSE-07", "Escalated")]
    public void Canonical_outcomes_map_to_their_code_and_category(ClosureOutcome outcome, string code, string category)
    {
        Assert.Equal(code, ReportClosureCategories.CodeOf(outcome));
        Assert.Equal(category, ReportClosureCategories.CategoryOf(outcome));
    }

    [Theory]
    [Trait("Rule", "REP-03")]
    [InlineData(null, AgeBand.Unborn)]
    [InlineData(0, AgeBand.UnderOne)]
    [InlineData(1, AgeBand.OneToFour)]
    [InlineData(4, AgeBand.OneToFour)]
    [InlineData(5, AgeBand.FiveToNine)]
    [InlineData(9, AgeBand.FiveToNine)]
    [InlineData(10, AgeBand.TenToFifteen)]
    [InlineData(15, AgeBand.TenToFifteen)]
    [InlineData(16, AgeBand.SixteenPlus)]
    [InlineData(19, AgeBand.SixteenPlus)]
    public void Ages_fall_in_the_national_bands(int? age, AgeBand band) => Assert.Equal(band, AgeBands.FromAge(age));

    [Fact]
    [Trait("Rule", "REP-03")]
    public void The_band_of_a_child_is_read_on_the_opening_date()
    {
        var child = new ChildDetails(new ChildId("c"), new DateOnly(2016, 9, 1));
        Assert.Equal(AgeBand.FiveToNine, AgeBands.Of(child, new DateOnly(2026, 8, 31)));
        Assert.Equal(AgeBand.TenToFifteen, AgeBands.Of(child, new DateOnly(2026, 9, 1)));
        Assert.Equal(AgeBand.Unborn, AgeBands.Of(new ChildDetails(new ChildId("u"), null), new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void Reporting_options_have_the_documented_defaults_and_are_validated_with_the_others()
    {
        var options = new CafOptions();
        Assert.Equal(4, options.Reporting.YearStartMonth);          // April: the financial year
        Assert.Equal(12, options.Reporting.ReReferralWindowMonths); // REP-06
        Assert.Equal(5, options.Reporting.SmallCountThreshold);     // SHARE-01
        Assert.Equal(10, options.Reporting.TopNeeds);               // REP-02

        options.Reporting.YearStartMonth = 0;
        options.Reporting.ReReferralWindowMonths = 0;
        options.Reporting.SmallCountThreshold = -1;
        options.Reporting.TopNeeds = 0;
        var problems = options.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("Reporting.YearStartMonth", StringComparison.Ordinal) && p.Contains("REP-01", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Reporting.ReReferralWindowMonths", StringComparison.Ordinal) && p.Contains("REP-06", StringComparison.Ordinal));

        options.Reporting = null!;
        Assert.Contains(options.Validate(), p => p.Contains("CafOptions.Reporting", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generator_is_deterministic_for_a_seed_and_uses_the_default_framework()
    {
        var generator = CafCohortGenerator.ForDefaultFramework();
        var from = new DateOnly(2025, 4, 1);
        var to = new DateOnly(2026, 4, 1);

        var first = generator.Generate(42, 2000, from, to).ToList();
        var again = generator.Generate(42, 2000, from, to).ToList();
        var other = generator.Generate(43, 2000, from, to).ToList();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(31, generator.Needs.Length);
        Assert.All(first, r => Assert.True(r.OpenedOn >= from && r.OpenedOn < to && !(r.ClosedOn >= to)));
        Assert.Contains(first, r => r.AgeBandAtOpening == AgeBand.Unborn);
        Assert.Contains(first, r => r.AgeBandAtOpening == AgeBand.SixteenPlus);
        Assert.Contains(first, r => !r.ExcludedAgencies.IsEmpty);
        Assert.Contains(first, r => r.PanelReferrals.Length > 0);
        Assert.Contains(first, r => r.IsClosed);

        // The seed's shape: high schools first, the youth service last but one (000 challenge 7).
        var report = CafReportBuilder.Run(first, new CafReportRequest(ReportPeriodKind.Month, from, to, to.AddDays(-1)), new ReportingOptions());
        Assert.Equal("HighSchool", report.BySetting[0].Key);
        Assert.Equal("LEI-01", report.Needs[0].Need.IndicatorId);
    }
}
