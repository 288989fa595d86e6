using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Caf.Core.NationalData;
using Caf.Core.Register;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// A problem's <c>type</c> (<see cref="CafProblemDetails.TypeFor"/>: docs/rules.md with the code, lower case, as
/// fragment) lands on a real anchor: every refusal code the source uses, rule or storage code, has
/// <c>id="fragment"</c> in docs/rules.md, and every rulebook row starts its second column with its own anchor.
/// </summary>
public sealed partial class ProblemTypeAnchorTests
{
    private static readonly string Root = FindRoot();

    private static readonly string Rulebook = File.ReadAllText(Path.Combine(Root, "docs", "rules.md"));

    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void LIFE12_every_refusal_code_the_source_uses_has_the_anchor_its_problem_type_names()
    {
        var codes = RefusalCodes();

        // The scan finds literals of each shape (Refusal, Result.Refused, target-typed new) and the constants.
        Assert.Contains("CLOSE-C1", codes);        // new Refusal("CLOSE-C1", ...) in ClosureCheck
        Assert.Contains("LIFE-12", codes);         // Result.Refused("LIFE-12", ...) in CafEpisode.Lifecycle
        Assert.Contains("LP-01", codes);           // new("LP-01", ...) in the guard refusals of CafEpisode.Lifecycle
        Assert.Contains("STORE-NOT-FOUND", codes); // StoreCodes.NotFound
        Assert.Contains("NAT-17", codes);          // NationalDataRules.AssessmentDates

        var missing = Unanchored(codes);

        Assert.True(missing.Count == 0, "Refusal codes whose problem type has no anchor in docs/rules.md (run python3 eng/rule-index.py, "
            + "or add the code to \"Refusal codes that are not rules\"): " + string.Join(", ", missing));
    }

    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void LIFE12_the_fragment_is_the_code_in_lower_case_and_a_code_without_an_anchor_is_reported()
    {
        Assert.Equal("life-05", Fragment("LIFE-05"));
        Assert.Equal("close-c1", Fragment("CLOSE-C1"));
        Assert.Equal("store-not-found", Fragment(StoreCodes.NotFound));

        Assert.Equal(["NO-SUCH-CODE"], Unanchored(["LIFE-05", "NO-SUCH-CODE", StoreCodes.Concurrency]));
    }

    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void LIFE12_every_rulebook_row_starts_its_words_with_its_own_anchor_and_no_anchor_is_there_twice()
    {
        var rows = Rulebook.Split('\n')
            .Select(l => RuleRow().Match(l))
            .Where(m => m.Success)
            .Select(m => (Id: m.Groups[1].Value, Words: m.Groups[2].Value.Trim()))
            .ToList();

        Assert.Equal(111, rows.Count); // the rulebook's rules (RulebookTests counts them too); change with the rules
        var wrong = rows.Where(r => !r.Words.StartsWith($"<a id=\"{r.Id.ToLowerInvariant()}\"></a>", StringComparison.Ordinal))
            .Select(r => r.Id).ToList();
        Assert.True(wrong.Count == 0, "Rulebook rows without their anchor at the start of \"in our words\": " + string.Join(", ", wrong));

        var twice = AnchorId().Matches(Rulebook).GroupBy(m => m.Groups[1].Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "Anchors in docs/rules.md more than once: " + string.Join(", ", twice));
    }

    /// <summary>The fragment of the code's problem type, as a browser reads it.</summary>
    private static string Fragment(string code) => Uri.UnescapeDataString(new Uri(CafProblemDetails.TypeFor(code)).Fragment.TrimStart('#'));

    private static List<string> Unanchored(IEnumerable<string> codes) =>
        [.. codes.Where(c => !Rulebook.Contains($"id=\"{Fragment(c)}\"", StringComparison.Ordinal))];

    /// <summary>
    /// The string-literal codes given to a refusal in src/ (<c>new Refusal("…"</c>, <c>Refusal("…"</c>,
    /// <c>Result.Refused("…"</c>, <c>Refused("…"</c>, and a target-typed <c>new("CODE-1", "…"</c>), and the
    /// constants of <see cref="StoreCodes"/> and <see cref="NationalDataRules"/>.
    /// </summary>
    private static SortedSet<string> RefusalCodes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            codes.UnionWith(RefusalLiteral().Matches(text).Select(m => m.Groups[1].Value));
            codes.UnionWith(TargetTypedRefusal().Matches(text).Select(m => m.Groups[1].Value));
        }

        codes.UnionWith(Constants(typeof(StoreCodes)));
        codes.UnionWith(Constants(typeof(NationalDataRules)));
        return codes;
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Caf.Core.sln not found above " + AppContext.BaseDirectory);
    }

    // Refusal("X", Refused("X", and so new Refusal("X", Result.Refused("X", Result<T>.Refused("X".
    [GeneratedRegex("""\b(?:Refusal|Refused)\s*\(\s*"([^"]+)"\s*,""")]
    private static partial Regex RefusalLiteral();

    // new("LIFE-05", "message", "field"): a Refusal created where its type is known (the lifecycle's guard refusals).
    [GeneratedRegex(@"\bnew\s*\(\s*""([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)""\s*,\s*""")]
    private static partial Regex TargetTypedRefusal();

    [GeneratedRegex(@"^\|\s*((?:LIFE|CONS|SHARE|LP|THR|PLAN|REV|CLOSE|REG|STEP|RET|PANEL|REP|OUTQ|NAT)-C?\d+)\s*\|([^|]*)\|")]
    private static partial Regex RuleRow();

    [GeneratedRegex("""<a\s+id="([^"]+)"\s*>""")]
    private static partial Regex AnchorId();
}
