using System;
using System.IO;
using System.Linq;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Thresholds;

/// <summary>Shared fixtures: the shipped default framework and a small hand-written one.</summary>
internal static class ThresholdTestData
{
    public static readonly ThresholdFrameworkLoader Loader = new();

    public static readonly ThresholdMatcher Default = Loader.LoadDefault();

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Caf.Core.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Caf.Core.sln not found above the test binaries.");
    }

    /// <summary>A minimal valid framework; tests break one member at a time.</summary>
    public const string Small = """
    {
      "id": "small",
      "version": "1",
      "title": "Small test framework",
      "levels": [
        { "level": 1, "name": "Universal", "route": "universal" },
        { "level": 2, "name": "Additional", "route": "cafSingleAgency" },
        { "level": 3, "name": "Complex", "route": "cafMultiAgency" },
        { "level": 4, "name": "Acute", "route": "specialistReferral" }
      ],
      "indicators": [
        { "id": "a", "statement": "Need a", "domain": "development", "outcomes": [ "enjoyAndAchieve" ], "level": 2 },
        { "id": "b", "statement": "Need b", "domain": "parentsAndCarers", "outcomes": [ "staySafe" ], "level": 2 },
        { "id": "c", "statement": "Need c", "domain": "familyAndEnvironment", "outcomes": [ "beHealthy" ], "level": 3 },
        { "id": "d", "statement": "Need d", "domain": "development", "outcomes": [ "staySafe" ], "level": 4 }
      ],
      "rules": [
        { "id": "r2", "kind": "count", "description": "any additional", "minLevel": 2, "gives": 2 },
        { "id": "r4", "kind": "count", "description": "any acute", "minLevel": 4, "gives": 4 },
        { "id": "rx", "kind": "anyOf", "description": "a with b", "indicators": [ "a", "b" ], "minCount": 2, "gives": 3 },
        { "id": "sp", "kind": "specialistInvolved", "description": "specialists", "gives": 4 },
        { "id": "sh", "kind": "significantHarm", "description": "significant harm" }
      ]
    }
    """;

    public static string[] DefaultIds() => Default.Framework.Indicators.Select(i => i.Id).ToArray();
}
