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

    /// <summary>
    /// SHARE-01: the panel's member agencies that could see the papers when the referral was recorded (sorted): the record
    /// of that decision. What goes out now is judged again (<see cref="CafEpisode.JudgePanelPapers"/>,
    /// <see cref="PanelAgenda.IssuePapers"/>).
    /// </summary>
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

    /// <summary>
    /// PANEL-06: the allocations with no confirmed start date yet, in agency order, as recorded; an allocation the consent in
    /// force no longer covers is among <see cref="CafEpisode.SuspendedGrants"/> (and the quarterly audit lists it as suspended).
    /// </summary>
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

    /// <summary>The panel's member agencies when the referral was made: everyone its papers could go to (sorted).</summary>
    internal ImmutableArray<AgencyId> Members => [.. PapersFor.Concat(PapersWithheldFrom).Distinct().Order()];

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
