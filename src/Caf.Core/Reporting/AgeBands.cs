using System;
using Caf.Core.Lifecycle;

namespace Caf.Core.Reporting;

/// <summary>Maps an age to its <see cref="AgeBand"/> (REP-03).</summary>
public static class AgeBands
{
    /// <summary>The band of an age in whole years; null means an unborn baby.</summary>
    /// <param name="ageInYears">The age in whole years, or null for an unborn baby.</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The age is negative.</exception>
    public static AgeBand FromAge(int? ageInYears) => ageInYears switch
    {
        null => AgeBand.Unborn,
        < 0 => throw new ArgumentOutOfRangeException(nameof(ageInYears), ageInYears, "An age cannot be negative."),
        0 => AgeBand.UnderOne,
        <= 4 => AgeBand.OneToFour,
        <= 9 => AgeBand.FiveToNine,
        <= 15 => AgeBand.TenToFifteen,
        _ => AgeBand.SixteenPlus,
    };

    /// <summary>The band of a child on a date (the episode's opening date, for the read model).</summary>
    /// <param name="child">The child (an unborn baby has no date of birth).</param>
    /// <param name="on">The date.</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="child"/> is null.</exception>
    public static AgeBand Of(ChildDetails child, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(child);
        return FromAge(child.AgeOn(on));
    }

    /// <summary>A short label for tables: <c>unborn</c>, <c>under 1</c>, <c>1-4</c>, <c>5-9</c>, <c>10-15</c>, <c>16+</c>.</summary>
    /// <param name="band">The band.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The band is not a defined value.</exception>
    public static string Label(AgeBand band) => band switch
    {
        AgeBand.Unborn => "unborn",
        AgeBand.UnderOne => "under 1",
        AgeBand.OneToFour => "1-4",
        AgeBand.FiveToNine => "5-9",
        AgeBand.TenToFifteen => "10-15",
        AgeBand.SixteenPlus => "16+",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Not a defined age band."),
    };
}
