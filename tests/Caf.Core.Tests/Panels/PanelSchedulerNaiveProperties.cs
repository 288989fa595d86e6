using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Caf.Core.Panels;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Panels;

/// <summary>
/// PANEL-03: the scheduler indexes (a cursor per area and kind, entries kept in request order) instead of rescanning;
/// this holds it to the naive rescan it replaces, kept here as the reference: every request, in request order, scans
/// every meeting of every panel from the start for the first of its area with room, and every agenda is rebuilt by
/// sorting its entries. Same placements, same unplaced requests and reasons, same agendas, entry for entry.
/// </summary>
public class PanelSchedulerNaiveProperties
{
    private static readonly PanelScheduler Scheduler = new();

    [Trait("Rule", "PANEL-03")]
    [Trait("Rule", "PANEL-04")]
    [Property(Arbitrary = [typeof(PanelSchedulingProperties.Arbitraries)], MaxTest = 300)]
    public void The_scheduler_places_exactly_as_the_naive_rescan(PanelSchedulingProperties.World w)
    {
        var existing = Naive(w.Panels, [], w.First, w.From, w.Horizon).Placed;
        Assert.Equal(existing, Scheduler.Schedule(w.Panels, [], w.First, w.From, w.Horizon).Placed.ToArray());

        var expected = Naive(w.Panels, existing, w.Second, w.From, w.Horizon);
        var actual = Scheduler.Schedule(w.Panels, existing, w.Second, w.From, w.Horizon);

        Assert.Equal(expected.Placed, actual.Placed.ToArray());
        Assert.Equal(expected.Unplaced, actual.Unplaced.Select(u => (u.Request.Slot, u.Reason, u.Message)).ToArray());
        Assert.Equal(expected.Agendas.Length, actual.Agendas.Length);
        for (var i = 0; i < expected.Agendas.Length; i++)
        {
            var (meeting, issue, sheet, entries) = expected.Agendas[i];
            var agenda = actual.Agendas[i];
            Assert.Equal(meeting, agenda.Meeting);
            Assert.Equal(issue, agenda.AgendaIssueDate);
            Assert.Equal(sheet, agenda.DecisionSheetDate);
            Assert.Equal(entries, agenda.Entries.ToArray());
        }
    }

    private sealed record NaiveSchedule(
        PanelBooking[] Placed, (PanelSlotId, PanelUnplacedReason, string)[] Unplaced, (PanelMeeting, DateOnly, DateOnly, PanelBooking[])[] Agendas);

    private static NaiveSchedule Naive(Panel[] panels, PanelBooking[] existing, PanelSlotRequest[] requests, DateOnly from, int horizon)
    {
        var timetable = Scheduler.Timetable;
        var meetings = panels
            .SelectMany(p => p.Meetings(from, horizon).Where(m => timetable.AgendaIssueDate(m.Date) >= from).Select(m => (Meeting: m, p.Capacity)))
            .OrderBy(m => m.Meeting.Date).ThenBy(m => m.Meeting.Panel)
            .ToArray();
        var entries = meetings.Select(_ => new List<PanelBooking>()).ToArray();
        for (var i = 0; i < meetings.Length; i++)
        {
            entries[i].AddRange(existing.Where(b => b.Meeting == meetings[i].Meeting));
        }

        var placed = new List<PanelBooking>();
        var unplaced = new List<(PanelSlotId, PanelUnplacedReason, string)>();
        foreach (var r in requests.OrderBy(r => r.RequestedAt).ThenBy(r => r.Slot.Value, StringComparer.Ordinal))
        {
            var placedOn = -1;
            for (var i = 0; i < meetings.Length && placedOn < 0; i++)
            {
                var (meeting, capacity) = meetings[i];
                var used = entries[i];
                if (meeting.Area == r.Area
                    && used.Count(e => e.Kind == r.Kind) < capacity.SlotsFor(r.Kind)
                    && used.Sum(e => e.Minutes) + capacity.MinutesFor(r.Kind) <= capacity.Minutes)
                {
                    placedOn = i;
                }
            }

            if (placedOn >= 0)
            {
                var booking = new PanelBooking(r, meetings[placedOn].Meeting, meetings[placedOn].Capacity.MinutesFor(r.Kind));
                entries[placedOn].Add(booking);
                placed.Add(booking);
            }
            else if (meetings.Any(m => m.Meeting.Area == r.Area))
            {
                unplaced.Add((r.Slot, PanelUnplacedReason.NoMeetingWithRoom, string.Create(CultureInfo.InvariantCulture,
                    $"Every meeting of area '{r.Area}' from {from:yyyy-MM-dd} for {horizon} days is full for {PanelDisplayText.For(r.Kind).ToLowerInvariant()}s.")));
            }
            else
            {
                unplaced.Add((r.Slot, PanelUnplacedReason.NoPanelForArea, $"No panel serves area '{r.Area}'."));
            }
        }

        return new NaiveSchedule(
            [.. placed],
            [.. unplaced],
            [.. meetings.Select((m, i) => (m.Meeting, timetable.AgendaIssueDate(m.Meeting.Date), timetable.DecisionSheetDate(m.Meeting.Date),
                entries[i].OrderBy(e => e.Request.RequestedAt).ThenBy(e => e.Slot.Value, StringComparer.Ordinal).ToArray()))]);
    }
}
