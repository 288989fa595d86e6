using System;
using System.Collections.Generic;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// Panel policy (docs/rules.md, PANEL-01..07). Defaults follow Bedfordshire (003 §4f): "agenda and paperwork will be
/// distributed ... on the Monday before MAAG, and the decision sheets sent ... on the Friday after".
/// </summary>
/// <threadsafety>Mutable; configure on one thread before use.</threadsafety>
[Mutable]
public sealed class PanelOptions
{
    /// <summary>
    /// PANEL-04: how many days before the meeting the agenda goes out. When null, the agenda goes out on
    /// the last <see cref="AgendaWeekday"/> strictly before the meeting.
    /// </summary>
    /// <value>Default null (the Monday before, 003 §4f).</value>
    public int? AgendaDaysBefore { get; set; }

    /// <summary>PANEL-04: the weekday the agenda goes out on when <see cref="AgendaDaysBefore"/> is null.</summary>
    /// <value>Default <see cref="DayOfWeek.Monday"/> (003 §4f).</value>
    public DayOfWeek AgendaWeekday { get; set; } = DayOfWeek.Monday;

    /// <summary>
    /// PANEL-04: how many days after the meeting the decision sheets go out. When null, they go out on the
    /// first <see cref="DecisionSheetWeekday"/> strictly after the meeting.
    /// </summary>
    /// <value>Default null (the Friday after, 003 §4f).</value>
    public int? DecisionSheetDaysAfter { get; set; }

    /// <summary>PANEL-04: the weekday the decision sheets go out on when <see cref="DecisionSheetDaysAfter"/> is null.</summary>
    /// <value>Default <see cref="DayOfWeek.Friday"/> (003 §4f).</value>
    public DayOfWeek DecisionSheetWeekday { get; set; } = DayOfWeek.Friday;

    /// <summary>PANEL-03: how many days ahead the scheduler looks for a meeting with room.</summary>
    /// <value>Default 365: a year shows four meetings of a quarterly MAF (000 §1).</value>
    public int SchedulingHorizonDays { get; set; } = 365;

    /// <summary>
    /// PANEL-06: how many days after the meeting an allocation may stay without a confirmed start date
    /// before the quarterly audit lists it.
    /// </summary>
    /// <value>Default 0: every allocation without a confirmed start is listed (003 §5 asks every allocated service).</value>
    public int StartConfirmationGraceDays { get; set; }

    internal void Validate(ICollection<string> problems)
    {
        if (AgendaDaysBefore is < 0 or > 60)
        {
            problems.Add($"Panels.AgendaDaysBefore must be 0 to 60 or null (PANEL-04); got {AgendaDaysBefore}.");
        }

        if (!Enum.IsDefined(AgendaWeekday))
        {
            problems.Add($"Panels.AgendaWeekday must be a day of the week (PANEL-04); got {(int)AgendaWeekday}.");
        }

        if (DecisionSheetDaysAfter is < 0 or > 60)
        {
            problems.Add($"Panels.DecisionSheetDaysAfter must be 0 to 60 or null (PANEL-04); got {DecisionSheetDaysAfter}.");
        }

        if (!Enum.IsDefined(DecisionSheetWeekday))
        {
            problems.Add($"Panels.DecisionSheetWeekday must be a day of the week (PANEL-04); got {(int)DecisionSheetWeekday}.");
        }

        if (SchedulingHorizonDays is < 1 or > 3660)
        {
            problems.Add($"Panels.SchedulingHorizonDays must be 1 to 3660 (PANEL-03); got {SchedulingHorizonDays}.");
        }

        if (StartConfirmationGraceDays is < 0 or > 366)
        {
            problems.Add($"Panels.StartConfirmationGraceDays must be 0 to 366 (PANEL-06); got {StartConfirmationGraceDays}.");
        }
    }
}
