using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Policy what-if over 100,000 recorded assessments (the default framework against one where R-MULTIPLE needs two
/// additional needs instead of three). Baseline: re-running the matcher naively, the explained <c>Assess</c> under A
/// and B for every assessment, comparing level and route. The what-if re-decides every decision point of the
/// episodes (consent records and evaluations, threshold level and route, retention when closed); here only the
/// thresholds differ, so it reads each episode's index (kept as events apply), not its events: the counts and the first
/// assessment's indicator hashes, copied a group of episodes at a time. An assessment is settled from its hashes (the
/// bitset they decode to: only the rules that differ, here R-MULTIPLE's two versions, are tested, and both sides are
/// classified only when one holds); only one that may differ reads its ids, and only one that differs is explained
/// (memoised per indicator set).
/// The "floor" row walks every event and reads the assessments' ids, deciding nothing: what any comparison that
/// reads one episode at a time pays for memory alone.
/// </summary>
[MemoryDiagnoser]
public class WhatIfBenchmarks
{
    private const int Assessments = 100_000;
    private List<CafEpisode> _episodes = null!;
    private PolicyWhatIf _whatIf = null!;
    private PolicyWhatIf _alike = null!;
    private ThresholdMatcher _a = null!;
    private ThresholdMatcher _b = null!;

    [GlobalSetup]
    public void Setup()
    {
        var loader = new ThresholdFrameworkLoader();
        _a = loader.LoadDefault();
        var framework = _a.Framework;
        _b = loader.Compile(framework with
        {
            Version = "1.1.0-proposed",
            Rules = [.. framework.Rules.Select(r => r.Id == "R-MULTIPLE" ? r with { MinCount = 2 } : r)],
        }).Matcher;
        _whatIf = new PolicyWhatIf(PolicyConfiguration.Default("current"), new PolicyConfiguration("proposed", new CafOptions(), _b, ClosureTaxonomy.Default));
        _alike = new PolicyWhatIf(new PolicyConfiguration("current", new CafOptions(), _a, ClosureTaxonomy.Default), new PolicyConfiguration("same", new CafOptions(), _a, ClosureTaxonomy.Default));

        var clock = new FixedClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var policy = EpisodePolicy.Default(clock, new InMemorySharingAuditLog());
        var ids = framework.Indicators.Where(i => i.Level < 5).Select(i => i.Id).ToArray();
        var random = new Random(20261201);
        var teacher = new Actor(new PractitionerId("pr-teacher"), new AgencyId("school-01"));
        _episodes = new List<CafEpisode>(Assessments);
        for (var n = 0; n < Assessments; n++)
        {
            string[] observed;
            do
            {
                observed = ids.OrderBy(_ => random.Next()).Take(random.Next(1, 6)).ToArray();
            }
            while (_a.Classify(observed).Value is { Level: ThresholdLevel.SignificantHarm } or { Route: ThresholdRoute.Safeguarding }); // THR-04: stepped up, not assessed
            var child = new ChildDetails(new ChildId($"child-{n}"), new DateOnly(2011 + (n % 14), 1 + (n % 12), 1 + (n % 28)));
            var e = CafEpisode.IdentifyConcern(policy, new EpisodeId($"ep-{n}"), child, teacher, "Concern.");
            Ok(e.RecordConsent(teacher, ConsentRecord.Parent("Parent", ConsentForm.Written) with { SharingExplained = true }, "Consent to assess."));
            Ok(e.StartAssessment(teacher, "Agreed."));
            Ok(e.CompleteAssessment(teacher, _a.Assess(observed).Value, AbsentParentInvolvement.WasInvolved, "Needs identified."));
            _episodes.Add(e);
        }
    }

    [Benchmark(Baseline = true, Description = "naive: Assess under A and B per assessment")]
    public int NaiveMatcher()
    {
        var differences = new List<(EpisodeId, ThresholdResult, ThresholdResult)>();
        foreach (var e in _episodes)
        {
            foreach (var x in e.Events)
            {
                if (x is AssessmentCompleted a)
                {
                    var ids = a.Summary.IndicatorIds.AsSpan();
                    var ra = _a.Assess(ids).Value;
                    var rb = _b.Assess(ids).Value;
                    if (ra.Level != rb.Level || ra.Route != rb.Route)
                    {
                        differences.Add((e.Id, ra, rb));
                    }
                }
            }
        }

        return differences.Count;
    }

    [Benchmark(Description = "floor: walk every event, read the assessments' ids (no decision)")]
    public int WalkOnly()
    {
        var n = 0;
        foreach (var e in _episodes)
        {
            foreach (var x in e.Events)
            {
                if (x is AssessmentCompleted a)
                {
                    n += a.Summary.IndicatorIds.Length;
                }
            }
        }

        return n;
    }

    [Benchmark(Description = "probe: the duplicate-id set alone")]
    public int IdsOnly()
    {
        var seen = new HashSet<string>(_episodes.Count, StringComparer.Ordinal);
        foreach (var e in _episodes)
        {
            seen.Add(e.Id.Value);
        }

        return seen.Count;
    }

    [Benchmark(Description = "probe: PolicyWhatIf.Compare, same framework on both sides (counts only)")]
    public int WhatIfAlike() => _alike.Compare(_episodes).Differences.Length;

    [Benchmark(Description = "PolicyWhatIf.Compare (every decision point)")]
    public int WhatIf() => _whatIf.Compare(_episodes).Differences.Length;

    private static void Ok(Result r)
    {
        if (r.IsRefused)
        {
            throw new InvalidOperationException(r.ToString());
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
