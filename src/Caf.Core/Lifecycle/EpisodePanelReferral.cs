using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// One referral of the episode to a panel as the episode holds it (PANEL-01..06): the form, who may see the papers,
/// the decision sheets recorded for it and the services' confirmed start dates. Built only from the episode's
/// events (<see cref="CafEpisode.PanelReferrals"/>), so it never names an agency the sharing gate refused.
/// </summary>
/// <remarks>Value equality covers the lists.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodePanelReferral
{
    internal EpisodePanelReferral(ReferredToPanel referred)
    {
        Referral = referred.Referral;
        RecordedAt = referred.OccurredAt;
        PapersFor = referred.PapersFor;
        PapersWithheldFrom = referred.PapersWithheldFrom;
    }

    /// <summary>The referral form.</summary>
    public PanelReferral Referral { get; }

    /// <summary>When the referral was recorded on the episode.</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>SHARE-01: the panel's member agencies that may see the papers (sorted).</summary>
    public ImmutableArray<AgencyId> PapersFor { get; }

    /// <summary>SHARE-01: the panel's member agencies the papers are withheld from (sorted).</summary>
    public ImmutableArray<AgencyId> PapersWithheldFrom { get; }

    /// <summary>PANEL-05: the decision sheets recorded for this referral, oldest first (re-presentations, then the allocation).</summary>
    public ImmutableArray<PanelDecisionRecorded> Decisions { get; private init; } = [];

    /// <summary>PANEL-06: the start dates the allocated services confirmed, oldest first (a later one for a service replaces the date).</summary>
    public ImmutableArray<PanelServiceStartConfirmed> StartConfirmations { get; private init; } = [];

    /// <summary>The latest decision sheet, if any.</summary>
    public PanelDecisionRecorded? LatestDecision => Decisions.IsEmpty ? null : Decisions[^1];

    /// <summary>
    /// PANEL-03, PANEL-05: true while the case waits for the panel: not yet heard, or last decided "re-present with
    /// more information" (back in the queue).
    /// </summary>
    public bool IsAwaitingPanel => LatestDecision is not { Outcome: PanelDecisionOutcome.ServicesAllocated };

    /// <summary>PANEL-05: the services allocated by the decision sheet, in agency order; empty while awaiting the panel.</summary>
    public ImmutableArray<ServiceAllocation> Allocations =>
        LatestDecision is { Outcome: PanelDecisionOutcome.ServicesAllocated } d ? d.Allocations : [];

    /// <summary>LP-08: the lead professional the panel recommended, if the decision sheet names one.</summary>
    public RecommendedLeadProfessional? RecommendedLeadProfessional =>
        LatestDecision is { Outcome: PanelDecisionOutcome.ServicesAllocated } d ? d.RecommendedLeadProfessional : null;

    /// <summary>PANEL-06: the allocations with no confirmed start date yet, in agency order.</summary>
    public ImmutableArray<ServiceAllocation> UnconfirmedAllocations =>
        [.. Allocations.Where(a => ConfirmedStartOf(a.Agency) is null)];

    /// <summary>PANEL-06: the start date an allocated service confirmed (the latest), or null.</summary>
    /// <param name="agency">The allocated service.</param>
    /// <returns>The confirmed start date, or null.</returns>
    public DateOnly? ConfirmedStartOf(AgencyId agency)
    {
        for (var i = StartConfirmations.Length - 1; i >= 0; i--)
        {
            if (StartConfirmations[i].Agency == agency)
            {
                return StartConfirmations[i].StartDate;
            }
        }

        return null;
    }

    /// <summary>
    /// PANEL-03, PANEL-05: the case's place in the panel's queue, for <see cref="PanelScheduler"/>: a new-case slot of the
    /// referral's area with the papers' agencies — as a new referral timed at <see cref="PanelReferral.ReferredAt"/> before
    /// the first hearing, or as a re-presentation timed at the decision that asked for more information. Refused
    /// (PANEL-05, field <c>referral</c>) once services are allocated.
    /// </summary>
    /// <param name="slot">The slot's id (for the first hearing, <see cref="PanelSlotRequest.NewCase"/> uses the referral id).</param>
    /// <returns>The slot request, or the refusal.</returns>
    /// <exception cref="ArgumentException">The slot id is default.</exception>
    public Result<PanelSlotRequest> ToSlotRequest(PanelSlotId slot)
    {
        if (slot.IsDefault)
        {
            throw new ArgumentException("The slot id must not be default.", nameof(slot));
        }

        if (!IsAwaitingPanel)
        {
            return Result<PanelSlotRequest>.Refused("PANEL-05", $"The panel allocated services for referral {Referral.Id}: the case is not in the queue.", "referral");
        }

        return LatestDecision is { } represented
            ? new PanelSlotRequest(slot, Referral.Id, Referral.Episode, Referral.Area, PanelSlotOrigin.RePresentation, represented.OccurredAt, PapersFor)
            : new PanelSlotRequest(slot, Referral.Id, Referral.Episode, Referral.Area, PanelSlotOrigin.Referral, Referral.ReferredAt, PapersFor);
    }

    internal EpisodePanelReferral With(PanelDecisionRecorded decision) => this with { Decisions = Decisions.Add(decision) };

    internal EpisodePanelReferral With(PanelServiceStartConfirmed confirmation) => this with { StartConfirmations = StartConfirmations.Add(confirmation) };

    /// <inheritdoc />
    public bool Equals(EpisodePanelReferral? other) =>
        other is not null && Referral.Equals(other.Referral) && RecordedAt == other.RecordedAt
        && ValueEquality.Equal(PapersFor, other.PapersFor) && ValueEquality.Equal(PapersWithheldFrom, other.PapersWithheldFrom)
        && ValueEquality.Equal(Decisions, other.Decisions) && ValueEquality.Equal(StartConfirmations, other.StartConfirmations);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Referral, RecordedAt, Decisions.Length, StartConfirmations.Length);
}
