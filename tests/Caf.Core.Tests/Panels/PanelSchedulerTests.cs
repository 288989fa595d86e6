using System;
using System.Linq;
using Caf.Core.Panels;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

public class PanelSchedulerTests
{
    private static readonly PanelScheduler Scheduler = new();
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_MAF_takes_10_new_cases_and_the_11th_goes_to_the_next_meeting()
    {
        var schedule = Scheduler.Schedule([LeicestershireMaf()], [], Requests(12), NewYear2026);

        Assert.Equal(Enumerable.Repeat(D(1, 6), 10).Concat([D(4, 7), D(4, 7)]), schedule.Placed.Select(b => b.Meeting.Date));
        Assert.Empty(schedule.Unplaced);
        Assert.Equal(10, schedule.Agendas[0].NewCases);
        Assert.Equal(200, schedule.Agendas[0].Minutes);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_MAF_takes_30_reviews_beside_its_10_new_cases()
    {
        var requests = Requests(10).Concat(Requests(31, origin: PanelSlotOrigin.Review, prefix: "v"));
        var schedule = Scheduler.Schedule([LeicestershireMaf()], [], requests, NewYear2026);

        var january = schedule.Agendas.Single(a => a.Meeting.Date == D(1, 6));
        Assert.Equal(10, january.NewCases);
        Assert.Equal(30, january.Reviews);
        Assert.Equal(800, january.Minutes);
        var lastReview = schedule.Placed.Single(b => b.Slot == new PanelSlotId("v031"));
        Assert.Equal(D(4, 7), lastReview.Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_minutes_bind_too_at_20_minutes_a_case()
    {
        // A three-hour meeting at 20 minutes a case takes 9 cases even though 10 new-case places are free.
        var schedule = Scheduler.Schedule([LeicestershireMaf(minutes: 180)], [], Requests(10), NewYear2026);

        Assert.Equal(9, schedule.Placed.Count(b => b.Meeting.Date == D(1, 6)));
        Assert.Equal(D(4, 7), schedule.Placed[9].Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_Bedfordshire_referrals_go_to_their_own_area_panel()
    {
        var requests = new[] { Request("n1", "north"), Request("m1", "mid"), Request("s1", "south") };
        var schedule = Scheduler.Schedule([MaagSouth(), MaagNorth(), MaagMid()], [], requests, NewYear2026);

        Assert.Equal(D(1, 7), schedule.Placed.Single(b => b.Request.Area == "north").Meeting.Date);
        Assert.Equal(D(1, 8), schedule.Placed.Single(b => b.Request.Area == "mid").Meeting.Date);
        Assert.Equal(D(1, 13), schedule.Placed.Single(b => b.Request.Area == "south").Meeting.Date);
        Assert.Equal(new PanelId("maag-north"), schedule.Placed.Single(b => b.Request.Area == "north").Meeting.Panel);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_full_fortnightly_meeting_moves_the_overflow_to_the_next_one()
    {
        var schedule = Scheduler.Schedule([MaagNorth(new PanelCapacity(3, 30, 800))], [], Requests(5, "north"), NewYear2026);

        Assert.Equal([D(1, 7), D(1, 7), D(1, 7), D(1, 21), D(1, 21)], schedule.Placed.Select(b => b.Meeting.Date));
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_what_fits_nowhere_in_the_horizon_is_reported_not_dropped()
    {
        var schedule = Scheduler.Schedule([MaagNorth(new PanelCapacity(2, 30, 800))], [], Requests(5, "north").Append(Request("x1", "bedford-east")), NewYear2026, 14);

        Assert.Equal(2, schedule.Placed.Length);
        Assert.Equal(["r003", "r004", "r005", "x1"], schedule.Unplaced.Select(u => u.Request.Slot.Value).Order(StringComparer.Ordinal));
        Assert.Equal(PanelUnplacedReason.NoPanelForArea, schedule.Unplaced.Single(u => u.Request.Area == "bedford-east").Reason);
        Assert.All(schedule.Unplaced.Where(u => u.Request.Area == "north"), u => Assert.Equal(PanelUnplacedReason.NoMeetingWithRoom, u.Reason));
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_referral_order_not_input_order_decides_who_goes_first()
    {
        var late = Request("a-late", "north", Morning.AddDays(2));
        var early = Request("z-early", "north", Morning);
        var schedule = Scheduler.Schedule([MaagNorth(new PanelCapacity(1, 30, 800))], [], [late, early], NewYear2026);

        Assert.Equal(D(1, 7), schedule.Placed.Single(b => b.Slot == early.Slot).Meeting.Date);
        Assert.Equal(D(1, 21), schedule.Placed.Single(b => b.Slot == late.Slot).Meeting.Date);
        Assert.Equal([early.Slot, late.Slot], schedule.Placed.Select(b => b.Slot));
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_referrals_at_the_same_time_go_in_referral_id_order()
    {
        var b = Request("ref-b", "north", Morning);
        var a = Request("ref-a", "north", Morning);
        var schedule = Scheduler.Schedule([MaagNorth(new PanelCapacity(1, 30, 800))], [], [b, a], NewYear2026);

        Assert.Equal(D(1, 7), schedule.Placed.Single(x => x.Slot == a.Slot).Meeting.Date);
        Assert.Equal(D(1, 21), schedule.Placed.Single(x => x.Slot == b.Slot).Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_existing_bookings_use_capacity_and_stay_on_the_agenda()
    {
        var maf = LeicestershireMaf();
        var existing = Enumerable.Range(1, 9).Select(i => BookingOn(maf, D(1, 6), $"old{i}")).ToArray();

        var schedule = Scheduler.Schedule([maf], existing, Requests(2), NewYear2026);

        Assert.Equal([D(1, 6), D(4, 7)], schedule.Placed.Select(b => b.Meeting.Date));
        Assert.Equal(10, schedule.Agendas[0].Entries.Length);
    }

    [Fact]
    [Trait("Rule", "PANEL-04")]
    public void PANEL04_a_meeting_whose_agenda_has_gone_out_takes_no_more_cases()
    {
        // The 6 January MAF's agenda went out on Monday 5 January.
        var schedule = Scheduler.Schedule([LeicestershireMaf()], [], Requests(1), D(1, 6));
        Assert.Equal(D(4, 7), schedule.Placed.Single().Meeting.Date);

        var onIssueDay = Scheduler.Schedule([LeicestershireMaf()], [], Requests(1), D(1, 5));
        Assert.Equal(D(1, 6), onIssueDay.Placed.Single().Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-04")]
    public void PANEL04_each_agenda_carries_its_issue_and_decision_sheet_dates()
    {
        var schedule = Scheduler.Schedule([MaagNorth()], [], [], NewYear2026, 28);

        Assert.Equal([D(1, 7), D(1, 21)], schedule.Agendas.Select(a => a.Meeting.Date));
        Assert.Equal([D(1, 5), D(1, 19)], schedule.Agendas.Select(a => a.AgendaIssueDate));
        Assert.Equal([D(1, 9), D(1, 23)], schedule.Agendas.Select(a => a.DecisionSheetDate));
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_a_skipped_meeting_sends_its_cases_to_the_next_meeting()
    {
        var panel = new Panel(new PanelId("maag-north"), "north", "MAAG North", "Chair",
            PanelCadence.Fortnightly(D(1, 7)).WithSkippedDates([D(1, 7)]), new PanelCapacity(10, 30, 800), MaagMembers);
        var schedule = Scheduler.Schedule([panel], [], Requests(1, "north"), NewYear2026);
        Assert.Equal(D(1, 21), schedule.Placed.Single().Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public void PANEL03_two_panels_of_one_area_share_its_queue_by_date()
    {
        var weekly = new Panel(new PanelId("yisp-north"), "north", "YISP North", "Chair", PanelCadence.Weekly(DayOfWeek.Monday),
            new PanelCapacity(1, 0, 20), MaagMembers);
        var schedule = Scheduler.Schedule([MaagNorth(new PanelCapacity(1, 0, 20)), weekly], [], Requests(3, "north"), NewYear2026);

        // Monday 5 January is out: its agenda went out on Monday 29 December.
        Assert.Equal([D(1, 7), D(1, 12), D(1, 19)], schedule.Placed.Select(b => b.Meeting.Date));
    }

    [Fact]
    public void Duplicate_ids_are_misuse()
    {
        Assert.Throws<ArgumentException>(() => Scheduler.Schedule([MaagNorth(), MaagNorth()], [], [], NewYear2026));
        Assert.Throws<ArgumentException>(() => Scheduler.Schedule([MaagNorth()], [], [Request("a", "north"), Request("a", "north")], NewYear2026));
        Assert.Throws<ArgumentException>(() => Scheduler.Schedule([MaagNorth()], [BookingOn(MaagNorth(), D(1, 7), "a")], [Request("a", "north")], NewYear2026));
    }
}
