using System;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Display texts for the episode's states, actions, next steps, review judgements and events (the UI port): plain
/// English a practitioner or a family reads, instead of enum or type names. Hosts that localise map the values
/// themselves.
/// </summary>
public static class LifecycleDisplayText
{
    /// <summary>The text for a state (LIFE-01..12).</summary>
    /// <param name="state">The state.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(EpisodeState state) => state switch
    {
        EpisodeState.Identified => "Concern identified, assessment not started",
        EpisodeState.PotentialFromStepDown => "Potential CAF from step-down",
        EpisodeState.Assessing => "Assessment in progress",
        EpisodeState.Assessed => "Assessment completed, next step being chosen",
        EpisodeState.PanelReferred => "Referred to a panel",
        EpisodeState.PlanActive => "Action plan in place",
        EpisodeState.ConsentWithdrawn => "Consent withdrawn",
        EpisodeState.Closed => "CAF closed",
        EpisodeState.TransferredOut => "Transferred to another authority",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown episode state."),
    };

    /// <summary>The text of an action, as a button or a link would say it.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(EpisodeAction action) => action switch
    {
        EpisodeAction.RecordConsent => "Record consent",
        EpisodeAction.StartAssessment => "Start assessment",
        EpisodeAction.CompleteAssessment => "Complete assessment",
        EpisodeAction.ChooseNoFurtherAction => "Choose no further action",
        EpisodeAction.ChooseSupport => "Choose the support",
        EpisodeAction.ReferToPanel => "Refer to a panel",
        EpisodeAction.NominateLeadProfessional => "Nominate the lead professional",
        EpisodeAction.AgreePlan => "Agree the action plan",
        EpisodeAction.HoldReview => "Hold a review",
        EpisodeAction.RequireReassessment => "Require a reassessment",
        EpisodeAction.StepUp => "Step up to a specialist service",
        EpisodeAction.WithdrawConsent => "Record a withdrawal of consent",
        EpisodeAction.OverrideConsent => "Override consent (safeguarding)",
        EpisodeAction.Close => "Close the CAF",
        EpisodeAction.TransferOut => "Transfer to another authority",
        EpisodeAction.LinkToFamily => "Link to a family group",
        EpisodeAction.ConfirmNomination => "Record the supervisor's confirmation",
        EpisodeAction.RecordFamilyAgreement => "Record the family's agreement",
        EpisodeAction.LiftExclusion => "Lift an exclusion",
        EpisodeAction.RevisePlan => "Revise the action plan",
        EpisodeAction.CloseAfterStepDownTac => "Close after the step-down meeting",
        EpisodeAction.ContinueAfterStepDownTac => "Continue after the step-down meeting",
        EpisodeAction.RecordOutcomesQuestionnaire => "Record the \"How have you been doing?\" questionnaire",
        EpisodeAction.RecordPanelDecision => "Record the panel's decision",
        EpisodeAction.ConfirmServiceStart => "Confirm an allocated service's start",
        EpisodeAction.RequestStepDownTac => "Record the family's request for a step-down meeting",
        EpisodeAction.RequestReHearing => "Ask the chair for a re-hearing",
        EpisodeAction.AnswerReHearing => "Record the chair's answer to a re-hearing request",
        EpisodeAction.ReturnFromWaitingList => "Bring the referral back to the panel (waiting list)",
        EpisodeAction.RecordAllocationAudit => "Record an allocated service's quarterly audit answer",
        EpisodeAction.RecordDecisionSharedWithFamily => "Record the decision sheet shared with the family",
        EpisodeAction.RecordServiceDisagreement => "Record a disagreement about an allocated service",
        EpisodeAction.ReportProgressToPanel => "Report progress to the panel",
        EpisodeAction.ReferToAgencyWithCaf => "Refer to an agency with the CAF",
        EpisodeAction.ReviewNextSteps => "Review the next steps with the supervisor and CAF lead",
        EpisodeAction.GiveFamilyCopy => "Give the family their copy",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown episode action."),
    };

