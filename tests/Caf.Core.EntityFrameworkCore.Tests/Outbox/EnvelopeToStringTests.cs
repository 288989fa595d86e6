using System;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Xunit;

namespace Caf.Core.EntityFrameworkCore.Tests.Outbox;

/// <summary>An outbox envelope written to a log by a host's handler prints where it is, not what the family said.</summary>
public class EnvelopeToStringTests
{
    [Fact]
    public void An_envelope_prints_its_episode_sequence_type_and_attempt_but_not_its_payload()
    {
        var child = new ChildDetails(new ChildId("child-1"), new DateOnly(2016, 9, 14)) { NhsNumber = new NhsNumber("9434765919") };
        var concern = new ConcernIdentified(new EpisodeId("ep-1"), new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero),
            new Actor(new PractitionerId("pr-teacher"), new AgencyId("school")), child, "Amy says her stepfather shouts at night", []);
        var json = EpisodeJson.SerializeEvent(concern);
        var envelope = new EpisodeEventEnvelope(concern.EpisodeId, 0, "concern-identified", json, concern, 1);

        var printed = envelope.ToString();

        Assert.Equal("EpisodeEventEnvelope { Episode = ep-1, Sequence = 0, EventType = concern-identified, Attempt = 1 }", printed);
        Assert.Contains("stepfather", json, StringComparison.Ordinal); // the payload holds it; the print does not
        Assert.DoesNotContain("stepfather", $"{envelope} {envelope.Event}", StringComparison.Ordinal);
        Assert.DoesNotContain("9434765919", $"{envelope} {envelope.Event}", StringComparison.Ordinal);
    }
}
