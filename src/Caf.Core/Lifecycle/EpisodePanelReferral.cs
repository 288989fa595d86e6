using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Events;
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

    /// <summary>
    /// PANEL-06..10: what happened to the referral after its decision sheets, oldest first: re-hearing requests and the
    /// chair's answers (<see cref="PanelReHearingRequested"/>, <see cref="PanelReHearingAnswered"/>), waiting-list returns
    /// (<see cref="PanelWaitingListReturned"/>), quarterly audit answers (<see cref="PanelAllocationAudited"/>), the decision
    /// sheet shared with the family (<see cref="PanelDecisionSharedWithFamily"/>), disagreements about a service
    /// (<see cref="ServiceDisagreementRecorded"/>) and progress reports to the panel (<see cref="PanelProgressReported"/>).
    /// </summary>
    public ImmutableArray<CafEvent> Aftercare { get; private init; } = [];

    /// <summary>
    /// PANEL-06, PANEL-07: the event that brought the allocated referral back to the panel's queue since its latest decision
    /// sheet (an agreed re-hearing or a waiting-list return), or null.
    /// </summary>
    public CafEvent? ReturnedToPanelBy { get; private init; }

    /// <summary>PANEL-07: the re-hearing request awaiting the chair's answer, or null.</summary>
    public PanelReHearingRequested? PendingReHearing { get; private init; }

    /// <summary>PANEL-08: when the referrer shared the latest decision sheet with the family, or null while not recorded.</summary>
    public PanelDecisionSharedWithFamily? LatestDecisionSharedWithFamily
    {
        get
        {
            for (var i = Aftercare.Length - 1; LatestDecision is not null && i >= AftercareAtDecision; i--)
            {
                if (Aftercare[i] is PanelDecisionSharedWithFamily shared)
                {
                    return shared;
                }
            }

            return null;
        }
    }

    /// <summary>PANEL-10: the progress reports the lead professional made to the panel, oldest first.</summary>
    public ImmutableArray<PanelProgressReported> ProgressReports => [.. Aftercare.OfType<PanelProgressReported>()];

    /// <summary>PANEL-09: the disagreements about an allocated service, every step, oldest first.</summary>
    public ImmutableArray<ServiceDisagreementRecorded> ServiceDisagreements => [.. Aftercare.OfType<ServiceDisagreementRecorded>()];

    /// <summary>PANEL-09: the latest step of the disagreement about <paramref name="agency"/>'s service, or null if none was raised.</summary>
    /// <param name="agency">The agency providing the service.</param>
    /// <returns>The latest step.</returns>
    public ServiceDisagreementStep? DisagreementStepOf(AgencyId agency) =>
        Aftercare.OfType<ServiceDisagreementRecorded>().LastOrDefault(d => d.Agency == agency)?.Step;

    // How many aftercare events there were when the latest decision sheet was recorded.
    private int AftercareAtDecision { get; init; }

    /// <summary>The latest decision sheet, if any.</summary>
    public PanelDecisionRecorded? LatestDecision => Decisions.IsEmpty ? null : Decisions[^1];

    /// <summary>
    /// PANEL-03, PANEL-05: true while the case waits for the panel: not yet heard, or last decided "re-present with
    /// more information" (back in the queue).
    /// </summary>
    public bool IsAwaitingPanel => LatestDecision is not { Outcome: PanelDecisionOutcome.ServicesAllocated } || ReturnedToPanelBy is not null;

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

    /// <summary>PANEL-06: the start date an allocated service confirmed (the latest), or given at the quarterly audit, or null.</summary>
    /// <param name="agency">The allocated service.</param>
    /// <returns>The confirmed start date, or null.</returns>
    public DateOnly? ConfirmedStartOf(AgencyId agency)
    {
        for (var i = Aftercare.Length - 1; i >= 0; i--)
        {
            if (Aftercare[i] is PanelAllocationAudited { AllocationMade: true, StartDate: { } audited } a && a.Agency == agency
                && !StartConfirmations.Any(c => c.Agency == agency && c.OccurredAt > a.OccurredAt))
            {
                return audited;
            }
        }

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

    internal EpisodePanelReferral With(PanelDecisionRecorded decision) =>
        this with { Decisions = Decisions.Add(decision), ReturnedToPanelBy = null, PendingReHearing = null, AftercareAtDecision = Aftercare.Length };

    internal EpisodePanelReferral WithAftercare(CafEvent e) => e switch
    {
        PanelReHearingRequested r => this with { Aftercare = Aftercare.Add(e), PendingReHearing = r },
        PanelReHearingAnswered { Outcome: PanelReHearingOutcome.Agreed } => this with { Aftercare = Aftercare.Add(e), PendingReHearing = null, ReturnedToPanelBy = e },
        PanelReHearingAnswered => this with { Aftercare = Aftercare.Add(e), PendingReHearing = null },
        PanelWaitingListReturned => this with { Aftercare = Aftercare.Add(e), ReturnedToPanelBy = e },
        _ => this with { Aftercare = Aftercare.Add(e) },
    };

    internal EpisodePanelReferral With(PanelServiceStartConfirmed confirmation) => this with { StartConfirmations = StartConfirmations.Add(confirmation) };

    /// <inheritdoc />
    public bool Equals(EpisodePanelReferral? other) =>
        other is not null && Referral.Equals(other.Referral) && RecordedAt == other.RecordedAt
        && ValueEquality.Equal(PapersFor, other.PapersFor) && ValueEquality.Equal(PapersWithheldFrom, other.PapersWithheldFrom)
        && ValueEquality.Equal(Decisions, other.Decisions) && ValueEquality.Equal(StartConfirmations, other.StartConfirmations)
        && ValueEquality.Equal(Aftercare, other.Aftercare);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Referral, RecordedAt, Decisions.Length, StartConfirmations.Length, Aftercare.Length);
}
