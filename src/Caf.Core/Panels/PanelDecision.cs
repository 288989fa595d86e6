using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// A decision sheet entry for one case (PANEL-05, 003 §4e): either the services allocated with their roles
/// and the recommended lead professional, or "re-present with more information", which puts the case back
/// in the queue (<see cref="RePresentation"/>). Created through <see cref="Allocate"/> or
/// <see cref="RePresent"/>; check it with <see cref="PanelSharingGate.CheckDecision"/> before it is sent
/// or recorded on the episode.
/// </summary>
/// <remarks>Value equality covers the allocations.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelDecision
{
    private PanelDecision(PanelBooking booking, string chair, PanelDecisionOutcome outcome, ImmutableArray<ServiceAllocation> allocations,
        RecommendedLeadProfessional? lead, string? moreInformation)
    {
        Booking = booking;
        Chair = chair;
        Outcome = outcome;
        Allocations = allocations;
        RecommendedLeadProfessional = lead;
        MoreInformationNeeded = moreInformation;
    }

    /// <summary>The agenda slot the decision is about.</summary>
    public PanelBooking Booking { get; }

    /// <summary>The chair who recorded the decision (003 §4e).</summary>
    public string Chair { get; }

    /// <summary>What was decided.</summary>
    public PanelDecisionOutcome Outcome { get; }

    /// <summary>The services allocated, with their roles, in agency order; empty for a re-presentation.</summary>
    public ImmutableArray<ServiceAllocation> Allocations { get; }

    /// <summary>The lead professional recommended, if any (LP-08 input).</summary>
    public RecommendedLeadProfessional? RecommendedLeadProfessional { get; }

    /// <summary>For a re-presentation: what more information the panel needs; null otherwise.</summary>
    public string? MoreInformationNeeded { get; }

    /// <summary>The referral decided.</summary>
    public PanelReferralId Referral => Booking.Request.Referral;

    /// <summary>The episode.</summary>
    public EpisodeId Episode => Booking.Request.Episode;

    /// <summary>The meeting that decided.</summary>
    public PanelMeeting Meeting => Booking.Meeting;

    /// <summary>
    /// PANEL-05: allocates services with their roles and recommends the lead professional. Names every
    /// problem: no service (re-present instead), a service twice, and no recommended lead professional when
    /// more than one service is allocated (LP-02: a lead professional when more than one service is involved).
    /// </summary>
    /// <param name="booking">The agenda slot decided.</param>
    /// <param name="chair">The chair recording the decision.</param>
    /// <param name="allocations">The services allocated.</param>
    /// <param name="recommendedLeadProfessional">The lead professional recommended; may be null for a single service.</param>
    /// <returns>The decision, or a refusal naming every problem (field <c>allocations</c>, <c>recommendedLeadProfessional</c>).</returns>
    /// <exception cref="ArgumentException">An argument is null or empty, or an allocation is null.</exception>
    public static Result<PanelDecision> Allocate(PanelBooking booking, string chair, IEnumerable<ServiceAllocation> allocations,
        RecommendedLeadProfessional? recommendedLeadProfessional)
    {
        Guard.Against.Null(booking);
        Guard.Against.NullOrWhiteSpace(chair);
        Guard.Against.Null(allocations);
        var list = allocations.ToList();
        if (list.Any(a => a is null))
        {
            throw new ArgumentException("Allocations must not contain null.", nameof(allocations));
        }

        var problems = new List<Refusal>();
        if (list.Count == 0)
        {
            problems.Add(new Refusal("PANEL-05",
                "No service is allocated: when no service can be identified the referral is re-presented with more information.", "allocations"));
        }

        var twice = list.GroupBy(a => a.Agency).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
        if (twice.Count > 0)
        {
            problems.Add(new Refusal("PANEL-05",
                $"A service is allocated once, with all its roles: {string.Join(", ", twice)} appears more than once.", "allocations"));
        }

        if (recommendedLeadProfessional is null && list.Select(a => a.Agency).Distinct().Count() > 1)
        {
            problems.Add(new Refusal("LP-02",
                "More than one service is allocated: the panel recommends the lead professional who co-ordinates them.", "recommendedLeadProfessional"));
        }

        if (problems.Count > 0)
        {
            return PanelRefusals.Combine("The decision sheet is incomplete:", problems);
        }

        return new PanelDecision(booking, chair, PanelDecisionOutcome.ServicesAllocated,
            [.. list.OrderBy(a => a.Agency)], recommendedLeadProfessional, null);
    }

    /// <summary>PANEL-05: no service can be identified; the referral is re-presented with more information.</summary>
    /// <param name="booking">The agenda slot decided.</param>
    /// <param name="chair">The chair recording the decision.</param>
    /// <param name="moreInformationNeeded">What the panel needs to know (003 §4e: "re-presented with additional information").</param>
    /// <returns>The decision, or a refusal (PANEL-05, field <c>moreInformationNeeded</c>) when it does not say what is needed.</returns>
    /// <exception cref="ArgumentException">The booking is null or the chair empty.</exception>
    public static Result<PanelDecision> RePresent(PanelBooking booking, string chair, string? moreInformationNeeded)
    {
        Guard.Against.Null(booking);
        Guard.Against.NullOrWhiteSpace(chair);
        if (string.IsNullOrWhiteSpace(moreInformationNeeded))
        {
            return Result<PanelDecision>.Refused("PANEL-05", "Say what more information the panel needs before the case is re-presented.", "moreInformationNeeded");
        }

        return new PanelDecision(booking, chair, PanelDecisionOutcome.RePresentWithMoreInformation, [], null, moreInformationNeeded);
    }

    /// <summary>True when the agency is among the services allocated.</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>True when allocated.</returns>
    public bool Allocates(AgencyId agency) => Allocations.Any(a => a.Agency == agency);

    /// <summary>
    /// PANEL-05: the case back in the queue as a new-case slot of the same area, with the papers' recipients judged
    /// against the consent in force now (<paramref name="papers"/>: <c>episode.JudgePanelPapers(referral)</c> or
    /// <see cref="PanelConsentInForce.PapersFor"/>). Schedule it from the day after the meeting. Refused (PANEL-05) when the
    /// decision allocated services.
    /// </summary>
    /// <param name="slot">The new slot's id.</param>
    /// <param name="requestedAt">When it was put back: its place in the queue.</param>
    /// <param name="papers">Who may see the papers now, for this decision's episode and referral.</param>
    /// <returns>The slot request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The slot id is default, or the papers are null or for another case.</exception>
    public Result<PanelSlotRequest> RePresentation(PanelSlotId slot, DateTimeOffset requestedAt, PanelPapers papers)
    {
        CheckSlot(slot);
        PanelSlotRequest.CheckPapers(papers, Episode, Referral);
        return Outcome == PanelDecisionOutcome.RePresentWithMoreInformation
            ? PanelSlotRequest.BackToPanel(Booking, slot, PanelSlotOrigin.RePresentation, requestedAt, papers)
            : Result<PanelSlotRequest>.Refused("PANEL-05", "Services were allocated: the case is not re-presented (use a waiting-list return or a re-hearing).", "outcome");
    }

    /// <summary>
    /// 000 §1: the lead professional "reports progress to the next meeting": a review slot for the case, with the papers'
    /// recipients judged against the consent in force now (<paramref name="papers"/>). Refused (PANEL-05) for a
    /// re-presentation, which has no allocation to review.
    /// </summary>
    /// <param name="slot">The review slot's id.</param>
    /// <param name="requestedAt">When it was requested.</param>
    /// <param name="papers">Who may see the papers now, for this decision's episode and referral.</param>
    /// <returns>The review request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The slot id is default, or the papers are null or for another case.</exception>
    public Result<PanelSlotRequest> ProgressReview(PanelSlotId slot, DateTimeOffset requestedAt, PanelPapers papers)
    {
        CheckSlot(slot);
        PanelSlotRequest.CheckPapers(papers, Episode, Referral);
        return Outcome == PanelDecisionOutcome.ServicesAllocated
            ? PanelSlotRequest.BackToPanel(Booking, slot, PanelSlotOrigin.Review, requestedAt, papers)
            : Result<PanelSlotRequest>.Refused("PANEL-05", "Nothing was allocated, so there is no progress to review: the case is re-presented instead.", "outcome");
    }

    /// <inheritdoc />
    public bool Equals(PanelDecision? other) =>
        other is not null && Booking.Equals(other.Booking) && Chair == other.Chair && Outcome == other.Outcome
        && Allocations.SequenceEqual(other.Allocations) && Equals(RecommendedLeadProfessional, other.RecommendedLeadProfessional)
        && MoreInformationNeeded == other.MoreInformationNeeded;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Booking, Outcome, Allocations.Length, RecommendedLeadProfessional);

    private static void CheckSlot(PanelSlotId slot)
    {
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }
    }
}
