using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Caf.Core.AspNetCore.Tests.Telemetry;

/// <summary>
/// docs/operations.md, from "## Wiring OpenTelemetry" on: each C# block is a snippet of the web sample's wiring
/// (samples/Caf.Core.WebSample/WebSampleTelemetry.cs, between <c>// snippet</c> and <c>// end snippet</c>), verbatim, so it
/// compiles and the tests run it; the log table lists every event id of <see cref="CafAspNetCoreLogEvents"/>.
/// </summary>
public sealed class OperationsDocsTests
{
    private const string FirstSection = "\n## Wiring OpenTelemetry\n";

    [Fact]
    public void Every_csharp_block_of_the_wiring_sections_is_a_snippet_of_the_web_samples_wiring()
    {
        var doc = Ours();
        var source = Read("samples", "Caf.Core.WebSample", "WebSampleTelemetry.cs");
        var snippets = Regex.Matches(source, @"// snippet\n(.*?)\n[ ]*// end snippet", RegexOptions.Singleline).Select(m => Dedent(m.Groups[1].Value)).ToList();
        var blocks = Regex.Matches(doc, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(2, snippets.Count);
        Assert.Equal(snippets, blocks);
    }

    [Fact]
    public void The_log_table_lists_every_event_id_of_the_adapter_with_its_constant()
    {
        var doc = Ours();
        var constants = typeof(CafAspNetCoreLogEvents).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(int)).ToList();

        Assert.Equal(6, constants.Count);
        foreach (var field in constants)
        {
            Assert.Contains($"| {field.GetRawConstantValue()} | `{field.Name}` |", doc, StringComparison.Ordinal);
        }

        Assert.Contains($"`{CafAspNetCoreLogEvents.Category}`", doc, StringComparison.Ordinal);
    }

    private static string Ours()
    {
        var doc = Read("docs", "operations.md");
        var start = doc.IndexOf(FirstSection, StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/operations.md has no '## Wiring OpenTelemetry' section");
        return doc[start..];
    }

    private static string Dedent(string snippet)
    {
        var lines = snippet.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())) + "\n";
    }

    private static string Read(params string[] path)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return File.ReadAllText(Path.Combine([dir.FullName, .. path])).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
