using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-07: the family or the referrer disagrees with a panel decision and asks the chair for a re-hearing
/// (003 §4h: "the referrer can discuss this with the group chair. The referral can be re-heard at panel if
/// this is agreed following this discussion"). Re-referral is always possible as well, whatever the chair
/// answers (003 §4f).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelReHearingRequest
{
    private PanelReHearingRequest(PanelDecision decision, PanelDisagreementParty raisedBy, string reason, DateTimeOffset raisedAt)
    {
        Decision = decision;
        RaisedBy = raisedBy;
        Reason = reason;
        RaisedAt = raisedAt;
    }

    /// <summary>The decision disagreed with.</summary>
    public PanelDecision Decision { get; }

    /// <summary>Who disagrees.</summary>
    public PanelDisagreementParty RaisedBy { get; }

    /// <summary>Why.</summary>
    public string Reason { get; }

    /// <summary>When the chair was asked.</summary>
    public DateTimeOffset RaisedAt { get; }

    /// <summary>PANEL-07: asks the chair. Refused (PANEL-07, field <c>reason</c>) without a reason.</summary>
    /// <param name="decision">The decision disagreed with.</param>
    /// <param name="raisedBy">Who disagrees.</param>
    /// <param name="reason">Why.</param>
    /// <param name="raisedAt">When, from the host's clock.</param>
    /// <returns>The request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The decision is null or the party is not defined.</exception>
    public static Result<PanelReHearingRequest> Raise(PanelDecision decision, PanelDisagreementParty raisedBy, string? reason, DateTimeOffset raisedAt)
    {
        Guard.Against.Null(decision);
        Guard.Against.EnumOutOfRange(raisedBy);
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Result<PanelReHearingRequest>.Refused("PANEL-07", "Say what the disagreement with the panel's decision is, for the chair to consider.", "reason");
        }

        return new PanelReHearingRequest(decision, raisedBy, reason, raisedAt);
    }

    /// <summary>The chair's answer (003 §4h).</summary>
    /// <param name="outcome">Agreed or declined.</param>
    /// <param name="chair">The chair answering.</param>
    /// <param name="note">The chair's note of the discussion.</param>
    /// <param name="answeredAt">When, from the host's clock.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException">The outcome is not defined or the chair is empty.</exception>
    public PanelReHearing Answer(PanelReHearingOutcome outcome, string chair, string? note, DateTimeOffset answeredAt) =>
        new(this, Guard.Against.EnumOutOfRange(outcome), Guard.Against.NullOrWhiteSpace(chair), note ?? string.Empty, answeredAt);
}
