using System;
using Ardalis.GuardClauses;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;

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
        EpisodeState.Identified => "Needs identified, consent being sought",
        EpisodeState.PotentialFromStepDown => "Potential CAF from a step-down",
        EpisodeState.Assessing => "Assessment under way",
        EpisodeState.Assessed => "Assessed, next step being chosen",
        EpisodeState.PanelReferred => "Referred to a panel",
        EpisodeState.PlanActive => "Plan being delivered and reviewed",
        EpisodeState.ConsentWithdrawn => "Consent withdrawn",
        EpisodeState.Closed => "Closed",
        EpisodeState.TransferredOut => "Transferred to another authority",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown episode state."),
    };

    /// <summary>The text for an action a practitioner may take (the "what next" list).</summary>
    /// <param name="action">The action.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(EpisodeAction action) => action switch
    {
        EpisodeAction.RecordConsent => "Record consent",
        EpisodeAction.StartAssessment => "Start the assessment",
        EpisodeAction.CompleteAssessment => "Complete the assessment",
        EpisodeAction.ChooseNoFurtherAction => "Decide no further action",
        EpisodeAction.ChooseSupport => "Choose family action or support",
        EpisodeAction.ReferToPanel => "Refer to a panel",
        EpisodeAction.NominateLeadProfessional => "Nominate the lead professional",
        EpisodeAction.AgreePlan => "Agree the plan",
        EpisodeAction.HoldReview => "Hold a review",
        EpisodeAction.RequireReassessment => "Reconsider the assessment",
        EpisodeAction.StepUp => "Step up to a specialist service",
        EpisodeAction.WithdrawConsent => "Record a withdrawal of consent",
        EpisodeAction.OverrideConsent => "Override consent",
        EpisodeAction.Close => "Close the CAF",
        EpisodeAction.TransferOut => "Transfer to another authority",
        EpisodeAction.LinkToFamily => "Link to the family's other CAFs",
        EpisodeAction.ConfirmNomination => "Record the supervisor's confirmation",
        EpisodeAction.RecordFamilyAgreement => "Record the family's agreement",
        EpisodeAction.LiftExclusion => "Record that an exclusion is lifted",
        EpisodeAction.RevisePlan => "Revise the plan",
        EpisodeAction.CloseAfterStepDownTac => "Close after the step-down TAC",
        EpisodeAction.ContinueAfterStepDownTac => "Continue support after the step-down TAC",
        EpisodeAction.RecordOutcomesQuestionnaire => "Record the outcomes questionnaire",
        EpisodeAction.RecordPanelDecision => "Record the panel's decision",
        EpisodeAction.ConfirmServiceStart => "Confirm an allocated service's start",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown episode action."),
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
        LinkedToFamilyGroup => "Linked to a family group",
        OutcomesQuestionnaireRecorded => "Outcomes questionnaire recorded",
        PanelDecisionRecorded => "Panel decision recorded",
        PanelServiceStartConfirmed => "Allocated service confirmed its start",
        _ => throw new ArgumentException($"{@event.GetType().Name} is not an episode event of Caf.Core.", nameof(@event)),
    };
}
