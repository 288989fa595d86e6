using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Caf.Core.Docs.Tests;

/// <summary>
/// Issue 27: the README is the front door and its claims stay true: the map of docs/ lists every document, the two
/// commands are two, the layout lists every area folder, and every path and link the documents name exists.
/// </summary>
public partial class ReadmeTests
{
    [Fact]
    public void The_documentation_map_lists_every_document_of_docs_once()
    {
        var map = Section(Documents.Read("README.md"), "## Documentation");
        var listed = MapRow().Matches(map).Select(m => m.Groups[1].Value).ToList();
        var documents = Directory.GetFiles(Path.Combine(Documents.Root, "docs"), "*.md").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(documents, listed.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Install_adds_every_package_the_Quick_start_project_uses()
    {
        var install = Section(Documents.Read("README.md"), "## Install");
        var project = Documents.Read("samples/Caf.Core.QuickStart/Caf.Core.QuickStart.csproj");
        var packages = Regex.Matches(project, @"<(?:PackageReference|ProjectReference) Include=""(?:[^""]*[\\/])?([\w.]+?)(?:\.csproj)?""")
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["Microsoft.Extensions.DependencyInjection", "Caf.Core"], packages);
        var added = Regex.Matches(install, @"^dotnet add package (\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.All(packages, package => Assert.Contains(package, added));
    }

    [Fact]
    public void The_two_commands_are_two_and_CI_runs_both()
    {
        var section = Section(Documents.Read("README.md"), "## The two commands");
        var block = Regex.Match(section, "```sh\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var commands = block.Split('\n').Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal))
            .Select(l => l.Split('#')[0].Trim()).ToList();
        var ci = File.ReadAllText(Path.Combine(Documents.Root, ".ci", "run"));

        Assert.Equal(["dotnet run --project samples/Caf.Core.Sample", "dotnet test"], commands);
        Assert.Contains("--project samples/Caf.Core.Sample\n", ci, StringComparison.Ordinal);
        Assert.Contains("\ndotnet test\n", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void The_layout_lists_every_folder_of_src_Caf_Core_and_every_project()
    {
        var contributing = Documents.Read("docs/contributing.md");
        var layout = Section(contributing, "## Layout");
        var folders = Directory.GetDirectories(Path.Combine(Documents.Root, "src", "Caf.Core")).Select(f => Path.GetFileName(f)!)
            .Where(f => f is not ("bin" or "obj")).Order(StringComparer.Ordinal).ToList();
        var listedFolders = FolderRow().Matches(layout).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(folders, listedFolders);

        var projects = Directory.GetFiles(Documents.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Documents.Root, Path.GetDirectoryName(p)!).Replace('\\', '/') + "/");
        Assert.All(projects, project => Assert.Contains($"| `{project}` |", layout, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_relative_link_and_repository_path_the_documents_name_exists()
    {
        var missing = Documents.All().Append("docs/../CHANGELOG.md").Where(d => File.Exists(Path.Combine(Documents.Root, d))).Distinct()
            .Append("Directory.Build.props")
            .SelectMany(doc =>
            {
                var text = Documents.Read(doc);
                var dir = Path.GetDirectoryName(Path.Combine(Documents.Root, doc))!;
                var links = RelativeLink().Matches(text).Select(m => Path.GetFullPath(Path.Combine(dir, m.Groups[1].Value)));
                var paths = RepositoryPath().Matches(text).Select(m => m.Groups[1].Value)
                    .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.EndsWith("-N", StringComparison.Ordinal)) // build output; a pattern
                    .Select(p => Path.Combine(Documents.Root, p));
                return links.Concat(paths).Where(p => !File.Exists(p) && !Directory.Exists(p)).Select(p => $"{doc}: {Path.GetRelativePath(Documents.Root, p)}");
            })
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_sample_databases_are_ignored_by_git()
    {
        var ignored = File.ReadAllLines(Path.Combine(Documents.Root, ".gitignore")).Select(l => l.Trim()).ToHashSet();

        Assert.Contains("caf-sample.db*", ignored);
        Assert.Contains("caf-websample.db*", ignored);
    }

    private static string Section(string text, string heading)
    {
        var start = text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' section");
        var end = text.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    // | [docs/guide.md](docs/guide.md) | ...
    [GeneratedRegex(@"^\| \[docs/([a-z0-9-]+\.md)\]\(docs/\1\) \|", RegexOptions.Multiline)]
    private static partial Regex MapRow();

    // | `Lifecycle` | ...
    [GeneratedRegex(@"^\| `([A-Z][A-Za-z]+)` \|", RegexOptions.Multiline)]
    private static partial Regex FolderRow();

    // [text](path) or [text](path#anchor), not http(s) or mailto
    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)([^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex RelativeLink();

    // `eng/Library.props`, `samples/Caf.Core.QuickStart/Program.cs`, eng/Library.props in a comment
    [GeneratedRegex(@"(?<![\w/.-])((?:eng|src|samples|tests|benchmarks|docs)/[\w./-]*[\w])(?![\w*{])")]
    private static partial Regex RepositoryPath();
}
