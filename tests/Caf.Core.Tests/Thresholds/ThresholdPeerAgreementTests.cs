using Caf.Core.Thresholds;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Thresholds;

/// <summary>
/// THR-03: the compiled matcher and the hand-written evaluator of the default framework (the benchmark's fastest peer)
/// classify alike: 1,000 random observed sets and contexts, significant harm and specialist involvement included.
/// (RulesEngine and NRules are held to the same answers in the benchmark's setup; this project does not reference them.)
/// </summary>
public class ThresholdPeerAgreementTests
{
    [Trait("Rule", "THR-03")]
    [Property(Arbitrary = [typeof(ThresholdPropertyTests.Arbitraries)], MaxTest = 1000)]
    public bool Classify_agrees_with_the_hand_written_evaluator(ThresholdPropertyTests.Observation o) =>
        ThresholdTestData.Default.Classify(o.Ids, o.Context).Value == HandWrittenDefaultThresholds.Classify(o.Ids, o.Context);
}
