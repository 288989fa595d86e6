using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace Caf.Core.Docs.Tests;

/// <summary>
/// Issue 27: every C# block of README.md, docs/*.md and src/*/PACKAGE.md is compiled by this project (a block that
/// does not compile fails the build at its markdown line), the whole programs among them run, and nothing is left out
/// but the exemptions docs/contributing.md lists with their reasons.
/// </summary>
public partial class DocBlockTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_csharp_block_of_the_documents_was_checked_and_the_listing_says_how()
    {
        // Found again here, independently of the generator: a block it skipped would be missing from the manifest.
        var found = Documents.All().SelectMany(file => File.ReadAllLines(Path.Combine(Documents.Root, file))
                .Select((line, index) => (line, index))
                .Where(l => CsharpFence().IsMatch(l.line))
                .Select(l => $"{file}:{l.index + 1}"))
            .ToList();
        var checkedBlocks = DocBlocks.Manifest.All.Select(b => $"{b.File}:{b.Line}").ToList();

        foreach (var block in DocBlocks.Manifest.All) output.WriteLine(block.ToString());
        output.WriteLine($"{DocBlocks.Manifest.All.Count(b => b.Kind != "not compiled")} of {found.Count} blocks compiled, "
            + $"{DocBlocks.Manifest.All.Count(b => b.Run is not null)} whole programs run");

        Assert.True(found.Count >= 30, $"only {found.Count} C# blocks found: is the scan looking in the right place?");
        Assert.Equal(found, checkedBlocks);
    }

    [Fact]
    public void Only_the_blocks_listed_in_docs_contributing_md_are_exempt_and_each_says_why()
    {
        var contributing = Documents.Read("docs/contributing.md");
        var listed = ExemptionRow().Matches(contributing[contributing.IndexOf("\nExemptions", StringComparison.Ordinal)..])
            .Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.Trim()}")
            .Order(StringComparer.Ordinal).ToList();
        var exempt = DocBlocks.Manifest.All.Where(b => b.Reason is not null)
            .Select(b => $"{b.File}: {b.Reason}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(exempt, listed);
        Assert.True(exempt.Count <= 3, "exemptions are kept rare: make the block compile (a fragment with its context) instead");
    }

    [Fact]
    public void The_check_is_part_of_the_solution_that_CI_tests()
    {
        Assert.Contains(@"tests\Caf.Core.Docs.Tests\Caf.Core.Docs.Tests.csproj", Documents.Read("Caf.Core.sln"), StringComparison.Ordinal);
        Assert.Contains("\ndotnet test\n", Documents.Read(".ci/run"), StringComparison.Ordinal);
    }

    public static TheoryData<string> Programs() =>
        new(DocBlocks.Manifest.All.Where(b => b.Run is not null).Select(b => $"{b.File}:{b.Line}"));

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Each_whole_program_runs_to_the_end(string where)
    {
        var block = DocBlocks.Manifest.All.Single(b => $"{b.File}:{b.Line}" == where);
        await block.Run!([]);
    }

    [GeneratedRegex(@"^[ \t]*```\s*(csharp|cs|c#)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CsharpFence();

    // | `README.md` | not run: it serves HTTP until stopped |
    [GeneratedRegex(@"^\| `([^`]+\.md)` \| ([^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex ExemptionRow();
}
