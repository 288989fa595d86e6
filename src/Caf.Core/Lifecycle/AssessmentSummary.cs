using System.Collections.Immutable;
using Ardalis.GuardClauses;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Thresholds;

namespace Caf.Core.Lifecycle;

/// <summary>
/// What an episode records of its assessment (THR-07): which thresholds framework (id and version) it
/// was assessed under, the level and route it gave, and the indicators observed.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AssessmentSummary
{
    /// <summary>Creates the summary.</summary>
    /// <param name="frameworkId">The thresholds framework's id.</param>
    /// <param name="frameworkVersion">The framework's version.</param>
    /// <param name="level">The level of need (1 universal .. 4 acute; 5 for the significant-harm route).</param>
    /// <param name="route">The recommended route, as the framework names it.</param>
    /// <param name="indicatorIds">The observed indicators.</param>
    public AssessmentSummary(string frameworkId, string frameworkVersion, int level, string route, ImmutableArray<string> indicatorIds)
    {
        FrameworkId = Guard.Against.NullOrWhiteSpace(frameworkId);
        FrameworkVersion = Guard.Against.NullOrWhiteSpace(frameworkVersion);
        Level = Guard.Against.OutOfRange(level, nameof(level), 1, 5);
        Route = Guard.Against.NullOrWhiteSpace(route);
        IndicatorIds = indicatorIds.IsDefault ? [] : indicatorIds;
    }

    /// <summary>What the episode records of a thresholds match (THR-07).</summary>
    /// <param name="result">The matcher's result.</param>
    /// <returns>The summary.</returns>
    public static AssessmentSummary From(ThresholdResult result)
    {
        Guard.Against.Null(result);
        return new AssessmentSummary(
            result.FrameworkId, result.FrameworkVersion, (int)result.Level, result.Route.ToString(), [.. result.MatchedIndicatorIds.Order(System.StringComparer.Ordinal)]);
    }

    /// <summary>The thresholds framework's id (THR-07).</summary>
    public string FrameworkId { get; }

    /// <summary>The framework's version (THR-07).</summary>
    public string FrameworkVersion { get; }

    /// <summary>The level of need.</summary>
    public int Level { get; }

    /// <summary>The recommended route.</summary>
    public string Route { get; }

    /// <summary>The observed indicators.</summary>
    public ImmutableArray<string> IndicatorIds { get; }

    /// <summary>True for the significant-harm result (level 5 or the safeguarding route): it leaves the CAF route (THR-04, LIFE-04).</summary>
    public bool IsSignificantHarm => Level == 5 || string.Equals(Route, nameof(ThresholdRoute.Safeguarding), System.StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public bool Equals(AssessmentSummary? other) =>
        other is not null && FrameworkId == other.FrameworkId && FrameworkVersion == other.FrameworkVersion && Level == other.Level
        && Route == other.Route && Primitives.ValueEquality.Equal(IndicatorIds, other.IndicatorIds);

    /// <inheritdoc />
    public override int GetHashCode() =>
        System.HashCode.Combine(FrameworkId, FrameworkVersion, Level, Route, Primitives.ValueEquality.Hash(IndicatorIds));
}
