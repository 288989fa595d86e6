using System;
using System.Linq;
using System.Text;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Thresholds;

/// <summary>Invariants of the matcher and the loader (THR-01, THR-04, THR-06).</summary>
public class ThresholdPropertyTests
{
    private static readonly ThresholdMatcher Default = ThresholdTestData.Default;
    private static readonly string[] Ids = ThresholdTestData.DefaultIds();
    private static readonly byte[] DefaultUtf8 = Encoding.UTF8.GetBytes(ThresholdTestData.Loader.DefaultJson());

    public sealed record Observation(string[] Ids, ThresholdContext Context);

    public sealed record Corruption(int Position, int Kind, byte Value);

    public static class Arbitraries
    {
        private static Gen<string[]> Subset() => Gen.SubListOf(Ids).Select(l => l.ToArray());

        private static Gen<ThresholdContext> Contexts() =>
            from harm in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
            from specialist in ArbMap.Default.GeneratorFor<bool>()
            from stepDown in ArbMap.Default.GeneratorFor<bool>()
            select new ThresholdContext { SignificantHarmConcern = harm, SpecialistServicesInvolved = specialist, StepDown = stepDown };

        public static Arbitrary<Observation> Observations() =>
            Arb.From(from ids in Subset() from context in Contexts() select new Observation(ids, context));

        public static Arbitrary<Corruption> Corruptions() =>
            Arb.From(
                from position in Gen.Choose(0, DefaultUtf8.Length - 1)
                from kind in Gen.Choose(0, 3)
                from value in Gen.Elements<byte>((byte)'{', (byte)'}', (byte)'"', (byte)',', (byte)':', (byte)'[', (byte)'0', (byte)'x', 0xC3, 0xFF, (byte)' ')
                select new Corruption(position, kind, value));
    }

    [Trait("Rule", "THR-06")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool THR06_adding_an_indicator_never_lowers_the_level(Observation observation, NonNegativeInt pick)
    {
        var extra = Ids[pick.Get % Ids.Length];
        var before = Default.Classify(observation.Ids, observation.Context).Value;
        var after = Default.Classify([.. observation.Ids, extra], observation.Context).Value;
        return after.Level >= before.Level;
    }

    [Trait("Rule", "THR-03")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool THR03_classify_agrees_with_assess(Observation observation) =>
        Default.Classify(observation.Ids, observation.Context).Value
        == Default.Assess(observation.Ids, observation.Context).Value.Classification;

    [Trait("Rule", "THR-04")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool THR04_significant_harm_dominates(Observation observation)
    {
        var withIndicator = Default.Classify([.. observation.Ids, "SH-01"], observation.Context).Value;
        var withConcern = Default.Classify(observation.Ids, observation.Context with { SignificantHarmConcern = true }).Value;
        var expected = new ThresholdClassification(ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding);
        return withIndicator == expected && withConcern == expected;
    }

    [Trait("Rule", "THR-03")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool THR03_order_of_observed_indicators_never_changes_the_result(Observation observation, int seed)
    {
        var shuffled = observation.Ids.ToArray();
        new Random(seed).Shuffle(shuffled);
        var a = Default.Assess(observation.Ids, observation.Context).Value;
        var b = Default.Assess(shuffled, observation.Context).Value;
        return a.Classification == b.Classification
            && a.MatchedIndicatorIds.SequenceEqual(b.MatchedIndicatorIds)
            && a.FiredRules.SequenceEqual(b.FiredRules)
            && a.Outcomes.SequenceEqual(b.Outcomes)
            && a.Explanation == b.Explanation;
    }

    [Trait("Rule", "THR-03")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool THR03_level_is_at_least_the_highest_observed_indicator_level_in_the_default(Observation observation)
    {
        // The default framework has a "any indicator at level L or above gives L" rule for L = 2, 3, 4.
        var highest = observation.Ids.Select(id => Default.Framework.Indicators.Single(i => i.Id == id).Level).DefaultIfEmpty(1).Max();
        return (int)Default.Classify(observation.Ids, observation.Context).Value.Level >= highest;
    }

    [Trait("Rule", "THR-01")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool THR01_json_round_trip_of_a_framework_is_lossless(Observation observation)
    {
        // Round-trip the default, then check matching and the document survive unchanged.
        var loader = ThresholdTestData.Loader;
        var json = loader.Serialize(Default.Framework);
        var reloaded = loader.Load(json).Matcher;
        return loader.Serialize(reloaded.Framework) == json
            && reloaded.Framework.Indicators.Zip(Default.Framework.Indicators).All(p =>
                p.First.Id == p.Second.Id && p.First.Statement == p.Second.Statement && p.First.Domain == p.Second.Domain
                && p.First.Level == p.Second.Level && p.First.Outcomes.SequenceEqual(p.Second.Outcomes)
                && p.First.NationalCode == p.Second.NationalCode && p.First.Notes == p.Second.Notes
                && p.First.SignificantHarm == p.Second.SignificantHarm)
            && reloaded.Assess(observation.Ids, observation.Context).Value.Explanation
               == Default.Assess(observation.Ids, observation.Context).Value.Explanation;
    }

    [Trait("Rule", "THR-01")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool THR01_random_corruption_is_an_error_or_a_valid_framework_never_a_crash(Corruption corruption)
    {
        var bytes = DefaultUtf8.ToList();
        switch (corruption.Kind)
        {
            case 0: bytes[corruption.Position] = corruption.Value; break;
            case 1: bytes.Insert(corruption.Position, corruption.Value); break;
            case 2: bytes.RemoveAt(corruption.Position); break;
            default: bytes.RemoveRange(corruption.Position, Math.Min(7, bytes.Count - corruption.Position)); break;
        }

        var result = ThresholdTestData.Loader.Load(bytes.ToArray().AsSpan());
        return result.IsSuccess
            ? result.Problems.IsEmpty && result.Matcher.IndicatorCount > 0
            : !result.Problems.IsEmpty && result.Problems.All(p => p.Path.StartsWith('$'));
    }

    [Trait("Rule", "THR-01")]
    [Property(MaxTest = 200)]
    public bool THR01_truncation_of_a_valid_framework_is_always_rejected(PositiveInt cut)
    {
        var json = ThresholdTestData.Loader.DefaultJson().TrimEnd();
        var truncated = json[..(cut.Get % json.Length)];
        var result = ThresholdTestData.Loader.Load(truncated);
        return !result.IsSuccess && !result.Problems.IsEmpty && result.Framework is null;
    }
}
