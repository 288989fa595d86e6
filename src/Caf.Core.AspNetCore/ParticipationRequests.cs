using System;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;

namespace Caf.Core.AspNetCore;

/// <summary>The body of "start the assessment" (LIFE-05): why, and optionally the ground for a CAF (LIFE-14).</summary>
public sealed class StartAssessmentRequest
{
    /// <summary>LIFE-14: why a CAF now; omitted on a start that gives none (refused where local policy requires it).</summary>
    public CafStartGround? Ground { get; init; }

    /// <summary>Why, in the practitioner's words (LIFE-11).</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "the next steps were reviewed with the supervisor and the local CAF lead" (LIFE-14).</summary>
public sealed class NextStepsReviewRequest
{
    /// <summary>The practitioner's supervisor (their practitioner id).</summary>
    public string? Supervisor { get; init; }

    /// <summary>The local CAF lead (their practitioner id).</summary>
    public string? CafLead { get; init; }

    /// <summary>The day the review was held.</summary>
    public DateOnly HeldOn { get; init; }

    /// <summary>What was agreed about the next steps.</summary>
    public string? Agreed { get; init; }
}

/// <summary>The body of "send the completed CAF to an agency as its referral" (LIFE-13).</summary>
public sealed class AgencyReferralRequest
{
    /// <summary>The agency referred to (its id): it receives the assessment through the sharing gate (SHARE-01).</summary>
    public string? Agency { get; init; }

    /// <summary>The service or piece of work asked for.</summary>
    public string? Service { get; init; }

    /// <summary>Why this agency and service (LIFE-11).</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "the family was given their copy" (CONS-09).</summary>
public sealed class FamilyCopyRequest
{
    /// <summary>The family member, by name.</summary>
    public string? GivenTo { get; init; }

    /// <summary>True when the copy holds the completed assessment.</summary>
    public bool AssessmentIncluded { get; init; }

    /// <summary>The agreed plan version the copy holds, if any.</summary>
    public int? PlanVersion { get; init; }

    /// <summary>How it was given.</summary>
    public string? How { get; init; }
}

/// <summary>The body of "the family asked for a step-down TAC meeting" (STEP-04).</summary>
public sealed class StepDownTacRequestRequest
{
    /// <summary>Who asked, by name.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>Their role.</summary>
    public ConsentGiverRole Role { get; init; }

    /// <summary>What they asked for, in their words (LIFE-11).</summary>
    public string? Reason { get; init; }
}

/// <summary>The common part of a command about one of the episode's panel referrals (PANEL-06..10).</summary>
public abstract class PanelReferralRequest
{
    /// <summary>The panel referral (its id).</summary>
    public string? Referral { get; init; }
}

/// <summary>The body of "a re-hearing of the panel's decision was asked" (PANEL-07).</summary>
public sealed class ReHearingRequest : PanelReferralRequest
{
    /// <summary>Who disagrees: the family or the referrer.</summary>
    public PanelDisagreementParty RaisedBy { get; init; }

    /// <summary>What the disagreement is.</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "the chair answered the re-hearing request" (PANEL-07).</summary>
public sealed class ReHearingAnswerRequest : PanelReferralRequest
{
    /// <summary>The chair who answered.</summary>
    public string? Chair { get; init; }

    /// <summary>Agreed or declined.</summary>
    public PanelReHearingOutcome Outcome { get; init; }

    /// <summary>The chair's note, if any.</summary>
    public string? Note { get; init; }
}

/// <summary>The body of "an allocated service's waiting list brings the referral back to the panel" (PANEL-06).</summary>
public sealed class WaitingListReturnRequest : PanelReferralRequest
{
    /// <summary>The allocated agency (its id).</summary>
    public string? Agency { get; init; }

    /// <summary>Why (LIFE-11).</summary>
    public string? Reason { get; init; }
}

/// <summary>The body of "an allocated service answered the quarterly audit" (PANEL-06).</summary>
public sealed class AllocationAuditRequest : PanelReferralRequest
{
    /// <summary>The allocated agency (its id): it receives the referral's allocation through the sharing gate (SHARE-01).</summary>
    public string? Agency { get; init; }

    /// <summary>The day of the audit.</summary>
    public DateOnly AuditDate { get; init; }

    /// <summary>True when the service made the allocation.</summary>
    public bool AllocationMade { get; init; }

    /// <summary>When the service started, if it did.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>A note, if any.</summary>
    public string? Note { get; init; }
}

/// <summary>The body of "the panel's decision was shared with the family" (PANEL-08).</summary>
public sealed class DecisionSharedRequest : PanelReferralRequest
{
    /// <summary>How it was shared.</summary>
    public string? How { get; init; }
}

/// <summary>The body of "a disagreement about an allocated service was recorded" (PANEL-09).</summary>
public sealed class ServiceDisagreementRequest : PanelReferralRequest
{
    /// <summary>The allocated agency (its id): it receives the disagreement through the sharing gate (SHARE-01).</summary>
    public string? Agency { get; init; }

    /// <summary>Where the disagreement stands.</summary>
    public ServiceDisagreementStep Step { get; init; }

    /// <summary>Who disagrees.</summary>
    public PanelDisagreementParty RaisedBy { get; init; }

    /// <summary>What the disagreement is.</summary>
    public string? Details { get; init; }
}

/// <summary>The body of "the lead professional reported progress to the panel" (PANEL-10).</summary>
public sealed class ProgressReportRequest : PanelReferralRequest
{
    /// <summary>The panel (its id).</summary>
    public string? Panel { get; init; }

    /// <summary>The panel's area.</summary>
    public string? Area { get; init; }

    /// <summary>The day the panel met.</summary>
    public DateOnly MeetingDate { get; init; }

    /// <summary>The progress reported.</summary>
    public string? Progress { get; init; }
}
