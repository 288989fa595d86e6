using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

public class PanelBookingStoreTests
{
    private static readonly DateOnly Met = new(2026, 1, 6);
    private static readonly PanelCapacity TwoNew = new(2, 30, 800);

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public async Task PANEL03_booking_re_checks_capacity()
    {
        var store = new InMemoryPanelBookingStore();
        var maf = LeicestershireMaf();

        Assert.True((await store.BookAsync(BookingOn(maf, Met, "a"), TwoNew)).IsSuccess);
        Assert.True((await store.BookAsync(BookingOn(maf, Met, "b"), TwoNew)).IsSuccess);
        var third = await store.BookAsync(BookingOn(maf, Met, "c"), TwoNew);

        Assert.Equal("PANEL-03", third.Refusal.RuleId);
        Assert.Equal(StoreCodes.DuplicateId, (await store.BookAsync(BookingOn(maf, Met, "a"), new PanelCapacity(10, 30, 800))).Refusal.RuleId);
        Assert.True((await store.CancelAsync(new PanelSlotId("a"))).IsSuccess);
        Assert.True((await store.BookAsync(BookingOn(maf, Met, "c"), TwoNew)).IsSuccess);
        Assert.Equal(StoreCodes.NotFound, (await store.CancelAsync(new PanelSlotId("a"))).Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public async Task PANEL03_a_schedule_is_booked_all_or_nothing()
    {
        var store = new InMemoryPanelBookingStore();
        var maf = LeicestershireMaf();
        var capacities = new Dictionary<PanelId, PanelCapacity> { [maf.Id] = TwoNew };

        var refused = await store.BookAllAsync([BookingOn(maf, Met, "a"), BookingOn(maf, Met, "b"), BookingOn(maf, Met, "c")], capacities);
        Assert.Equal("PANEL-03", refused.Refusal.RuleId);
        Assert.Empty(await store.ListAsync(Met, Met.AddDays(1)));

        var schedule = new PanelScheduler().Schedule([maf], await store.ListAsync(NewYear2026, NewYear2026.AddDays(365)), Requests(3), NewYear2026);
        Assert.True((await store.BookAllAsync(schedule.Placed, new Dictionary<PanelId, PanelCapacity> { [maf.Id] = maf.Capacity })).IsSuccess);
        Assert.Equal(3, (await store.ListAsync(NewYear2026, NewYear2026.AddDays(365))).Length);
        Assert.Single(await store.ListForEpisodeAsync(new EpisodeId("ep-r002")));
        Assert.Equal(Met, (await store.GetAsync(new PanelSlotId("r001")))!.Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-03")]
    public async Task PANEL03_concurrent_bookings_never_overfill_a_meeting()
    {
        var store = new InMemoryPanelBookingStore();
        var maf = LeicestershireMaf();
        var capacity = new PanelCapacity(10, 30, 800);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(async () => await store.BookAsync(BookingOn(maf, Met, $"s{i}"), capacity))));

        Assert.Equal(10, results.Count(r => r.IsSuccess));
        Assert.Equal(10, (await store.ListAsync(Met, Met.AddDays(1))).Length);
    }
}
