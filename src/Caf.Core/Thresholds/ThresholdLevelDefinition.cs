using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>One level of a framework: its number (1–4), the authority's name for it and its default route.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ThresholdLevelDefinition
{
    /// <summary>The level number, 1 (universal) to 4 (acute); significant harm is not a level here (THR-04).</summary>
    public int Level { get; init; }

    /// <summary>The authority's name for the level (e.g. "Additional needs").</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    /// <summary>The route recommended at this level, as a JSON route name (e.g. <c>cafSingleAgency</c>).</summary>
    public string Route { get; init => field = value ?? ""; } = "";
}
