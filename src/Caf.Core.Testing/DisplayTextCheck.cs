using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Caf.Core.Lifecycle;

namespace Caf.Core.Testing;

/// <summary>
/// A check for text a person reads (a page, an explanation, an audit line): it should say things in words, never with
/// the code of one of Caf.Core's enums ("ParentWithParentalResponsibility", "CafMultiAgency"). Use it in a host's own
/// UI tests as Caf.Core's tests do: <c>Assert.Null(DisplayTextCheck.FindEnumName(page))</c>.
/// </summary>
public static class DisplayTextCheck
{
    private static readonly Lazy<Regex> AnyName = new(() => new Regex($@"\b({string.Join("|", EnumMemberNames)})\b", RegexOptions.CultureInvariant));

    /// <summary>
    /// Every member name of Caf.Core's public enums that is not also a plain English word: one-word names such as
    /// "Done" or "Weekly" are left out, names such as "ParentWithParentalResponsibility" are kept. Sorted, distinct.
    /// </summary>
    public static ImmutableArray<string> EnumMemberNames { get; } =
    [
        .. typeof(CafEpisode).Assembly.GetExportedTypes()
            .Where(t => t.IsEnum)
            .SelectMany(Enum.GetNames)
            .Where(n => n.Skip(1).Any(char.IsUpper))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The first enum member name (<see cref="EnumMemberNames"/>) the text shows as a whole word, or null.</summary>
    /// <param name="text">The text a person reads.</param>
    /// <returns>The member name found, or null when the text names none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static string? FindEnumName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = AnyName.Value.Match(text);
        return match.Success ? match.Value : null;
    }
}
