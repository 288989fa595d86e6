using System;
using System.IO;
using Caf.Core.Lifecycle;

namespace Caf.Core.Tests.Lifecycle;

[Collection("docs/lifecycle.md")] // with LifecycleOverviewDiagramTests: both may rewrite the file (CAF_UPDATE_DOCS=1)
public class LifecycleDiagramTests
{
    private const string Begin = "```mermaid";

    [Fact]
    public void Diagrams_come_from_the_lifecycle_definition_with_rule_ids_on_guards()
    {
        var mermaid = LifecycleDiagram.ToMermaid();
        var dot = LifecycleDiagram.ToDot();

        foreach (var state in Enum.GetNames<EpisodeState>())
        {
            Assert.Contains(state, mermaid, StringComparison.Ordinal);
            Assert.Contains(state, dot, StringComparison.Ordinal);
        }

        Assert.Contains("LIFE-05", dot, StringComparison.Ordinal);
        Assert.Contains("CONS-04", dot, StringComparison.Ordinal);
    }

    /// <summary>docs/lifecycle.md must hold the current diagram. To refresh it: CAF_UPDATE_DOCS=1 dotnet test.</summary>
    [Fact]
    public void Docs_lifecycle_diagram_is_not_stale()
    {
        var path = Path.Combine(RepoRoot(), "docs", "lifecycle.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf("\n```", start + Begin.Length, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/lifecycle.md needs a ```mermaid block.");
        var current = LifecycleDiagram.ToMermaid().ReplaceLineEndings("\n").Trim();

        if (Environment.GetEnvironmentVariable("CAF_UPDATE_DOCS") == "1")
        {
            doc = doc[..(start + Begin.Length)] + "\n" + current + doc[end..];
            File.WriteAllText(path, doc);
            end = doc.IndexOf("\n```", start + Begin.Length, StringComparison.Ordinal);
        }

        var committed = doc[(start + Begin.Length)..end].Trim();
        Assert.True(committed == current,
            "docs/lifecycle.md is stale: run `CAF_UPDATE_DOCS=1 dotnet test --filter Docs_lifecycle` and commit it.");
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Caf.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
