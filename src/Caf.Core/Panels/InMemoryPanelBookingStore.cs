using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.Panels;

/// <summary>
/// An in-memory <see cref="IPanelBookingStore"/> for tests, samples and small hosts. Every booking re-checks
/// the meeting's capacity under one lock, so concurrent callers never overfill a meeting.
/// </summary>
/// <threadsafety>Mutable and thread-safe.</threadsafety>
[Mutable]
public sealed class InMemoryPanelBookingStore : IPanelBookingStore
{
    private readonly object _gate = new();
    private readonly Dictionary<PanelSlotId, PanelBooking> _bookings = [];
    private readonly Dictionary<(PanelId, DateOnly), Load> _loads = [];

    /// <inheritdoc />
    public ValueTask<Result> BookAsync(PanelBooking booking, PanelCapacity capacity, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(booking);
        Guard.Against.Null(capacity);
        lock (_gate)
        {
            var check = Check(booking, capacity, null);
            if (check.IsSuccess)
            {
                Store(booking);
            }

            return new(check);
        }
    }

    /// <inheritdoc />
    public ValueTask<Result> BookAllAsync(IReadOnlyList<PanelBooking> bookings, IReadOnlyDictionary<PanelId, PanelCapacity> capacities, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(bookings);
        Guard.Against.Null(capacities);
        if (bookings.Any(b => b is null))
        {
            throw new ArgumentException("Bookings must not contain null.", nameof(bookings));
        }

        lock (_gate)
        {
            // Check all against the store plus the earlier bookings of this batch, then store all.
            var pending = new Dictionary<(PanelId, DateOnly), Load>();
            var slots = new HashSet<PanelSlotId>();
            foreach (var booking in bookings)
            {
                if (!capacities.TryGetValue(booking.Meeting.Panel, out var capacity))
                {
                    throw new ArgumentException($"No capacity given for panel {booking.Meeting.Panel}.", nameof(capacities));
                }

                if (!slots.Add(booking.Slot))
                {
                    return new(Result.Refused(StoreCodes.DuplicateId, $"Slot {booking.Slot} is in the batch twice.", "slot"));
                }

                var check = Check(booking, capacity, pending);
                if (check.IsRefused)
                {
                    return new(check);
                }

                var key = (booking.Meeting.Panel, booking.Meeting.Date);
                if (!pending.TryGetValue(key, out var load))
                {
                    pending.Add(key, load = new Load());
                }

                load.Add(booking, +1);
            }

            foreach (var booking in bookings)
            {
                Store(booking);
            }

            return new(Result.Ok);
        }
    }

    /// <inheritdoc />
    public ValueTask<Result> CancelAsync(PanelSlotId slot, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_bookings.Remove(slot, out var booking))
            {
                return new(Result.Refused(StoreCodes.NotFound, $"Slot {slot} is not booked.", "slot"));
            }

            _loads[(booking.Meeting.Panel, booking.Meeting.Date)].Add(booking, -1);
            return new(Result.Ok);
        }
    }

    /// <inheritdoc />
    public ValueTask<PanelBooking?> GetAsync(PanelSlotId slot, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(_bookings.TryGetValue(slot, out var booking) ? booking : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<ImmutableArray<PanelBooking>> ListAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(Ordered(_bookings.Values.Where(b => b.Meeting.Date >= from && b.Meeting.Date < until)));
        }
    }

    /// <inheritdoc />
    public ValueTask<ImmutableArray<PanelBooking>> ListForEpisodeAsync(EpisodeId episode, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return new(Ordered(_bookings.Values.Where(b => b.Request.Episode == episode)));
        }
    }

    private static ImmutableArray<PanelBooking> Ordered(IEnumerable<PanelBooking> bookings) =>
        [.. bookings.OrderBy(b => b.Meeting.Date).ThenBy(b => b.Meeting.Panel).ThenBy(b => b.Slot)];

    private Result Check(PanelBooking booking, PanelCapacity capacity, Dictionary<(PanelId, DateOnly), Load>? pending)
    {
        if (_bookings.ContainsKey(booking.Slot))
        {
            return Result.Refused(StoreCodes.DuplicateId, $"Slot {booking.Slot} is booked already.", "slot");
        }

        var key = (booking.Meeting.Panel, booking.Meeting.Date);
        _loads.TryGetValue(key, out var stored);
        Load? batch = null;
        pending?.TryGetValue(key, out batch);
        var kind = booking.Kind;
        var count = (stored?.Count(kind) ?? 0) + (batch?.Count(kind) ?? 0);
        var minutes = (stored?.Minutes ?? 0) + (batch?.Minutes ?? 0);
        if (count >= capacity.SlotsFor(kind) || minutes + booking.Minutes > capacity.Minutes)
        {
            return Result.Refused("PANEL-03",
                $"The meeting of {booking.Meeting.Panel} on {booking.Meeting.Date:yyyy-MM-dd} has no room for another {PanelDisplayText.For(kind).ToLowerInvariant()} ({count} of {capacity.SlotsFor(kind)}, {minutes} of {capacity.Minutes} minutes used): schedule again.",
                "meeting");
        }

        return Result.Ok;
    }

    private void Store(PanelBooking booking)
    {
        _bookings.Add(booking.Slot, booking);
        var key = (booking.Meeting.Panel, booking.Meeting.Date);
        if (!_loads.TryGetValue(key, out var load))
        {
            _loads.Add(key, load = new Load());
        }

        load.Add(booking, +1);
    }

    private sealed class Load
    {
        private readonly int[] _count = new int[2];

        public int Minutes { get; private set; }

        public int Count(PanelSlotKind kind) => _count[(int)kind];

        public void Add(PanelBooking booking, int sign)
        {
            _count[(int)booking.Kind] += sign;
            Minutes += sign * booking.Minutes;
        }
    }
}
