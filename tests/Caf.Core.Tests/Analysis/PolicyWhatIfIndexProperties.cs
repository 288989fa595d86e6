using System;
using System.Linq;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Analysis;

/// <summary>
/// Issue 26: when only the thresholds (and the retention period) may differ, the what-if reads the episodes' index of
/// their decision points instead of walking every event. On whole generated episodes (every lifecycle state: step-downs,
/// panels, plans, reviews, closures), it must give exactly what the walk through every event gives: the same counts of
/// every decision point and the same differences, for the episode and for its copy.
/// </summary>
public class PolicyWhatIfIndexProperties
{
    private static readonly ThresholdFrameworkLoader Loader = new();
    private static readonly ThresholdMatcher Default = Loader.LoadDefault();

    private static readonly PolicyConfiguration A = PolicyConfiguration.Default("A");

    private static ThresholdMatcher Changed(int minCount) => Loader.Compile(Default.Framework with
    {
        Version = "1.1.0-proposed",
        Rules = [.. Default.Framework.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = minCount } : r)],
    }).Matcher;

    // An indicator moved a level: the frameworks no longer share their indicators (each side classifies on its own).
    private static readonly ThresholdMatcher Raised = Loader.Compile(Default.Framework with
    {
        Version = "1.2.0-proposed",
        Indicators = [.. Default.Framework.Indicators.Select(i => i.Id == "LEI-01" ? i with { Level = 3 } : i)],
    }).Matcher;

    private static CafOptions Options(Action<CafOptions> change)
    {
        var o = new CafOptions();
        change(o);
        return o;
    }

    /// <summary>Pairs with only thresholds and retention differing (the index), and one where reviews differ (the walk).</summary>
    private static readonly PolicyConfiguration[] Bs =
    [
        A,
        new("B same rules", new CafOptions(), Default, ClosureTaxonomy.Default),
        new("B two needs", new CafOptions(), Changed(2), ClosureTaxonomy.Default),
        new("B four needs, 7 years", Options(o => o.Retention.RetentionYears = 7), Changed(4), ClosureTaxonomy.Default),
        new("B raised", new CafOptions(), Raised, ClosureTaxonomy.Default),
        new("B reviews", Options(o => o.Reviews.InsufficientProgressReviewLimit = 3), Changed(2), ClosureTaxonomy.Default),
    ];

    [Trait("Rule", "THR-03")]
    [Property(MaxTest = 80)]
    public Property The_index_gives_what_the_walk_through_every_event_gives() =>
        Prop.ForAll(CafGen.Episodes(), g =>
        {
            var episode = g.Episode;
            var copy = episode.Copy();
            foreach (var b in Bs)
            {
                foreach (var (first, second) in new[] { (A, b), (b, A) })
                {
                    var indexed = new PolicyWhatIf(first, second).Compare([episode]);
                    var walked = new PolicyWhatIf(first, second, walkEveryEvent: true).Compare([episode]);
                    var ofCopy = new PolicyWhatIf(first, second).Compare([copy]);
                    Assert.Equal(walked.Counts.ToArray(), indexed.Counts.ToArray());
                    Assert.Equal(walked.Differences.ToArray(), indexed.Differences.ToArray());
                    Assert.Equal(walked.Counts.ToArray(), ofCopy.Counts.ToArray());
                    Assert.Equal(walked.Differences.ToArray(), ofCopy.Differences.ToArray());
                }
            }
        });

    [Fact]
    public void A_rebuilt_episode_has_the_index_of_the_live_one()
    {
        var sample = CafGen.EpisodeGenerator().Sample(40, new Rnd(26UL), 25);
        foreach (var g in sample)
        {
            var rebuilt = CafEpisode.Rebuild(g.World.Policy, g.Episode.Events);
            var b = Bs[2];
            var live = new PolicyWhatIf(A, b).Compare([g.Episode]);
            var again = new PolicyWhatIf(A, b).Compare([rebuilt]);
            Assert.Equal(live.Counts.ToArray(), again.Counts.ToArray());
            Assert.Equal(live.Differences.ToArray(), again.Differences.ToArray());
        }
    }

    [Property(MaxTest = 100)]
    public Property An_episode_given_twice_is_refused_naming_the_first_one_repeated(PositiveInt size, NonNegativeInt first, NonNegativeInt second)
    {
        // Many episodes (the radix path from 256 on), two ids repeated at random places; the refusal names the id whose
        // second appearance comes first, as a set checked episode by episode would.
        var n = 2 + (size.Get % 600);
        var g = CafGen.EpisodeGenerator().Sample(5, new Rnd((ulong)n), 1)[0];
        var episodes = Enumerable.Range(0, n).Select(i => Renamed(g, $"ep-{i}")).ToList();
        var (i1, i2) = (first.Get % n, second.Get % n);
        var extra = new[] { (At: Math.Min(n, 1 + i1), Copy: Renamed(g, $"ep-{i1}")), (At: n, Copy: Renamed(g, $"ep-{i2}")) };
        episodes.Insert(extra[0].At, extra[0].Copy);
        episodes.Add(extra[1].Copy);

        var expected = $"ep-{i1}"; // inserted before the end: its repeat comes first
        var refused = Assert.Throws<ArgumentException>(() => new PolicyWhatIf(A, Bs[2]).Compare(episodes));
        return (refused.ParamName == "episodes" && refused.Message.StartsWith($"Episode {expected} appears twice.", StringComparison.Ordinal))
            .Label($"{refused.Message} (expected {expected})");
    }

    [Fact]
    public void Many_distinct_episodes_are_compared_without_refusal()
    {
        var g = CafGen.EpisodeGenerator().Sample(5, new Rnd(3UL), 1)[0];
        var episodes = Enumerable.Range(0, 2000).Select(i => Renamed(g, $"ep-{i}")).ToList();

        Assert.Equal(2000, new PolicyWhatIf(A, Bs[2]).Compare(episodes).Episodes);
    }

    // The same history under another id (events renamed through the JSON), rebuilt.
    private static CafEpisode Renamed(GeneratedEpisode g, string id)
    {
        var episode = g.Episode;
        var json = EpisodeJson.Serialize(episode).Replace($"\"{episode.Id.Value}\"", $"\"{id}\"", StringComparison.Ordinal);
        return EpisodeJson.Deserialize(g.World.Policy, json);
    }
}
