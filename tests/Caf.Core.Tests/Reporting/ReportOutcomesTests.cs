using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Outcomes.OutcomesRating;

namespace Caf.Core.Tests.Reporting;

/// <summary>
/// OUTQ-01 in the read model and the reports: each row keeps its first and latest questionnaire, and the builder
/// summarises the distance travelled in the same one pass. Figures worked out by hand from the cohort below.
/// </summary>
/// <remarks>
/// Window April to September 2026, monthly. o1 +2 +1 0 +1 0 +1 0 (overall +5), latest 10 Jun · o2 −1 0 −1 0 0 −1 0 (−3),
/// latest 1 Sep · o3 one completion only · o4 latest 1 Mar, before the window · o5 0 +1 +2 +3 0 0 +2 (+8), child then
/// parent, closed on the day of its latest · o6 no questionnaire · o7 +1 on every question (+7), excludes CAMHS.
/// </remarks>
public class ReportOutcomesTests
{
    private static readonly AgencyId Oak = new("oak");
    private static readonly AgencyId Camhs = new("camhs");
    private static readonly DateOnly From = new(2026, 4, 1);
    private static readonly DateOnly To = new(2026, 10, 1);

    private static readonly ImmutableArray<EpisodeReportRow> Cohort =
    [
        Row(1, On(3, 10), Outcomes(3, On(3, 20), On(6, 10), true, [NotGood, NotGood, Ok, Ok, Good, Good, Great], [Good, Ok, Ok, Good, Good, Great, Great])),
        Row(2, On(4, 2), Outcomes(2, On(4, 10), On(9, 1), true, [Great, Great, Good, Good, Ok, Ok, NotGood], [Good, Great, Ok, Good, Ok, NotGood, NotGood])),
        Row(3, On(5, 1), Outcomes(1, On(5, 5), On(5, 5), true, [Ok, Ok, Ok, Ok, Ok, Ok, Ok], [Ok, Ok, Ok, Ok, Ok, Ok, Ok])),
        Row(4, On(1, 5), Outcomes(2, On(1, 10), On(3, 1), true, [NotGood, NotGood, NotGood, NotGood, NotGood, NotGood, NotGood], [Great, Great, Great, Great, Great, Great, Great])),
        Row(5, On(6, 1), Outcomes(2, On(6, 10), On(9, 20), false, [NotGood, NotGood, NotGood, NotGood, NotGood, NotGood, NotGood], [NotGood, Ok, Good, Great, NotGood, NotGood, Good]), closedOn: On(9, 20)),
        Row(6, On(7, 1), null),
        Row(7, On(4, 15), Outcomes(2, On(4, 20), On(8, 1), true, [Ok, Ok, Ok, Ok, Ok, Ok, Ok], [Good, Good, Good, Good, Good, Good, Good]), excluded: Camhs),
    ];

    private static CafReport Report(AgencyId? forAgency = null) =>
        CafReportBuilder.Run(Cohort, new CafReportRequest(ReportPeriodKind.Month, From, To, new DateOnly(2026, 9, 30), forAgency), new ReportingOptions());

    private static (int, int, int, int) Of(OutcomesMovement m) => (m.Improved, m.Unchanged, m.Worse, m.TotalChange);

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_the_report_summarises_distance_travelled_of_episodes_whose_latest_questionnaire_is_in_the_window()
    {
        var outcomes = Report().Outcomes;

        Assert.Equal(4, outcomes.Count);                                    // o1, o2, o5, o7
        Assert.Equal(
            new[] { (2, 1, 1, 2), (3, 1, 0, 3), (2, 1, 1, 2), (3, 1, 0, 5), (1, 3, 0, 1), (2, 1, 1, 1), (2, 2, 0, 3) },
            outcomes.ByQuestion.Select(Of));
        Assert.Equal((3, 0, 1, 17), Of(outcomes.Overall));
        Assert.Equal(4.25, outcomes.Overall.MeanChange);
    }

