using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Panels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

/// <summary>
/// PANEL-03, issue 26: the scheduler checks that slot ids are unique by sorting their hashes, not with a set. Held to
/// the set filled in order, bookings first then requests: the refusal names the same first repeated slot, against the
/// same argument (a repeat among the bookings is the bookings' fault; one among the requests, or of a booked slot, the
/// requests'), on lists below and above the radix sort's threshold; without a repeat nothing is refused.
/// </summary>
public class PanelSchedulerSlotIdProperties
{
    private static readonly PanelScheduler Scheduler = new();

    public static class Arbitraries
    {
        public static Arbitrary<(int[] Booked, int[] Requested)> Slots() =>
            Arb.From(
                from size in Gen.Frequency((3, Gen.Choose(0, 30)), (1, Gen.Choose(200, 400)))
                from range in Gen.Choose(1, 3 * Math.Max(size, 1))
                from booked in Gen.ArrayOf(Gen.Choose(0, range), Math.Min(size, 40))
                from requested in Gen.ArrayOf(Gen.Choose(0, range), size)
                select (booked, requested));
    }

    [Trait("Rule", "PANEL-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void A_repeated_slot_is_refused_as_a_set_filled_in_order_finds_it((int[] Booked, int[] Requested) slots)
    {
        var bookings = slots.Booked.Select(i => BookingOn(North, new DateOnly(2026, 1, 7), $"s{i}")).ToArray();
        var requests = slots.Requested.Select(i => Request($"s{i}", "north")).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var expected = bookings.Select(b => (Slot: b.Slot.Value, Param: "existing", Text: "is booked more than once."))
            .Concat(requests.Select(r => (Slot: r.Slot.Value, Param: "requests", Text: "is requested more than once or already booked.")))
            .FirstOrDefault(s => !seen.Add(s.Slot));

        var schedule = () => Scheduler.Schedule([MaagNorth()], bookings, requests, NewYear2026);

        if (expected.Slot is null)
        {
            Assert.Equal(requests.Length, schedule().Placed.Length + schedule().Unplaced.Length);
            return;
        }

        var refused = Assert.Throws<ArgumentException>(schedule);
        Assert.Equal(expected.Param, refused.ParamName);
        Assert.StartsWith($"Slot {expected.Slot} {expected.Text}", refused.Message, StringComparison.Ordinal);
    }
}
