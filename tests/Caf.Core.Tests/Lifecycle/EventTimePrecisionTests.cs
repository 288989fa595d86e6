using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Golden;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// Events are recorded at whole microseconds (what PostgreSQL's timestamptz keeps), so a store gives back what was
/// saved; histories stored before, with finer times, still replay unchanged.
/// </summary>
public class EventTimePrecisionTests
{
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void A_clock_with_sub_microsecond_ticks_records_events_at_whole_microseconds()
    {
        var world = CafTestWorld.Create(null, CafTestWorld.DefaultStart.AddTicks(9), null, null); // 900 ns past 09:00
        var e = world.IdentifyConcern();
        world.Advance(TimeSpan.FromTicks(25)); // 2.5 µs later
        Support.Seeds.Ok(e.RecordConsent(CafCatalogue.Teacher, Support.Seeds.MotherWritten(), "Consent to assess and share with partner agencies."));

        Assert.Equal([CafTestWorld.DefaultStart, CafTestWorld.DefaultStart.AddTicks(30)], e.Events.Select(x => x.OccurredAt));
    }

    [Trait("Rule", "PANEL-01")]
    [Fact]
    public void A_referral_dated_by_the_same_clock_is_not_after_the_event_that_records_it()
    {
        // The host dates the form with its clock's full precision; the event keeps whole microseconds.
        var world = CafTestWorld.Create(null, CafTestWorld.DefaultStart.AddTicks(7), null, null);
        var e = world.Assessed(["LEI-01", "LEI-02"]);
        var referral = new PanelReferral(new PanelReferralId("ref-1"), e.Id, EpisodePanels.MaagNorth.Area, CafCatalogue.Teacher, world.Time.GetUtcNow())
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Falling attendance"],
            DesiredOutcome = "Amy attends school every day.",
            SmartGoals = ["Attendance above 95% by the end of term"],
        };

        Support.Seeds.Ok(e.ReferToPanel(CafCatalogue.Teacher, referral, EpisodePanels.MaagNorth));
        Assert.Equal(CafTestWorld.DefaultStart, e.Events[^1].OccurredAt);
        Assert.Equal(e.Events, EpisodeJson.Deserialize(world.Policy, EpisodeJson.Serialize(e)).Events);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void A_stored_history_with_sub_microsecond_times_still_replays_with_its_own_times()
    {
        // A schema-2 document from the corpus, its times moved by 100 ns steps as a clock of a release before this one wrote them.
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(GoldenCorpus.Folder(2, "snapshots"), "closed-after-reviews.json")))!.AsObject();
        var events = node["events"]!.AsArray();
        var times = new System.Collections.Generic.List<DateTimeOffset>();
        for (var i = 0; i < events.Count; i++)
        {
            var at = DateTimeOffset.Parse(events[i]!["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).AddTicks(i + 1);
            events[i]!["occurredAt"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            times.Add(at);
        }

        var read = EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), node.ToJsonString());

        Assert.Equal(EpisodeState.Closed, read.State);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddTicks(1), read.OpenedAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 9, 0, 0, TimeSpan.Zero).AddTicks(14), read.Events[^1].OccurredAt);
        Assert.Equal(times, read.Events.Select(e => e.OccurredAt));
        Assert.Equal(read.Events, EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), EpisodeJson.Serialize(read)).Events);
    }
}
