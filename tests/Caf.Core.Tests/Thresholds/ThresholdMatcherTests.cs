using System;
using System.Linq;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Thresholds;

/// <summary>Examples for each rule and each route, mostly with the default framework's seed indicators.</summary>
public class ThresholdMatcherTests
{
    private static readonly ThresholdMatcher Default = ThresholdTestData.Default;

    private static ThresholdResult Assess(params string[] ids) => Default.Assess(ids).Value;

    private static ThresholdResult Assess(ThresholdContext context, params string[] ids) => Default.Assess(ids, context).Value;

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_no_indicators_is_universal_with_no_rule_fired()
    {
        var result = Assess();

        Assert.Equal(ThresholdLevel.Universal, result.Level);
        Assert.Equal(ThresholdRoute.Universal, result.Route);
        Assert.Empty(result.FiredRules);
        Assert.Empty(result.Outcomes);
        Assert.Contains("No rule fired", result.Explanation);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_one_additional_need_gives_level_2_and_a_single_agency_CAF()
    {
        // 000: the most frequent Leicestershire need on its own.
        var result = Assess("LEI-01");

        Assert.Equal(ThresholdLevel.Additional, result.Level);
        Assert.Equal(ThresholdRoute.CafSingleAgency, result.Route);
        Assert.Equal(["R-ADDITIONAL"], result.FiredRules.Select(r => r.RuleId));
        Assert.Equal([EcmOutcome.StaySafe, EcmOutcome.MakeAPositiveContribution], result.Outcomes.ToArray());
        Assert.Contains("LEI-01", result.Explanation);
        Assert.Contains("R-ADDITIONAL", result.Explanation);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_three_additional_needs_across_two_domains_give_level_3_multi_agency()
    {
        // Learning difficulty and exclusion (development) with homelessness (family and environment).
        var result = Assess("LEI-09", "LEI-10", "BFD-12");

        Assert.Equal(ThresholdLevel.Complex, result.Level);
        Assert.Equal(ThresholdRoute.CafMultiAgency, result.Route);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-MULTIPLE");
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_three_additional_needs_in_one_domain_stay_at_level_2()
    {
        var result = Assess("LEI-05", "LEI-09", "LEI-10"); // all "development"

        Assert.Equal(ThresholdLevel.Additional, result.Level);
        Assert.DoesNotContain(result.FiredRules, r => r.RuleId == "R-MULTIPLE");
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_a_complex_need_gives_level_3()
    {
        var result = Assess("LEI-04");

        Assert.Equal(ThresholdLevel.Complex, result.Level);
        Assert.Equal(ThresholdRoute.CafMultiAgency, result.Route);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-COMPLEX");
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_two_complex_needs_across_domains_go_to_the_panel()
    {
        // Offending (development) and exposure to violence in the family (family and environment).
        var result = Assess("BFD-05", "BFD-07");

        Assert.Equal(ThresholdLevel.Complex, result.Level);
        Assert.Equal(ThresholdRoute.Panel, result.Route);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-PANEL" && r.Route == ThresholdRoute.Panel);
        Assert.Contains("panel", result.Explanation);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_anyOf_two_parental_factors_give_level_3()
    {
        // 002 §2: parental substance misuse with domestic violence.
        var result = Assess("BFD-16", "BFD-17");

        Assert.Equal(ThresholdLevel.Complex, result.Level);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-PARENTAL" && r.Kind == ThresholdRuleKinds.AnyOf);
        Assert.Equal(ThresholdLevel.Additional, Assess("BFD-16").Level);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_any_acute_need_gives_level_4_and_a_specialist_referral()
    {
        var result = Assess("LEI-01", "SPC-01");

        Assert.Equal(ThresholdLevel.Acute, result.Level);
        Assert.Equal(ThresholdRoute.SpecialistReferral, result.Route);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-ACUTE");
    }

    [Trait("Rule", "THR-04")]
    [Fact]
    public void THR04_significant_harm_indicator_overrides_everything()
    {
        var result = Assess("LEI-01", "SPC-01", "SH-01");

        Assert.Equal(ThresholdLevel.SignificantHarm, result.Level);
        Assert.Equal(ThresholdRoute.Safeguarding, result.Route);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-SIGNIFICANT-HARM");
        Assert.StartsWith("Significant harm", result.Explanation);
    }

    [Trait("Rule", "THR-04")]
    [Fact]
    public void THR04_a_recorded_significant_harm_concern_gives_safeguarding_without_indicators()
    {
        var result = Assess(new ThresholdContext { SignificantHarmConcern = true });

        Assert.Equal(ThresholdLevel.SignificantHarm, result.Level);
        Assert.Equal(ThresholdRoute.Safeguarding, result.Route);
        Assert.Equal("Significant harm", result.LevelName);
    }

    [Trait("Rule", "THR-05")]
    [Fact]
    public void THR05_specialist_services_involved_raise_to_level_4()
    {
        var result = Assess(new ThresholdContext { SpecialistServicesInvolved = true }, "LEI-06");

        Assert.Equal(ThresholdLevel.Acute, result.Level);
        Assert.Equal(ThresholdRoute.SpecialistReferral, result.Route);
        Assert.Contains(result.FiredRules, r => r.RuleId == "R-SPECIALIST");
    }

    [Trait("Rule", "THR-05")]
    [Fact]
    public void THR05_a_step_down_is_not_raised_by_specialist_involvement()
    {
        // 002 §3: a specialist service disengaging hands over to a TAC.
        var result = Assess(new ThresholdContext { SpecialistServicesInvolved = true, StepDown = true }, "LEI-06");

        Assert.Equal(ThresholdLevel.Additional, result.Level);
        Assert.DoesNotContain(result.FiredRules, r => r.RuleId == "R-SPECIALIST");
        Assert.Contains("step-down", result.Explanation);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_unknown_indicator_is_a_refusal_not_ignored()
    {
        var result = Default.Assess(["LEI-01", "LEI-99"]);

        Assert.True(result.IsRefused);
        Assert.Equal("THR-03", result.Refusal.RuleId);
        Assert.Equal("observed[1]", result.Refusal.Field);
        Assert.Contains("LEI-99", result.Refusal.Message);
        Assert.True(Default.Classify(["lei-01"]).IsRefused); // ids are case-sensitive
    }

    [Fact]
    [Trait("Rule", "THR-07")] // the episode side (recording them) is the episode aggregate's
    public void THR07_the_result_carries_the_framework_id_and_version()
    {
        var result = Assess("LEI-01");

        Assert.Equal("caf-core-default", result.FrameworkId);
        Assert.Equal("1.0.0", result.FrameworkVersion);
        Assert.Contains("caf-core-default", result.Explanation);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_classify_agrees_with_assess_and_duplicates_do_not_count_twice()
    {
        string[] ids = ["LEI-09", "LEI-09", "LEI-09", "BFD-12"];

        Assert.Equal(Assess(ids).Classification, Default.Classify(ids).Value);
        Assert.Equal(ThresholdLevel.Additional, Default.Classify(ids).Value.Level); // two distinct needs only
        Assert.Equal(["LEI-09", "BFD-12"], Assess(ids).MatchedIndicatorIds.ToArray());
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_a_custom_framework_with_its_own_domains_matches()
    {
        var matcher = ThresholdTestData.Loader.Load(ThresholdTestData.Small).Matcher;

        Assert.Equal(ThresholdLevel.Complex, matcher.Classify(["a", "b"]).Value.Level);   // anyOf
        Assert.Equal(ThresholdLevel.Additional, matcher.Classify(["c"]).Value.Level);     // no level-3 count rule in this framework
        Assert.Equal(ThresholdLevel.Acute, matcher.Classify(["d"]).Value.Level);
    }

    [Fact]
    public void Null_observed_id_is_misuse_and_throws()
    {
        Assert.Throws<ArgumentNullException>(() => Default.Classify([null!]));
        Assert.Throws<ArgumentNullException>(() => Default.ContainsIndicator(null!));
    }

    [Fact]
    public void Classify_allocates_nothing()
    {
        string[] ids = ["LEI-01", "BFD-05", "BFD-07", "BFD-16", "BFD-17"];
        Default.Classify(ids); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Default.Classify(ids);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
