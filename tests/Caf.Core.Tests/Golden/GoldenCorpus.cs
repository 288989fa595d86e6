using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caf.Core.Tests.Golden;

/// <summary>
/// Where the golden corpus lives (<c>tests/Golden/schema-N/</c>, shared by the test projects) and how its expected-state
/// sidecars read and write. A document <c>x.json</c> has its sidecar <c>x.expected.json</c> beside it.
/// </summary>
internal static class GoldenCorpus
{
    public const string WriteVariable = "CAF_WRITE_GOLDEN";

    public static string Root { get; } = FindRoot();

    public static string Folder(int schemaVersion, string kind) => Path.Combine(Root, "schema-" + schemaVersion, kind);

    /// <summary>Every document of a kind, over every schema version in the corpus, with its sidecar.</summary>
    public static IEnumerable<(string Path, string Json, JsonObject Expected)> Documents(string kind) =>
        Directory.GetDirectories(Root, "schema-*").Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, kind)).Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.json").Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            .Select(f => (f, File.ReadAllText(f), Sidecar(f)));

    public static JsonObject Sidecar(string document)
    {
        var path = Path.ChangeExtension(document, ".expected.json");
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsObject()
            : throw new InvalidOperationException($"The golden document {document} has no sidecar {path}.");
    }

    public static SortedDictionary<string, string> Facts(JsonObject sidecar, string member = "facts") =>
        new(sidecar[member]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()), StringComparer.Ordinal);

    /// <summary>Writes a document and its sidecar, never over an existing one (the corpus is append-only).</summary>
    public static void WriteNew(string folder, string name, string json, JsonObject sidecar)
    {
        Directory.CreateDirectory(folder);
        var document = Path.Combine(folder, name + ".json");
        if (File.Exists(document))
        {
            return;
        }

        File.WriteAllText(document, json + "\n");
        File.WriteAllText(Path.ChangeExtension(document, ".expected.json"),
            sidecar.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> facts)
    {
        var o = new JsonObject();
        foreach (var (k, v) in facts)
        {
            o[k] = v;
        }

        return o;
    }

    /// <summary>A readable list of the facts that differ (empty when equal).</summary>
    public static string Diff(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        string.Join("\n", expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || e != a)
            .Select(k => $"  {k}: expected '{expected.GetValueOrDefault(k, "(missing)")}', read '{actual.GetValueOrDefault(k, "(missing)")}'"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Golden");
            }
        }

        throw new InvalidOperationException("The repository root (Caf.Core.sln) was not found above " + AppContext.BaseDirectory);
    }
}
