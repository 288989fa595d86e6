using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Tests.Thresholds;
using Caf.Core.Thresholds;
using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using RulesEngine.Models;
using ReRule = RulesEngine.Models.Rule;

namespace Caf.Core.Benchmarks;

/// <summary>
/// THR-03 against real peers: the same framework (the default) classified by Microsoft RulesEngine (warm: the
/// workflow compiled once, the rules' expressions evaluated per input), by NRules (a warm session: the observation
/// inserted, the rules fired, the observation retracted), by a hand-written evaluator (a switch over the ids, the rules
/// as code) and by <see cref="ThresholdMatcher.Classify"/>. The peers read the ids through the framework's own tables
/// (a dictionary per input: the same six lookups); the rules are the framework document's, turned into each engine's
/// rules. Baseline: RulesEngine. All four agree on 1,000 random inputs (checked in the setup).
/// </summary>
[MemoryDiagnoser]
public class ThresholdPeerBenchmarks
{
    private readonly ThresholdMatcher _matcher = new ThresholdFrameworkLoader().LoadDefault();
    private readonly string[] _observed = ["LEI-01", "LEI-07", "LEI-10", "BFD-09", "BFD-16", "BFD-17"];
    private readonly ThresholdContext _context = new() { SpecialistServicesInvolved = true, StepDown = true };
    private PeerFramework _peer = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private ISession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        _peer = new PeerFramework(_matcher.Framework);
        var workflow = new Workflow
        {
            WorkflowName = "thresholds",
            Rules = [.. _peer.Rules.Select(r => new ReRule { RuleName = r.Id, Expression = r.Expression, RuleExpressionType = RuleExpressionType.LambdaExpression })],
        };
        _rulesEngine = new RulesEngine.RulesEngine([workflow], new ReSettings());

        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(FrameworkRuleFires)));
        var loaded = repository.GetRuleSets().SelectMany(set => set.Rules).Count();
        if (loaded != 1)
        {
            throw new InvalidOperationException($"NRules loaded {loaded} rules, not 1.");
        }

        _session = repository.Compile().CreateSession();
        _session.InsertAll(_peer.Rules);

        var random = new Random(20261207);
        var ids = _matcher.Framework.Indicators.Select(i => i.Id).ToArray();
        for (var n = 0; n < 1_000; n++)
        {
            var observed = ids.OrderBy(_ => random.Next()).Take(random.Next(0, 7)).ToArray();
            var context = new ThresholdContext
            {
                SignificantHarmConcern = random.Next(8) == 0,
                SpecialistServicesInvolved = random.Next(3) == 0,
                StepDown = random.Next(2) == 0,
            };
            var expected = _matcher.Classify(observed, context).Value;
            var answers = new[] { WithRulesEngine(observed, context), WithNRules(observed, context), HandWrittenDefaultThresholds.Classify(observed, context)!.Value };
            if (answers.Any(a => a != expected))
            {
                throw new InvalidOperationException($"The peers disagree on [{string.Join(",", observed)}] {context}: {expected} vs {string.Join(", ", answers)}.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Microsoft RulesEngine 6.0.1 (warm)")]
    public ThresholdClassification RulesEngineWarm() => WithRulesEngine(_observed, _context);

    [Benchmark(Description = "NRules 1.0.4 (warm session)")]
    public ThresholdClassification NRulesWarm() => WithNRules(_observed, _context);

    [Benchmark(Description = "hand-written evaluator")]
    public ThresholdClassification HandWritten() => HandWrittenDefaultThresholds.Classify(_observed, _context)!.Value;

    [Benchmark(Description = "ThresholdMatcher.Classify")]
    public ThresholdClassification Classify() => _matcher.Classify(_observed, _context).Value;

    private ThresholdClassification WithRulesEngine(string[] observed, ThresholdContext context)
    {
        var facts = _peer.Observe(observed, context);
        var results = _rulesEngine.ExecuteAllRulesAsync("thresholds", new RuleParameter("f", facts)).GetAwaiter().GetResult();
        foreach (var result in results)
        {
            if (result.IsSuccess)
            {
                facts.Fire(_peer.ById[result.Rule.RuleName]);
            }
        }

        return facts.Result(_peer);
    }

    private ThresholdClassification WithNRules(string[] observed, ThresholdContext context)
    {
        var facts = _peer.Observe(observed, context);
        _session.Insert(facts);
        _session.Fire();
        _session.Retract(facts);
        return facts.Result(_peer);
    }

    /// <summary>One rule of the framework as a fact (NRules) and as an expression (RulesEngine).</summary>
    public sealed class FrameworkRule
    {
        public required string Id { get; init; }

        public required int Kind { get; init; } // 0 count, 1 anyOf, 2 specialist, 3 significant harm

        public int MinLevel { get; init; }

        public int MinCount { get; init; }

        public int MinDomains { get; init; }

        public int AnyOf { get; init; }

        public int Gives { get; init; }

        public int Route { get; init; }

        public required string Expression { get; init; }
    }

    /// <summary>What the rules read of one input: counts and domains per level, anyOf hits, the context.</summary>
    public sealed class Facts
    {
        public int[] Count { get; } = new int[6];

        public int[] Domains { get; } = new int[6];

        public int[] AnyOf { get; init; } = [];

        public bool Harm { get; set; }

        public bool Specialist { get; init; }

        public bool StepDown { get; init; }

        public int Level { get; private set; } = 1;

        public int Route { get; private set; } = -1;

        public void Fire(FrameworkRule rule)
        {
            if (rule.Gives > Level)
            {
                (Level, Route) = (rule.Gives, rule.Route);
            }
            else if (rule.Gives == Level && rule.Route > Route)
            {
                Route = rule.Route;
            }
        }

        public ThresholdClassification Result(PeerFramework framework) =>
            Level == 5
                ? new ThresholdClassification(ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding)
                : new ThresholdClassification((ThresholdLevel)Level, (ThresholdRoute)Math.Max((int)framework.LevelRoutes[Level], Route));
    }

    /// <summary>The framework document's tables and rules, as a peer engine reads them.</summary>
    public sealed class PeerFramework
    {
        public PeerFramework(ThresholdFramework framework)
        {
            var domains = framework.Indicators.Select(i => i.Domain).Distinct().ToList();
            Indicators = framework.Indicators.ToDictionary(i => i.Id, i => (i.Level, Domain: domains.IndexOf(i.Domain), i.SignificantHarm), StringComparer.Ordinal);
            var anyOf = new List<string[]>();
            var rules = new List<FrameworkRule>();
            foreach (var r in framework.Rules)
            {
                var route = r.Route is null ? -1 : (int)Enum.Parse<ThresholdRoute>(r.Route, ignoreCase: true);
                rules.Add(r.Kind switch
                {
                    ThresholdRuleKinds.Count => new FrameworkRule
                    {
                        Id = r.Id, Kind = 0, MinLevel = r.MinLevel ?? 1, MinCount = r.MinCount ?? 1, MinDomains = r.MinDomains ?? 1, Gives = r.Gives!.Value, Route = route,
                        Expression = $"f.Count[{r.MinLevel ?? 1}] >= {r.MinCount ?? 1} && f.Domains[{r.MinLevel ?? 1}] >= {r.MinDomains ?? 1}",
                    },
                    ThresholdRuleKinds.AnyOf => new FrameworkRule
                    {
                        Id = r.Id, Kind = 1, AnyOf = anyOf.Count, MinCount = r.MinCount ?? 1, Gives = r.Gives!.Value, Route = route,
                        Expression = $"f.AnyOf[{anyOf.Count}] >= {r.MinCount ?? 1}",
                    },
                    ThresholdRuleKinds.SpecialistInvolved => new FrameworkRule
                    {
                        Id = r.Id, Kind = 2, Gives = r.Gives!.Value, Route = route, Expression = "f.Specialist && !f.StepDown",
                    },
                    _ => new FrameworkRule { Id = r.Id, Kind = 3, Gives = 5, Route = (int)ThresholdRoute.Safeguarding, Expression = "f.Harm" },
                });
                if (r.Kind == ThresholdRuleKinds.AnyOf)
                {
                    anyOf.Add([.. r.Indicators]);
                }
            }

            AnyOfSets = [.. anyOf];
            Rules = [.. rules];
            ById = Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
            LevelRoutes = new ThresholdRoute[6];
            foreach (var level in framework.Levels)
            {
                LevelRoutes[level.Level] = Enum.Parse<ThresholdRoute>(level.Route, ignoreCase: true);
            }
        }

        public Dictionary<string, (int Level, int Domain, bool Harm)> Indicators { get; }

        public string[][] AnyOfSets { get; }

        public FrameworkRule[] Rules { get; }

        public Dictionary<string, FrameworkRule> ById { get; }

        public ThresholdRoute[] LevelRoutes { get; }

        public Facts Observe(string[] observed, ThresholdContext context)
        {
            var facts = new Facts { AnyOf = new int[AnyOfSets.Length], Specialist = context.SpecialistServicesInvolved, StepDown = context.StepDown, Harm = context.SignificantHarmConcern };
            var domainMasks = new int[6];
            foreach (var id in observed.Distinct())
            {
                var (level, domain, harm) = Indicators[id];
                facts.Harm |= harm;
                for (var l = 1; l <= level; l++)
                {
                    facts.Count[l]++;
                    domainMasks[l] |= 1 << domain;
                }

                for (var a = 0; a < AnyOfSets.Length; a++)
                {
                    facts.AnyOf[a] += Array.IndexOf(AnyOfSets[a], id) >= 0 ? 1 : 0;
                }
            }

            for (var l = 1; l < 6; l++)
            {
                facts.Domains[l] = System.Numerics.BitOperations.PopCount((uint)domainMasks[l]);
            }

            return facts;
        }
    }
}

/// <summary>NRules: one rule joining the observation with each framework rule whose condition holds.</summary>
public sealed class FrameworkRuleFires : NRules.Fluent.Dsl.Rule
{
    public override void Define()
    {
        ThresholdPeerBenchmarks.Facts f = null!;
        ThresholdPeerBenchmarks.FrameworkRule r = null!;
        When()
            .Match(() => f)
            .Match(() => r, x =>
                (x.Kind == 0 && f.Count[x.MinLevel] >= x.MinCount && f.Domains[x.MinLevel] >= x.MinDomains)
                || (x.Kind == 1 && f.AnyOf[x.AnyOf] >= x.MinCount)
                || (x.Kind == 2 && f.Specialist && !f.StepDown)
                || (x.Kind == 3 && f.Harm));
        Then().Do(_ => f.Fire(r));
    }
}
