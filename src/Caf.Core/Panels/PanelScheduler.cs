using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-03: places new referrals and review slots on the earliest meeting of their area with room, in
/// request order, never over any capacity (new cases, reviews, minutes). A pure function of (panels,
/// existing bookings, requests, from date, horizon): a host runs it on its own data and books the result
/// (<see cref="IPanelBookingStore.BookAllAsync"/>).
/// </summary>
/// <remarks>
/// <para>Rules (docs/panels.md):</para>
/// <list type="number">
/// <item>A meeting can take a case when its date is within [from, from + horizon) and its agenda has not
/// gone out before <c>from</c> (PANEL-04: the papers go out on the agenda issue date).</item>
/// <item>Requests are taken in the order of request time, then slot id (ordinal); the order of the input
/// collections does not matter.</item>
/// <item>Each request goes on the first meeting of its area (by date, then panel id) with room for its kind:
/// fewer new cases (or reviews) than the capacity, and the kind's minutes still within the meeting's minutes.</item>
/// <item>A request that fits nowhere is reported in <see cref="PanelSchedule.Unplaced"/>, never dropped.</item>
/// </list>
/// <para>Cost: linear in requests plus meetings after sorting the requests. Room only ever shrinks, so each
/// area keeps a cursor per kind at the first meeting that may still have room; a cursor never moves back,
/// and no request rescans the meetings before it.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PanelScheduler
{
    private static readonly Comparison<PanelSlotRequest> RequestOrder = static (a, b) =>
    {
        var byTime = a.RequestedAt.CompareTo(b.RequestedAt);
        return byTime != 0 ? byTime : a.Slot.CompareTo(b.Slot);
    };

    private readonly int _horizonDays;

    /// <summary>Creates the scheduler, copying the options.</summary>
    /// <param name="options">The panel options; the defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PanelScheduler(PanelOptions? options = null)
    {
        options ??= new PanelOptions();
        Timetable = new PanelTimetable(options);
        _horizonDays = options.SchedulingHorizonDays;
    }

    /// <summary>The agenda and decision-sheet dates used (PANEL-04).</summary>
    public PanelTimetable Timetable { get; }

    /// <summary>Schedules from today's local date by <paramref name="time"/>.</summary>
    /// <param name="panels">The panels.</param>
    /// <param name="existing">Bookings already held.</param>
    /// <param name="requests">The slot requests to place.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The schedule over <see cref="PanelOptions.SchedulingHorizonDays"/>.</returns>
    public PanelSchedule Schedule(IEnumerable<Panel> panels, IEnumerable<PanelBooking> existing, IEnumerable<PanelSlotRequest> requests, TimeProvider time) =>
        Schedule(panels, existing, requests, DateOnly.FromDateTime(Guard.Against.Null(time).GetLocalNow().DateTime), _horizonDays);

    /// <summary>PANEL-03: places the requests over <see cref="PanelOptions.SchedulingHorizonDays"/> days from <paramref name="from"/>.</summary>
    /// <param name="panels">The panels.</param>
    /// <param name="existing">Bookings already held.</param>
    /// <param name="requests">The slot requests to place.</param>
    /// <param name="from">The first day a meeting may be on.</param>
    /// <returns>The schedule.</returns>
    public PanelSchedule Schedule(IEnumerable<Panel> panels, IEnumerable<PanelBooking> existing, IEnumerable<PanelSlotRequest> requests, DateOnly from) =>
        Schedule(panels, existing, requests, from, _horizonDays);

    /// <summary>PANEL-03: places the requests (see the type's remarks for the rules).</summary>
    /// <param name="panels">The panels; ids must be unique.</param>
    /// <param name="existing">Bookings already held; they use capacity and appear on the agendas. Slot ids must be unique.</param>
    /// <param name="requests">The slot requests to place; slot ids must be unique and not already booked.</param>
    /// <param name="from">The first day a meeting may be on (and the earliest agenda issue date).</param>
    /// <param name="horizonDays">Days to look ahead (1 to 3,660).</param>
    /// <returns>The schedule: placed, unplaced and every agenda.</returns>
    /// <exception cref="ArgumentException">A collection or element is null, an id is duplicated, or the horizon is out of range.</exception>
    public PanelSchedule Schedule(IEnumerable<Panel> panels, IEnumerable<PanelBooking> existing, IEnumerable<PanelSlotRequest> requests, DateOnly from, int horizonDays)
    {
        var panelList = NoNulls(panels, nameof(panels));
        var bookingList = NoNulls(existing, nameof(existing));
        var requestArray = NoNulls(requests, nameof(requests));
        var horizon = Guard.Against.OutOfRange(horizonDays, nameof(horizonDays), 1, 3660);

        // Meetings that can still take cases, by area, in date then panel-id order; and every one of them, in that order.
        Array.Sort(panelList, static (a, b) => a.Id.CompareTo(b.Id));
        var loads = new Dictionary<(PanelId, DateOnly), MeetingLoad>();
        var byArea = new Dictionary<string, List<MeetingLoad>>(StringComparer.Ordinal);
        var all = new List<MeetingLoad>();
        for (var p = 0; p < panelList.Length; p++)
        {
            var panel = panelList[p];
            if (p > 0 && panel.Id == panelList[p - 1].Id)
            {
                throw new ArgumentException($"Panel {panel.Id} is listed more than once.", nameof(panels));
            }

            foreach (var meeting in panel.Meetings(from, horizon))
            {
                if (Timetable.AgendaIssueDate(meeting.Date) < from)
                {
                    continue; // PANEL-04: the papers have gone out.
                }

                var load = new MeetingLoad(meeting, panel.Capacity, panel.MemberAgencies);
                loads.Add((panel.Id, meeting.Date), load);
                if (!byArea.TryGetValue(panel.Area, out var list))
                {
                    byArea.Add(panel.Area, list = []);
                }

                list.Add(load);
                all.Add(load);
            }
        }

        // Slot ids are unique among bookings and requests: checked by sorted hashes (no set of strings), the first one
        // repeated in the order bookings then requests (as a set filled in that order would find it).
        var slots = new DistinctStrings(bookingList.Length + requestArray.Length);
        foreach (var booking in bookingList)
        {
            slots.Add(booking.Slot.Value.GetHashCode(StringComparison.Ordinal), booking.Slot.Value);
        }

        foreach (var request in requestArray)
        {
            slots.Add(request.Slot.Value.GetHashCode(StringComparison.Ordinal), request.Slot.Value);
        }

        if (slots.FirstRepeatedAt() is var repeated and >= 0)
        {
            throw repeated < bookingList.Length
                ? new ArgumentException($"Slot {bookingList[repeated].Slot} is booked more than once.", nameof(existing))
                : new ArgumentException($"Slot {requestArray[repeated - bookingList.Length].Slot} is requested more than once or already booked.", nameof(requests));
        }

        foreach (var booking in bookingList)
        {
            if (loads.TryGetValue((booking.Meeting.Panel, booking.Meeting.Date), out var load))
            {
                load.AddExisting(booking);
            }
        }

        // Areas by dense index: a request's area is found without hashing its string into a dictionary.
        var areaNames = new string[byArea.Count];
        byArea.Keys.CopyTo(areaNames, 0);
        var areaIndex = new OrdinalIndex(areaNames);
        var perArea = new int[areaNames.Length];
        foreach (var request in requestArray)
        {
            if (areaIndex.TryGetIndex(request.Area, out var a))
            {
                perArea[a]++;
            }
        }

        var areas = new AreaQueue[areaNames.Length];
        for (var a = 0; a < areaNames.Length; a++)
        {
            var list = byArea[areaNames[a]];
            list.Sort(MeetingOrder);
            foreach (var load in list)
            {
                load.Reserve(perArea[a]);
            }

            areas[a] = new AreaQueue([.. list]);
        }

        SortRequests(requestArray);

        // Placed and unplaced in pooled scratch arrays (every request is one or the other), copied out at their sizes.
        var placed = ArrayPool<PanelBooking>.Shared.Rent(requestArray.Length);
        var unplaced = ArrayPool<PanelUnplacedSlot>.Shared.Rent(requestArray.Length);
        var placedCount = 0;
        var unplacedCount = 0;
        foreach (var request in requestArray)
        {
            if (!areaIndex.TryGetIndex(request.Area, out var a))
            {
                unplaced[unplacedCount++] = new PanelUnplacedSlot(request, PanelUnplacedReason.NoPanelForArea, $"No panel serves area '{request.Area}'.");
                continue;
            }

            var queue = areas[a];
            var kind = request.Kind;
            var load = queue.FirstWithRoom(kind);
            if (load is null)
            {
                // One text per area and kind, built once (no closure per request): an overloaded area reports many requests.
                unplaced[unplacedCount++] = new PanelUnplacedSlot(request, PanelUnplacedReason.NoMeetingWithRoom,
                    queue.FullMessage(kind) ?? queue.SetFullMessage(kind, FullText(request.Area, kind, from, horizon)));
                continue;
            }

            var booking = new PanelBooking(request, load.Meeting, load.Capacity.MinutesFor(kind));
            load.Add(booking);
            placed[placedCount++] = booking;
        }

        var placedOut = placed.AsSpan(0, placedCount).ToArray();
        var unplacedOut = unplaced.AsSpan(0, unplacedCount).ToArray();
        ArrayPool<PanelBooking>.Shared.Return(placed, clearArray: true);
        ArrayPool<PanelUnplacedSlot>.Shared.Return(unplaced, clearArray: true);

        all.Sort(MeetingOrder);
        var agendas = new PanelAgenda[all.Count];
        for (var i = 0; i < agendas.Length; i++)
        {
            var l = all[i];
            agendas[i] = new PanelAgenda(l.Meeting, Timetable.AgendaIssueDate(l.Meeting.Date), Timetable.DecisionSheetDate(l.Meeting.Date), l.Capacity,
                l.Entries(), l.Members);
        }

        return new PanelSchedule(
            ImmutableCollectionsMarshal.AsImmutableArray(placedOut),
            ImmutableCollectionsMarshal.AsImmutableArray(unplacedOut),
            ImmutableCollectionsMarshal.AsImmutableArray(agendas));
    }

    private static readonly Comparison<MeetingLoad> MeetingOrder = static (a, b) =>
        a.Meeting.Date != b.Meeting.Date ? a.Meeting.Date.CompareTo(b.Meeting.Date) : a.Meeting.Panel.CompareTo(b.Meeting.Panel);

    private static readonly Comparison<PanelBooking> EntryOrder = static (a, b) => RequestOrder(a.Request, b.Request);

    /// <summary>
    /// Request order (request time, then slot id). Each request's time, as ticks after the earliest, is packed with its
    /// position into one number and the numbers are sorted by an LSD radix sort (11 bits a pass, passes over bits all the
    /// numbers share skipped, pooled scratch arrays: numbers move, not references); the requests are then put in that
    /// order once. Slot ids are compared only among requests made at the same instant (adjacent, in input order).
    /// </summary>
    private static void SortRequests(PanelSlotRequest[] requests)
    {
        var n = requests.Length;
        if (n < 2)
        {
            return;
        }

        var min = long.MaxValue;
        var max = long.MinValue;
        foreach (var request in requests)
        {
            var t = request.RequestedAt.UtcTicks;
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }

        var positionBits = 64 - BitOperations.LeadingZeroCount((ulong)n);
        var timeBits = 64 - BitOperations.LeadingZeroCount((ulong)(max - min));
        if (n < RadixThreshold || timeBits + positionBits > 64)
        {
            Array.Sort(requests, Comparer<PanelSlotRequest>.Create(RequestOrder));
            return;
        }

        var keys = ArrayPool<ulong>.Shared.Rent(n);
        for (var i = 0; i < n; i++)
        {
            keys[i] = ((ulong)(requests[i].RequestedAt.UtcTicks - min) << positionBits) | (uint)i;
        }

        UInt64Radix.Sort(keys, n, 0, timeBits + positionBits);
        var sorted = ArrayPool<PanelSlotRequest>.Shared.Rent(n);
        var positionMask = (1UL << positionBits) - 1;
        for (var i = 0; i < n; i++)
        {
            sorted[i] = requests[(int)(keys[i] & positionMask)];
        }

        Array.Copy(sorted, requests, n);
        ArrayPool<PanelSlotRequest>.Shared.Return(sorted, clearArray: true);
        for (var i = 0; i < n;)
        {
            var time = keys[i] >> positionBits;
            var j = i + 1;
            while (j < n && keys[j] >> positionBits == time)
            {
                j++;
            }

            if (j - i > 1)
            {
                Array.Sort(requests, i, j - i, Comparer<PanelSlotRequest>.Create(RequestOrder));
            }

            i = j;
        }

        ArrayPool<ulong>.Shared.Return(keys);
    }

    private const int RadixThreshold = 256;
    private static string FullText(string area, PanelSlotKind kind, DateOnly from, int horizon) => string.Create(CultureInfo.InvariantCulture,
        $"Every meeting of area '{area}' from {from:yyyy-MM-dd} for {horizon} days is full for {PanelDisplayText.For(kind).ToLowerInvariant()}s.");

    private static T[] NoNulls<T>(IEnumerable<T> items, string name)
        where T : class
    {
        Guard.Against.Null(items, name);
        var array = items.ToArray(); // a copy: the caller's collection is never reordered
        foreach (var item in array)
        {
            if (item is null)
            {
                throw new ArgumentException("The collection must not contain null.", name);
            }
        }

        return array;
    }

    /// <summary>One meeting's use during a scheduling run (local to the run).</summary>
    private sealed class MeetingLoad(PanelMeeting meeting, PanelCapacity capacity, ImmutableArray<Primitives.AgencyId> members)
    {
        private int _new;
        private int _reviews;
        private PanelBooking[] _entries = [];
        private int _count;
        private bool _hasExisting;

        public ImmutableArray<Primitives.AgencyId> Members { get; } = members;

        public PanelMeeting Meeting { get; } = meeting;

        public PanelCapacity Capacity { get; } = capacity;

        public int Minutes { get; private set; }

        public bool HasRoom(PanelSlotKind kind) =>
            (kind == PanelSlotKind.Review ? _reviews : _new) < Capacity.SlotsFor(kind) && Minutes + Capacity.MinutesFor(kind) <= Capacity.Minutes;

        /// <summary>Room for the entries the meeting can still take (at most the area's requests): no growing copies.</summary>
        public void Reserve(int requests)
        {
            var bySlots = Capacity.NewCases + (long)Capacity.Reviews - _new - _reviews;
            var byMinutes = (Capacity.Minutes - (long)Minutes) / Math.Min(Capacity.MinutesPerNewCase, Capacity.MinutesPerReview);
            var room = (int)Math.Max(0, Math.Min(requests, Math.Min(bySlots, byMinutes)));
            if (room > 0)
            {
                Array.Resize(ref _entries, _count + room);
            }
        }

        public void AddExisting(PanelBooking booking)
        {
            _hasExisting = true;
            Add(booking);
        }

        public void Add(PanelBooking booking)
        {
            if (booking.Kind == PanelSlotKind.Review)
            {
                _reviews++;
            }
            else
            {
                _new++;
            }

            Minutes += booking.Minutes;
            if (_count == _entries.Length)
            {
                Array.Resize(ref _entries, Math.Max(4, _count * 2));
            }

            _entries[_count++] = booking;
        }

        /// <summary>The agenda's entries in request order: placed in that order, sorted only when bookings were held before.</summary>
        public ImmutableArray<PanelBooking> Entries()
        {
            var entries = _count == _entries.Length ? _entries : _entries[.._count];
            if (_hasExisting)
            {
                Array.Sort(entries, EntryOrder);
            }

            return ImmutableCollectionsMarshal.AsImmutableArray(entries);
        }
    }

    /// <summary>An area's meetings and, per kind, the first meeting that may still have room.</summary>
    private sealed class AreaQueue(MeetingLoad[] meetings)
    {
        private readonly int[] _cursor = new int[2];
        private readonly string?[] _full = new string?[2];

        public string? FullMessage(PanelSlotKind kind) => _full[(int)kind];

        public string SetFullMessage(PanelSlotKind kind, string message) => _full[(int)kind] = message;

        public MeetingLoad? FirstWithRoom(PanelSlotKind kind)
        {
            // Room only shrinks: a meeting without room for this kind never regains it in this run.
            ref var i = ref _cursor[(int)kind];
            while (i < meetings.Length && !meetings[i].HasRoom(kind))
            {
                i++;
            }

            return i < meetings.Length ? meetings[i] : null;
        }
    }
}
