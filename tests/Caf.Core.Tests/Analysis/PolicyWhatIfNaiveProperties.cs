using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Analysis;

/// <summary>
/// The what-if decides only what a configuration difference can change, and shares the rest; these properties hold it
/// to the naive loop it replaces: every consent and threshold decision point decided under A and under B, explained,
/// and compared. Random assessments (indicator sets in any order, with repeats; consent from a parent or from the young
/// person, with or without sufficient understanding), random pairs of configurations differing in each kind of setting
/// the what-if precomputes a difference for: a rule's count, domains, level or route; an anyOf rule's indicators; a rule
/// added or dropped; a level's route; an indicator's level (so nothing can be shared); and every consent option.
/// </summary>
public class PolicyWhatIfNaiveProperties
{
    private static readonly ThresholdFrameworkLoader Loader = new();
    private static readonly ThresholdMatcher Default = Loader.LoadDefault();
    private static readonly string[] Ids = [.. Default.Framework.Indicators.Where(i => i.Level < 4).Select(i => i.Id)];

    // Ids no framework here defines: one of them shares its indicator hash (IndicatorHashes) with a defined indicator, so
    // the what-if's hashes would take it for that indicator; the comparison must still refuse it alike under A and B.
    private static readonly string[] Unknown = ["XX-01", HashTwinOf("BFD-03")];

    /// <summary>An id that is not <paramref name="id"/> but has its indicator hash (found by search, not by the code under test's decoding).</summary>
    internal static string HashTwinOf(string id)
    {
        var target = IndicatorHashes.Hash(id);
        for (var n = 0; ; n++)
        {
            var candidate = $"ZZ-{n}";
            if (IndicatorHashes.Hash(candidate) == target)
            {
                return candidate;
            }
        }
    }
    private static readonly string[] Routes = ["panel", "cafMultiAgency", "cafSingleAgency", "specialistReferral"];
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Teacher = new(new PractitionerId("pr-teacher"), new AgencyId("school-01"));

    /// <summary>A change to one rule of the default framework.</summary>
    public sealed record RuleChange(int Rule, int Kind, int Value, string? Route);

    /// <summary>The consent options (CONS-02, CONS-03, CONS-08).</summary>
    public sealed record ConsentSettings(int CompetenceBound, int SelfConsentAge, bool ParentAtSelfConsentAge, bool ParentForCompetent, bool RefusalPrevails);

    /// <summary>A configuration: changes to the default rules and level routes, an indicator's level raised or not, consent options.</summary>
    public sealed record Config(RuleChange[] Changes, int[] LevelRouteChanges, bool RaiseLei01, ConsentSettings Consent, bool Same);

    /// <summary>An episode: the child's age, the observed ids (any order, repeats), whether consent is written, and whose (0 parent, 1 young person, 2 young person with sufficient understanding).</summary>
    public sealed record Case(int Age, string[] Observed, bool Written, int Giver = 0);

    public sealed record World(Config A, Config B, Case[] Cases)
    {
        public override string ToString() =>
            $"A: {Describe(A)}; B: {Describe(B)}; cases: {string.Join(" | ", Cases.Select(c => $"{c.Age}y {(c.Written ? "written" : "verbal")} [{string.Join(",", c.Observed)}]"))}";

        private static string Describe(Config c) =>
            $"{(c.Same ? "same as A " : "")}{string.Join(",", c.Changes.Select(x => $"r{x.Rule}k{x.Kind}={x.Value}{x.Route}"))} levels={string.Join(",", c.LevelRouteChanges)} raise={c.RaiseLei01} {c.Consent}";
    }

