using System;

namespace Caf.Core.Thresholds;

/// <summary>
/// Display texts for levels of need, routes and Every Child Matters outcomes (the UI port): plain English instead
/// of enum names. A framework's own level names are on <see cref="ThresholdResult.LevelName"/>. Hosts that
/// localise map the values themselves.
/// </summary>
public static class ThresholdDisplayText
{
    /// <summary>The text for a level of need (THR-01).</summary>
    /// <param name="level">The level.</param>
    /// <returns>The display text, with the level's number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ThresholdLevel level) => level switch
    {
        ThresholdLevel.Universal => "Level 1: universal",
        ThresholdLevel.Additional => "Level 2: additional needs",
        ThresholdLevel.Complex => "Level 3: complex or multiple needs",
        ThresholdLevel.Acute => "Level 4: acute needs",
        ThresholdLevel.SignificantHarm => "Significant harm",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown threshold level."),
    };

    /// <summary>The text for a recommended route (THR-03).</summary>
    /// <param name="route">The route.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ThresholdRoute route) =>
        Enum.IsDefined(route) ? Capitalised(ThresholdVocabulary.Describe(route)) : throw new ArgumentOutOfRangeException(nameof(route), route, "Unknown threshold route.");

    /// <summary>The text for an Every Child Matters outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(EcmOutcome outcome) =>
        Enum.IsDefined(outcome) ? ThresholdVocabulary.Describe(outcome) : throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown ECM outcome.");

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
