using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Issue 24: the price of policy versions on a load. The same 40-event history (EpisodeBenchmarks' walk) rebuilt
/// under the single policy it was recorded under (baseline), under a history of three dated versions (each event
/// names the version it was accepted under), and as stored before versions existed (no version: each event is judged
/// under the version in effect at its time, a date lookup).
/// </summary>
[MemoryDiagnoser]
public class PolicyVersionReplayBenchmarks
{
    private EpisodePolicy _single = null!;
    private EpisodePolicy _threeVersions = null!;
    private IReadOnlyList<CafEvent> _history = [];
    private IReadOnlyList<CafEvent> _unversioned = [];

    [GlobalSetup]
    public void Setup()
    {
        var walk = new EpisodeBenchmarks();
        walk.Setup();
        _single = walk.Policy;
        _history = walk.History;
        _unversioned = [.. _history.Select(e => e with { PolicyVersion = null })];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var later = new CafOptions();
        later.Reviews.InsufficientProgressReviewLimit = 3;
        var history = PolicyHistory.Single(new CafOptions())
            .With(new PolicyVersion("2027-stricter-reviews", today.AddYears(1), later))
            .With(new PolicyVersion("2028-back", today.AddYears(2), new CafOptions()));
        _threeVersions = new EpisodePolicy(history, TimeProvider.System, _single.Sharing);
        if (CafEpisode.Rebuild(_threeVersions, _history).Version != 40 || CafEpisode.Rebuild(_threeVersions, _unversioned).Version != 40)
        {
            throw new InvalidOperationException("The history should replay under the three versions.");
        }
    }

    [Benchmark(Baseline = true, Description = "replay 40 events: one policy (before versions)")]
    public CafEpisode SinglePolicy() => CafEpisode.Rebuild(_single, _history);

    [Benchmark(Description = "replay 40 events: three versions, each event names its own")]
    public CafEpisode ThreeVersionsNamed() => CafEpisode.Rebuild(_threeVersions, _history);

    [Benchmark(Description = "replay 40 events: three versions, events stored without a version")]
    public CafEpisode ThreeVersionsByDate() => CafEpisode.Rebuild(_threeVersions, _unversioned);
}
