using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// LIFE-11 and RET-01: an event is recorded when it happens, so a stored event dated later than the reading clock's
/// now plus the clock-skew allowance (default 5 minutes) is refused on replay and by the JSON reader, naming the
/// event and the rule; a closure dated 2199 cannot postpone disposal.
/// </summary>
public class FutureEventTests
{
    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "RET-01")]
    [Fact]
    public void A_closure_dated_in_the_future_is_refused_on_reading_naming_the_event_and_the_rule()
    {
        var s = new Seeds();
        var e = s.PlanActive();
        Seeds.Ok(e.StepUp(Seeds.HealthVisitor, new SpecialistService("Children's social care"), "Disclosure of significant harm."));
        var node = JsonNode.Parse(EpisodeJson.Serialize(e))!;
        var last = node["events"]!.AsArray().Count - 1;
        node["events"]![last]!["occurredAt"] = "2199-01-01T00:00:00+00:00";

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(s.Policy, node.ToJsonString()));
        Assert.Contains("[LIFE-11]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SteppedUp", ex.Message, StringComparison.Ordinal);
        Assert.Equal($"$.events[{last}]", ex.Path);
    }

    [Trait("Rule", "LIFE-11")]
    [Theory]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(60 * 24, false)]
    public void Replay_accepts_an_event_within_the_allowance_and_refuses_one_beyond_it(int minutesAhead, bool accepted)
    {
        var s = new Seeds();
        var e = s.Assessing();
        var history = e.Events.ToList();
        history[^1] = history[^1] with { OccurredAt = s.Time.GetUtcNow().AddMinutes(minutesAhead) };

        var thrown = Record.Exception(() => CafEpisode.Rebuild(s.Policy, history));
        if (accepted)
        {
            Assert.Null(thrown);
        }
        else
        {
            var ex = Assert.IsType<ArgumentException>(thrown);
            Assert.Contains("LIFE-11", ex.Message, StringComparison.Ordinal);
            Assert.Contains(history[^1].GetType().Name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void An_opening_event_dated_in_the_future_is_refused()
    {
        var s = new Seeds();
        var e = s.Identified();
        var opening = e.Events[0] with { OccurredAt = s.Time.GetUtcNow().AddDays(1) };
        var ex = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(s.Policy, [opening]));
        Assert.Contains("LIFE-11", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void The_allowance_is_an_option_validated_from_0_to_60_minutes()
    {
        var options = new CafOptions();
        options.Lifecycle.ClockSkewAllowanceMinutes = 61;
        Assert.Throws<ArgumentException>(() => options.ThrowIfInvalid());
        options.Lifecycle.ClockSkewAllowanceMinutes = -1;
        Assert.Throws<ArgumentException>(() => options.ThrowIfInvalid());

        // With 60 minutes a stored event 30 minutes ahead of the reader's clock is read.
        options.Lifecycle.ClockSkewAllowanceMinutes = 60;
        var clock = new FakeTimeProvider(Seeds.Start);
        var policy = new EpisodePolicy(options, clock, new SharingService(new InMemorySharingAuditLog(), clock));
        var s = new Seeds();
        var history = s.Assessing().Events.ToList();
        clock.SetUtcNow(s.Time.GetUtcNow());
        history[^1] = history[^1] with { OccurredAt = clock.GetUtcNow().AddMinutes(30) };
        Assert.Equal(history.Count, CafEpisode.Rebuild(policy, history).Version);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Live_commands_date_their_events_by_the_policy_clock_so_never_beyond_it()
    {
        var s = new Seeds();
        var e = s.PlanActive();
        Assert.All(e.Events, ev => Assert.True(ev.OccurredAt <= s.Time.GetUtcNow()));
        Assert.Equal(e.Version, CafEpisode.Rebuild(s.Policy, e.Events).Version);
    }
}
