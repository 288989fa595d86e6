using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Thresholds;

/// <summary>
/// THR-08 (000 proposed development 1: "Children with Specialist CAMHS involvement can have a CAF if coordination is
/// needed"; 003 §3 links (a): the CAF "can be used alongside any stage of the SEN processes").
/// </summary>
public class AlongsideSpecialistTests
{
    private static readonly ThresholdMatcher Default = ThresholdTestData.Default;
    private const string Need = "CAMHS sees Amy for anxiety; school attendance and Mum's housing need a team around her.";
    private static readonly LifecycleOptions Allowed = new() { CafAlongsideSpecialistService = true };

    [Fact]
    [Trait("Rule", "THR-08")]
    public void THR08_by_default_a_child_with_specialist_CAMHS_involvement_is_level_4_whatever_need_is_recorded()
    {
        var context = new ThresholdContext { SpecialistServicesInvolved = true, CoordinationNeed = Need };
        var result = Default.AssessUnder(["LEI-06"], context, new LifecycleOptions()).Value;

        Assert.Equal(ThresholdLevel.Acute, result.Level);
        Assert.Equal(ThresholdRoute.SpecialistReferral, result.Route);
        Assert.False(result.AlongsideSpecialist);
    }

    [Fact]
    [Trait("Rule", "THR-08")]
    public void THR08_with_the_option_the_CAF_continues_alongside_CAMHS_recording_the_coordination_need_and_the_route_says_so()
    {
        var context = new ThresholdContext { SpecialistServicesInvolved = true, CoordinationNeed = Need };
        var result = Default.AssessUnder(["LEI-06"], context, Allowed).Value;

        Assert.Equal(ThresholdLevel.Complex, result.Level);
        Assert.Equal(ThresholdRoute.CafMultiAgency, result.Route);
        Assert.True(result.AlongsideSpecialist);
        Assert.DoesNotContain(result.FiredRules, r => r.RuleId == "R-SPECIALIST");
        Assert.Contains("THR-08", result.Explanation, StringComparison.Ordinal);
        Assert.Contains(Need, result.Explanation, StringComparison.Ordinal);

        // Without a recorded need the option changes nothing: THR-05.
        Assert.Equal(ThresholdLevel.Acute, Default.AssessUnder(["LEI-06"], context with { CoordinationNeed = null }, Allowed).Value.Level);
    }

    [Fact]
    [Trait("Rule", "THR-08")]
    public void THR08_an_episode_accepts_the_CAF_alongside_the_specialist_only_where_local_policy_allows()
    {
        var context = new ThresholdContext { SpecialistServicesInvolved = true, CoordinationNeed = Need };
        var summary = AssessmentSummary.From(Default.AssessUnder(["LEI-06"], context, Allowed).Value);
        Assert.Equal(Need, summary.CoordinationNeed);

        var byDefault = new Seeds().Assessing();
        var refused = byDefault.CompleteAssessment(Teacher, summary, AbsentParentInvolvement.WasInvolved, "CAF alongside CAMHS.");
        Assert.Equal(("THR-08", "summary.coordinationNeed"), (refused.Refusal.RuleId, refused.Refusal.Field));

        var seeds = new Seeds(new CafOptions { Lifecycle = { CafAlongsideSpecialistService = true } });
        var e = seeds.Assessing();
        Ok(e.CompleteAssessment(Teacher, summary, AbsentParentInvolvement.WasInvolved, "CAF alongside CAMHS."));
        Assert.Equal(Need, CafEpisode.Rebuild(seeds.Policy, e.Events).Assessment!.CoordinationNeed);
        Assert.Contains("\"coordinationNeed\"", EpisodeJson.SerializeEvent(e.Events[^1]), StringComparison.Ordinal);
    }

    public static Arbitrary<string[]> Observed() =>
        Arb.From(Gen.SubListOf(Default.Framework.Indicators.Where(i => !i.SignificantHarm).Select(i => i.Id).ToArray()).Select(l => l.ToArray()));

    [Property(MaxTest = 200, Arbitrary = [typeof(AlongsideSpecialistTests)])]
    [Trait("Rule", "THR-08")]
    public bool THR08_without_the_option_the_result_is_THR05s_and_with_it_the_level_is_the_indicators_own_raised_to_at_least_complex(
        string[] observed, bool stepDown)
    {
        var specialist = new ThresholdContext { SpecialistServicesInvolved = true, StepDown = stepDown, CoordinationNeed = Need };
        var thr05 = Default.Assess(observed, specialist with { CoordinationNeed = null }).Value;
        var off = Default.AssessUnder(observed, specialist, new LifecycleOptions()).Value;
        var on = Default.AssessUnder(observed, specialist, Allowed).Value;
        var alone = Default.Assess(observed).Value;

        var offSame = off.Level == thr05.Level && off.Route == thr05.Route && !off.AlongsideSpecialist;
        var onExpected = stepDown
            ? on.Level == thr05.Level && !on.AlongsideSpecialist
            : on.AlongsideSpecialist && (int)on.Level == Math.Max((int)alone.Level, (int)ThresholdLevel.Complex) && on.Route >= ThresholdRoute.CafMultiAgency;
        return offSame && onExpected;
    }
}
