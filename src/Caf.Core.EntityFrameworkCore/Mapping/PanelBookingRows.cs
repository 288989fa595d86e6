using System;
using System.Collections.Immutable;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>One agenda booking (<c>caf_panel_bookings</c>, PANEL-03), unique on the slot.</summary>
internal sealed class PanelBookingRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public PanelSlotId Slot { get; set; }

    public PanelReferralId Referral { get; set; }

    public EpisodeId Episode { get; set; }

    public string Area { get; set; } = "";

    public PanelSlotOrigin Origin { get; set; }

    public PanelSlotKind Kind { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public ImmutableArray<AgencyId> PapersFor { get; set; } = [];

    public PanelId Panel { get; set; }

    public DateOnly MeetingDate { get; set; }

    public int Minutes { get; set; }

    public static PanelBookingRow Of(PanelBooking booking) => new()
    {
        Slot = booking.Slot,
        Referral = booking.Request.Referral,
        Episode = booking.Request.Episode,
        Area = booking.Request.Area,
        Origin = booking.Request.Origin,
        Kind = booking.Kind,
        RequestedAt = booking.Request.RequestedAt,
        PapersFor = booking.Request.PapersFor,
        Panel = booking.Meeting.Panel,
        MeetingDate = booking.Meeting.Date,
        Minutes = booking.Minutes,
    };

    public PanelBooking ToBooking() =>
        new(new PanelSlotRequest(Slot, Referral, Episode, Area, Origin, RequestedAt, PapersFor), new PanelMeeting(Panel, Area, MeetingDate), Minutes);
}

/// <summary>
/// What one meeting has taken so far (<c>caf_panel_meetings</c>): the counters every booking re-checks and moves in the
/// same transaction as its insert, with a version as the concurrency token, so two writers cannot overfill a meeting.
/// </summary>
internal sealed class PanelMeetingLoadRow : IAuthorityRow
{
    /// <inheritdoc />
    public AuthorityId Authority { get; set; }

    public PanelId Panel { get; set; }

    public DateOnly MeetingDate { get; set; }

    public int NewCases { get; set; }

    public int Reviews { get; set; }

    public int Minutes { get; set; }

    public int Version { get; set; }

    public int Count(PanelSlotKind kind) => kind == PanelSlotKind.Review ? Reviews : NewCases;

    public void Add(PanelSlotKind kind, int minutes, int sign)
    {
        if (kind == PanelSlotKind.Review)
        {
            Reviews += sign;
        }
        else
        {
            NewCases += sign;
        }

        Minutes += sign * minutes;
        Version++;
    }
}
