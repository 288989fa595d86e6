using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Benchmarks;

/// <summary>
/// PANEL-03: scheduling 10,000 referrals across 5 panels (5 areas) over a year. The baseline is the naive
/// reading of the rule producing the same schedule: for each referral, rescan every meeting of every panel from the
/// start for the first one of its area with room (O(referrals x meetings)), then sort every agenda's entries. The
/// library keeps a cursor per area and kind, radix-sorts the requests on their times as numbers, finds areas by a precomputed index and keeps each agenda's
/// entries in request order as it places them (no rebuild). All produce the same placements (checked in the setup; the
/// whole schedule is held to the naive rescan by PanelSchedulerNaiveProperties). The former baseline (placements only,
/// without bookings, messages or agendas) is kept as a row.
/// </summary>
[MemoryDiagnoser]
public class PanelSchedulingBenchmarks
{
    private static readonly DateOnly From = new(2026, 1, 1);
    private static readonly AgencyId[] Members = [new("education"), new("health"), new("youth"), new("family-support")];
    private readonly PanelScheduler _scheduler = new();
    private Panel[] _panels = [];
    private PanelSlotRequest[] _requests = [];

    [GlobalSetup]
    public void Setup()
    {
        // Weekly, fortnightly x2, monthly and quarterly panels with Leicestershire's 10 new / 30 reviews / 20 minutes.
        var cadences = new[]
        {
            PanelCadence.Weekly(DayOfWeek.Monday),
            PanelCadence.Fortnightly(new DateOnly(2026, 1, 7)),
            PanelCadence.Fortnightly(new DateOnly(2026, 1, 8)),
            PanelCadence.Monthly(DayOfWeek.Tuesday, 1),
            PanelCadence.Quarterly(DayOfWeek.Tuesday, 1),
        };
        _panels = [.. cadences.Select((c, i) => new Panel(new PanelId($"panel-{i}"), $"area-{i}", $"Panel {i}", "Chair", c, new PanelCapacity(10, 30, 800), Members))];
        var random = new Random(42);
        var start = new DateTimeOffset(2025, 12, 1, 9, 0, 0, TimeSpan.Zero);
        _requests = [.. Enumerable.Range(0, 10_000).Select(i =>
        {
            var id = $"ref-{i:D5}";
            var origin = random.Next(4) == 0 ? PanelSlotOrigin.Review : PanelSlotOrigin.Referral;
            return new PanelSlotRequest(new PanelSlotId(id), new PanelReferralId(id), new EpisodeId("ep-" + id), $"area-{random.Next(5)}", origin,
                start.AddMinutes(random.Next(60 * 24 * 30)), Members);
        })];

        var library = Library();
        var naive = Naive();
        if (library.Placed.Length != naive.Count || !library.Placed.Select(b => (b.Slot, b.Meeting)).SequenceEqual(naive))
        {
            throw new InvalidOperationException("The naive scheduler and the library disagree.");
        }
    }

    /// <summary>
    /// The baseline: the naive rescan producing what the scheduler produces (bookings, unplaced requests with their
    /// reason, every agenda with its entries sorted), so that times and allocations compare like with like.
    /// </summary>
    [Benchmark(Baseline = true, Description = "naive rescan, same output (bookings, unplaced, agendas)")]
    public (List<PanelBooking>, List<(PanelSlotRequest, PanelUnplacedReason, string)>, List<(PanelMeeting, PanelBooking[])>) NaiveFull()
    {
        var meetings = _panels
            .SelectMany(p => p.Meetings(From, 365).Where(m => _scheduler.Timetable.AgendaIssueDate(m.Date) >= From).Select(m => (Meeting: m, p.Capacity)))
            .OrderBy(m => m.Meeting.Date).ThenBy(m => m.Meeting.Panel)
            .ToArray();
        var newCases = new int[meetings.Length];
        var reviews = new int[meetings.Length];
        var minutes = new int[meetings.Length];
        var entries = meetings.Select(_ => new List<PanelBooking>()).ToArray();
        var placed = new List<PanelBooking>();
        var unplaced = new List<(PanelSlotRequest, PanelUnplacedReason, string)>();
        foreach (var r in _requests.OrderBy(r => r.RequestedAt).ThenBy(r => r.Slot))
        {
            var review = r.Kind == PanelSlotKind.Review;
            var done = false;
            for (var i = 0; i < meetings.Length && !done; i++)
            {
                var (meeting, capacity) = meetings[i];
                var per = capacity.MinutesFor(r.Kind);
                if (meeting.Area == r.Area && (review ? reviews[i] : newCases[i]) < capacity.SlotsFor(r.Kind) && minutes[i] + per <= capacity.Minutes)
                {
                    _ = review ? reviews[i]++ : newCases[i]++;
                    minutes[i] += per;
                    var booking = new PanelBooking(r, meeting, per);
                    entries[i].Add(booking);
                    placed.Add(booking);
                    done = true;
                }
            }

            if (!done)
            {
                unplaced.Add(meetings.Any(m => m.Meeting.Area == r.Area)
                    ? (r, PanelUnplacedReason.NoMeetingWithRoom, $"Every meeting of area '{r.Area}' from {From:yyyy-MM-dd} for 365 days is full for {PanelDisplayText.For(r.Kind).ToLowerInvariant()}s.")
                    : (r, PanelUnplacedReason.NoPanelForArea, $"No panel serves area '{r.Area}'."));
            }
        }

        return (placed, unplaced, [.. meetings.Select((m, i) => (m.Meeting, entries[i].OrderBy(e => e.Request.RequestedAt).ThenBy(e => e.Slot).ToArray()))]);
    }

    /// <summary>The former baseline: placements only (no bookings, messages or agendas), for comparison with earlier runs.</summary>
    [Benchmark(Description = "naive rescan, placements only (former baseline)")]
    public List<(PanelSlotId, PanelMeeting)> Naive()
    {
        var meetings = _panels
            .SelectMany(p => p.Meetings(From, 365).Where(m => _scheduler.Timetable.AgendaIssueDate(m.Date) >= From).Select(m => (Meeting: m, p.Capacity)))
            .OrderBy(m => m.Meeting.Date).ThenBy(m => m.Meeting.Panel)
            .ToArray();
        var newCases = new int[meetings.Length];
        var reviews = new int[meetings.Length];
        var minutes = new int[meetings.Length];
        var placed = new List<(PanelSlotId, PanelMeeting)>();
        foreach (var r in _requests.OrderBy(r => r.RequestedAt).ThenBy(r => r.Slot))
        {
            for (var i = 0; i < meetings.Length; i++)
            {
                var (meeting, capacity) = meetings[i];
                if (meeting.Area != r.Area)
                {
                    continue;
                }

                var review = r.Kind == PanelSlotKind.Review;
                var count = review ? reviews[i] : newCases[i];
                var per = capacity.MinutesFor(r.Kind);
                if (count < capacity.SlotsFor(r.Kind) && minutes[i] + per <= capacity.Minutes)
                {
                    if (review)
                    {
                        reviews[i]++;
                    }
                    else
                    {
                        newCases[i]++;
                    }

                    minutes[i] += per;
                    placed.Add((r.Slot, meeting));
                    break;
                }
            }
        }

        return placed;
    }

    [Benchmark(Description = "PanelScheduler (cursor per area and kind)")]
    public PanelSchedule Library() => _scheduler.Schedule(_panels, [], _requests, From, 365);
}
