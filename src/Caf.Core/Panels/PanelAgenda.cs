using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// One meeting's agenda (PANEL-03, PANEL-04): the meeting, when the agenda and the decision sheets go out,
/// the capacity and what is used, and the entries (bookings already held and newly placed) in request
/// order. Each entry lists only the agencies that may see the case (SHARE-01).
/// </summary>
/// <remarks>Value equality covers the entries.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelAgenda
{
    internal PanelAgenda(PanelMeeting meeting, DateOnly issueDate, DateOnly decisionSheetDate, PanelCapacity capacity, ImmutableArray<PanelBooking> entries)
    {
        Meeting = meeting;
        AgendaIssueDate = issueDate;
        DecisionSheetDate = decisionSheetDate;
        Capacity = capacity;
        Entries = entries;
    }

    /// <summary>The meeting.</summary>
    public PanelMeeting Meeting { get; }

    /// <summary>PANEL-04: when the agenda and papers go out.</summary>
    public DateOnly AgendaIssueDate { get; }

    /// <summary>PANEL-04: when the decision sheets go out.</summary>
    public DateOnly DecisionSheetDate { get; }

    /// <summary>The panel's capacity.</summary>
    public PanelCapacity Capacity { get; }

    /// <summary>The entries, ordered by request time then slot id.</summary>
    public ImmutableArray<PanelBooking> Entries { get; }

    /// <summary>New cases on the agenda.</summary>
    public int NewCases => Entries.Count(e => e.Kind == PanelSlotKind.NewCase);

    /// <summary>Reviews on the agenda.</summary>
    public int Reviews => Entries.Count(e => e.Kind == PanelSlotKind.Review);

    /// <summary>Minutes the entries take.</summary>
    public int Minutes => Entries.Sum(e => e.Minutes);

    /// <inheritdoc />
    public bool Equals(PanelAgenda? other) =>
        other is not null && Meeting == other.Meeting && AgendaIssueDate == other.AgendaIssueDate && DecisionSheetDate == other.DecisionSheetDate
        && Capacity.Equals(other.Capacity) && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Meeting, AgendaIssueDate, Entries.Length);
}
