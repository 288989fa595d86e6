using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Reporting;

/// <summary>
/// Computes an episode's report row (<see cref="EpisodeReportRow"/>, REP-01..06) when a store saves the episode, so the
/// store keeps the read model beside the episode in the same save. Registered by <c>AddCafCore</c>
/// (<see cref="EpisodeReportProjector"/> over the registered thresholds framework, every agency's setting
/// <see cref="InitiatingSetting.Other"/>); a host supplies its agency → setting mapping with <c>AddCafReportReadModel</c>.
/// </summary>
public interface IEpisodeReportProjector
{
    /// <summary>The episode's report row.</summary>
    /// <param name="episode">The episode being saved.</param>
    /// <param name="previousClosedOn">When the most recent of the episode's linked previous episodes closed (REP-06), as the store knows it, or null.</param>
    /// <returns>The row.</returns>
    EpisodeReportRow Project(CafEpisode episode, DateOnly? previousClosedOn);
}

/// <summary>
/// The default <see cref="IEpisodeReportProjector"/>: <see cref="EpisodeReportRows.From(CafEpisode, ThresholdFramework, Func{AgencyId, InitiatingSetting}, DateOnly?)"/>
/// with the authority's thresholds framework (the needs' domains and national codes, REP-02) and its directory of
/// agency settings (REP-03).
/// </summary>
/// <threadsafety>Immutable and thread-safe when the mapping function is.</threadsafety>
[Immutable]
public sealed class EpisodeReportProjector : IEpisodeReportProjector
{
    private readonly ThresholdFramework _framework;
    private readonly Func<AgencyId, InitiatingSetting> _settingOf;

    /// <summary>Creates the projector.</summary>
    /// <param name="framework">The thresholds framework the episodes are assessed with (REP-02).</param>
    /// <param name="settingOf">The setting of an initiating agency (REP-03); it must answer for every agency (e.g. <see cref="InitiatingSetting.Other"/> when unknown).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EpisodeReportProjector(ThresholdFramework framework, Func<AgencyId, InitiatingSetting> settingOf)
    {
        _framework = Guard.Against.Null(framework);
        _settingOf = Guard.Against.Null(settingOf);
    }

    /// <summary>Creates a projector whose settings come from a table; agencies not in it are <see cref="InitiatingSetting.Other"/> (REP-03).</summary>
    /// <param name="framework">The thresholds framework (REP-02).</param>
    /// <param name="settings">The setting of each known agency.</param>
    /// <returns>The projector.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static EpisodeReportProjector FromTable(ThresholdFramework framework, IReadOnlyDictionary<AgencyId, InitiatingSetting> settings)
    {
        Guard.Against.Null(settings);
        var copy = new Dictionary<AgencyId, InitiatingSetting>(settings);
        return new EpisodeReportProjector(framework, a => copy.TryGetValue(a, out var s) ? s : InitiatingSetting.Other);
    }

    /// <inheritdoc />
    public EpisodeReportRow Project(CafEpisode episode, DateOnly? previousClosedOn) =>
        EpisodeReportRows.From(Guard.Against.Null(episode), _framework, _settingOf, previousClosedOn);
}
