using System;
using System.IO;
using Caf.Core.Tests.Thresholds;

namespace Caf.Core.Tests.Packaging;

/// <summary>Issue 12: the README's Quick start is samples/Caf.Core.QuickStart/Program.cs, verbatim (CI builds and runs it).</summary>
public class QuickStartTests
{
    [Fact]
    public void The_READMEs_Quick_start_block_is_the_QuickStart_projects_Program_cs_verbatim()
    {
        var root = ThresholdTestData.RepoRoot();
        var readme = Normalise(File.ReadAllText(Path.Combine(root, "README.md")));
        var program = Normalise(File.ReadAllText(Path.Combine(root, "samples", "Caf.Core.QuickStart", "Program.cs")));

        var section = readme.IndexOf("\n## Quick start\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Quick start' section");
        var open = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal);
        var next = readme.IndexOf("\n## ", section + 1, StringComparison.Ordinal);
        Assert.True(open >= 0 && (next < 0 || open < next), "the Quick start section has no csharp block");
        var start = open + "```csharp\n".Length;
        var end = readme.IndexOf("```\n", start, StringComparison.Ordinal);

        Assert.Equal(program, readme[start..end]);
    }

    [Fact]
    public void The_QuickStart_project_is_in_the_solution_and_run_by_CI()
    {
        var root = ThresholdTestData.RepoRoot();

        Assert.Contains(@"samples\Caf.Core.QuickStart\Caf.Core.QuickStart.csproj", File.ReadAllText(Path.Combine(root, "Caf.Core.sln")), StringComparison.Ordinal);
        Assert.Contains("--project samples/Caf.Core.QuickStart", File.ReadAllText(Path.Combine(root, ".ci", "run")), StringComparison.Ordinal);
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
