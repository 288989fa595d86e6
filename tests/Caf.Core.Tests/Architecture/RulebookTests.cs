using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Caf.Core.Tests.Lifecycle;

namespace Caf.Core.Tests.Architecture;

/// <summary>docs/rules.md is the project's rulebook: every rule once, a source and a status, and no implemented rule without code or tests.</summary>
public partial class RulebookTests
{
    private static readonly string Root = LifecycleDiagramTests.RepoRoot();

    private sealed record Rule(string Id, string Words, string Source, string Status);

    private static List<Rule> Rules() =>
        File.ReadAllLines(Path.Combine(Root, "docs", "rules.md"))
            .Where(line => RuleRow().IsMatch(line))
            .Select(line => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => new Rule(c[0], c[1], c[2], c[3]))
            .ToList();

    private static string[] Texts(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, folder), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.EndsWith("RulebookTests.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToArray();

    private static bool Names(string text, string id) => Regex.IsMatch(text, $"(?<![A-Z0-9-]){Regex.Escape(id)}(?![0-9])");

    [Fact]
    public void Every_rule_appears_once_with_its_words_a_source_and_a_known_status()
    {
        var rules = Rules();

        Assert.Equal(115, rules.Count); // the rule count; change with the rules (100, STEP-04, PANEL-08..10, REP-07, LAW-03, LAW-04, LIFE-13/14, CONS-09, LP-12, THR-08, PLAN-05, LAW-01, LAW-02)
        Assert.Empty(rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Words), r.Id + " needs its rule in our words");
            Assert.False(string.IsNullOrWhiteSpace(r.Source) || r.Source == "—", r.Id + " needs its seed source");
            Assert.True(r.Status is "implemented" or "not yet" || r.Status.StartsWith("partial: ", StringComparison.Ordinal),
                $"{r.Id}: status must be 'implemented', 'partial: what is missing' or 'not yet'; got '{r.Status}'");
        });
    }

    [Fact]
    public void An_implemented_rule_is_named_by_code_or_a_test()
    {
        var code = Texts("src", "*.cs", "*.json");
        var tests = Texts("tests", "*.cs");

        var orphans = Rules()
            .Where(r => r.Status == "implemented")
            .Where(r => !code.Any(t => Names(t, r.Id)) && !tests.Any(t => Names(t, r.Id)))
            .Select(r => r.Id)
            .ToList();

        Assert.True(orphans.Count == 0, "Marked implemented in docs/rules.md but no code or test names them: " + string.Join(", ", orphans));
    }

    [Fact]
    public void Every_rule_trait_in_the_tests_is_a_rule_of_the_rulebook()
    {
        var ids = Rules().Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var traits = Texts("tests", "*.cs")
            .SelectMany(t => TraitRule().Matches(t).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal);

        Assert.DoesNotContain(traits, t => !ids.Contains(t));
    }

    [GeneratedRegex(@"^\|\s*(?:LIFE|CONS|SHARE|LP|THR|PLAN|REV|CLOSE|REG|STEP|RET|PANEL|REP|OUTQ|NAT|LAW)-C?\d+\s*\|")]
    private static partial Regex RuleRow();

    [GeneratedRegex("""Trait\("Rule",\s*"([A-Z]+-C?\d+)"\)""")]
    private static partial Regex TraitRule();
}
