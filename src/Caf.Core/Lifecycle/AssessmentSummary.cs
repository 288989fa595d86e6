using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Thresholds;

namespace Caf.Core.Lifecycle;

/// <summary>
/// What an episode records of its assessment (THR-07): which thresholds framework (id and version) it
/// was assessed under, the level and route it gave, and the indicators observed. Level and route are the
/// types a <see cref="ThresholdResult"/> has (<see cref="ThresholdLevel"/>, <see cref="ThresholdRoute"/>).
/// </summary>
/// <remarks>
/// In stored JSON the level is its number (1 universal .. 4 acute, 5 significant harm) and the route its exact
/// name (e.g. <c>"CafMultiAgency"</c>), as in schema v2; anything else is refused on reading.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AssessmentSummary
{
    /// <summary>Creates the summary.</summary>
    /// <param name="frameworkId">The thresholds framework's id.</param>
    /// <param name="frameworkVersion">The framework's version.</param>
    /// <param name="level">The level of need (universal .. acute; significant harm for the safeguarding route).</param>
    /// <param name="route">The recommended route.</param>
    /// <param name="indicatorIds">The observed indicators.</param>
    /// <exception cref="System.ArgumentException">A framework id or version is blank, or a level or route is not defined.</exception>
    public AssessmentSummary(string frameworkId, string frameworkVersion, ThresholdLevel level, ThresholdRoute route, ImmutableArray<string> indicatorIds)
    {
        FrameworkId = Guard.Against.NullOrWhiteSpace(frameworkId);
        FrameworkVersion = Guard.Against.NullOrWhiteSpace(frameworkVersion);
        Level = Guard.Against.EnumOutOfRange(level);
        Route = Guard.Against.EnumOutOfRange(route);
        IndicatorIds = indicatorIds.IsDefault ? [] : indicatorIds;
    }

    /// <summary>What the episode records of a thresholds match (THR-07).</summary>
    /// <param name="result">The matcher's result.</param>
    /// <returns>The summary.</returns>
    public static AssessmentSummary From(ThresholdResult result)
    {
        Guard.Against.Null(result);
        return new AssessmentSummary(
            result.FrameworkId, result.FrameworkVersion, result.Level, result.Route, [.. result.MatchedIndicatorIds.Order(System.StringComparer.Ordinal)])
        {
            CoordinationNeed = result.AlongsideSpecialist ? result.Context.CoordinationNeed : null,
        };
    }

    /// <summary>The thresholds framework's id (THR-07).</summary>
    public string FrameworkId { get; }

    /// <summary>The framework's version (THR-07).</summary>
    public string FrameworkVersion { get; }

    /// <summary>The level of need, as <see cref="ThresholdResult.Level"/>.</summary>
    [JsonConverter(typeof(ThresholdLevelNumberConverter))]
    public ThresholdLevel Level { get; }

    /// <summary>The recommended route, as <see cref="ThresholdResult.Route"/>.</summary>
    public ThresholdRoute Route { get; }

    /// <summary>The observed indicators.</summary>
    public ImmutableArray<string> IndicatorIds { get; }

    /// <summary>
    /// THR-08: the coordination need recorded when the CAF continues alongside a specialist service already involved
    /// (<see cref="ThresholdResult.AlongsideSpecialist"/>); null otherwise, and in summaries stored before THR-08. An
    /// episode accepts it only where local policy allows (<see cref="LifecycleOptions.CafAlongsideSpecialistService"/>).
    /// </summary>
    /// <remarks>JSON: <c>coordinationNeed</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CoordinationNeed { get; init; }

    /// <summary>THR-08: true when the CAF continues alongside a specialist service (<see cref="CoordinationNeed"/> recorded).</summary>
    [JsonIgnore]
    public bool AlongsideSpecialist => CoordinationNeed is not null;

    /// <summary>True for the significant-harm result (that level or the safeguarding route): it leaves the CAF route (THR-04, LIFE-04).</summary>
    public bool IsSignificantHarm => Level == ThresholdLevel.SignificantHarm || Route == ThresholdRoute.Safeguarding;

    /// <inheritdoc />
    public bool Equals(AssessmentSummary? other) =>
        other is not null && FrameworkId == other.FrameworkId && FrameworkVersion == other.FrameworkVersion && Level == other.Level
        && Route == other.Route && CoordinationNeed == other.CoordinationNeed && Primitives.ValueEquality.Equal(IndicatorIds, other.IndicatorIds);

    /// <inheritdoc />
    public override int GetHashCode() =>
        System.HashCode.Combine(FrameworkId, FrameworkVersion, Level, Route, CoordinationNeed, Primitives.ValueEquality.Hash(IndicatorIds));
}
