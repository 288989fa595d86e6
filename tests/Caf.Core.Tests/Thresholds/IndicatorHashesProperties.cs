using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Thresholds;

/// <summary>
/// Issue 26: the what-if settles most assessments from their indicator hashes (kept in the episode's index) without
/// reading an id. A hash only narrows an id down, so "settled alike" must never be said of a set that A and B classify
/// differently: held here against both matchers' own <c>Classify</c> on random sets (every indicator, repeats, unknown
/// ids, one unknown id that shares a defined indicator's hash) and contexts, for pairs of frameworks that differ in a
/// rule, a level's route, or nothing.
/// </summary>
public class IndicatorHashesProperties
{
    private static readonly ThresholdFrameworkLoader Loader = new();
    private static readonly ThresholdMatcher Default = Loader.LoadDefault();
    private static readonly string Twin = Caf.Core.Tests.Analysis.PolicyWhatIfNaiveProperties.HashTwinOf("BFD-03");
    private static readonly string[] Ids = [.. Default.Framework.Indicators.Select(i => i.Id), "XX-01", Twin];

    private static readonly ThresholdMatcher[] Bs =
    [
        Default,
        Changed(f => f with { Rules = [.. f.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = 2 } : r)] }),
        Changed(f => f with { Rules = [.. f.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = 4, MinDomains = 1 } : r)] }),
        Changed(f => f with { Rules = [.. f.Rules.Select(r => r.Kind == ThresholdRuleKinds.AnyOf ? r with { Gives = 4 } : r)] }),
        Changed(f => f with { Levels = [.. f.Levels.Select(l => l.Level == 1 ? l with { Route = "cafSingleAgency" } : l)] }),
    ];

    private static ThresholdMatcher Changed(Func<ThresholdFramework, ThresholdFramework> change) =>
        Loader.Compile(change(Default.Framework) with { Version = "9.9.9-b" }).Matcher;

    public sealed record Case(int B, string[] Observed, bool StepDown, bool Specialist, bool Harm);

    public static class Arbitraries
    {
        public static Arbitrary<Case> Cases() => Arb.From(
            from b in Gen.Choose(0, Bs.Length - 1)
            from count in Gen.Frequency((6, Gen.Choose(0, 6)), (1, Gen.Choose(7, 10)))
            from observed in Gen.ArrayOf(Gen.Frequency((12, Gen.Elements(Ids)), (1, Gen.Constant(Twin))), count)
            from stepDown in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            from specialist in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
            from harm in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new Case(b, observed, stepDown, specialist, harm));
    }

    [Trait("Rule", "THR-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 400)]
    public void A_set_settled_alike_from_its_hashes_is_classified_alike_by_both(Case c)
    {
        var b = Bs[c.B];
        var difference = ThresholdMatcher.Compare(Default, b);
        Assert.NotNull(difference); // the same indicators on both sides
        var context = new ThresholdContext { StepDown = c.StepDown, SpecialistServicesInvolved = c.Specialist, SignificantHarmConcern = c.Harm };

        if (difference.SettledAlike(IndicatorHashes.Of([.. c.Observed]), context))
        {
            var x = Default.Classify(c.Observed, context);
            var y = b.Classify(c.Observed, context);
            Assert.Equal(x.IsSuccess, y.IsSuccess);
            if (x.IsSuccess)
            {
                Assert.Equal(x.Value, y.Value);
            }
        }
    }

    [Fact]
    public void The_twin_shares_a_hash_and_is_settled_as_the_unknown_id_it_is()
    {
        Assert.NotEqual("BFD-03", Twin);
        Assert.Equal(IndicatorHashes.Hash("BFD-03"), IndicatorHashes.Hash(Twin));

        // The twin is unknown to both (refused alike), while the set it could be taken for is settled exactly as classified.
        var b = Bs[1];
        string[] observed = [Twin, "BFD-04"];
        Assert.False(Default.Classify(observed).IsSuccess);
        Assert.False(b.Classify(observed).IsSuccess);
        string[] real = ["BFD-03", "BFD-04"];
        var settled = ThresholdMatcher.Compare(Default, b)!.SettledAlike(IndicatorHashes.Of([.. real]), default);
        Assert.Equal(Default.Classify(real).Value == b.Classify(real).Value, settled);
    }

    [Fact]
    public void Hashes_are_kept_for_up_to_eight_non_null_ids()
    {
        Assert.True(IndicatorHashes.Of([]).IsRecorded);
        Assert.True(IndicatorHashes.Of([.. Enumerable.Repeat("LEI-01", 8)]).IsRecorded);
        Assert.False(IndicatorHashes.Of([.. Enumerable.Repeat("LEI-01", 9)]).IsRecorded);
        Assert.False(IndicatorHashes.Of(ImmutableArray.Create<string>("LEI-01", null!)).IsRecorded);
        Assert.False(IndicatorHashes.None.IsRecorded);
    }
}
