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
    /// PANEL-07: an agreed re-hearing is scheduled like a new referral: a new-case slot of the same area, with
    /// the same papers, in the queue at <see cref="AnsweredAt"/>. Refused (PANEL-07) when the chair declined;
    /// a new referral is still always possible.
    /// </summary>
    /// <param name="slot">The new slot's id.</param>
    /// <returns>The slot request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The slot id is default.</exception>
    public Result<PanelSlotRequest> ToSlotRequest(PanelSlotId slot)
    {
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        return Outcome == PanelReHearingOutcome.Agreed
            ? PanelSlotRequest.BackToPanel(Request.Decision.Booking, slot, PanelSlotOrigin.ReHearing, AnsweredAt)
            : Result<PanelSlotRequest>.Refused("PANEL-07", "The chair declined a re-hearing; the decision stands. The family can still be re-referred.", "outcome");
    }
}
