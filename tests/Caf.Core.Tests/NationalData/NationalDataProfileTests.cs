using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.NationalData;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.NationalData;

/// <summary>The national-data profile (NAT-01..NAT-03): the shipped default, the end-reason mapping and the strict loader.</summary>
public class NationalDataProfileTests
{
    private static readonly NationalDataProfileLoader Loader = new();
    private static readonly NationalDataProfile Profile = NationalDataProfile.Default;

    [Trait("Rule", "NAT-01")]
    [Fact]
    public void NAT01_the_default_profile_maps_every_canonical_outcome_to_an_SSD_end_reason_through_its_category()
    {
        // NAT-01 (Standard Safeguarding Dataset end reasons): Outcomes met / Step-up / NFA. Resolved -> Outcomes met; consent ended -> NFA; escalated -> Step-up.
        Assert.Equal("Outcomes met", Profile.EndReasonFor(ClosureOutcome.ResolvedFamilyActions));
        Assert.Equal("Outcomes met", Profile.EndReasonFor(ClosureOutcome.ResolvedSingleService));
        Assert.Equal("Outcomes met", Profile.EndReasonFor(ClosureOutcome.ResolvedMultiAgency));
        Assert.Equal("Outcomes met", Profile.EndReasonFor(ClosureOutcome.ResolvedOther));
        Assert.Equal("NFA", Profile.EndReasonFor(ClosureOutcome.ConsentWithdrawn));
        Assert.Equal("Step-up", Profile.EndReasonFor(ClosureOutcome.ConsentOverridden));
        Assert.Equal("Step-up", Profile.EndReasonFor(ClosureOutcome.SteppedUp));
        Assert.Equal("NFA", Profile.EndReasonFor(ClosureOutcome.ResolvedOther, noFurtherAction: true)); // CLOSE-09
        Assert.Equal("NFA", Profile.TransferredOutEndReason);
        Assert.Equal(["Outcomes met", "NFA", "Step-up"], Profile.EndReasons.ToArray());
        Assert.Equal(("RC9", "5D", "21"), (Profile.StepDownClosureReason, Profile.StepUpReferralSource, Profile.NoFactorsCode));
    }

    [Trait("Rule", "NAT-01")]
    [Fact]
    public void NAT01_an_authoritys_profile_overrides_by_canonical_outcome_and_by_its_own_closure_code()
    {
        var document = Profile.Document with
        {
            Id = "leeds-national-data",
            OutcomeEndReasons = [new NationalOutcomeEndReason { Outcome = "consentWithdrawn", EndReason = "Family declined" }],
            CodeEndReasons = [new NationalCodeEndReason { Code = "LDS-MOVED", EndReason = "NFA" }],
        };
        var leeds = Loader.Compile(document).Profile;

        Assert.Equal("Family declined", leeds.EndReasonFor(ClosureOutcome.ConsentWithdrawn));
        Assert.Equal("NFA", leeds.EndReasonFor(ClosureOutcome.ResolvedOther, "LDS-MOVED"));
        Assert.Equal("Outcomes met", leeds.EndReasonFor(ClosureOutcome.ResolvedOther, "LDS-OTHER"));
        Assert.Equal("NFA", leeds.EndReasonForCategory(ClosureCategory.Resolved, "LDS-MOVED"));
        Assert.Equal(["Outcomes met", "NFA", "Step-up", "Family declined"], leeds.EndReasons.ToArray());
    }

    [Trait("Rule", "NAT-01")]
    [Fact]
    public void NAT01_the_default_profile_json_round_trips_and_the_loader_reports_every_problem_with_its_path()
    {
        var json = Loader.DefaultJson();
        var reread = Loader.Load(Loader.Serialize(Loader.Load(json).Profile.Document));
        Assert.True(reread.IsSuccess, reread.ToString());
        Assert.Equal(Profile.Document, reread.Document);

        var bad = Profile.Document with
        {
            EndReasons = Profile.Document.EndReasons with { Escalated = " " },
            OutcomeEndReasons = [new NationalOutcomeEndReason { Outcome = "closedHappily", EndReason = "NFA" }],
            CodeEndReasons = [new NationalCodeEndReason { Code = "X", EndReason = "NFA" }, new NationalCodeEndReason { Code = "X", EndReason = "NFA" }],
            FactorCodes = [.. Profile.FactorCodes, new NationalFactorCode { Code = "7A", Description = "again" }, new NationalFactorCode { Code = "7AA", Description = "bad" }],
            NoFactorsCode = "99",
        };
        var result = Loader.Compile(bad);
        Assert.False(result.IsSuccess);
        Assert.Equal(
            ["$.endReasons.escalated", "$.outcomeEndReasons[0].outcome", "$.codeEndReasons[1].code", "$.factorCodes[38].code", "$.factorCodes[39].code", "$.noFactorsCode"],
            result.Problems.Select(p => p.Path).ToArray());
        Assert.Equal("NAT-01", result.ToResult().Refusal.RuleId);
    }

    [Trait("Rule", "NAT-01")]
    [Theory]
    [InlineData("""{ "id": "x", "surprise": 1 }""", "$.surprise")]
    [InlineData("""{ "id": "x", "id": "y" }""", "$.id")]
    [InlineData("""{ "id": 7 }""", "$.id")]
    [InlineData("""{ "endReasons": { "resolved": null } }""", "$.endReasons.resolved")]
    public void NAT01_reading_is_strict_unknown_duplicate_mistyped_and_null_members_are_errors(string json, string path)
    {
        var result = Loader.Load(json);
        Assert.False(result.IsSuccess);
        Assert.Equal(path, Assert.Single(result.Problems).Path);
    }

    [Trait("Rule", "NAT-03")]
    [Fact]
    public void NAT03_the_shipped_framework_carries_only_known_factor_codes_and_a_bad_one_is_reported_at_its_indicator()
    {
        var framework = new ThresholdFrameworkLoader().LoadDefault().Framework;
        Assert.Empty(Profile.CheckFramework(framework));

        var indicators = framework.Indicators.SetItem(0, framework.Indicators[0] with { NationalCode = "99Z" }).SetItem(1, framework.Indicators[1] with { NationalCode = "21" });
        var problems = Profile.CheckFramework(framework with { Indicators = indicators });
        Assert.Equal(["$.indicators[0].nationalCode", "$.indicators[1].nationalCode"], problems.Select(p => p.Path).ToArray());
    }

    [Trait("Rule", "NAT-03")]
    [Trait("Rule", "NAT-16")]
    [Fact]
    public void NAT03_factors_identified_are_distinct_in_return_order_and_21_only_when_none()
    {
        Assert.Equal(["1B", "3A", "16A"], Profile.FactorsIdentified(["16A", null, "3A", "1B", "3A"]).ToArray());
        Assert.Equal(["21"], Profile.FactorsIdentified([null, null]).ToArray());
        Assert.Equal(["21"], Profile.FactorsIdentified([]).ToArray());
        Assert.Equal(["7A"], Profile.FactorsIdentified(["21", "7A"]).ToArray());
        Assert.Equal(["7A", "99Z"], Profile.FactorsIdentified(["99Z", "7A"]).ToArray()); // unknown codes kept, for NAT-03 to report
    }
}
