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
}
