using System;
using System.Linq;
using Caf.Core.Panels;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

public class PanelCadenceTests
{
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_Bedfordshire_MAAG_meets_fortnightly()
    {
        var dates = MaagNorth().Cadence.MeetingDates(NewYear2026, 42);
        Assert.Equal([D(1, 7), D(1, 21), D(2, 4)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_fortnightly_cadence_keeps_its_rhythm_from_a_date_between_meetings()
    {
        var dates = MaagNorth().Cadence.MeetingDates(D(1, 8), 28);
        Assert.Equal([D(1, 21), D(2, 4)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_Leicestershire_MAF_meets_four_times_a_year()
    {
        var dates = LeicestershireMaf().Cadence.MeetingDates(NewYear2026, 365);
        Assert.Equal([D(1, 6), D(4, 7), D(7, 7), D(10, 6)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_quarterly_from_the_middle_of_a_quarter_starts_with_the_next_quarter()
    {
        var dates = PanelCadence.Quarterly(DayOfWeek.Tuesday, 1).MeetingDates(D(2, 15), 180);
        Assert.Equal([D(4, 7), D(7, 7)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_monthly_on_the_last_Friday()
    {
        var dates = PanelCadence.Monthly(DayOfWeek.Friday, PanelCadence.LastWeekdayOfMonth).MeetingDates(NewYear2026, D(4, 1));
        Assert.Equal([D(1, 30), D(2, 27), D(3, 27)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_monthly_on_the_second_Monday()
    {
        var dates = PanelCadence.Monthly(DayOfWeek.Monday, 2).MeetingDates(NewYear2026, D(3, 31));
        Assert.Equal([D(1, 12), D(2, 9), D(3, 9)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_weekly_on_Thursdays_includes_the_first_day()
    {
        var dates = PanelCadence.Weekly(DayOfWeek.Thursday).MeetingDates(NewYear2026, 15);
        Assert.Equal([D(1, 1), D(1, 8), D(1, 15)], dates.ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_skipped_date_has_no_meeting_and_is_not_moved()
    {
        var cadence = PanelCadence.Fortnightly(D(1, 7)).WithSkippedDates([D(1, 21)]);
        Assert.Equal([D(1, 7), D(2, 4)], cadence.MeetingDates(NewYear2026, 42).ToArray());
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_explicit_dates_are_sorted_and_distinct_and_limited_to_the_horizon()
    {
        var cadence = PanelCadence.OnDates([D(3, 3), D(1, 20), D(3, 3), D(12, 1, 2025)]);
        Assert.Equal([D(1, 20), D(3, 3)], cadence.MeetingDates(NewYear2026, 365).ToArray());
        Assert.Equal(PanelCadenceKind.ExplicitDates, cadence.Kind);
    }

    [Fact]
    public void Cadences_with_the_same_dates_are_equal()
    {
        var a = PanelCadence.OnDates([D(1, 20), D(3, 3)]).WithSkippedDates([D(3, 3)]);
        var b = PanelCadence.OnDates([D(3, 3), D(1, 20)]).WithSkippedDates([D(3, 3)]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, PanelCadence.OnDates([D(1, 20), D(3, 3)]));
    }

    [Fact]
    public void Misuse_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PanelCadence.Monthly(DayOfWeek.Monday, 5));
        Assert.Throws<ArgumentException>(() => PanelCadence.OnDates([]));
        Assert.ThrowsAny<ArgumentException>(() => PanelCadence.Weekly((DayOfWeek)9));
        Assert.ThrowsAny<ArgumentException>(() => PanelCadence.Weekly(DayOfWeek.Monday).MeetingDates(NewYear2026, 0));
        Assert.ThrowsAny<ArgumentException>(() => new PanelCapacity(-1, 30, 800));
        Assert.ThrowsAny<ArgumentException>(() => new PanelCapacity(10, 30, 800, minutesPerNewCase: 0));
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_case_takes_20_minutes_unless_the_panel_says_otherwise()
    {
        var capacity = new PanelCapacity(10, 30, 800);
        Assert.Equal(20, capacity.MinutesFor(PanelSlotKind.NewCase));
        Assert.Equal(20, capacity.MinutesFor(PanelSlotKind.Review));
        Assert.Equal(10, capacity.SlotsFor(PanelSlotKind.NewCase));
        Assert.Equal(30, capacity.SlotsFor(PanelSlotKind.Review));
    }

    [Fact]
    [Trait("Rule", "PANEL-04")]
    public void PANEL04_agenda_the_Monday_before_and_decision_sheets_the_Friday_after()
    {
        var timetable = new PanelTimetable();
        Assert.Equal(D(1, 5), timetable.AgendaIssueDate(D(1, 7)));    // Wednesday meeting
        Assert.Equal(D(1, 9), timetable.DecisionSheetDate(D(1, 7)));
        Assert.Equal(D(1, 5), timetable.AgendaIssueDate(D(1, 12)));   // Monday meeting: the Monday before
        Assert.Equal(D(1, 23), timetable.DecisionSheetDate(D(1, 16)));  // Friday meeting: the Friday after
    }

    [Fact]
    [Trait("Rule", "PANEL-04")]
    public void PANEL04_days_before_and_after_are_options()
    {
        var timetable = new PanelTimetable(new PanelOptions { AgendaDaysBefore = 7, DecisionSheetDaysAfter = 3 });
        Assert.Equal(D(12, 31, 2025), timetable.AgendaIssueDate(D(1, 7)));
        Assert.Equal(D(1, 10), timetable.DecisionSheetDate(D(1, 7)));
    }

    [Fact]
    public void Panel_copies_its_members_sorted_and_distinct()
    {
        var panel = new Panel(new PanelId("p"), "north", "MAAG North", "Chair", PanelCadence.Weekly(DayOfWeek.Monday),
            new PanelCapacity(1, 1, 40), [Youth, Education, Youth]);
        Assert.Equal([Education, Youth], panel.MemberAgencies.ToArray());
        Assert.Equal(panel, new Panel(new PanelId("p"), "north", "MAAG North", "Chair", PanelCadence.Weekly(DayOfWeek.Monday),
            new PanelCapacity(1, 1, 40), [Education, Youth]));
    }
}
