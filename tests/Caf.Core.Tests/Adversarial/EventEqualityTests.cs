using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>Events, snapshots and summaries have value equality over their contents, across a JSON round trip (issue 10, finding 6).</summary>
public class EventEqualityTests
{
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Every_event_type_is_equal_to_itself_after_a_JSON_round_trip_with_the_same_hash()
    {
        var events = Histories().SelectMany(e => e.Events).ToList();
        var declared = typeof(CafEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        Assert.True(declared.Intersect(events.Select(e => e.GetType())).Count() >= 12, "the histories should exercise most event types");

        foreach (var e in events)
        {
            var back = EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(e));
            Assert.Equal(e, back);
            Assert.Equal(e.GetHashCode(), back.GetHashCode());
        }
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Snapshots_and_register_summaries_are_equal_after_a_JSON_round_trip()
    {
        foreach (var e in Histories())
        {
            var back = EpisodeJson.Deserialize(EpisodeOracle.Policy, EpisodeJson.Serialize(e));
            Assert.Equal(EpisodeJson.ToSnapshot(e), EpisodeJson.ToSnapshot(back));
            Assert.Equal(EpisodeJson.ToSnapshot(e).GetHashCode(), EpisodeJson.ToSnapshot(back).GetHashCode());
            Assert.Equal(Caf.Core.Register.EpisodeSummary.Of(e) with { }, Caf.Core.Register.EpisodeSummary.Of(back));
        }
    }

    // The fuzzer's valid snapshots: plans, revisions, reviews with escalations, panel referral, step-down TAC, closure.
    private static IEnumerable<CafEpisode> Histories()
    {
        var clock = new SettableClock(Seeds.Start);
        var policy = EpisodePolicy.Default(clock, new InMemorySharingAuditLog());
        return ReaderFuzzTests.ValidSnapshots(policy, clock).Select(json => EpisodeJson.Deserialize(EpisodeOracle.Policy, json));
    }
}
