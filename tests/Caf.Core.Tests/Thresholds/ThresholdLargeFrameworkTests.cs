using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Thresholds;

/// <summary>Frameworks beyond 64 indicators use multi-word bitsets; these cases check that path.</summary>
public class ThresholdLargeFrameworkTests
{
    private static readonly string[] Domains = ["development", "parentsAndCarers", "familyAndEnvironment"];

    // 150 level-2 indicators i0..i149; domain = index mod 3; i130 means significant harm.
    private static readonly ThresholdMatcher Large = new ThresholdFrameworkLoader().Compile(new ThresholdFramework
    {
        Id = "large",
        Version = "1",
        Title = "Large",
        Levels =
        [
            new() { Level = 1, Name = "Universal", Route = "universal" },
            new() { Level = 2, Name = "Additional", Route = "cafSingleAgency" },
            new() { Level = 3, Name = "Complex", Route = "cafMultiAgency" },
            new() { Level = 4, Name = "Acute", Route = "specialistReferral" },
        ],
        Indicators = [.. Enumerable.Range(0, 150).Select(i => new ThresholdIndicator
        {
            Id = $"i{i}",
            Statement = $"Need {i}",
            Domain = Domains[i % 3],
            Outcomes = ["staySafe"],
            Level = 2,
            SignificantHarm = i == 130,
        })],
        Rules =
        [
            new() { Id = "any", Kind = "count", Description = "any need", MinLevel = 2, Gives = 2 },
            new() { Id = "multi", Kind = "count", Description = "3 across 2", MinLevel = 2, MinCount = 3, MinDomains = 2, Gives = 3, Route = "panel" },
            new() { Id = "pair", Kind = "anyOf", Description = "i100 and i149", Indicators = ["i100", "i149"], MinCount = 2, Gives = 4 },
            new() { Id = "sp", Kind = "specialistInvolved", Description = "specialists", Gives = 4 },
            new() { Id = "sh", Kind = "significantHarm", Description = "harm" },
        ],
    }).Matcher;

    [Trait("Rule", "THR-03")]
    [Theory]
    [InlineData(new string[0], ThresholdLevel.Universal, ThresholdRoute.Universal)]
    [InlineData(new[] { "i140" }, ThresholdLevel.Additional, ThresholdRoute.CafSingleAgency)]
    [InlineData(new[] { "i0", "i3", "i6" }, ThresholdLevel.Additional, ThresholdRoute.CafSingleAgency)]   // one domain
    [InlineData(new[] { "i0", "i3", "i70" }, ThresholdLevel.Complex, ThresholdRoute.Panel)]               // i70: domain 1
    [InlineData(new[] { "i149", "i100" }, ThresholdLevel.Acute, ThresholdRoute.SpecialistReferral)]
    [InlineData(new[] { "i100", "i130" }, ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding)]
    public void THR03_multi_word_bitsets_match_like_single_word_ones(string[] observed, ThresholdLevel level, ThresholdRoute route)
    {
        var expected = new ThresholdClassification(level, route);

        Assert.Equal(expected, Large.Classify(observed).Value);
        Assert.Equal(expected, Large.Assess(observed).Value.Classification);
        Assert.Equal(observed.Distinct().Count(), Large.Assess(observed).Value.MatchedIndicatorIds.Length);
    }

    [Trait("Rule", "THR-05")]
    [Fact]
    public void THR05_specialist_involvement_in_a_large_framework()
    {
        var result = Large.Assess(["i1"], new ThresholdContext { SpecialistServicesInvolved = true }).Value;

        Assert.Equal(ThresholdLevel.Acute, result.Level);
        Assert.Equal(["any", "sp"], result.FiredRules.Select(r => r.RuleId).ToArray());
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_unknown_id_in_a_large_framework_is_refused()
    {
        Assert.Equal("THR-03", Large.Classify(["i1", "i150"]).Refusal.RuleId);
    }
}
