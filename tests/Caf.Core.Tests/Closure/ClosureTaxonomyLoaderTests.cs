using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Caf.Core.Closure;
using Caf.Core.Tests.Thresholds;
using static Caf.Core.Tests.Closure.ClosureFixtures;
using static Caf.Core.Tests.Planning.PlanFixtures;

namespace Caf.Core.Tests.Closure;

public class ClosureTaxonomyLoaderTests
{
    private static readonly ClosureTaxonomyLoader Loader = new();

    private const string Outcome = """{ "code": "CODE", "displayText": "Text", "canonicalOutcome": "CANON", "category": "CAT" }""";

    private static string Doc(params string[] outcomes) =>
        $$"""{ "id": "t", "version": "1", "title": "Test", "outcomes": [ {{string.Join(", ", outcomes)}} ] }""";

    private static string O(string code, string canonical, string category) =>
        Outcome.Replace("CODE", code).Replace("CANON", canonical).Replace("CAT", category);

    private static readonly string[] Seven =
    [
        O("resolvedFamilyActions", "resolvedFamilyActions", "resolved"),
        O("resolvedSingleService", "resolvedSingleService", "resolved"),
        O("resolvedMultiAgency", "resolvedMultiAgency", "resolved"),
        O("resolvedOther", "resolvedOther", "resolved"),
        O("consentWithdrawn", "consentWithdrawn", "consentEnded"),
        O("consentOverridden", "consentOverridden", "escalated"),
        O("steppedUp", "steppedUp", "escalated"),
    ];

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_the_default_taxonomy_is_the_seven_canonical_outcomes_with_Bradford_texts()
    {
        var taxonomy = ClosureTaxonomy.Default;

        Assert.Equal(7, taxonomy.Outcomes.Length);
        Assert.Equal(Enum.GetValues<ClosureOutcome>(), taxonomy.Outcomes.Select(o => o.Canonical).ToArray());
        Assert.Equal("Resolved via single service planned actions", taxonomy.PrimaryFor(ClosureOutcome.ResolvedSingleService).DisplayText);
        Assert.Equal("Consent overridden (safeguarding issue)", taxonomy.PrimaryFor(ClosureOutcome.ConsentOverridden).DisplayText);
        Assert.All(taxonomy.Outcomes, o => Assert.Equal(ClosureDisplayText.For(o.Canonical), o.DisplayText));
        Assert.Equal(ClosureCategory.Escalated, taxonomy.PrimaryFor(ClosureOutcome.SteppedUp).Category);
        Assert.Equal(ClosureCategory.ConsentEnded, taxonomy.PrimaryFor(ClosureOutcome.ConsentWithdrawn).Category);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_the_shipped_file_in_the_source_tree_is_the_embedded_one()
    {
        var path = Path.Combine(ThresholdTestData.RepoRoot(), "src", "Caf.Core", "Closure", "Default", "default-taxonomy.json");

        Assert.Equal(File.ReadAllText(path), Loader.DefaultJson());
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_every_problem_is_named_by_its_JSON_path()
    {
        var json = Doc([
            .. Seven,
            O("ResolvedOther", "resolvedOther", "resolved"),          // duplicate ignoring case
            O("la.early-help", "resolvedByHub", "resolved"),          // unknown canonical outcome
            O("la.safeguarding", "consentOverridden", "resolved"),    // category does not match
            O("la bad code", "resolvedOther", "resolved"),            // not a code
            """{ "code": "la.noText", "displayText": " ", "canonicalOutcome": "resolvedOther", "category": "finished" }""",
        ]);

        var result = Loader.Load(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            ["$.outcomes[7].code", "$.outcomes[8].canonicalOutcome", "$.outcomes[9].category", "$.outcomes[10].code", "$.outcomes[11].displayText", "$.outcomes[11].category"],
            result.Problems.Select(p => p.Path).ToArray());
        Assert.Contains("duplicate code 'ResolvedOther'", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("CLOSE-10", result.ToResult().Refusal.RuleId);
        Assert.Throws<InvalidOperationException>(() => result.Taxonomy);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_every_canonical_outcome_needs_an_outcome_and_the_header_is_required()
    {
        var result = Loader.Load("""{ "id": "", "version": "1", "title": "T", "outcomes": [ """ + Seven[0] + " ] }");

        var problems = result.Problems.Select(p => p.ToString()).ToArray();

        Assert.Equal("$.id: the taxonomy id is missing or empty", problems[0]);
        Assert.Equal(7, problems.Length); // the id, and six canonical outcomes without an outcome
        Assert.Contains(problems, p => p.StartsWith("$.outcomes: no outcome maps to canonical outcome 'steppedUp'", StringComparison.Ordinal));
        Assert.Equal("$.outcomes", Loader.Load("""{ "id": "t", "version": "1", "title": "T", "outcomes": [] }""").Problems.Single().Path);
    }

    [Trait("Rule", "CLOSE-10")]
    [Theory]
    [InlineData("""{ "id": "t", "version": "1", "title": "T", "outcomes": [], "colour": "red" }""", "$.colour")]
    [InlineData("""{ "id": "t", "version": "1", "title": "T", "outcomes": [ { "code": "x", "displayText": "X", "canonicalOutcome": 4, "category": "resolved" } ] }""", "$.outcomes[0].canonicalOutcome")]
    [InlineData("""{ "id": "t", "version": "1", "title": null, "outcomes": [] }""", "$.title")]
    [InlineData("""{ "id": "t", "id": "u", "version": "1", "title": "T", "outcomes": [] }""", "$.id")]
    [InlineData("""{ "id": "t", """, "$")]
    public void CLOSE10_malformed_documents_are_reported_not_thrown(string json, string pathStart)
    {
        var result = Loader.Load(json);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith(pathStart, problem.Path, StringComparison.Ordinal);
        Assert.Null(result.Document);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_a_taxonomy_round_trips_through_its_JSON()
    {
        var document = ClosureTaxonomy.Default.Document;

        var again = Loader.Load(Loader.Serialize(document));

        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(document, again.Document);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_the_example_in_docs_closure_md_loads_and_its_own_outcomes_behave_as_their_canonical_ones()
    {
        var markdown = File.ReadAllText(Path.Combine(ThresholdTestData.RepoRoot(), "docs", "closure.md"));
        var json = Regex.Matches(markdown, "```json\\s*\\n(.*?)```", RegexOptions.Singleline).Single().Groups[1].Value;

        var result = Loader.Load(json);

        Assert.True(result.IsSuccess, result.ToString());
        var taxonomy = result.Taxonomy;
        Assert.Equal(9, taxonomy.Outcomes.Length);
        Assert.True(taxonomy.TryFind("resolved.schoolNursing", out var nursing));
        Assert.Equal((ClosureOutcome.ResolvedSingleService, ClosureCategory.Resolved, "CLOSE-02"), (nursing.Canonical, nursing.Category, nursing.RuleId));
        Assert.Equal("resolvedOther", taxonomy.NoFurtherAction.Code);

        var check = new ClosureCheck(taxonomy, new ClosureOptions());
        var single = SingleServicePlan();
        var multi = MultiAgencyPlan();
        var request = Request("resolved.schoolNursing", ClosureCriterion.MostOutcomesAchieved);
        Assert.Equal("resolved.schoolNursing", check.Check(request, Facts(single, MostAchieved(single))).Value.Outcome.Code);
        Assert.Equal("CLOSE-02", check.Check(request, Facts(multi, MostAchieved(multi))).Refusal.RuleId);
        Assert.Equal("CLOSE-04", check.Check(Request("resolved.movedSchool", ClosureCriterion.MostOutcomesAchieved), Facts(multi, MostAchieved(multi))).Refusal.RuleId);
    }

    [Fact]
    public void Display_texts_exist_for_every_criterion_and_category()
    {
        Assert.All(Enum.GetValues<ClosureCriterion>(), c => Assert.False(string.IsNullOrWhiteSpace(ClosureDisplayText.For(c))));
        Assert.Equal("Consent ended", ClosureDisplayText.For(ClosureCategory.ConsentEnded));
        Assert.StartsWith("During a review a decision is reached that most of the intended outcomes", ClosureDisplayText.For(ClosureCriterion.MostOutcomesAchieved), StringComparison.Ordinal);
        Assert.Equal("CLOSE-C4", ClosureVocabulary.RuleIdOf(ClosureCriterion.TransferredToAdultServices));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClosureDisplayText.For((ClosureOutcome)0));
    }
}