    public static class Arbitraries
    {
        private static Gen<RuleChange> Changes() =>
            from rule in Gen.Choose(0, 7)
            from kind in Gen.Choose(0, 6)
            from value in Gen.Choose(1, 4)
            from route in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements(Routes).Select(r => (string?)r)))
            select new RuleChange(rule, kind, value, route);

        private static Gen<ConsentSettings> ConsentOptions() =>
            from bound in Gen.Frequency((4, Gen.Constant(12)), (1, Gen.Choose(10, 14)))
            from self in Gen.Frequency((4, Gen.Constant(16)), (1, Gen.Choose(15, 17)))
            from parentAtSelf in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from parentForCompetent in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from prevails in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            select new ConsentSettings(bound, self, parentAtSelf, parentForCompetent, prevails);

        private static Gen<Config> Configs() =>
            from count in Gen.Frequency((2, Gen.Constant(0)), (5, Gen.Choose(1, 3)))
            from changes in Gen.ArrayOf(Changes(), count)
            from levels in Gen.Frequency((5, Gen.Constant(Array.Empty<int>())), (1, Gen.ArrayOf(Gen.Choose(1, 12), 1)))
            from raise in Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)))
            from consent in ConsentOptions()
            from same in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new Config(changes, levels, raise, consent, same);

        private static Gen<Case> Cases() =>
            from age in Gen.Choose(2, 15)
            from count in Gen.Frequency((8, Gen.Choose(1, 6)), (1, Gen.Choose(7, 11))) // more than eight: no hashes kept
            from observed in Gen.ArrayOf(Gen.Frequency((30, Gen.Elements(Ids)), (1, Gen.Elements(Unknown))), count)
            from written in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from giver in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
            select new Case(age, observed, written, giver);

        public static Arbitrary<World> Worlds() =>
            Arb.From(
                from a in Configs()
                from b in Configs()
                from n in Gen.Choose(1, 8)
                from cases in Gen.ArrayOf(Cases(), n)
                select new World(a, b, cases));
    }

    [Trait("Rule", "THR-03")]
    [Trait("Rule", "CONS-02")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void Compare_decides_exactly_as_the_naive_loop(World world)
    {
        var a = Configuration("A", world.A, null);
        var b = world.B.Same ? a : Configuration("B", world.B, null);
        var episodes = Episodes(world.Cases);

        var actual = new PolicyWhatIf(a, b).Compare(episodes);
        var (decided, expected) = Naive(a, b, episodes);

        foreach (var point in new[] { PolicyDecisionPoint.ConsentRecord, PolicyDecisionPoint.ConsentToStart, PolicyDecisionPoint.ThresholdLevel, PolicyDecisionPoint.ThresholdRoute })
        {
            var count = actual.Counts.Single(c => c.Point == point);
            Assert.Equal(decided.GetValueOrDefault(point), count.Decided);
            Assert.Equal(expected.Count(d => d.Point == point), count.Differing);
        }

        Assert.Equal(
            expected.OrderBy(d => d.Episode.Value, StringComparer.Ordinal).ThenBy(d => d.EventIndex).ThenBy(d => d.Point).ToArray(),
            actual.Differences.ToArray());
    }

    [Trait("Rule", "THR-03")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 50)]
    public void Progress_counts_every_episode_and_the_result_is_the_same(World world)
    {
        var a = Configuration("A", world.A, null);
        var b = Configuration("B", world.B, null);
        var episodes = Episodes(world.Cases);
        var reported = new List<long>();

        var withProgress = new PolicyWhatIf(a, b).Compare(episodes, null, new SyncProgress(reported.Add), CancellationToken.None);

        Assert.Equal(new PolicyWhatIf(a, b).Compare(episodes), withProgress);
        Assert.Equal(episodes.Count, Assert.Single(reported)); // fewer than 1,024 episodes: only the final count
    }

    [Fact]
    public void A_cancelled_comparison_stops()
    {
        var episodes = Episodes([new Case(9, ["LEI-01"], true)]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() =>
            new PolicyWhatIf(PolicyConfiguration.Default("A"), PolicyConfiguration.Default("B")).Compare(episodes, null, null, cancelled.Token));
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<CafProgress>
    {
        public void Report(CafProgress value)
        {
            Assert.Equal(CafProgress.WhatIfEpisodes, value.Stage);
            report(value.Done);
        }
    }

    private static PolicyConfiguration Configuration(string name, Config config, ThresholdMatcher? thresholds)
    {
        var framework = Default.Framework;
        var rules = framework.Rules.ToList();
        foreach (var change in config.Changes)
        {
            var index = change.Rule % rules.Count;
            var rule = rules[index];
            if (rule.Kind is not (ThresholdRuleKinds.Count or ThresholdRuleKinds.AnyOf))
            {
                continue;
            }

            rules[index] = change.Kind switch
            {
                0 => rule with { MinCount = change.Value },
                1 => rule.Kind == ThresholdRuleKinds.Count ? rule with { MinDomains = Math.Min(change.Value, 3) } : rule,
                2 => rule with { Gives = Math.Clamp(change.Value + 1, 2, 4), Route = change.Route },
                3 => rule with { Route = change.Route },
                5 => rule.Kind == ThresholdRuleKinds.AnyOf
                    ? rule with { Indicators = [.. rule.Indicators.Take(Math.Max(1, rule.Indicators.Length - 1)), .. Ids.Skip(change.Value * 3).Take(1).Where(id => !rule.Indicators.Contains(id))], MinCount = 1 }
                    : rule,
                6 => rule with { Id = rule.Id + "-copy" }, // the same test under another id: decides alike
                _ => rule,
            };
            if (change.Kind == 6)
            {
                rules.Add(rule with { Id = rule.Id + "-added", MinCount = change.Value, Route = change.Route }); // a rule added
            }
        }

        // A level's route changed (levels 1 to 3; level 4 keeps the specialist route).
        var levels = framework.Levels.ToList();
        foreach (var change in config.LevelRouteChanges)
        {
            var at = levels.FindIndex(l => l.Level == 1 + (change % 3));
            if (at >= 0)
            {
                levels[at] = levels[at] with { Route = Routes[change % Routes.Length] };
            }
        }

        if (config.Changes.Any(c => c.Kind == 4) && rules.Count(r => r.Kind == ThresholdRuleKinds.Count) > 1)
        {
            rules.Remove(rules.Last(r => r.Kind == ThresholdRuleKinds.Count)); // a rule dropped
        }

        var changed = framework with
        {
            Version = "9.9.9-" + name,
            Rules = [.. rules],
            Levels = [.. levels],
            Indicators = config.RaiseLei01 ? [.. framework.Indicators.Select(i => i.Id == "LEI-01" ? i with { Level = 3 } : i)] : framework.Indicators,
        };
        var compiled = Loader.Compile(changed);
        var options = new CafOptions();
        options.Consent.CompetenceAgeExclusiveLowerBound = config.Consent.CompetenceBound;
        options.Consent.SelfConsentAge = config.Consent.SelfConsentAge;
        options.Consent.ParentConsentRequiredAtSelfConsentAge = config.Consent.ParentAtSelfConsentAge;
        options.Consent.ParentConsentRequiredForCompetentYoungPerson = config.Consent.ParentForCompetent;
        options.Consent.CompetentYoungPersonRefusalPrevails = config.Consent.RefusalPrevails;
        return new PolicyConfiguration(name, options, thresholds ?? (compiled.IsSuccess ? compiled.Matcher : Default), ClosureTaxonomy.Default);
    }

    private static List<CafEpisode> Episodes(Case[] cases)
    {
        var policy = EpisodePolicy.Default(new FixedClock(Now), new InMemorySharingAuditLog());
        var episodes = new List<CafEpisode>();
        for (var n = 0; n < cases.Length; n++)
        {
            var c = cases[n];
            var classification = Default.Classify(c.Observed);
            var classified = classification.IsSuccess ? classification.Value : new ThresholdClassification(ThresholdLevel.Universal, ThresholdRoute.Universal); // an unknown id: recorded as given
            var child = new ChildDetails(new ChildId($"child-{n}"), DateOnly.FromDateTime(Now.UtcDateTime).AddYears(-c.Age).AddDays(-n));
            var e = CafEpisode.IdentifyConcern(policy, new EpisodeId($"ep-{n:D2}"), child, Teacher, "Concern.");
            var form = c.Written ? ConsentForm.Written : ConsentForm.Verbal;
            var record = c.Giver switch
            {
                0 => ConsentRecord.Parent("Parent", form) with { SharingExplained = true },
                1 => ConsentRecord.YoungPerson("Young person", form, false) with { SharingExplained = true },
                _ => ConsentRecord.YoungPerson("Young person", form, true) with { SharingExplained = true },
            };
            if (e.RecordConsent(Teacher, record, "Consent.").IsRefused
                || e.StartAssessment(Teacher, "Agreed.").IsRefused
                || e.CompleteAssessment(Teacher, new AssessmentSummary(Default.FrameworkId, Default.FrameworkVersion, classified.Level, classified.Route, [.. c.Observed]), AbsentParentInvolvement.WasInvolved, "Needs.").IsRefused)
            {
                continue; // a history the commands refuse is not recorded; the episode still counts as it stands
            }

            episodes.Add(e);
        }

        return episodes;
    }

    // The naive loop: every decision point decided, explained, under A and under B; a difference when the outcomes differ.
    private static (Dictionary<PolicyDecisionPoint, int> Decided, List<PolicyDifference> Differences) Naive(PolicyConfiguration a, PolicyConfiguration b, List<CafEpisode> episodes)
    {
        var decided = new Dictionary<PolicyDecisionPoint, int>();
        var differences = new List<PolicyDifference>();
        foreach (var episode in episodes)
        {
            var consent = ConsentState.Empty;
            for (var i = 1; i < episode.Events.Count; i++)
            {
                var e = episode.Events[i];
                var day = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var age = episode.Child.AgeOn(DateOnly.FromDateTime(e.OccurredAt.UtcDateTime));
                switch (e)
                {
                    case ConsentRecorded c:
                        Add(PolicyDecisionPoint.ConsentRecord, i, $"consent recorded {day} ({ConsentDisplayText.For(c.Record.GiverRole)}, {ConsentDisplayText.For(c.Record.Decision).ToLowerInvariant()})",
                            RecordDecision(a, c, age), RecordDecision(b, c, age));
                        consent = consent.With(c.Record);
                        break;
                    case AssessmentStarted:
                        Add(PolicyDecisionPoint.ConsentToStart, i, $"assessment started {day}", StartDecision(a, consent, age), StartDecision(b, consent, age));
                        break;
                    case AssessmentCompleted done:
                        var subject = $"assessment completed {day} ({done.Summary.IndicatorIds.Length} indicators)";
                        var (levelA, routeA) = Threshold(a.Thresholds, done.Summary.IndicatorIds.ToArray());
                        var (levelB, routeB) = Threshold(b.Thresholds, done.Summary.IndicatorIds.ToArray());
                        Add(PolicyDecisionPoint.ThresholdLevel, i, subject, levelA, levelB);
                        Add(PolicyDecisionPoint.ThresholdRoute, i, subject, routeA, routeB);
                        break;
                }

                void Add(PolicyDecisionPoint point, int index, string subject, PolicyDecision x, PolicyDecision y)
                {
                    decided[point] = decided.GetValueOrDefault(point) + 1;
                    if (x.Outcome != y.Outcome)
                    {
                        differences.Add(new PolicyDifference(episode.Id, index, point, subject, x, y));
                    }
                }
            }
        }

        return (decided, differences);
    }

    private static PolicyDecision RecordDecision(PolicyConfiguration config, ConsentRecorded c, int? age)
    {
        var valid = config.Consent.ValidateRecord(c.Record, age);
        return valid.IsSuccess
            ? new PolicyDecision("accepted", "accepted", "CONS-01", $"The record is acceptable at age {age?.ToString(CultureInfo.InvariantCulture) ?? "unborn"}.")
            : new PolicyDecision($"refused ({valid.Refusal.RuleId})", $"refused ({valid.Refusal.RuleId})", valid.Refusal.RuleId, valid.Refusal.Message);
    }

    private static PolicyDecision StartDecision(PolicyConfiguration config, ConsentState consent, int? age)
    {
        var evaluation = config.Consent.Evaluate(consent, age);
        var outcome = evaluation.SufficientToStartAssessment ? "sufficient" : $"insufficient ({evaluation.DecidingRule})";
        return new PolicyDecision(outcome, outcome, evaluation.DecidingRule, string.Join(" ", evaluation.Reasons));
    }

    private static (PolicyDecision Level, PolicyDecision Route) Threshold(ThresholdMatcher matcher, string[] ids)
    {
        var result = matcher.Assess(ids);
        if (result.IsRefused)
        {
            var refused = new PolicyDecision("refused (THR-03)", "refused (THR-03)", "THR-03", result.Refusal.Message);
            return (refused, refused);
        }

        var r = result.Value;
        var why = $"{r} {r.Explanation}";
        var route = $"route {ThresholdVocabulary.Describe(r.Route)}";
        return (new PolicyDecision($"level {(int)r.Level}", $"level {(int)r.Level}", "THR-03", why), new PolicyDecision(route, route, "THR-03", why));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
