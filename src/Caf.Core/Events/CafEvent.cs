using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Events;

/// <summary>
/// Base of every domain event. An episode's history is its list of events; nothing is overwritten
/// (LIFE-11). Each event says which episode, when (from the injected <see cref="TimeProvider"/>), who
/// (<see cref="Actor"/>), and carries the data needed to rebuild the episode's state.
/// </summary>
/// <param name="EpisodeId">The episode the event belongs to.</param>
/// <param name="OccurredAt">When it happened, read from the host's <see cref="TimeProvider"/>.</param>
/// <param name="Actor">Who made it happen: practitioner and agency.</param>
/// <remarks>JSON: polymorphic with a stable <c>type</c> discriminator per event (e.g. <c>concern-identified</c>); renaming a C# type never changes stored JSON.
/// The optional <see cref="IdempotencyKey"/> is written as <c>idempotencyKey</c> only when set, so an event without one reads and writes as before.</remarks>
/// <threadsafety>Events are immutable and thread-safe.</threadsafety>
[Immutable]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ConcernIdentified), "concern-identified")]
[JsonDerivedType(typeof(PotentialCafRegistered), "potential-caf-registered")]
[JsonDerivedType(typeof(ConsentRecorded), "consent-recorded")]
[JsonDerivedType(typeof(AssessmentStarted), "assessment-started")]
[JsonDerivedType(typeof(AssessmentCompleted), "assessment-completed")]
[JsonDerivedType(typeof(NextStepChosen), "next-step-chosen")]
[JsonDerivedType(typeof(ReferredToPanel), "referred-to-panel")]
[JsonDerivedType(typeof(LeadProfessionalNominated), "lead-professional-nominated")]
[JsonDerivedType(typeof(NominationConfirmedBySupervisor), "nomination-confirmed-by-supervisor")]
[JsonDerivedType(typeof(NominationAgreedByFamily), "nomination-agreed-by-family")]
[JsonDerivedType(typeof(PlanAgreed), "plan-agreed")]
[JsonDerivedType(typeof(ReviewHeld), "review-held")]
[JsonDerivedType(typeof(ReassessmentRequired), "reassessment-required")]
[JsonDerivedType(typeof(SteppedUp), "stepped-up")]
[JsonDerivedType(typeof(ConsentWithdrawalRecorded), "consent-withdrawn")]
[JsonDerivedType(typeof(ConsentOverrideRecorded), "consent-overridden")]
[JsonDerivedType(typeof(EpisodeClosed), "episode-closed")]
[JsonDerivedType(typeof(EpisodeTransferredOut), "transferred-out")]
[JsonDerivedType(typeof(LinkedToFamilyGroup), "linked-to-family")]
[JsonDerivedType(typeof(ConsentExclusionLifted), "consent-exclusion-lifted")]
[JsonDerivedType(typeof(PlanRevised), "plan-revised")]
[JsonDerivedType(typeof(StepDownTacDecided), "step-down-tac-decided")]
[JsonDerivedType(typeof(OutcomesQuestionnaireRecorded), "outcomes-questionnaire-recorded")]
[JsonDerivedType(typeof(PanelDecisionRecorded), "panel-decision-recorded")]
[JsonDerivedType(typeof(PanelServiceStartConfirmed), "panel-service-start-confirmed")]
[JsonDerivedType(typeof(UnlinkedFromFamilyGroup), "unlinked-from-family")]
[JsonDerivedType(typeof(StepDownTacRequested), "step-down-tac-requested")]
[JsonDerivedType(typeof(PanelReHearingRequested), "panel-rehearing-requested")]
[JsonDerivedType(typeof(PanelReHearingAnswered), "panel-rehearing-answered")]
[JsonDerivedType(typeof(PanelWaitingListReturned), "panel-waiting-list-returned")]
[JsonDerivedType(typeof(PanelAllocationAudited), "panel-allocation-audited")]
[JsonDerivedType(typeof(PanelDecisionSharedWithFamily), "panel-decision-shared-with-family")]
[JsonDerivedType(typeof(ServiceDisagreementRecorded), "service-disagreement-recorded")]
[JsonDerivedType(typeof(PanelProgressReported), "panel-progress-reported")]
[JsonDerivedType(typeof(ReferredToAgencyWithCaf), "referred-to-agency-with-caf")]
[JsonDerivedType(typeof(NextStepsReviewed), "next-steps-reviewed")]
[JsonDerivedType(typeof(FamilyCopyGiven), "family-copy-given")]

[JsonDerivedType(typeof(FamilyAssessmentRecorded), "family-assessment-recorded")]
[JsonDerivedType(typeof(FamilyAssessmentReused), "family-assessment-reused")]
[JsonDerivedType(typeof(EpisodeTransferredToAuthority), "transferred-to-authority")]
[JsonDerivedType(typeof(EpisodeTransferredIn), "transferred-in")]
public abstract record CafEvent(EpisodeId EpisodeId, DateTimeOffset OccurredAt, Actor Actor)
{
    /// <summary>
    /// The id of the policy version the event was accepted under (<see cref="Policy.PolicyVersion"/>), set by the
    /// episode when it records the event; replay judges the event under that version. Null in documents stored
    /// before policy versions existed: such an event is judged under the version in effect at its
    /// <see cref="OccurredAt"/> (docs/policy-versions.md).
    /// </summary>
    /// <remarks>JSON: <c>policyVersion</c>, omitted when null.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PolicyVersion { get; init; }

    /// <summary>
    /// The host's idempotency key of the command that recorded this event, or null. Set by
    /// <c>CafRegister.ExecuteAsync</c> with a key, on the first event the command recorded; unique within an episode:
    /// a history holding a key twice is refused on reading (LIFE-11), and a database store has a unique index on it.
    /// </summary>
    [JsonPropertyName("idempotencyKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IdempotencyKey? IdempotencyKey { get; init; }

    /// <summary>
    /// The event's type, episode, time and actor only: the free texts and personal details an event carries (the
    /// concern, names, reasons, plans) are left out, so an event written to a log or an exception message leaks none of
    /// them. Sealed: no event type prints more.
    /// </summary>
    /// <returns>For example <c>ConsentRecorded { EpisodeId = ep-1, OccurredAt = 2026-03-02T09:00:00.0000000+00:00, Actor = ... }</c>.</returns>
    public sealed override string ToString() =>
        $"{GetType().Name} {{ EpisodeId = {EpisodeId}, OccurredAt = {OccurredAt:O}, Actor = {Actor} }}";
}
