using System;
using System.Globalization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>One cell of a <see cref="ReportTable"/>: a text, or a count shown as its number (or suppressed).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ReportCell
{
    private ReportCell(string text, int? count, bool suppressed)
    {
        Text = text;
        Count = count;
        IsSuppressed = suppressed;
    }

    /// <summary>What the writers print.</summary>
    public string Text { get; }

    /// <summary>The count, or null for a text cell or a suppressed count.</summary>
    public int? Count { get; }

    /// <summary>True for a small count hidden for publication (SHARE-01).</summary>
    public bool IsSuppressed { get; }

    /// <summary>A text cell.</summary>
    /// <param name="text">The text (may be empty).</param>
    /// <returns>The cell.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ReportCell Of(string text) => new(Guard.Against.Null(text), null, false);

    /// <summary>A count cell.</summary>
    /// <param name="count">The count.</param>
    /// <returns>The cell.</returns>
    public static ReportCell Of(int count) => new(count.ToString(CultureInfo.InvariantCulture), count, false);

    /// <summary>
    /// SHARE-01: the cell as published: a count from 1 to <paramref name="threshold"/> − 1 becomes <c>&lt;threshold</c>
    /// (e.g. <c>&lt;5</c>); zero, larger counts and texts are unchanged.
    /// </summary>
    /// <param name="threshold">The smallest count shown (<see cref="ReportingOptions.SmallCountThreshold"/>); 0 or 1 suppresses nothing.</param>
    /// <returns>The published cell.</returns>
    public ReportCell Suppress(int threshold) =>
        Count is { } count && count > 0 && count < threshold
            ? new ReportCell(string.Create(CultureInfo.InvariantCulture, $"<{threshold}"), null, true)
            : this;

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
