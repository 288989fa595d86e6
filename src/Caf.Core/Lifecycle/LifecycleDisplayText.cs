using System;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Display texts for the lifecycle (the UI port): every episode state, action and next step in plain English a
/// practitioner or a family reads, and one sentence for each event of an episode's history (LIFE-11: what was
/// done). Hosts that localise map the enum values themselves.
/// </summary>
public static class LifecycleDisplayText
{
    /// <summary>The text of an episode state.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(EpisodeState state) => state switch
    {
        EpisodeState.Identified => "Concern identified, consent being sought",
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
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown episode action."),
    };

    /// <summary>The text of a next step (LIFE-07).</summary>
    /// <param name="step">The next step.</param>
    /// <returns>The display text.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public static string For(NextStep step) => step switch
    {
        NextStep.NoFurtherAction => "No further action",
        NextStep.FamilyAction => "Family action",
        NextStep.SingleAgencySupport => "Single-agency support",
        NextStep.MultiAgencySupport => "Multi-agency support",
        NextStep.PanelReferral => "Panel referral",
        NextStep.StepUp => "Step up",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown next step."),
    };

    /// <summary>
    /// What an event of the history did, in one sentence (without who and when, which the event carries:
    /// <see cref="CafEvent.Actor"/>, <see cref="CafEvent.OccurredAt"/>).
    /// </summary>
    /// <param name="e">The event.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null, or it lacks the record it carries (a consent, a withdrawal, a lift).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The event is of a type this release does not know, or holds an undefined value.</exception>
    public static string Describe(CafEvent e) => Guard.Against.Null(e) switch
    {
        ConcernIdentified c => $"Concern identified: {c.Concern}",
        PotentialCafRegistered => "Potential CAF registered from a specialist service's step-down information",
        ConsentRecorded c => DescribeConsent(c),
        ConsentExclusionLifted l => $"{ConsentDisplayText.For(Guard.Against.Null(l.Lift, nameof(e)).LiftedBy)} lifted the exclusion of {l.Lift.Agency}",
        AssessmentStarted a => $"Assessment started: {a.Reason}",
        AssessmentCompleted a => $"Assessment completed: {a.Reason}",
        NextStepChosen n => $"Next step chosen: {For(n.Step)}",
        ReferredToPanel r => $"Referred to {r.Panel}",
        LeadProfessionalNominated n => $"{n.Practitioner} ({n.Agency}) nominated as lead professional",
        NominationConfirmedBySupervisor s => $"Nomination confirmed by the supervisor, {s.Supervisor}",
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
        LinkedToFamilyGroup f => $"Linked to family group {f.FamilyGroup}",
        OutcomesQuestionnaireRecorded => "\"How have you been doing?\" questionnaire recorded",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown event type."),
    };

    private static string DescribeConsent(ConsentRecorded c)
    {
        var r = Guard.Against.Null(c.Record, "e");
        var text = $"{ConsentDisplayText.For(r.Decision)} by {r.GiverName} ({ConsentDisplayText.For(r.GiverRole)}, {ConsentDisplayText.For(r.Form).ToLowerInvariant()})";
        return r.ExcludedAgencies.IsEmpty ? text : $"{text}, excluding {string.Join(", ", r.ExcludedAgencies)}";
    }
}
