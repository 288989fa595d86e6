using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// A slot request placed on a meeting (PANEL-03): one entry of that meeting's agenda. The agenda entry
/// lists only the agencies that may see the case (<see cref="PanelSlotRequest.PapersFor"/>, SHARE-01).
/// </summary>
/// <param name="Request">What was booked.</param>
/// <param name="Meeting">The meeting it is on.</param>
/// <param name="Minutes">The minutes it takes on that meeting (the panel's minutes for its kind when booked).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelBooking(PanelSlotRequest Request, PanelMeeting Meeting, int Minutes)
{
    /// <summary>What was booked.</summary>
    public PanelSlotRequest Request { get; } = Guard.Against.Null(Request);

    /// <summary>The meeting it is on; of the request's area.</summary>
    public PanelMeeting Meeting { get; } =
        !Meeting.Panel.IsDefault && string.Equals(Meeting.Area, Request?.Area, StringComparison.Ordinal)
            ? Meeting
            : throw new ArgumentException("The meeting must be a meeting of the request's area.", nameof(Meeting));

    /// <summary>The minutes it takes.</summary>
    public int Minutes { get; } = Minutes >= 0 ? Minutes : throw new ArgumentOutOfRangeException(nameof(Minutes), Minutes, "Must be 0 or more.");

    /// <summary>The slot's id.</summary>
    public PanelSlotId Slot => Request.Slot;

    /// <summary>Which capacity it uses.</summary>
    public PanelSlotKind Kind => Request.Kind;
}
