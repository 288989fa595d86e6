using System.Linq;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Thresholds;

public class ThresholdFrameworkLoaderTests
{
    private static readonly ThresholdFrameworkLoader Loader = ThresholdTestData.Loader;

    private static ThresholdLoadResult LoadSmallWith(string find, string replace)
    {
        Assert.Contains(find, ThresholdTestData.Small); // the edit must really change the document
        return Loader.Load(ThresholdTestData.Small.Replace(find, replace));
    }

    private static void AssertProblem(ThresholdLoadResult result, string path, string messagePart)
    {
        Assert.False(result.IsSuccess);
        Assert.False(result.TryGetMatcher(out _));
        Assert.Contains(result.Problems, p => p.Path == path && p.Message.Contains(messagePart));
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_small_framework_loads_and_compiles()
    {
        var result = Loader.Load(ThresholdTestData.Small);

        Assert.True(result.IsSuccess, result.ToString());
        Assert.Empty(result.Problems);
        Assert.Equal("small", result.Matcher.FrameworkId);
        Assert.Equal(4, result.Matcher.IndicatorCount);
        Assert.True(result.ToResult().IsSuccess);
    }

    [Trait("Rule", "THR-02")]
    [Fact]
    public void THR02_the_shipped_default_loads_with_the_seed_indicators()
    {
        var matcher = Loader.LoadDefault();
        var ids = matcher.Framework.Indicators.Select(i => i.Id).ToList();

        Assert.Equal("caf-core-default", matcher.FrameworkId);
        // 000 "Child Needs Identified": the ten Leicestershire needs statements.
        Assert.Equal(10, ids.Count(id => id.StartsWith("LEI-")));
        // 002 §2: fifteen listed circumstances plus the three named in its lead-in.
        Assert.Equal(18, ids.Count(id => id.StartsWith("BFD-")));
        Assert.Contains(matcher.Framework.Indicators, i => i.Level == 3);
        Assert.Contains(matcher.Framework.Indicators, i => i.Level == 4);
        Assert.Contains(matcher.Framework.Indicators, i => i.SignificantHarm);
        Assert.All(matcher.Framework.Indicators, i => Assert.False(string.IsNullOrWhiteSpace(i.Notes), i.Id + " has no notes"));
        Assert.Contains("ILLUSTRATIVE", matcher.Framework.Description);
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_duplicate_indicator_ids_are_reported_with_their_path()
    {
        var result = LoadSmallWith("\"id\": \"b\"", "\"id\": \"a\"");
        AssertProblem(result, "$.indicators[1].id", "duplicate indicator id 'a'");
        Assert.NotNull(result.Framework); // the document was read, but nothing was compiled
        Assert.Throws<System.InvalidOperationException>(() => result.Matcher);
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_unknown_level_is_reported()
    {
        AssertProblem(LoadSmallWith("\"level\": 3 }", "\"level\": 7 }"), "$.indicators[2].level", "level 7 is not defined");
        AssertProblem(LoadSmallWith("{ \"level\": 4, \"name\": \"Acute\"", "{ \"level\": 5, \"name\": \"Acute\""), "$.levels[3].level", "level 5 is unknown");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_unknown_outcome_and_route_are_reported()
    {
        AssertProblem(LoadSmallWith("[ \"beHealthy\" ]", "[ \"beHappy\" ]"), "$.indicators[2].outcomes[0]", "outcome 'beHappy' is unknown");
        AssertProblem(LoadSmallWith("\"route\": \"universal\"", "\"route\": \"nowhere\""), "$.levels[0].route", "route 'nowhere' is unknown");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_rule_referring_to_a_missing_indicator_is_reported()
    {
        AssertProblem(LoadSmallWith("[ \"a\", \"b\" ]", "[ \"a\", \"zz\" ]"), "$.rules[2].indicators[1]", "indicator 'zz' is not defined");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_empty_statement_and_missing_version_are_reported_together()
    {
        var json = ThresholdTestData.Small.Replace("\"version\": \"1\",", "").Replace("\"statement\": \"Need c\"", "\"statement\": \" \"");
        var result = Loader.Load(json);

        AssertProblem(result, "$.version", "version is missing");
        AssertProblem(result, "$.indicators[2].statement", "statement is missing or empty");
        Assert.Equal(2, result.Problems.Length); // every problem, not just the first
        var refusal = result.ToResult().Refusal;
        Assert.Equal("THR-01", refusal.RuleId);
        Assert.Equal("$.version", refusal.Field);
    }

    [Trait("Rule", "THR-04")]
    [Trait("Rule", "THR-05")]
    [Fact]
    public void THR04_THR05_a_framework_without_the_required_rules_is_rejected()
    {
        var noHarm = Loader.Load(ThresholdTestData.Small.Replace("\"kind\": \"significantHarm\"", "\"kind\": \"count\""));

        AssertProblem(noHarm, "$.rules", "THR-04");
        AssertProblem(LoadSmallWith("\"description\": \"specialists\", \"gives\": 4", "\"description\": \"specialists\", \"gives\": 3"), "$.rules[3].gives", "THR-05");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_unknown_rule_kind_and_unused_parameters_are_reported()
    {
        AssertProblem(LoadSmallWith("\"kind\": \"anyOf\"", "\"kind\": \"someOf\""), "$.rules[2].kind", "rule kind 'someOf' is unknown");
        AssertProblem(LoadSmallWith("\"description\": \"specialists\",", "\"description\": \"specialists\", \"minCount\": 2,"), "$.rules[3].minCount", "not used");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_truncated_json_is_a_problem_with_a_path_not_an_exception()
    {
        var truncated = ThresholdTestData.Small[..(ThresholdTestData.Small.IndexOf("\"rules\"") + 20)];
        var result = Loader.Load(truncated);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Framework); // nothing half-loaded
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("$", problem.Path);
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_wrong_type_unknown_member_and_duplicate_member_name_the_path()
    {
        AssertProblem(LoadSmallWith("\"level\": 3 }", "\"level\": \"three\" }"), "$.indicators[2].level", "");
        AssertProblem(LoadSmallWith("\"statement\": \"Need a\"", "\"statment\": \"Need a\""), "$.indicators[0].statment", "");
        AssertProblem(LoadSmallWith("\"statement\": \"Need a\"", "\"statement\": \"Need a\", \"statement\": \"again\""), "$.indicators[0].statement", "");
        AssertProblem(LoadSmallWith("\"statement\": \"Need a\"", "\"statement\": null"), "$.indicators[0].statement", "");
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_comments_are_allowed_for_annotation()
    {
        var result = Loader.Load("// Our borough's file\n" + ThresholdTestData.Small);
        Assert.True(result.IsSuccess, result.ToString());
    }

    [Trait("Rule", "THR-01")]
    [Fact]
    public void THR01_serialize_then_load_gives_the_same_document()
    {
        var original = ThresholdTestData.Default.Framework;
        var json = Loader.Serialize(original);
        var again = Loader.Load(json);

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(json, Loader.Serialize(again.Framework));
        Assert.Equal(original.Indicators.Select(i => (i.Id, i.Statement, i.Level, i.Notes)), again.Framework.Indicators.Select(i => (i.Id, i.Statement, i.Level, i.Notes)));
    }

    [Fact]
    public void Misuse_throws_at_the_boundary()
    {
        Assert.ThrowsAny<System.ArgumentException>(() => Loader.Load((string)null!));
        Assert.ThrowsAny<System.ArgumentException>(() => Loader.Compile(null!));
        Assert.Throws<System.InvalidOperationException>(() => Loader.Load("{}").Matcher);
    }
}
