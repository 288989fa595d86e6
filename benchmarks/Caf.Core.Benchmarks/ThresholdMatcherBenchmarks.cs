using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Thresholds;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Why frameworks are compiled (THR-03): a naive LINQ evaluation over the JSON model, as a first version
/// would write it, is the baseline; the compiled matcher should be at least 20x faster and
/// <see cref="ThresholdMatcher.Classify"/> allocation-free. <see cref="ThresholdMatcher.Assess"/> also
/// builds the explained result (its allocations are the result itself).
/// </summary>
[MemoryDiagnoser]
public class ThresholdMatcherBenchmarks
{
    private readonly ThresholdMatcher _matcher = new ThresholdFrameworkLoader().LoadDefault();
    private readonly string[] _observed = ["LEI-01", "LEI-07", "LEI-10", "BFD-09", "BFD-16", "BFD-17"];
    private readonly ThresholdContext _context = new() { SpecialistServicesInvolved = true, StepDown = true };
    private ThresholdFramework _framework = null!;

    [GlobalSetup]
    public void Setup() => _framework = _matcher.Framework;

    [Benchmark(Baseline = true, Description = "naive LINQ over the JSON model")]
    public (ThresholdLevel, ThresholdRoute) NaiveLinq() => NaiveEvaluate(_framework, _observed, _context);

    [Benchmark(Description = "compiled Classify (level + route)")]
    public ThresholdClassification CompiledClassify() => _matcher.Classify(_observed, _context).Value;

    [Benchmark(Description = "compiled Assess (explained result)")]
    public ThresholdResult CompiledAssess() => _matcher.Assess(_observed, _context).Value;

    private static (ThresholdLevel, ThresholdRoute) NaiveEvaluate(ThresholdFramework framework, IReadOnlyList<string> observed, ThresholdContext context)
    {
        var unknown = observed.FirstOrDefault(id => !framework.Indicators.Any(i => i.Id == id));
        if (unknown is not null)
        {
            throw new ArgumentException($"Unknown indicator {unknown}");
        }

        var hits = framework.Indicators.Where(i => observed.Contains(i.Id)).ToList();
        var harm = context.SignificantHarmConcern || hits.Any(i => i.SignificantHarm);
        var fired = framework.Rules.Where(rule => rule.Kind switch
        {
            "count" => hits.Count(i => i.Level >= rule.MinLevel) >= (rule.MinCount ?? 1)
                && hits.Where(i => i.Level >= rule.MinLevel).Select(i => i.Domain).Distinct().Count() >= (rule.MinDomains ?? 1),
            "anyOf" => rule.Indicators.Count(id => hits.Any(h => h.Id == id)) >= (rule.MinCount ?? 1),
            "specialistInvolved" => context.SpecialistServicesInvolved && !context.StepDown,
            _ => harm,
        }).ToList();

        if (fired.Any(r => r.Kind == "significantHarm"))
        {
            return (ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding);
        }

        var level = fired.Select(r => r.Gives ?? 1).DefaultIfEmpty(1).Max();
        var routes = fired.Where(r => r.Gives == level && r.Route is not null).Select(r => ParseRoute(r.Route!))
            .Append(ParseRoute(framework.Levels.First(l => l.Level == level).Route));
        return ((ThresholdLevel)level, routes.Max());
    }

    private static ThresholdRoute ParseRoute(string name) => Enum.Parse<ThresholdRoute>(name, ignoreCase: true);
}
