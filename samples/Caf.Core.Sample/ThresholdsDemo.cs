using System;
using System.Linq;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Sample;

/// <summary>Thresholds of need (THR-01..07): the sample child assessed with the default framework.</summary>
internal static class ThresholdsDemo
{
    /// <summary>
    /// The seed situation when no ids are given: a high-school pupil (most Leicestershire CAFs come from high
    /// schools, 000) who responds with anger, is hard to manage at school and at risk of exclusion, after a
    /// family breakdown (002 §2).
    /// </summary>
    public static readonly string[] SeedSituation = ["LEI-01", "LEI-07", "LEI-10", "BFD-09"];

    /// <summary>Assesses the observed indicators with the registered (default) framework and prints what and why.</summary>
    /// <param name="services">The host's services (AddCafCore registers the default matcher).</param>
    /// <param name="observedIndicatorIds">Observed indicator ids; the seed situation when empty.</param>
    /// <returns>The result, for the episode to record (framework id and version, THR-07), or null when refused.</returns>
    public static ThresholdResult? Run(IServiceProvider services, params string[] observedIndicatorIds)
    {
        var matcher = services.GetRequiredService<ThresholdMatcher>();
        var observed = observedIndicatorIds.Length == 0 ? SeedSituation : observedIndicatorIds;

        Console.WriteLine();
        Console.WriteLine($"Thresholds of need: {matcher.Framework.Title} ({matcher.FrameworkId} {matcher.FrameworkVersion}; illustrative, load your authority's own).");
        Console.WriteLine($"Observed: {string.Join(", ", observed)}");
        var assessed = matcher.Assess(observed);
        if (!assessed.TryGetValue(out var result))
        {
            Console.WriteLine($"Refused: {assessed.Refusal}");
            return null;
        }

        Console.WriteLine($"{ThresholdDisplayText.For(result.Level)} ('{result.LevelName}'); route: {ThresholdDisplayText.For(result.Route)}.");
        Console.WriteLine($"ECM outcomes affected: {string.Join(", ", result.Outcomes.Select(ThresholdDisplayText.For))}.");
        Console.WriteLine("Why:");
        Console.WriteLine(result.Explanation);

        // Unknown indicators are an error, never ignored (THR-03).
        var typo = matcher.Classify([.. observed, "LEI-1O"]);
        Console.WriteLine($"A mistyped indicator is refused: {typo.Refusal}");

        // THR-05: the same child with specialist CAMHS involved, first as a live case, then as a step-down.
        var specialist = matcher.Classify(observed, new ThresholdContext { SpecialistServicesInvolved = true }).Value;
        var stepDown = matcher.Classify(observed, new ThresholdContext { SpecialistServicesInvolved = true, StepDown = true }).Value;
        Console.WriteLine($"With specialist services involved: {ThresholdDisplayText.For(specialist.Level)}, {ThresholdDisplayText.For(specialist.Route)}; " +
                          $"as a step-down: {ThresholdDisplayText.For(stepDown.Level)}, {ThresholdDisplayText.For(stepDown.Route)}.");
        Console.WriteLine($"Recorded on the episode (THR-07): framework {result.FrameworkId} version {result.FrameworkVersion}; fired {string.Join(", ", result.FiredRules.Select(r => r.RuleId))}.");
        return result;
    }
}