    [Trait("Rule", "OUTQ-01")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void OUTQ01_SHARE01_a_report_for_an_agency_leaves_out_the_episode_that_excludes_it()
    {
        var outcomes = Report(Camhs).Outcomes;

        Assert.Equal(3, outcomes.Count);                                    // o7 excludes CAMHS
        Assert.Equal((1, 1, 1, 1), Of(outcomes.Of(OutcomesQuestion.GettingOnWell)));
        Assert.Equal((2, 0, 1, 10), Of(outcomes.Overall));
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_the_distance_travelled_table_counts_children_and_shows_the_mean_change()
    {
        var table = Report().ToTables().Single(t => t.Id == "outq01-distance-travelled");

        Assert.Equal(["Question", "Compared", "Improved", "Unchanged", "Worse", "Mean change"], table.Columns.ToArray());
        Assert.Equal(8, table.Rows.Length);
        Assert.Equal(["1. Do you think you are getting on well?", "4", "2", "1", "1", "+0.50"], table.Rows[0].Select(c => c.Text).ToArray());
        Assert.Equal(["Overall", "4", "3", "0", "1", "+4.25"], table.Rows[^1].Select(c => c.Text).ToArray());
        Assert.Equal(["Overall", "<5", "<5", "0", "<5", "+4.25"], table.Suppress(5).Rows[^1].Select(c => c.Text).ToArray());
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_an_episodes_row_keeps_its_first_and_latest_completion()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();                                         // opened 2 March 2026, today 12 March
        Seeds.Ok(e.RecordOutcomesQuestionnaire(Seeds.Teacher, Completion(new DateOnly(2026, 3, 12), OutcomesRespondent.Child, [NotGood, Ok, Good, NotGood, Ok, Great, NotGood])));
        seeds.Time.Advance(TimeSpan.FromDays(30));
        Seeds.Ok(e.RecordOutcomesQuestionnaire(Seeds.HealthVisitor, Completion(new DateOnly(2026, 4, 10), OutcomesRespondent.Parent, [Ok, Ok, Ok, Ok, Ok, Ok, Ok])));
        seeds.Time.Advance(TimeSpan.FromDays(1));
        Seeds.Ok(e.RecordOutcomesQuestionnaire(Seeds.HealthVisitor, Completion(new DateOnly(2026, 4, 11), OutcomesRespondent.Child, [Good, Ok, Great, Ok, NotGood, Great, Good])));

        var row = EpisodeReportRows.From(e, new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.PrimarySchool);

        var o = row.Outcomes!;
        Assert.Equal((3, new DateOnly(2026, 3, 12), new DateOnly(2026, 4, 11), true), (o.Completions, o.FirstCompletedOn, o.LatestCompletedOn, o.SameRespondent));
        Assert.Equal(new[] { 2, 0, 1, 1, -1, 0, 2 }, OutcomesQuestionnaire.Questions.Select(o.Change));   // the middle (parent's) completion is skipped
        Assert.Equal(5, o.OverallChange);
        Assert.Equal(OutcomesCohortSummary.From([e.OutcomesDistanceTravelled!]), OutcomesCohortSummary.FromRows([row]));
        Assert.Null(EpisodeReportRows.From(new Seeds().PlanActive(), new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.PrimarySchool).Outcomes);
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_the_row_refuses_inconsistent_outcomes()
    {
        ImmutableArray<OutcomesRating> seven = [Ok, Ok, Ok, Ok, Ok, Ok, Ok];
        Assert.Throws<ArgumentException>(() => new ReportOutcomes(0, On(4, 1), On(4, 1), true, seven, seven));
        Assert.Throws<ArgumentException>(() => new ReportOutcomes(2, On(4, 2), On(4, 1), true, seven, seven));
        Assert.Throws<ArgumentException>(() => new ReportOutcomes(2, On(4, 1), On(4, 2), true, seven.RemoveAt(0), seven));
        Assert.Throws<ArgumentException>(() => new ReportOutcomes(2, On(4, 1), On(4, 2), true, seven, seven.SetItem(3, (OutcomesRating)9)));
        Assert.Throws<ArgumentException>(() => new ReportOutcomes(2, On(4, 1), On(4, 2), true, default, seven));
        Assert.Throws<ArgumentException>(() => new ReportOutcomes(1, On(4, 1), On(4, 2), true, seven, seven));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReportOutcomes(1, On(4, 1), On(4, 1), true, seven, seven).Change(0));

        var fine = new ReportOutcomes(2, On(4, 10), On(5, 1), true, seven, seven);
        Assert.Throws<ArgumentException>(() => Row(1, On(4, 11), fine));                     // the first before opening
        Assert.Throws<ArgumentException>(() => Row(1, On(4, 1), fine, closedOn: On(4, 30)));  // the latest after closure
        Assert.Equal(fine, Row(1, On(4, 10), fine, closedOn: On(5, 1)).Outcomes);
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_a_row_with_outcomes_is_serialisable_with_System_Text_Json_and_equal_by_value()
    {
        foreach (var row in Cohort)
        {
            var back = JsonSerializer.Deserialize<EpisodeReportRow>(JsonSerializer.Serialize(row));
            Assert.Equal(row, back);
        }

        Assert.Equal(Cohort[0], Row(1, On(3, 10), Outcomes(3, On(3, 20), On(6, 10), true, [NotGood, NotGood, Ok, Ok, Good, Good, Great], [Good, Ok, Ok, Good, Good, Great, Great])));
        Assert.NotEqual(Cohort[0], Row(1, On(3, 10), Outcomes(3, On(3, 20), On(6, 10), true, [NotGood, NotGood, Ok, Ok, Good, Good, Great], [Good, Ok, Ok, Good, Good, Great, Good])));
        Assert.NotEqual(Cohort[5], Row(6, On(7, 1), Outcomes(1, On(7, 2), On(7, 2), true, [Ok, Ok, Ok, Ok, Ok, Ok, Ok], [Ok, Ok, Ok, Ok, Ok, Ok, Ok])));
    }

    [Trait("Rule", "OUTQ-01")]
    [Fact]
    public void OUTQ01_the_generated_cohort_records_questionnaires()
    {
        var rows = CafCohortGenerator.ForDefaultFramework().Generate(2009, 1200, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1)).ToArray();
        var summary = OutcomesCohortSummary.FromRows(rows);

        Assert.InRange(rows.Count(r => r.Outcomes is not null), 300, 900);
        Assert.InRange(summary.Count, 150, 700);
        Assert.True(summary.Overall.MeanChange > 0, "the generator makes most children a little better");
        Assert.Equal(summary, OutcomesCohortSummary.FromRows(CafCohortGenerator.ForDefaultFramework().Generate(2009, 1200, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1))));
    }

    private static Gen<OutcomesCompletion> Completions(DateOnly start) =>
        from ratings in Gen.Elements(NotGood, Ok, Good, Great).ArrayOf(7)
        from who in Gen.Elements(OutcomesRespondent.Child, OutcomesRespondent.Parent, OutcomesRespondent.Together)
        from days in Gen.Choose(0, 300)
        select Completion(start.AddDays(days), who, ratings);

    [Trait("Rule", "OUTQ-01")]
    [Property(MaxTest = 200)]
    public Property OUTQ01_the_summary_over_rows_equals_the_summary_over_the_episodes_distances() =>
        Prop.ForAll(Completions(On(4, 1)).Two().ListOf().ToArbitrary(), pairs =>
        {
            var ordered = pairs.Select(p => p.Item1.CompletedOn <= p.Item2.CompletedOn ? p : (p.Item2, p.Item1)).ToList();
            var rows = ordered.Select((p, i) => Row(i, On(4, 1), ReportOutcomes.Of([p.Item1, p.Item2]))).ToList();
            var distances = ordered.Select(p => DistanceTravelled.Between(p.Item1, p.Item2).Value).ToList();
            return OutcomesCohortSummary.FromRows(rows) == OutcomesCohortSummary.From(distances)
                && rows.All(r => r.Outcomes!.OverallChange == distances[rows.IndexOf(r)].Overall);
        });

    private static OutcomesCompletion Completion(DateOnly on, OutcomesRespondent who, OutcomesRating[] ratings) =>
        OutcomesCompletion.Create(on, who, OutcomesQuestionnaire.Questions.Select((q, i) => new OutcomesAnswer(q, ratings[i]))).Value;

    private static ReportOutcomes Outcomes(int completions, DateOnly first, DateOnly latest, bool same, OutcomesRating[] firstRatings, OutcomesRating[] latestRatings) =>
        new(completions, first, latest, same, [.. firstRatings], [.. latestRatings]);

    private static EpisodeReportRow Row(int n, DateOnly opened, ReportOutcomes? outcomes, DateOnly? closedOn = null, AgencyId? excluded = null) =>
        new(new EpisodeId($"o{n}"), new ChildId($"c{n}"), opened, true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen,
            closedOn: closedOn, closureOutcomeCode: closedOn is null ? null : "CLOSE-03", closureCategory: closedOn is null ? null : ReportClosureCategories.Resolved,
            excludedAgencies: excluded is { } x ? [x] : default, outcomes: outcomes);

    private static DateOnly On(int month, int day) => new(2026, month, day);
}
