using System;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-04: when the agenda of a meeting goes out and when its decision sheets go out (Bedfordshire
/// 003 §4f: the Monday before and the Friday after), from <see cref="PanelOptions"/>.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class PanelTimetable
{
    private readonly int? _agendaDaysBefore;
    private readonly DayOfWeek _agendaWeekday;
    private readonly int? _decisionDaysAfter;
    private readonly DayOfWeek _decisionWeekday;

    /// <summary>Creates the timetable, copying the options.</summary>
    /// <param name="options">The panel options; the defaults when null.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public PanelTimetable(PanelOptions? options = null)
    {
        options ??= new PanelOptions();
        var problems = new System.Collections.Generic.List<string>();
        options.Validate(problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _agendaDaysBefore = options.AgendaDaysBefore;
        _agendaWeekday = options.AgendaWeekday;
        _decisionDaysAfter = options.DecisionSheetDaysAfter;
        _decisionWeekday = options.DecisionSheetWeekday;
    }

    /// <summary>PANEL-04: the day the agenda and papers go out (default the Monday before the meeting).</summary>
    /// <param name="meeting">The meeting day.</param>
    /// <returns>The issue date.</returns>
    public DateOnly AgendaIssueDate(DateOnly meeting) =>
        _agendaDaysBefore is { } days
            ? meeting.AddDays(-days)
            : meeting.AddDays(-(((int)meeting.DayOfWeek - (int)_agendaWeekday + 6) % 7) - 1);

    /// <summary>PANEL-04: the day the decision sheets go out (default the Friday after the meeting).</summary>
    /// <param name="meeting">The meeting day.</param>
    /// <returns>The decision-sheet date.</returns>
    public DateOnly DecisionSheetDate(DateOnly meeting) =>
        _decisionDaysAfter is { } days
            ? meeting.AddDays(days)
            : meeting.AddDays((((int)_decisionWeekday - (int)meeting.DayOfWeek + 6) % 7) + 1);

    /// <summary>The agenda issue date of a meeting.</summary>
    /// <param name="meeting">The meeting.</param>
    /// <returns>The issue date.</returns>
    public DateOnly AgendaIssueDate(PanelMeeting meeting) => AgendaIssueDate(meeting.Date);

    /// <summary>The decision-sheet date of a meeting.</summary>
    /// <param name="meeting">The meeting.</param>
    /// <returns>The decision-sheet date.</returns>
    public DateOnly DecisionSheetDate(PanelMeeting meeting) => DecisionSheetDate(meeting.Date);
}
