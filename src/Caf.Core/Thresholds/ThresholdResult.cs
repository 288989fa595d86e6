using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>
/// The explained result of matching observed indicators against a framework (THR-03): the level, the
/// recommended route, the ECM outcomes affected, which indicators and rules fired, and the framework id
/// and version it was assessed under (for the episode to record, THR-07).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe (the explanation is built once, on first read, under a lock).</threadsafety>
[Immutable]
public sealed class ThresholdResult
{
    private readonly Lazy<string> _explanation;

    internal ThresholdResult(
        string frameworkId,
        string frameworkVersion,
        ThresholdLevel level,
        string levelName,
        ThresholdRoute route,
        ImmutableArray<EcmOutcome> outcomes,
        ImmutableArray<string> matchedIndicatorIds,
        ImmutableArray<ThresholdRuleFiring> firedRules,
        ThresholdContext context,
        Lazy<string> explanation)
    {
        FrameworkId = frameworkId;
        FrameworkVersion = frameworkVersion;
        Level = level;
        LevelName = levelName;
        Route = route;
        Outcomes = outcomes;
        MatchedIndicatorIds = matchedIndicatorIds;
        FiredRules = firedRules;
        Context = context;
        _explanation = explanation;
    }

    /// <summary>THR-07: the id of the framework used.</summary>
    public string FrameworkId { get; }

    /// <summary>THR-07: the version of the framework used.</summary>
    public string FrameworkVersion { get; }

    /// <summary>The level of need.</summary>
    public ThresholdLevel Level { get; }

    /// <summary>The framework's name for the level ("Significant harm" for <see cref="ThresholdLevel.SignificantHarm"/>).</summary>
    public string LevelName { get; }

    /// <summary>The recommended route.</summary>
    public ThresholdRoute Route { get; }

    /// <summary>The Every Child Matters outcomes affected by the observed indicators, in enum order.</summary>
    public ImmutableArray<EcmOutcome> Outcomes { get; }

    /// <summary>The observed indicator ids, de-duplicated, in framework order.</summary>
    public ImmutableArray<string> MatchedIndicatorIds { get; }

    /// <summary>The rules that fired, in framework order.</summary>
    public ImmutableArray<ThresholdRuleFiring> FiredRules { get; }

    /// <summary>
    /// THR-08: true when specialist services are involved and, as local policy allows, the CAF continues alongside them
    /// for the recorded coordination need (<see cref="ThresholdContext.CoordinationNeed"/>) instead of level 4 (THR-05).
    /// </summary>
    public bool AlongsideSpecialist { get; init; }

    /// <summary>The case context the match was made with.</summary>
    public ThresholdContext Context { get; }

    /// <summary>Why: a practitioner-readable account of the level and route (one line per reason); built on first read.</summary>
    public string Explanation => _explanation.Value;

    /// <summary>The level and route alone.</summary>
    public ThresholdClassification Classification => new(Level, Route);

    /// <summary>
    /// A one-line summary for a practitioner: level, route in words (as <see cref="ThresholdDisplayText.For(ThresholdRoute)"/> gives it) and framework,
    /// e.g. <c>Level 3 (Complex), route: CAF with multi-agency support / team around the child [bradford 1.0.0]</c>.
    /// </summary>
    /// <returns>The summary.</returns>
    public override string ToString() =>
        $"Level {(int)Level} ({LevelName}), route: {(Enum.IsDefined(Route) ? ThresholdVocabulary.Describe(Route) : Route.ToString())} [{FrameworkId} {FrameworkVersion}]";
}
