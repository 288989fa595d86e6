using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>The report read model and the panel bookings, on every provider. Expected values are written by hand.</summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly DateOnly Opened = new(2026, 3, 2); // Start's date
    private static readonly PanelId Maf = new("maf-north");
    private static readonly DateOnly Meeting = new(2026, 3, 10);

    [Trait("Rule", "REP-01")]
    [StoreFact]
    public async Task REP01_a_save_writes_the_report_row_beside_the_episode()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var added = (await Host.Reports.GetReportRowAsync(new EpisodeId("ep-1")))!;

        Assert.Equal(new ChildId("child-001"), added.ChildId);
        Assert.Equal(Opened, added.OpenedOn);
        Assert.True(added.IntentToCaf);
        Assert.Equal(School, added.InitiatingAgency);
        Assert.Equal(InitiatingSetting.PrimarySchool, added.InitiatingSetting);
        Assert.Equal(AgeBand.FiveToNine, added.AgeBandAtOpening); // born 2016-09-01, 9 on 2026-03-02
        Assert.Null(added.ClosedOn);
        Assert.Empty(added.ExcludedAgencies);

        var episode = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(episode.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));
        Time.Advance(TimeSpan.FromDays(3));
        Ok(episode.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));
        Ok(await Host.Repository.UpdateAsync(episode, 1));
        var updated = (await NewHost().Reports.GetReportRowAsync(new EpisodeId("ep-1")))!;

        Assert.Equal([HealthVisiting], updated.ExcludedAgencies.ToArray());
        Assert.Equal(new DateOnly(2026, 3, 5), updated.ClosedOn);
        Assert.Equal(Projector.Project(episode, null), updated);
        Assert.Null(await Host.Reports.GetReportRowAsync(new EpisodeId("ep-none")));
    }

    [Trait("Rule", "REP-01")]
    [StoreFact]
    public async Task REP01_a_failed_or_stale_save_leaves_the_previous_report_row()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var before = (await Host.Reports.GetReportRowAsync(new EpisodeId("ep-1")))!;
        var episode = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(episode.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));

        Host.Fault.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Host.Repository.UpdateAsync(episode, 1));
        Host.Fault.Armed = false;
        Assert.Equal(before, await Host.Reports.GetReportRowAsync(new EpisodeId("ep-1")));

        var other = (await NewHost().Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(other.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));
        Ok(await Host.Repository.UpdateAsync(episode, 1));
        Assert.Equal(StoreCodes.Concurrency, (await Host.Repository.UpdateAsync(other, 1)).Refusal.RuleId);
        var after = (await Host.Reports.GetReportRowAsync(new EpisodeId("ep-1")))!;
        Assert.Equal([HealthVisiting], after.ExcludedAgencies.ToArray()); // the first writer's row
        Assert.Null(after.ClosedOn);
    }

    [Trait("Rule", "REP-01")]
    [StoreFact]
    public async Task REP01_an_episode_stored_before_the_read_model_gets_its_row_at_its_next_save()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        await using (var db = Host.NewContext())
        {
            await db.Set<ReportRowEntity>().ExecuteDeleteAsync();
        }

        var episode = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(episode, 1));

        Assert.Equal(Projector.Project(episode, null), await Host.Reports.GetReportRowAsync(new EpisodeId("ep-1")));
    }

    [Trait("Rule", "REP-01")]
    [StoreFact]
    public async Task REP01_rows_stream_for_a_window_by_opening_date_without_loading_episodes()
    {
        // ep-1 opens 2 March, ep-2 on 12 March, ep-3 on 22 March; ep-1 closes on 2 March (stepped up the day it opened).
        for (var i = 1; i <= 3; i++)
        {
            var e = Identified(Policy, $"ep-{i}", $"child-{i}");
            if (i == 1)
            {
                Ok(e.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));
            }

            Ok(await Host.Repository.AddAsync(e));
            Time.Advance(TimeSpan.FromDays(10));
        }

        var window = await ToListAsync(Host.Reports.StreamAsync(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20)));
        var all = await ToListAsync(Host.Reports.StreamAllAsync());
        var fromFirstDay = await ToListAsync(Host.Reports.StreamAsync(Opened, new DateOnly(2026, 3, 3)));

        Assert.Equal(["ep-2"], window.Select(r => r.EpisodeId.Value));   // ep-1 closed before, ep-3 opened after
        Assert.Equal(["ep-1", "ep-2", "ep-3"], all.Select(r => r.EpisodeId.Value));
        Assert.Equal(["ep-1"], fromFirstDay.Select(r => r.EpisodeId.Value));
        Assert.Throws<ArgumentException>(() => Host.Reports.StreamAsync(Opened, Opened.AddDays(-1)));
        await using var db = Host.NewContext();
        var sql = EntityFrameworkEpisodeRepository<CafDbContext>.ReportQuery(db, Opened, Opened.AddDays(7)).ToQueryString();
        Assert.Contains("opened_on", sql, StringComparison.Ordinal);
        Assert.Contains("closed_on", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("caf_episodes", sql, StringComparison.Ordinal);
    }

    [Trait("Rule", "PANEL-03")]
    [StoreFact]
    public async Task PANEL03_a_booking_re_checks_capacity_and_a_cancel_frees_its_room()
    {
        var twoNew = new PanelCapacity(2, 30, 800);
        var bookings = Host.Bookings;

        Ok(await bookings.BookAsync(Booking("a"), twoNew));
        Ok(await bookings.BookAsync(Booking("b"), twoNew));
        var third = await bookings.BookAsync(Booking("c"), twoNew);
        var again = await bookings.BookAsync(Booking("a"), new PanelCapacity(10, 30, 800));

        Assert.Equal("PANEL-03", third.Refusal.RuleId);
        Assert.Equal("meeting", third.Refusal.Field);
        Assert.Equal(StoreCodes.DuplicateId, again.Refusal.RuleId);
        Ok(await bookings.CancelAsync(new PanelSlotId("a")));
        Ok(await bookings.BookAsync(Booking("c"), twoNew));
        Assert.Equal(StoreCodes.NotFound, (await bookings.CancelAsync(new PanelSlotId("a"))).Refusal.RuleId);
        Assert.Equal("PANEL-03", (await bookings.BookAsync(Booking("d", minutes: 900), new PanelCapacity(10, 30, 800))).Refusal.RuleId);
        Ok(await bookings.BookAsync(Booking("r1", PanelSlotOrigin.Review), twoNew)); // reviews have their own 30
    }

    [Trait("Rule", "PANEL-03")]
    [StoreFact]
    public async Task PANEL03_a_schedule_is_booked_all_or_nothing_and_reads_back_the_same()
    {
        var capacities = new Dictionary<PanelId, PanelCapacity> { [Maf] = new PanelCapacity(2, 30, 800) };

        var refused = await Host.Bookings.BookAllAsync([Booking("a"), Booking("b"), Booking("c")], capacities);
        Assert.Equal("PANEL-03", refused.Refusal.RuleId);
        Assert.Empty(await Host.Bookings.ListAsync(Meeting, Meeting.AddDays(1)));

        PanelBooking[] two = [Booking("b", episode: "ep-7"), Booking("a", PanelSlotOrigin.Review)];
        Ok(await Host.Bookings.BookAllAsync(two, capacities));

        var other = NewHost().Bookings;
        Assert.Equal([two[1], two[0]], (await other.ListAsync(Meeting, Meeting.AddDays(1))).ToArray()); // by date, panel, slot
        Assert.Empty(await other.ListAsync(Meeting.AddDays(1), Meeting.AddDays(30)));
        Assert.Equal([two[0]], (await other.ListForEpisodeAsync(new EpisodeId("ep-7"))).ToArray());
        Assert.Equal(two[1], await other.GetAsync(new PanelSlotId("a")));
        Assert.Equal([HealthVisiting, School], (await other.GetAsync(new PanelSlotId("b")))!.Request.PapersFor.ToArray());
        Assert.Null(await other.GetAsync(new PanelSlotId("zz")));
    }

    [Trait("Rule", "PANEL-03")]
    [StoreFact]
    public async Task PANEL03_two_processes_booking_at_once_never_overfill_a_meeting()
    {
        var capacity = new PanelCapacity(10, 30, 800);
        var a = NewHost().Bookings;
        var b = NewHost().Bookings;

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(async () => await (i % 2 == 0 ? a : b).BookAsync(Booking($"s{i:00}"), capacity))));

        Assert.Equal(10, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsRefused), r => Assert.Equal("PANEL-03", r.Refusal.RuleId));
        Assert.Equal(10, (await Host.Bookings.ListAsync(Meeting, Meeting.AddDays(1))).Length);
        await using var db = Host.NewContext();
        var load = await db.Set<PanelMeetingLoadRow>().SingleAsync();
        Assert.Equal((10, 200), (load.NewCases, load.Minutes));
    }

    private static PanelBooking Booking(string slot, PanelSlotOrigin origin = PanelSlotOrigin.Referral, int minutes = 20, string episode = "ep-1") =>
        new(new PanelSlotRequest(new PanelSlotId(slot), new PanelReferralId("ref-" + slot), new EpisodeId(episode), "north", origin,
                Start.AddMinutes(slot.Length), [School, HealthVisiting]),
            new PanelMeeting(Maf, "north", Meeting), minutes);

    private static async Task<List<EpisodeReportRow>> ToListAsync(IAsyncEnumerable<EpisodeReportRow> rows)
    {
        var list = new List<EpisodeReportRow>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
