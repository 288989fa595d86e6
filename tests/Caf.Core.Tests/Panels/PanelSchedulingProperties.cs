using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

/// <summary>Invariants of the scheduler (PANEL-03, PANEL-04) and of the sharing gate on decisions (PANEL-05, SHARE-01).</summary>
public class PanelSchedulingProperties
{
    private static readonly string[] Areas = ["north", "mid", "south"];
    private static readonly DateOnly Base = new(2026, 1, 1);
    private static readonly DateTimeOffset Epoch = new(2025, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PanelScheduler Scheduler = new();

    /// <summary>Panels, a first batch (booked, then existing) and a second batch of requests.</summary>
    public sealed record World(Panel[] Panels, PanelSlotRequest[] First, PanelSlotRequest[] Second, DateOnly From, int Horizon, int Seed)
    {
        public override string ToString() =>
            $"from {From:yyyy-MM-dd} for {Horizon} days; panels: {string.Join("; ", Panels.Select(p => $"{p.Id} {p.Area} {p.Cadence.Kind} {p.Capacity}"))}; "
            + $"first: {First.Length}, second: {Second.Length}: {string.Join(", ", Second.Select(r => $"{r.Slot} {r.Area} {r.Kind} +{(r.RequestedAt - Epoch).TotalHours}h"))}";
    }

    /// <summary>Consent exclusions and a decision sheet over the same agencies.</summary>
    public sealed record Sheet(AgencyId[] Excluded, AgencyId[] Allocated, AgencyId LeadAgency);

    public static class Arbitraries
    {
        private static Gen<PanelCadence> Cadences() =>
            Gen.OneOf(
                Gen.Elements(Enum.GetValues<DayOfWeek>().AsEnumerable()).Select(PanelCadence.Weekly),
                Gen.Choose(-20, 30).Select(d => PanelCadence.Fortnightly(Base.AddDays(d))),
                from day in Gen.Elements(Enum.GetValues<DayOfWeek>().AsEnumerable())
                from occurrence in Gen.Elements(1, 2, 3, 4, PanelCadence.LastWeekdayOfMonth)
                select PanelCadence.Monthly(day, occurrence),
                from day in Gen.Elements(Enum.GetValues<DayOfWeek>().AsEnumerable())
                from occurrence in Gen.Elements(1, 4, PanelCadence.LastWeekdayOfMonth)
                from month in Gen.Choose(1, 3)
                select PanelCadence.Quarterly(day, occurrence, month),
                from offsets in Gen.ArrayOf(Gen.Choose(0, 120), 6)
                select PanelCadence.OnDates(offsets.Select(o => Base.AddDays(o))))
            .SelectMany(c => Gen.ArrayOf(Gen.Choose(0, 120), 2).Select(skip => c.WithSkippedDates(skip.Where(s => s % 3 == 0).Select(s => Base.AddDays(s)))));

        private static Gen<PanelCapacity> Capacities() =>
            from newCases in Gen.Choose(0, 3)
            from reviews in Gen.Choose(0, 3)
            from minutes in Gen.Choose(0, 100)
            from perNew in Gen.Elements(10, 20, 30)
            from perReview in Gen.Elements(5, 10, 20)
            select new PanelCapacity(newCases, reviews, minutes, perNew, perReview);

        private static Gen<Func<int, Panel>> PanelGen() =>
            from area in Gen.Elements(Areas)
            from cadence in Cadences()
            from capacity in Capacities()
            select new Func<int, Panel>(index => new Panel(new PanelId($"p{index}"), area, $"Panel {index}", "Chair", cadence, capacity, MaagMembers));

        private static Gen<Func<string, PanelSlotRequest>> RequestGen() =>
            from area in Gen.Frequency((9, Gen.Elements(Areas)), (1, Gen.Constant("east")))
            from origin in Gen.Elements(PanelSlotOrigin.Referral, PanelSlotOrigin.Review, PanelSlotOrigin.Review, PanelSlotOrigin.ReHearing)
            from hours in Gen.Choose(0, 12)
            select new Func<string, PanelSlotRequest>(id =>
                new PanelSlotRequest(new PanelSlotId(id), new PanelReferralId(id), new EpisodeId("ep-" + id), area, origin, Epoch.AddHours(hours), MaagMembers));

        public static Arbitrary<World> Worlds() =>
            Arb.From(
                from panelCount in Gen.Choose(1, 4)
                from panels in Gen.ArrayOf(PanelGen(), panelCount)
                from firstCount in Gen.Choose(0, 15)
                from first in Gen.ArrayOf(RequestGen(), firstCount)
                from secondCount in Gen.Choose(0, 30)
                from second in Gen.ArrayOf(RequestGen(), secondCount)
                from start in Gen.Choose(0, 30)
                from horizon in Gen.Choose(7, 150)
                from seed in Gen.Choose(0, int.MaxValue)
                select new World(
                    [.. panels.Select((p, i) => p(i))],
                    [.. first.Select((r, i) => r($"f{i:D2}"))],
                    [.. second.Select((r, i) => r($"s{i:D2}"))],
                    Base.AddDays(start), horizon, seed));

        public static Arbitrary<Sheet> Sheets() =>
            Arb.From(
                from excluded in Gen.SubListOf(MaagMembers)
                from allocated in Gen.NonEmptyListOf(Gen.Elements(MaagMembers))
                from lead in Gen.Elements(MaagMembers)
                select new Sheet([.. excluded], [.. allocated.Distinct()], lead));
    }

    private static (PanelBooking[] Existing, PanelSchedule Schedule) Run(World w)
    {
        var existing = Scheduler.Schedule(w.Panels, [], w.First, w.From, w.Horizon).Placed.ToArray();
        return (existing, Scheduler.Schedule(w.Panels, existing, w.Second, w.From, w.Horizon));
    }

    [Trait("Rule", "PANEL-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool PANEL03_no_meeting_is_ever_over_any_capacity(World w) =>
        Run(w).Schedule.Agendas.All(a =>
            a.NewCases <= a.Capacity.NewCases && a.Reviews <= a.Capacity.Reviews && a.Minutes <= a.Capacity.Minutes);

    [Trait("Rule", "PANEL-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool PANEL03_no_referral_is_placed_later_than_an_earlier_referral_of_its_area_and_kind(World w)
    {
        // Placed is in referral order; per area and kind (new cases and reviews have separate capacities),
        // meetings never go backwards.
        var last = new Dictionary<(string, PanelSlotKind), (DateOnly, PanelId)>();
        foreach (var b in Run(w).Schedule.Placed)
        {
            var key = (b.Request.Area, b.Kind);
            var at = (b.Meeting.Date, b.Meeting.Panel);
            if (last.TryGetValue(key, out var previous) && Compare(at, previous) < 0)
            {
                return false;
            }

            last[key] = at;
        }

        return true;
    }

    [Trait("Rule", "PANEL-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool PANEL03_nothing_is_placed_on_a_meeting_when_an_earlier_meeting_of_its_area_had_room(World w)
    {
        // Replays the requests in referral order against the agendas' meetings: each placement must be the
        // first meeting of the area with room at that moment; an unplaced request must have found none.
        var (existing, schedule) = Run(w);
        var meetings = schedule.Agendas.ToDictionary(a => (a.Meeting.Panel, a.Meeting.Date));
        var used = meetings.Keys.ToDictionary(k => k, _ => (New: 0, Reviews: 0, Minutes: 0));
        foreach (var b in existing.Where(b => used.ContainsKey((b.Meeting.Panel, b.Meeting.Date))))
        {
            Add(used, b);
        }

        var placedBySlot = schedule.Placed.ToDictionary(b => b.Slot);
        var unplaced = schedule.Unplaced.Select(u => u.Request.Slot).ToHashSet();
        foreach (var r in w.Second.OrderBy(r => r.RequestedAt).ThenBy(r => r.Slot.Value, StringComparer.Ordinal))
        {
            var ofArea = meetings.Values.Where(a => a.Meeting.Area == r.Area).OrderBy(a => a.Meeting.Date).ThenBy(a => a.Meeting.Panel).ToList();
            var firstWithRoom = ofArea.FirstOrDefault(a => HasRoom(a, used[(a.Meeting.Panel, a.Meeting.Date)], r.Kind));
            if (placedBySlot.TryGetValue(r.Slot, out var booking))
            {
                if (firstWithRoom is null || firstWithRoom.Meeting != booking.Meeting)
                {
                    return false;
                }

                Add(used, booking);
            }
            else if (!unplaced.Contains(r.Slot) || firstWithRoom is not null)
            {
                return false;
            }
        }

        return true;
    }

    [Trait("Rule", "PANEL-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool PANEL03_scheduling_is_deterministic_and_independent_of_input_order(World w)
    {
        var (existing, schedule) = Run(w);
        var random = new Random(w.Seed);
        var panels = w.Panels.ToArray();
        var requests = w.Second.ToArray();
        var booked = existing.ToArray();
        random.Shuffle(panels);
        random.Shuffle(requests);
        random.Shuffle(booked);

        var again = Scheduler.Schedule(panels, booked, requests, w.From, w.Horizon);
        return again.Equals(schedule) && Scheduler.Schedule(w.Panels, existing, w.Second, w.From, w.Horizon).Equals(schedule)
            && schedule.Placed.Length + schedule.Unplaced.Length == w.Second.Length; // never dropped
    }

    [Trait("Rule", "PANEL-04")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public bool PANEL04_no_case_goes_on_an_agenda_that_has_gone_out(World w) =>
        Run(w).Schedule.Agendas.All(a => a.AgendaIssueDate >= w.From && a.AgendaIssueDate < a.Meeting.Date && a.DecisionSheetDate > a.Meeting.Date);

    [Trait("Rule", "SHARE-01")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool SHARE01_no_decision_allocates_an_agency_the_family_excluded(Sheet sheet)
    {
        var (sharing, _) = Sharing();
        var gate = new PanelSharingGate(sharing);
        var consent = WrittenConsent(sheet.Excluded);
        var booking = BookingOn(MaagNorth(), new DateOnly(2026, 1, 7));
        var decision = PanelDecision.Allocate(booking, "Chair", sheet.Allocated.Select(a => new ServiceAllocation(a, "Support")),
            new RecommendedLeadProfessional(TestIds.HealthVisitor, sheet.LeadAgency)).Value;

        var checkedDecision = gate.CheckDecision(decision, consent, TestIds.TeacherAtSchool);
        var touchesExcluded = sheet.Allocated.Append(sheet.LeadAgency).Any(sheet.Excluded.Contains);
        var decisionOk = checkedDecision.IsSuccess
            ? !touchesExcluded && !checkedDecision.Value.Allocations.Any(a => sheet.Excluded.Contains(a.Agency))
            : touchesExcluded && checkedDecision.Refusal.RuleId == "SHARE-01";

        // The referral's papers likewise never name an excluded agency.
        var referral = gate.Refer(CompleteReferral("ref-p", "north"), consent, MaagMembers);
        var papersOk = referral.IsSuccess
            ? !referral.Value.PapersFor.Any(sheet.Excluded.Contains)
              && referral.Value.PapersFor.Length + referral.Value.Withheld.Length == MaagMembers.Length
            : MaagMembers.All(sheet.Excluded.Contains);
        return decisionOk && papersOk;
    }

    private static int Compare((DateOnly Date, PanelId Panel) a, (DateOnly Date, PanelId Panel) b) =>
        a.Date != b.Date ? a.Date.CompareTo(b.Date) : a.Panel.CompareTo(b.Panel);

    private static bool HasRoom(PanelAgenda a, (int New, int Reviews, int Minutes) used, PanelSlotKind kind) =>
        (kind == PanelSlotKind.NewCase ? used.New < a.Capacity.NewCases : used.Reviews < a.Capacity.Reviews)
        && used.Minutes + a.Capacity.MinutesFor(kind) <= a.Capacity.Minutes;

    private static void Add(Dictionary<(PanelId, DateOnly), (int New, int Reviews, int Minutes)> used, PanelBooking b)
    {
        var key = (b.Meeting.Panel, b.Meeting.Date);
        var u = used[key];
        used[key] = b.Kind == PanelSlotKind.NewCase ? (u.New + 1, u.Reviews, u.Minutes + b.Minutes) : (u.New, u.Reviews + 1, u.Minutes + b.Minutes);
    }
}