    /// <summary>The text for what an agency holds on an episode (a standing grant).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(StandingGrantKind kind) => kind switch
    {
        StandingGrantKind.LeadProfessionalRole => "The lead-professional role",
        StandingGrantKind.PlanDelivery => "Delivering the action plan",
        StandingGrantKind.PanelPapers => "The panel referral papers",
        StandingGrantKind.PanelAllocation => "A service allocated by the panel",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown standing grant."),
    };

    /// <summary>The text for a next step (LIFE-07).</summary>
    /// <param name="step">The step.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(NextStep step) => step switch
    {
        NextStep.NoFurtherAction => "No further action",
        NextStep.FamilyAction => "Family action",
        NextStep.SingleAgencySupport => "Single-agency support",
        NextStep.MultiAgencySupport => "Multi-agency support with a lead professional",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown next step."),
    };

    /// <summary>The text for a review's judgement of progress (REV-02, REV-03).</summary>
    /// <param name="progress">The judgement.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(ReviewProgress progress) => progress switch
    {
        ReviewProgress.Sufficient => "Sufficient progress",
        ReviewProgress.Insufficient => "Insufficient progress",
        _ => throw new ArgumentOutOfRangeException(nameof(progress), progress, "Unknown review progress."),
    };

    /// <summary>What an event of the episode's history records (LIFE-11), as a heading.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="event"/> is null.</exception>
    /// <exception cref="ArgumentException">The event is not one of Caf.Core's episode events.</exception>
    public static string For(CafEvent @event) => Guard.Against.Null(@event) switch
    {
        ConcernIdentified => "Concern identified",
        PotentialCafRegistered => "Potential CAF registered from a step-down",
        ConsentRecorded => "Consent recorded",
        ConsentExclusionLifted => "Exclusion lifted",
        AssessmentStarted => "Assessment started",
        AssessmentCompleted => "Assessment completed",
        NextStepChosen => "Next step chosen",
        ReferredToPanel => "Referred to a panel",
        LeadProfessionalNominated => "Lead professional nominated",
        NominationConfirmedBySupervisor => "Supervisor confirmed the nominee",
        NominationAgreedByFamily => "Family agreed to the nominee",
        PlanAgreed => "Plan agreed",
        PlanRevised => "Plan revised",
        ReviewHeld => "Review held",
        ReassessmentRequired => "Assessment to be reconsidered",
        StepDownTacDecided => "Step-down TAC decided",
        SteppedUp => "Stepped up",
        ConsentWithdrawalRecorded => "Consent withdrawn",
        ConsentOverrideRecorded => "Consent overridden",
        EpisodeClosed => "CAF closed",
        EpisodeTransferredOut => "Transferred to another authority",
        EpisodeTransferredToAuthority => "Transferred to another authority of this service",
        EpisodeTransferredIn => "Transferred from another authority",
        LinkedToFamilyGroup => "Linked to a family group",
        UnlinkedFromFamilyGroup => "Left the family group",
        FamilyAssessmentRecorded => "Family and environment recorded for the family",
        FamilyAssessmentReused => "Family and environment reused from a sibling's CAF",
        OutcomesQuestionnaireRecorded => "Outcomes questionnaire recorded",
        PanelDecisionRecorded => "Panel decision recorded",
        PanelServiceStartConfirmed => "Allocated service confirmed its start",
        StepDownTacRequested => "Family asked for a step-down meeting",
        PanelReHearingRequested => "Re-hearing requested",
        PanelReHearingAnswered => "Chair answered the re-hearing request",
        PanelWaitingListReturned => "Brought back to the panel from a waiting list",
        PanelAllocationAudited => "Quarterly audit answer recorded",
        PanelDecisionSharedWithFamily => "Decision sheet shared with the family",
        ServiceDisagreementRecorded => "Disagreement about a service recorded",
        PanelProgressReported => "Progress reported to the panel",
        ReferredToAgencyWithCaf => "Referred to an agency with the CAF",
        NextStepsReviewed => "Next steps reviewed with the supervisor and CAF lead",
        FamilyCopyGiven => "The family given their copy",
        _ => throw new ArgumentException($"{@event.GetType().Name} is not an episode event of Caf.Core.", nameof(@event)),
    };

