using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// When a panel meets (PANEL-03): weekly, fortnightly, monthly or quarterly on a weekday, or on listed
/// dates, less the skipped dates (bank holidays, school holidays). A skipped meeting is not moved: it does
/// not happen, and its cases go to the next meeting with room.
/// </summary>
/// <remarks>
/// Dates come only from the arguments (<see cref="MeetingDates(DateOnly, DateOnly)"/>); the cadence never
/// reads a clock. Value equality covers the listed and skipped dates.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelCadence
{
    /// <summary>The value of <see cref="Occurrence"/> that means the last such weekday of the month.</summary>
    public const int LastWeekdayOfMonth = -1;

    private PanelCadence(PanelCadenceKind kind, DayOfWeek weekday, DateOnly? firstMeeting, int occurrence, int firstMonth, ImmutableArray<DateOnly> dates)
    {
        Kind = kind;
        Weekday = weekday;
        FirstMeeting = firstMeeting;
        Occurrence = occurrence;
        FirstMonthOfQuarter = firstMonth;
        Dates = dates;
    }

    /// <summary>How often the panel meets.</summary>
    public PanelCadenceKind Kind { get; }

    /// <summary>The weekday of the meetings (not used for <see cref="PanelCadenceKind.ExplicitDates"/>).</summary>
    public DayOfWeek Weekday { get; }

    /// <summary>Fortnightly: the first meeting, from which every 14th day follows; null otherwise.</summary>
    public DateOnly? FirstMeeting { get; }

    /// <summary>Monthly and quarterly: which weekday of the month (1 to 4, or <see cref="LastWeekdayOfMonth"/>); 0 otherwise.</summary>
    public int Occurrence { get; }

    /// <summary>Quarterly: the first month of each quarter (1 = January, April, July, October; 2; or 3); 0 otherwise.</summary>
    public int FirstMonthOfQuarter { get; }

    /// <summary>Explicit dates: the meeting dates, ascending and distinct; empty otherwise.</summary>
    public ImmutableArray<DateOnly> Dates { get; }

    /// <summary>Dates on which no meeting is held, ascending and distinct (bank holidays and the like).</summary>
    public ImmutableArray<DateOnly> SkippedDates { get; private init; } = [];

    /// <summary>Every week on <paramref name="weekday"/>.</summary>
    /// <param name="weekday">The day of the meetings.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentException">The weekday is not defined.</exception>
    public static PanelCadence Weekly(DayOfWeek weekday) =>
        new(PanelCadenceKind.Weekly, Guard.Against.EnumOutOfRange(weekday), null, 0, 0, []);

    /// <summary>Every other week, from <paramref name="firstMeeting"/> on (Bedfordshire MAAG, 003 §1).</summary>
    /// <param name="firstMeeting">The first meeting; meetings follow every 14 days.</param>
    /// <returns>The cadence.</returns>
    public static PanelCadence Fortnightly(DateOnly firstMeeting) =>
        new(PanelCadenceKind.Fortnightly, firstMeeting.DayOfWeek, firstMeeting, 0, 0, []);

    /// <summary>Once a month on the <paramref name="occurrence"/>th <paramref name="weekday"/> (e.g. the first Tuesday).</summary>
    /// <param name="weekday">The day of the meetings.</param>
    /// <param name="occurrence">1 to 4, or <see cref="LastWeekdayOfMonth"/>.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentException">The weekday is not defined or the occurrence is out of range.</exception>
    public static PanelCadence Monthly(DayOfWeek weekday, int occurrence) =>
        new(PanelCadenceKind.Monthly, Guard.Against.EnumOutOfRange(weekday), null, CheckOccurrence(occurrence), 0, []);

    /// <summary>
    /// Four times a year on the <paramref name="occurrence"/>th <paramref name="weekday"/> of the first month of
    /// each quarter (Leicestershire MAFs "typically meet 4 times a year", 000 §1).
    /// </summary>
    /// <param name="weekday">The day of the meetings.</param>
    /// <param name="occurrence">1 to 4, or <see cref="LastWeekdayOfMonth"/>.</param>
    /// <param name="firstMonthOfQuarter">1 (January, April, July, October), 2 or 3.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentException">An argument is out of range.</exception>
    public static PanelCadence Quarterly(DayOfWeek weekday, int occurrence, int firstMonthOfQuarter = 1) =>
        new(PanelCadenceKind.Quarterly, Guard.Against.EnumOutOfRange(weekday), null, CheckOccurrence(occurrence),
            Guard.Against.OutOfRange(firstMonthOfQuarter, nameof(firstMonthOfQuarter), 1, 3), []);

    /// <summary>On the listed dates (duplicates are ignored).</summary>
    /// <param name="dates">The meeting dates, at least one.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentException">No date is listed.</exception>
    public static PanelCadence OnDates(IEnumerable<DateOnly> dates)
    {
        Guard.Against.Null(dates);
        var sorted = dates.Distinct().Order().ToImmutableArray();
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("An explicit cadence needs at least one date.", nameof(dates));
        }

        return new(PanelCadenceKind.ExplicitDates, sorted[0].DayOfWeek, null, 0, 0, sorted);
    }

    /// <summary>The same cadence with these dates skipped (added to any already skipped).</summary>
    /// <param name="skipped">Dates on which no meeting is held.</param>
    /// <returns>The new cadence.</returns>
    public PanelCadence WithSkippedDates(IEnumerable<DateOnly> skipped)
    {
        Guard.Against.Null(skipped);
        return this with { SkippedDates = SkippedDates.Concat(skipped).Distinct().Order().ToImmutableArray() };
    }

    /// <summary>The meeting dates from <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive), ascending.</summary>
    /// <param name="from">The first day considered.</param>
    /// <param name="until">The day after the last day considered.</param>
    /// <returns>The dates; empty when <paramref name="until"/> is not after <paramref name="from"/>.</returns>
    public ImmutableArray<DateOnly> MeetingDates(DateOnly from, DateOnly until)
    {
        var dates = ImmutableArray.CreateBuilder<DateOnly>();
        foreach (var date in Candidates(from, until))
        {
            if (date >= from && date < until && SkippedDates.BinarySearch(date) < 0)
            {
                dates.Add(date);
            }
        }

        return dates.ToImmutable();
    }

    /// <summary>The meeting dates over <paramref name="horizonDays"/> days from <paramref name="from"/>.</summary>
    /// <param name="from">The first day considered.</param>
    /// <param name="horizonDays">How many days, from 1 to 3,660.</param>
    /// <returns>The dates, ascending.</returns>
    /// <exception cref="ArgumentException">The horizon is out of range.</exception>
    public ImmutableArray<DateOnly> MeetingDates(DateOnly from, int horizonDays) =>
        MeetingDates(from, from.AddDays(Guard.Against.OutOfRange(horizonDays, nameof(horizonDays), 1, 3660)));

    /// <inheritdoc />
    public bool Equals(PanelCadence? other) =>
        other is not null && Kind == other.Kind && Weekday == other.Weekday && FirstMeeting == other.FirstMeeting
        && Occurrence == other.Occurrence && FirstMonthOfQuarter == other.FirstMonthOfQuarter
        && Dates.SequenceEqual(other.Dates) && SkippedDates.SequenceEqual(other.SkippedDates);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(Weekday);
        hash.Add(FirstMeeting);
        hash.Add(Occurrence);
        hash.Add(FirstMonthOfQuarter);
        foreach (var date in Dates)
        {
            hash.Add(date);
        }

        foreach (var date in SkippedDates)
        {
            hash.Add(date);
        }

        return hash.ToHashCode();
    }

    private IEnumerable<DateOnly> Candidates(DateOnly from, DateOnly until)
    {
        switch (Kind)
        {
            case PanelCadenceKind.Weekly:
                for (var d = NextOnOrAfter(from, Weekday); d < until; d = d.AddDays(7))
                {
                    yield return d;
                }

                break;
            case PanelCadenceKind.Fortnightly:
                var first = FirstMeeting!.Value;
                var start = from <= first ? first : first.AddDays((from.DayNumber - first.DayNumber + 13) / 14 * 14);
                for (var d = start; d < until; d = d.AddDays(14))
                {
                    yield return d;
                }

                break;
            case PanelCadenceKind.Monthly:
            case PanelCadenceKind.Quarterly:
                var step = Kind == PanelCadenceKind.Monthly ? 1 : 3;
                var month = new DateOnly(from.Year, from.Month, 1);
                if (Kind == PanelCadenceKind.Quarterly)
                {
                    // Back to the first month of the quarter that contains 'from'.
                    var monthsIntoQuarter = (((from.Month - FirstMonthOfQuarter) % 3) + 3) % 3;
                    month = month.AddMonths(-monthsIntoQuarter);
                }

                for (; month < until; month = month.AddMonths(step))
                {
                    yield return NthWeekday(month, Weekday, Occurrence);
                }

                break;
            default:
                foreach (var d in Dates)
                {
                    yield return d;
                }

                break;
        }
    }

    private static DateOnly NextOnOrAfter(DateOnly date, DayOfWeek day) =>
        date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);

    private static DateOnly NthWeekday(DateOnly firstOfMonth, DayOfWeek day, int occurrence)
    {
        if (occurrence == LastWeekdayOfMonth)
        {
            var last = firstOfMonth.AddMonths(1).AddDays(-1);
            return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
        }

        return NextOnOrAfter(firstOfMonth, day).AddDays(7 * (occurrence - 1));
    }

    private static int CheckOccurrence(int occurrence) =>
        occurrence is (>= 1 and <= 4) or LastWeekdayOfMonth
            ? occurrence
            : throw new ArgumentOutOfRangeException(nameof(occurrence), occurrence, "The occurrence must be 1 to 4, or -1 for the last weekday of the month.");
}
