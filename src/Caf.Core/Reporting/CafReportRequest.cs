using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>
/// What a monitoring report covers: the periods, the date caseloads and overdue items are read at, and
/// whom the report is for (REP-01..06, SHARE-01).
/// </summary>
/// <remarks>
/// The window is made of whole periods: from the start of the period containing <see cref="From"/> to the end
/// of the period containing the day before <see cref="To"/>. Periods are aligned to
/// <see cref="ReportingOptions.YearStartMonth"/> (April for the financial year).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record CafReportRequest
{
    /// <summary>The most periods one report may have (100 years of months).</summary>
    public const int MaxPeriods = 1200;

    /// <summary>Creates a request.</summary>
    /// <param name="periodKind">Months, quarters or years.</param>
    /// <param name="from">The first day of interest (inclusive).</param>
    /// <param name="to">The day after the last day of interest (exclusive).</param>
    /// <param name="asOf">The day (at its end) open caseload, overdue assessments and overdue reviews are read at; typically today or the last day of the window.</param>
    /// <param name="forAgency">The agency the report is produced for, or null for an authority-wide report; a report for an agency skips every episode whose consent excludes it (SHARE-01).</param>
    /// <exception cref="ArgumentException">The kind is undefined, <paramref name="to"/> is not after <paramref name="from"/>, the window has more than <see cref="MaxPeriods"/> periods, or <paramref name="forAgency"/> is default.</exception>
    public CafReportRequest(ReportPeriodKind periodKind, DateOnly from, DateOnly to, DateOnly asOf, AgencyId? forAgency = null)
    {
        if (!Enum.IsDefined(periodKind))
        {
            throw new ArgumentException($"Undefined period kind {(int)periodKind}.", nameof(periodKind));
        }

        if (to <= from)
        {
            throw new ArgumentException($"The window must end after it starts ({from} to {to}).", nameof(to));
        }

        // Months bound every kind: no kind has more periods than months.
        if (((to.Year - from.Year) * 12) + to.Month - from.Month > MaxPeriods)
        {
            throw new ArgumentException($"A report covers at most {MaxPeriods} periods.", nameof(to));
        }

        if (forAgency is { IsDefault: true })
        {
            throw new ArgumentException("The agency is null or a valid id.", nameof(forAgency));
        }

        PeriodKind = periodKind;
        From = from;
        To = to;
        AsOf = asOf;
        ForAgency = forAgency;
    }

    /// <summary>Months, quarters or years.</summary>
    public ReportPeriodKind PeriodKind { get; }

    /// <summary>The first day of interest (inclusive).</summary>
    public DateOnly From { get; }

    /// <summary>The day after the last day of interest (exclusive).</summary>
    public DateOnly To { get; }

    /// <summary>The day caseload and overdue items are read at (end of day).</summary>
    public DateOnly AsOf { get; }

    /// <summary>The agency the report is for, or null for authority-wide (SHARE-01).</summary>
    public AgencyId? ForAgency { get; }
}