    /// <summary>
    /// What an event of the history did, in one sentence (without who and when, which the event carries:
    /// <see cref="CafEvent.Actor"/>, <see cref="CafEvent.OccurredAt"/>).
    /// </summary>
    /// <param name="e">The event.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null, or it lacks the record it carries (a consent, a withdrawal, a lift).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The event is of a type this release does not know, or holds an undefined value.</exception>
    public static string Describe(CafEvent e) => Describe(e, CafNames.Ids);

    /// <summary>
    /// What an event of the history did, in one sentence, naming practitioners and agencies as the host's directory
    /// does (the naming port, <see cref="ICafNames"/>; ids where it does not know them).
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="names">The naming port.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or the event lacks the record it carries (a consent, a withdrawal, a lift).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The event is of a type this release does not know, or holds an undefined value.</exception>
    public static string Describe(CafEvent e, ICafNames names)
    {
        Guard.Against.Null(e);
        var n = Guard.Against.Null(names);
        return e switch
        {
            ConcernIdentified c => $"Concern identified: {c.Concern}",
            PotentialCafRegistered => "Potential CAF registered from a specialist service's step-down information",
            ConsentRecorded c => DescribeConsent(c, n),
            ConsentExclusionLifted l => $"{ConsentDisplayText.For(Guard.Against.Null(l.Lift, nameof(e)).LiftedBy)} lifted the exclusion of {n.Name(l.Lift.Agency)}",
            AssessmentStarted a => $"Assessment started: {a.Reason}",
            AssessmentCompleted a => $"Assessment completed: {a.Reason}",
            NextStepChosen step => $"Next step chosen: {For(step.Step)}",
            ReferredToPanel r => $"Referred to the {Guard.Against.Null(r.Referral, nameof(e)).Area} panel",
            PanelDecisionRecorded => "The panel's decision sheet recorded",
            PanelServiceStartConfirmed s => $"{n.Name(s.Agency)} confirmed its start on {s.StartDate:d MMMM yyyy}",
            LeadProfessionalNominated l => $"{n.Name(new Actor(l.Practitioner, l.Agency))} nominated as lead professional",
            NominationConfirmedBySupervisor s => $"Nomination confirmed by the supervisor, {n.Name(s.Supervisor)}",
            NominationAgreedByFamily => "The family agreed to the nominated lead professional",
            PlanAgreed => "Action plan agreed",
            PlanRevised => "Action plan revised",
            ReviewHeld r => $"Review of the action plan (version {r.PlanVersion}) held",
            ReassessmentRequired => "Reassessment required",
            StepDownTacDecided => "The step-down meeting decided",
            SteppedUp s => $"Stepped up to {s.SpecialistService}",
            ConsentWithdrawalRecorded w => $"{ConsentDisplayText.For(Guard.Against.Null(w.Withdrawal, nameof(e)).WithdrawnBy)} withdrew consent",
            ConsentOverrideRecorded => "Consent overridden in the child's best interest",
            EpisodeClosed c => $"Closed: {ClosureDisplayText.For(c.Outcome)}",
            EpisodeTransferredOut t => $"Transferred to {t.ReceivingAuthority}",
            EpisodeTransferredToAuthority t => $"Transferred to {t.ReceivingAuthority} (its episode {t.ReceivingEpisode})",
            EpisodeTransferredIn t => $"Transferred from {t.SendingAuthority} (its episode {t.SendingEpisode})",
            LinkedToFamilyGroup f => $"Linked to family group {f.FamilyGroup}",
            UnlinkedFromFamilyGroup u => $"Left family group {u.FamilyGroup}: the link may no longer share with {n.Name(u.Agency)} ({u.RuleId})",
            OutcomesQuestionnaireRecorded => "\"How have you been doing?\" questionnaire recorded",
            StepDownTacRequested r => $"{r.RequestedBy} asked for a step-down TAC meeting",
            PanelReHearingRequested r => $"The {(r.RaisedBy == PanelDisagreementParty.Family ? "family" : "referrer")} asked the chair for a re-hearing of referral {r.Referral}",
            PanelReHearingAnswered a => $"The chair, {a.Chair}, {(a.Outcome == PanelReHearingOutcome.Agreed ? "agreed to a re-hearing" : "declined a re-hearing")} of referral {a.Referral}",
            PanelWaitingListReturned w => $"Referral {w.Referral} brought back to the panel: {n.Name(w.Agency)} has a waiting list",
            PanelAllocationAudited a => a.AllocationMade
                ? $"{n.Name(a.Agency)} confirmed at the quarterly audit that the allocation was made{(a.StartDate is { } d ? $", starting {d:d MMMM yyyy}" : "")}"
                : $"{n.Name(a.Agency)} said at the quarterly audit that the allocation was not made",
            PanelDecisionSharedWithFamily => "The referrer shared the panel's decision sheet with the family",
            ServiceDisagreementRecorded d => d.Step switch
            {
                ServiceDisagreementStep.TakenUpWithAgency => $"A disagreement about {n.Name(d.Agency)}'s service taken up with the agency, the lead professional informed",
                ServiceDisagreementStep.Resolved => $"The disagreement about {n.Name(d.Agency)}'s service resolved",
                ServiceDisagreementStep.EscalatedToManager => $"The disagreement about {n.Name(d.Agency)}'s service raised with the CAF / panel manager",
                _ => throw new ArgumentOutOfRangeException(nameof(e), d.Step, "Unknown step."),
            },
            PanelProgressReported p => $"The lead professional reported progress to the {p.Meeting.Area} panel on {p.Meeting.Date:d MMMM yyyy}",
            ReferredToAgencyWithCaf r => $"Referred to {n.Name(r.Agency)} with the completed CAF as the request: {r.Service}",
            NextStepsReviewed r => $"Next steps reviewed with the supervisor, {n.Name(r.Supervisor)}, and the CAF lead, {n.Name(r.CafLead)}, on {r.HeldOn:d MMMM yyyy}: {r.Agreed}",
            FamilyCopyGiven c => $"{c.GivenTo} was given a copy of {(c.AssessmentIncluded ? c.PlanVersion is { } v ? $"the assessment and plan version {v}" : "the assessment" : $"plan version {c.PlanVersion}")} ({c.How})",

            FamilyAssessmentRecorded f => $"Family and environmental part of the assessment recorded for family group {f.FamilyGroup}: {Guard.Against.Null(f.Part, nameof(e)).Summary}",
            FamilyAssessmentReused r => $"Family and environmental part reused from a sibling's CAF, recorded by {n.Name(r.RecordedBy)}: {Guard.Against.Null(r.Part, nameof(e)).Summary}",
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
        };
    }

    private static string DescribeConsent(ConsentRecorded c, ICafNames names)
    {
        var r = Guard.Against.Null(c.Record, "e");
        var text = $"{ConsentDisplayText.For(r.Decision)} by {r.GiverName} ({ConsentDisplayText.For(r.GiverRole)}, {ConsentDisplayText.For(r.Form).ToLowerInvariant()})";
        return r.ExcludedAgencies.IsEmpty ? text : $"{text}, excluding {string.Join(", ", r.ExcludedAgencies.Select(a => names.Name(a)))}";
    }
}
