namespace Caf.Core.Lifecycle;

/// <summary>
/// What may be done to an open episode: the lifecycle's triggers, one per command. A UI asks
/// <see cref="CafEpisode.GetAvailableActions(Caf.Core.Primitives.Actor)"/> which are permitted now and why the others are not.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Caf.Core.Primitives.StrictEnumConverter<EpisodeAction>))]
public enum EpisodeAction
{
    /// <summary>Record a consent decision (CONS-01..05, CONS-08).</summary>
    RecordConsent = 0,

    /// <summary>Start the assessment (LIFE-05: needs sufficient consent).</summary>
    StartAssessment = 1,

    /// <summary>Complete the assessment with its thresholds result (THR-07).</summary>
    CompleteAssessment = 2,

    /// <summary>Choose no further action: closes the episode (LIFE-07, CLOSE-09).</summary>
    ChooseNoFurtherAction = 3,

    /// <summary>Choose family action, single-agency or multi-agency support (LIFE-07).</summary>
    ChooseSupport = 4,

    /// <summary>Refer to a panel, MAF/MAAG (LIFE-07, PANEL-01; CONS-04 written consent).</summary>
    ReferToPanel = 5,

    /// <summary>Nominate the lead professional (LP-02..LP-04, LP-11) or a successor for a handover (LP-10).</summary>
    NominateLeadProfessional = 6,

    /// <summary>Agree the action plan (PLAN-01, LIFE-08: multi-agency needs an appointed LP; on a panel case, PANEL-05: after the panel allocated services).</summary>
    AgreePlan = 7,

    /// <summary>Hold a review of the plan (REV-01, REV-02; refused once REV-03 requires reassessment and a new plan).</summary>
    HoldReview = 8,

    /// <summary>Reconsider the assessment and negotiate a new plan (REV-03).</summary>
    RequireReassessment = 9,

    /// <summary>Step up to a specialist service or safeguarding (LIFE-04): closes as stepped up.</summary>
    StepUp = 10,

    /// <summary>Record a withdrawal of consent (CONS-07).</summary>
    WithdrawConsent = 11,

    /// <summary>Override consent in the child's best interest (CONS-06): closes as consent overridden.</summary>
    OverrideConsent = 12,

    /// <summary>Close naming the criteria met and one outcome of the taxonomy (CLOSE-C1..C4, CLOSE-01..05, CLOSE-08).</summary>
    Close = 13,

    /// <summary>Transfer the episode to another authority (RET-02).</summary>
    TransferOut = 14,

    /// <summary>Link the episode to a family group of siblings (REG-03).</summary>
    LinkToFamily = 15,

    /// <summary>Record the nominee's supervisor's confirmation (LP-06).</summary>
    ConfirmNomination = 16,

    /// <summary>Record the child's and family's agreement to the nominee (LP-05).</summary>
    RecordFamilyAgreement = 17,

    /// <summary>Record that the person who excluded an agency lifted their exclusion (CONS-05).</summary>
    LiftExclusion = 18,

    /// <summary>Revise the plan, normally at a review: the next version (PLAN-01..03; refused while REV-03 requires reassessment).</summary>
    RevisePlan = 19,

    /// <summary>STEP-03: the step-down TAC decided no further TAC intervention is needed: the potential CAF closes.</summary>
    CloseAfterStepDownTac = 20,

    /// <summary>STEP-03: the step-down TAC decided on ongoing support: the lead professional and plan are confirmed.</summary>
    ContinueAfterStepDownTac = 21,

    /// <summary>OUTQ-01: record a completion of the "How have you been doing?" questionnaire, from the assessment until closure.</summary>
    RecordOutcomesQuestionnaire = 22,

    /// <summary>PANEL-05: apply the panel's decision sheet (allocations and the recommended LP, or re-present with more information).</summary>
    RecordPanelDecision = 23,

    /// <summary>PANEL-06: record the start date an allocated service confirmed.</summary>
    ConfirmServiceStart = 24,

    /// <summary>STEP-04: record that the family asked for a step-down TAC meeting; the potential CAF then waits for the TAC's decision.</summary>
    RequestStepDownTac = 25,

    /// <summary>PANEL-07: record that the family or the referrer asked the chair for a re-hearing of the panel's decision.</summary>
    RequestReHearing = 26,

    /// <summary>PANEL-07: record the chair's answer to a re-hearing request (agreed: back to the panel).</summary>
    AnswerReHearing = 27,

    /// <summary>PANEL-06: an allocated service's waiting list brings the referral back to the panel.</summary>
    ReturnFromWaitingList = 28,

    /// <summary>PANEL-06: record an allocated service's answer to the quarterly audit.</summary>
    RecordAllocationAudit = 29,

    /// <summary>PANEL-08: record that the referrer shared the panel's decision sheet with the family.</summary>
    RecordDecisionSharedWithFamily = 30,

    /// <summary>PANEL-09: record a disagreement about the way an allocated service is provided (taken up, resolved, escalated).</summary>
    RecordServiceDisagreement = 31,

    /// <summary>PANEL-10: the lead professional reports the case's progress to a following panel meeting.</summary>
    ReportProgressToPanel = 32,

    /// <summary>LIFE-13: send the completed CAF to a single agency as its referral; the referrer stays lead professional.</summary>
    ReferToAgencyWithCaf = 33,

    /// <summary>LIFE-14: record the review of the next steps with the supervisor and the local CAF lead, before the assessment is completed.</summary>
    ReviewNextSteps = 34,

    /// <summary>CONS-09: record the family's copy of the completed assessment and the agreed plan.</summary>
    GiveFamilyCopy = 35,
}
