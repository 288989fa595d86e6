using System;

namespace Caf.Core.Panels;

/// <summary>
/// Display texts for every panel value (the UI port): plain English a practitioner or a family reads.
/// Hosts that localise map the enum values themselves.
/// </summary>
public static class PanelDisplayText
{
    /// <summary>The text for a cadence.</summary>
    /// <param name="kind">The cadence.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelCadenceKind kind) => kind switch
    {
        PanelCadenceKind.Weekly => "Weekly",
        PanelCadenceKind.Fortnightly => "Fortnightly",
        PanelCadenceKind.Monthly => "Monthly",
        PanelCadenceKind.Quarterly => "Quarterly (four times a year)",
        PanelCadenceKind.ExplicitDates => "On listed dates",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown panel cadence."),
    };

    /// <summary>The text for a referral reason (PANEL-01).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelReferralReason reason) => reason switch
    {
        PanelReferralReason.VariedOrComplexNeeds => "Needs are varied or complex and could be met by more than one service",
        PanelReferralReason.UnclearWhichService => "The referrer is not clear which service is the most appropriate",
        PanelReferralReason.MultiAgencyResponseNeeded => "A multi-agency response is needed",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown panel referral reason."),
    };

    /// <summary>The text for a kind of agenda slot.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelSlotKind kind) => kind switch
    {
        PanelSlotKind.NewCase => "New case",
        PanelSlotKind.Review => "Review",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown panel slot kind."),
    };

    /// <summary>The text for where an agenda slot comes from.</summary>
    /// <param name="origin">The origin.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelSlotOrigin origin) => origin switch
    {
        PanelSlotOrigin.Referral => "New referral",
        PanelSlotOrigin.Review => "Progress review by the lead professional",
        PanelSlotOrigin.RePresentation => "Re-presented with more information",
        PanelSlotOrigin.WaitingListReturn => "Brought back: the allocated service has a waiting list",
        PanelSlotOrigin.ReHearing => "Re-hearing agreed by the chair",
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown panel slot origin."),
    };

    /// <summary>The text for why a slot could not be placed.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelUnplacedReason reason) => reason switch
    {
        PanelUnplacedReason.NoPanelForArea => "No panel serves this area",
        PanelUnplacedReason.NoMeetingWithRoom => "No meeting with room within the scheduling horizon",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown unplaced reason."),
    };

    /// <summary>The text for a decision outcome (PANEL-05).</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelDecisionOutcome outcome) => outcome switch
    {
        PanelDecisionOutcome.ServicesAllocated => "Services allocated",
        PanelDecisionOutcome.RePresentWithMoreInformation => "Re-present with more information",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown panel decision outcome."),
    };

    /// <summary>The text for who disagrees (PANEL-07).</summary>
    /// <param name="party">The party.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelDisagreementParty party) => party switch
    {
        PanelDisagreementParty.Family => "The family",
        PanelDisagreementParty.Referrer => "The referrer",
        _ => throw new ArgumentOutOfRangeException(nameof(party), party, "Unknown disagreeing party."),
    };

    /// <summary>The text for the chair's answer to a re-hearing request (PANEL-07).</summary>
    /// <param name="outcome">The answer.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(PanelReHearingOutcome outcome) => outcome switch
    {
        PanelReHearingOutcome.Agreed => "Re-hearing agreed",
        PanelReHearingOutcome.Declined => "Re-hearing declined: the decision stands",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown re-hearing outcome."),
    };
}
