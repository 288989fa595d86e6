using System;
using Caf.Core.Annotations;

namespace Caf.Core.Reporting;

/// <summary>One reporting period: first day, the day after the last, and a label (REP-01).</summary>
/// <param name="Start">The first day of the period.</param>
/// <param name="End">The day after the last day (exclusive).</param>
/// <param name="Label">The label: <c>2026-04</c> for a month; <c>2026/27 Q1</c> and <c>2026/27</c> for a quarter and a year when the year does not start in January, <c>2026 Q1</c> and <c>2026</c> when it does.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ReportPeriod(DateOnly Start, DateOnly End, string Label)
{
    /// <summary>True when the date falls in the period.</summary>
    /// <param name="date">The date.</param>
    /// <returns>True when <see cref="Start"/> &lt;= date &lt; <see cref="End"/>.</returns>
    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>The last day of the period.</summary>
    public DateOnly LastDay => End.AddDays(-1);
}
