using System;
using System.Collections.Immutable;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Who takes part and what they hold: the CAF as another agency's referral (LIFE-13), the grounds for a CAF and the
/// next-steps review (LIFE-14), the family's copy and the consent explanation (CONS-09), the lead professional acting for
/// another agency (LP-12), the child's and the absent parent's involvement (PLAN-05), and a CAF alongside a specialist
/// service (THR-08).
/// </summary>
public sealed partial class CafEpisode
{
    private ImmutableArray<ReferredToAgencyWithCaf> _agencyReferrals = [];
    private ImmutableArray<FamilyCopyGiven> _familyCopies = [];

    /// <summary>LIFE-13: the referrals made with the completed CAF as the request, in order.</summary>
    public ImmutableArray<ReferredToAgencyWithCaf> AgencyReferrals => _agencyReferrals;

    /// <summary>CONS-09: the copies of the assessment and plan given to the family, in order.</summary>
    public ImmutableArray<FamilyCopyGiven> FamilyCopies => _familyCopies;

    /// <summary>LIFE-14: the ground recorded for starting the CAF (null when none was given, or on a step-down).</summary>
    public CafStartGround? StartGround { get; private set; }

    /// <summary>
    /// LIFE-14: the review of the next steps with the supervisor and the local CAF lead held for the assessment in
    /// progress or last completed; null when none was recorded (advisory policy) or a new assessment has started since.
    /// </summary>
    public NextStepsReviewed? NextStepsReview { get; private set; }

    /// <summary>PLAN-05: whether the absent parent took part in the last completed assessment, or why not; null when it was not said.</summary>
    public AbsentParentInvolvement? AbsentParent { get; private set; }

