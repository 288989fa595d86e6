using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Caf.Core.Docs.Tests;

/// <summary>The documents whose code is checked: README.md, docs/*.md and every src/*/PACKAGE.md.</summary>
internal static class Documents
{
    public static readonly string Root = FindRoot();

    public static IEnumerable<string> All()
    {
        yield return "README.md";
        foreach (var doc in Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
            yield return "docs/" + Path.GetFileName(doc);
        foreach (var dir in Directory.GetDirectories(Path.Combine(Root, "src")).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "PACKAGE.md"))) yield return $"src/{Path.GetFileName(dir)}/PACKAGE.md";
    }

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative)).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln"))) return dir.FullName;
        throw new InvalidOperationException("Caf.Core.sln not found above " + AppContext.BaseDirectory);
    }
}
