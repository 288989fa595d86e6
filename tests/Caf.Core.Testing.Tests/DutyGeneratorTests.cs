using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Caf.Core.Testing.Tests;

/// <summary>LAW-02: the episode generators consider disclosures under the statutory duty when the options enable it.</summary>
public class DutyGeneratorTests
{
    [Trait("Rule", "LAW-02")]
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void LAW02_with_the_duty_in_force_generated_episodes_disclose_and_withhold_under_it_and_still_replay_and_round_trip()
    {
        Action<CafOptions> duty = o => o.Sharing.StatutoryDutyFrom = new DateOnly(2026, 4, 29);
        var samples = CafGen.EpisodeGenerator(duty).Sample(300, new Rnd(30), 30).ToList();

        var considered = samples.SelectMany(g => g.World.Audit.Entries).Where(a => a.Decision.Basis == SharingBasis.StatutoryDuty).ToList();
        Assert.Contains(considered, a => a.Decision.Granted && a.Items != SharedItems.None);  // disclosed: not more detrimental
        Assert.Contains(considered, a => !a.Decision.Granted && a.Items == SharedItems.None); // not disclosed, recorded with its reason
        Assert.All(considered, a => Assert.True(a.DecidedAt >= new DateTimeOffset(2026, 4, 29, 0, 0, 0, TimeSpan.Zero), "never before the duty's date"));
        Assert.Contains(samples, g => g.Script.Steps.Any(s => s.Command.StartsWith("duty to share", StringComparison.Ordinal)));
        foreach (var g in samples)
        {
            Assert.True(g.IsValidSequence, $"a valid-sequence episode refused steps {string.Join(",", g.RefusedSteps)}: {g}");
            var json = EpisodeJson.Serialize(g.Episode);
            Assert.Equal(g.Episode.Version, CafEpisode.Rebuild(g.World.Policy, g.Episode.Events).Version);
            Assert.Equal(json, EpisodeJson.Serialize(EpisodeJson.Deserialize(g.World.Policy, json)));
        }
    }
}