    /// <summary>
    /// LIFE-05, LIFE-14: starts the assessment recording why a CAF now: despite additional single-agency input concerns
    /// continue, or the reasons for the child's vulnerability are not fully identified (003 §2).
    /// </summary>
    /// <param name="by">Who starts it.</param>
    /// <param name="ground">Why a CAF.</param>
    /// <param name="reason">The additional input already tried and what it showed (LIFE-11).</param>
    /// <returns>Success, or a refusal (LIFE-05, CONS rule ids).</returns>
    /// <exception cref="ArgumentException"><paramref name="ground"/> is not defined, or an argument is blank.</exception>
    public Result StartAssessment(Actor by, CafStartGround ground, string reason)
    {
        GuardActor(by);
        Guard.Against.EnumOutOfRange(ground);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new AssessmentStarted(Id, Now, by, reason) { Ground = ground }, live: true);
    }

    /// <summary>
    /// Completes the assessment (THR-07) recording whether the absent parent took part, or why not (PLAN-05).
    /// </summary>
    /// <param name="by">Who completed it.</param>
    /// <param name="summary">The thresholds result.</param>
    /// <param name="absentParent">Whether the absent parent took part, or why not.</param>
    /// <param name="reason">The practitioner's conclusion (LIFE-11).</param>
    /// <returns>Success, or a refusal (THR-04, THR-08, LIFE-14).</returns>
    public Result CompleteAssessment(Actor by, AssessmentSummary summary, AbsentParentInvolvement absentParent, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(summary);
        Guard.Against.Null(absentParent);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new AssessmentCompleted(Id, Now, by, summary, reason) { AbsentParent = absentParent }, live: true);
    }

    /// <summary>
    /// Completes the assessment with a thresholds match (THR-07), recording whether the absent parent took part, or why
    /// not (PLAN-05).
    /// </summary>
    /// <param name="by">Who completed it.</param>
    /// <param name="result">The matcher's result.</param>
    /// <param name="absentParent">Whether the absent parent took part, or why not.</param>
    /// <param name="reason">The practitioner's conclusion (LIFE-11).</param>
    /// <returns>Success, or a refusal (THR-04, THR-08, LIFE-14).</returns>
    public Result CompleteAssessment(Actor by, ThresholdResult result, AbsentParentInvolvement absentParent, string reason)
    {
        Guard.Against.Null(result);
        return CompleteAssessment(by, AssessmentSummary.From(result), absentParent, reason);
    }

    /// <summary>
    /// LIFE-14: records that the practitioner reviewed the next steps with their supervisor and the local CAF lead before
    /// completing the assessment (003 §3): who, when, what was agreed. Required before completion where local policy says
    /// so (<see cref="LifecycleOptions.NextStepsReviewRequired"/>).
    /// </summary>
    /// <param name="by">The practitioner completing the assessment.</param>
    /// <param name="supervisor">Their supervisor (not themselves).</param>
    /// <param name="cafLead">The local CAF lead (not the practitioner themselves).</param>
    /// <param name="heldOn">The day the review was held: not after today nor before the assessment started.</param>
    /// <param name="agreed">What was agreed about the next steps.</param>
    /// <returns>Success, or a refusal (LIFE-12 outside an assessment, LIFE-14).</returns>
    public Result ReviewNextSteps(Actor by, PractitionerId supervisor, PractitionerId cafLead, DateOnly heldOn, string agreed)
    {
        GuardActor(by);
        GuardId(supervisor);
        GuardId(cafLead);
        Guard.Against.NullOrWhiteSpace(agreed);
        return Execute(new NextStepsReviewed(Id, Now, by, supervisor, cafLead, heldOn, agreed), live: true);
    }

    /// <summary>
    /// LIFE-13: sends the completed CAF to a single agency as its referral, in place of the agency's own form (003 §3 Option
    /// 1). The agency receives the assessment through the sharing gate (SHARE-01: never an agency the family excluded);
    /// the referral records the CAF (its completion) as the request. Only the lead professional refers, and they stay
    /// lead professional until someone else takes the role over (003 §3b): the receiving agency does not.
    /// </summary>
    /// <param name="by">The lead professional.</param>
    /// <param name="service">The service or piece of work asked for.</param>
    /// <param name="agency">The agency referred to.</param>
    /// <param name="reason">Why this agency and service.</param>
    /// <returns>Success, or a refusal (LIFE-12 before the assessment is completed, LIFE-13, SHARE-01).</returns>
    public Result ReferToAgencyWithCaf(Actor by, string service, AgencyId agency, string reason)
    {
        GuardActor(by);
        GuardId(agency);
        Guard.Against.NullOrWhiteSpace(service);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new ReferredToAgencyWithCaf(Id, Now, by, agency, service, AssessmentCompletedAt ?? default, reason), live: true);
    }

    /// <summary>
    /// CONS-09: records that the family was given a copy of the completed assessment and/or an agreed plan, which belong
    /// to them (002 §6). The practitioners involved receive theirs through the sharing gate when the assessment is
    /// completed (the lead professional) and the plan agreed (each delivering agency).
    /// </summary>
    /// <param name="by">Who gave it.</param>
    /// <param name="givenTo">The family member, by name.</param>
    /// <param name="assessmentIncluded">True when the copy holds the completed assessment.</param>
    /// <param name="planVersion">The agreed plan version the copy holds, or null.</param>
    /// <param name="how">How it was given.</param>
    /// <returns>Success, or a refusal (LIFE-12 before the assessment is completed, CONS-09).</returns>
    public Result GiveFamilyCopy(Actor by, string givenTo, bool assessmentIncluded, int? planVersion, string how)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(givenTo);
        Guard.Against.NullOrWhiteSpace(how);
        return Execute(new FamilyCopyGiven(Id, Now, by, assessmentIncluded, planVersion, givenTo, how), live: true);
    }

    // ----- Checks (the pipeline's CheckRules) -----

    // LIFE-14 under the required policy: a CAF started by a practitioner says why (a step-down comes through STEP).
    // Judged live and on replay alike: the option is new, so no stored start was recorded under it.
    private Result CheckStart(AssessmentStarted s) =>
        _rules.NextStepsReviewRequired && s.Ground is null && StepDown is null && AssessmentStartedAt is null
            ? Result.Refused("LIFE-14",
                "Local policy requires the ground for starting a CAF: despite additional input concerns continue, or the reasons for the child's vulnerability are not fully identified.",
                "ground")
            : Result.Ok;

    private Result CheckNextStepsReview(NextStepsReviewed r)
    {
        if (r.Supervisor == r.Actor.Practitioner)
        {
            return Result.Refused("LIFE-14", "The next steps are reviewed with the practitioner's supervisor, not by the practitioner alone.", "supervisor");
        }

        if (r.CafLead == r.Actor.Practitioner)
        {
            return Result.Refused("LIFE-14", "The next steps are reviewed with the local CAF lead, not by the practitioner alone.", "cafLead");
        }

        if (PlanText.IsBlank(r.Agreed))
        {
            return Result.Refused("LIFE-14", "Record what was agreed about the next steps.", "agreed");
        }

        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        if (r.HeldOn > today)
        {
            return Result.Refused("LIFE-14", $"The review is recorded once held: {r.HeldOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "heldOn");
        }

        var started = ReassessmentRequiredAt ?? AssessmentStartedAt;
        return started is { } from && r.HeldOn < DateOnly.FromDateTime(from.UtcDateTime)
            ? Result.Refused("LIFE-14", $"The review of the next steps is held during the assessment: {r.HeldOn:yyyy-MM-dd} is before it started ({from:yyyy-MM-dd}).", "heldOn")
            : Result.Ok;
    }

    // THR-08: a CAF continues alongside a specialist service only where local policy allows; PLAN-05 is recorded as given.
    private Result CheckCompletion(AssessmentCompleted a) =>
        a.Summary.AlongsideSpecialist && !_rules.CafAlongsideSpecialistService
            ? Result.Refused("THR-08",
                "Local policy does not continue a CAF alongside a specialist service already involved: specialist involvement gives level 4 (THR-05), so refer or step up to the specialist service.",
                "summary.coordinationNeed")
            : a.Summary.AlongsideSpecialist && PlanText.IsBlank(a.Summary.CoordinationNeed)
                ? Result.Refused("THR-08", "Record the multi-agency coordination need for continuing a CAF alongside the specialist service.", "summary.coordinationNeed")
                : Result.Ok;

    private Result CheckAgencyReferral(ReferredToAgencyWithCaf r)
    {
        if (AssessmentCompletedAt is not { } completed || r.CafCompletedAt != completed)
        {
            return Result.Refused("LIFE-13", "The referral's request is the completed assessment: complete the CAF before referring with it.", "cafCompletedAt");
        }

        if (r.Actor.Practitioner != LeadProfessional.Practitioner)
        {
            return Result.Refused("LIFE-13",
                $"The lead professional ({_policy.Names.Name(LeadProfessional.Practitioner)}) makes the referral with the CAF and stays lead professional until someone else takes the role over.",
                "by");
        }

        return PlanText.IsBlank(r.Service)
            ? Result.Refused("LIFE-13", "Say which service or piece of work the referral asks for.", "service")
            : Result.Ok;
    }

    private Result CheckFamilyCopy(FamilyCopyGiven c)
    {
        if (!c.AssessmentIncluded && c.PlanVersion is null)
        {
            return Result.Refused("CONS-09", "Say what the family was given: the completed assessment, an agreed plan, or both.", "assessmentIncluded");
        }

        if (c.AssessmentIncluded && AssessmentCompletedAt is null)
        {
            return Result.Refused("CONS-09", "The assessment is being reconsidered (REV-03): give the family the copy once it is completed again.", "assessmentIncluded");
        }

        if (c.PlanVersion is { } v && (v < 1 || v > Plans.Versions.Length))
        {
            return Result.Refused("CONS-09",
                Plans.Versions.IsEmpty ? "No plan has been agreed yet, so there is no plan to give the family." : $"Plan version {v} was never agreed; the latest is version {Plans.Versions.Length}.",
                "planVersion");
        }

        return PlanText.IsBlank(c.GivenTo) || PlanText.IsBlank(c.How)
            ? Result.Refused("CONS-09", "Record who in the family was given the copy and how.", PlanText.IsBlank(c.GivenTo) ? "givenTo" : "how")
            : Result.Ok;
    }

    // CONS-09: consent is informed: the practitioner made clear that information will need to be shared with other
    // agencies to secure their support, and the record says so. A given consent recorded as not explained is refused,
    // live and on replay; one that does not say (null) is refused live. A stored one without it was recorded before
    // CONS-09 was required (every record accepted since says it): it reads back as it was accepted then, so no stored
    // history starts refusing (docs/upgrading.md). A refusal of consent needs no explanation on record.
    private static Result CheckConsentExplanation(ConsentRecord record, bool live) => record.Decision != ConsentDecision.Given
        ? Result.Ok
        : record.SharingExplained switch
        {
            true => Result.Ok,
            false => Result.Refused("CONS-09",
                "Before consent is given the practitioner makes it clear that, to secure support from other agencies, information will need to be shared with them.",
                "record.sharingExplained"),
            null when live => Result.Refused("CONS-09",
                "Say whether it was explained that, to secure support from other agencies, information will need to be shared with them: consent is given once it was.",
                "record.sharingExplained"),
            null => Result.Ok,
        };

    // PLAN-05 (002 §6): the assessment is completed with the family and, where possible and safe, the absent parent; the
    // completion records whether they took part, or why not. Required live; a completion stored without it was recorded
    // before PLAN-05 was required (every one accepted since carries it) and reads back as it was accepted then.
    private static Result CheckAbsentParent(AssessmentCompleted a, bool live) =>
        live && a.AbsentParent is null
            ? Result.Refused("PLAN-05",
                "Say whether the absent parent took part in the assessment, or why not (not possible, not safe, or there is none).",
                "absentParent")
            : Result.Ok;

    // PLAN-05: the plan records how the child or young person was involved in drawing it up, in words: refused blank,
    // and live refused when not said (null). A plan stored without it was agreed before PLAN-05 was required and reads
    // back as it was accepted then (docs/upgrading.md). LP-12: no action owned by another agency is given to the lead
    // professional without that agency's recorded agreement, live and on replay alike, so a stored history is accepted
    // exactly when the commands could have produced it (docs/upgrading.md says what this means for a history stored
    // before LP-12).
    private Result CheckPlanParticipation(ActionPlan? plan, string prefix, bool live, Actor? lead = null)
    {
        if (plan is null)
        {
            return Result.Ok;
        }

        if (ChildInvolvementProblem(plan.ChildInvolvement, live, "drawing up the plan") is { } problem)
        {
            return Result.Refused("PLAN-05", problem, prefix + "childInvolvement");
        }

        return CheckActingFor(plan.Actions, prefix + "actions", lead?.Practitioner ?? LeadProfessional.Practitioner, lead?.Agency ?? LeadProfessional.Agency, live);
    }

    private Result CheckReviewParticipation(ReviewHeld r, bool live)
    {
        if (ChildInvolvementProblem(r.Review.ChildInvolvement, live, "reviewing the plan") is { } problem)
        {
            return Result.Refused("PLAN-05", problem, "review.childInvolvement");
        }

        return CheckActingFor(r.Review.NewActions, "review.newActions", LeadProfessional.Practitioner, LeadProfessional.Agency, live);
    }

    private static string? ChildInvolvementProblem(string? involvement, bool live, string what) => involvement switch
    {
        null when live => $"Record how the child or young person was involved in {what} (or why they could not be).",
        { } said when PlanText.IsBlank(said) => $"Say how the child or young person was involved in {what}.",
        _ => null,
    };

    /// <summary>
    /// LP-12 (003 §3): the lead professional role carries no authority to act for another agency unless that agency
    /// specifically agrees, no action outside the lead professional's own competence and training, and no budget-holding.
    /// An action the lead professional owns in another agency's name needs that agency's recorded agreement; one they own
    /// records that it is within their competence and training (refused false, and live refused unsaid); no action's
    /// budget is held by the lead professional.
    /// </summary>
    internal static Result CheckActingFor(ImmutableArray<PlanAction> actions, string path, PractitionerId lead, AgencyId leadAgency, bool live)
    {
        for (var i = 0; i < actions.Length; i++)
        {
            var action = actions[i];
            var owner = action.Owner;
            if (action.BudgetHolder is { Practitioner: { } holder } && holder == lead)
            {
                return Result.Refused("LP-12",
                    $"'{action.Description}': the lead professional holds no budget; the owning agency or another practitioner holds it.",
                    $"{path}[{i}].budgetHolder");
            }

            if (owner.Practitioner != lead)
            {
                continue;
            }

            if (owner.Agency is { } agency && agency != leadAgency && action.AgencyAgreement is null)
            {
                return Result.Refused("LP-12",
                    $"'{action.Description}' is owned by {agency}, not the lead professional's agency: the lead professional acts for another agency only with that agency's recorded agreement.",
                    $"{path}[{i}].agencyAgreement");
            }

            if (action.WithinOwnersCompetence == false || (live && action.WithinOwnersCompetence is null))
            {
                return Result.Refused("LP-12",
                    action.WithinOwnersCompetence == false
                        ? $"'{action.Description}' is outside the lead professional's own competence and training: give it to a practitioner whose work it is."
                        : $"Record that '{action.Description}' is within the lead professional's own competence and training.",
                    $"{path}[{i}].withinOwnersCompetence");
            }
        }

        return Result.Ok;
    }

    // ----- Recipients -----

    // LIFE-13, SHARE-01: the agency referred to receives the completed assessment, through the gate.
    private static ImmutableArray<Share> ReferralRecipients(ReferredToAgencyWithCaf r) =>
        [new Share(r.Agency, SharingPurpose.PlanDelivery, SharedItems.Assessment, true, "SHARE-01", "agency")];

    // ----- Applying -----

    private void ApplyParticipation(CafEvent e)
    {
        switch (e)
        {
            case AssessmentStarted s:
                StartGround ??= s.Ground;
                NextStepsReview = null;
                break;
            case ReassessmentRequired:
                NextStepsReview = null;
                break;
            case NextStepsReviewed r:
                NextStepsReview = r;
                break;
            case AssessmentCompleted a:
                AbsentParent = a.AbsentParent;
                break;
            case ReferredToAgencyWithCaf r:
                _agencyReferrals = _agencyReferrals.Add(r);
                break;
            case FamilyCopyGiven c:
                _familyCopies = _familyCopies.Add(c);
                break;
        }
    }

    // LIFE-14 guard: the review is held (where required) for the assessment in progress.
    private bool NextStepsReviewedWhereRequired() => !_rules.NextStepsReviewRequired || NextStepsReview is not null;
}
