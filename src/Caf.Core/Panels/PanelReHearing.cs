using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>PANEL-07: the chair's answer to a request for a re-hearing.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelReHearing
{
    internal PanelReHearing(PanelReHearingRequest request, PanelReHearingOutcome outcome, string chair, string note, DateTimeOffset answeredAt)
    {
        Request = request;
        Outcome = outcome;
        Chair = chair;
        Note = note;
        AnsweredAt = answeredAt;
    }

    /// <summary>The request answered.</summary>
    public PanelReHearingRequest Request { get; }

    /// <summary>Agreed or declined.</summary>
    public PanelReHearingOutcome Outcome { get; }

    /// <summary>The chair who answered.</summary>
    public string Chair { get; }

    /// <summary>The chair's note (may be empty).</summary>
    public string Note { get; }

    /// <summary>When the chair answered.</summary>
    public DateTimeOffset AnsweredAt { get; }

    /// <summary>
    /// PANEL-07: an agreed re-hearing is scheduled like a new referral: a new-case slot of the same area, in the queue
    /// at <see cref="AnsweredAt"/>, with the papers' recipients judged against the consent in force now
    /// (<paramref name="papers"/>). Refused (PANEL-07) when the chair declined; a new referral is still always possible.
    /// </summary>
    /// <param name="slot">The new slot's id.</param>
    /// <param name="papers">Who may see the papers now, for the decision's episode and referral.</param>
    /// <returns>The slot request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The slot id is default, or the papers are null or for another case.</exception>
    public Result<PanelSlotRequest> ToSlotRequest(PanelSlotId slot, PanelPapers papers)
    {
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        var booking = Request.Decision.Booking;
        PanelSlotRequest.CheckPapers(papers, booking.Request.Episode, booking.Request.Referral);
        return Outcome == PanelReHearingOutcome.Agreed
            ? PanelSlotRequest.BackToPanel(booking, slot, PanelSlotOrigin.ReHearing, AnsweredAt, papers)
            : Result<PanelSlotRequest>.Refused("PANEL-07", "The chair declined a re-hearing; the decision stands. The family can still be re-referred.", "outcome");
    }
}
