using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The episode page's forms, one handler per command. Each turns the form's fields into the command's typed
/// arguments and runs it through the adapter's gate (<see cref="Caf.Core.AspNetCore.CafEpisodeAccess"/>), so the
/// library judges everything: the page never decides a rule itself. A field the command cannot take (left empty, out
/// of range) comes back as "check the form"; a rule's refusal comes back with its message and rule id.
/// </summary>
public sealed partial class EpisodeModel
{
    /// <summary>Record consent (CONS-01..05).</summary>
    public Task<IActionResult> OnPostConsentAsync(string id, int giverRole, string? giverName, int decision, int form, string? excludedAgency, bool sharingExplained, string? reason) =>
        RunAsync(id, EpisodeAction.RecordConsent, (e, by) =>
        {
            var record = new ConsentRecord(
                (ConsentGiverRole)giverRole, giverName ?? string.Empty, (ConsentDecision)decision, (ConsentForm)form,
                string.IsNullOrWhiteSpace(excludedAgency) ? [] : [new AgencyId(excludedAgency)]) with { SharingExplained = sharingExplained };
            return e.RecordConsent(by, record, reason ?? string.Empty);
        });

    /// <summary>Start the assessment (LIFE-05).</summary>
    public Task<IActionResult> OnPostStartAsync(string id, string? reason) =>
        RunAsync(id, EpisodeAction.StartAssessment, (e, by) => e.StartAssessment(by, reason ?? string.Empty));

    /// <summary>Record a withdrawal of consent (CONS-07).</summary>
    public Task<IActionResult> OnPostWithdrawAsync(string id, int withdrawnBy, string? withdrawnByName, bool sufficientUnderstanding, string? reason) =>
        RunAsync(id, EpisodeAction.WithdrawConsent, (e, by) => e.WithdrawConsent(by, new ConsentWithdrawal((ConsentGiverRole)withdrawnBy, reason ?? string.Empty)
        {
            Name = withdrawnByName ?? string.Empty,
            SufficientUnderstanding = (ConsentGiverRole)withdrawnBy == ConsentGiverRole.YoungPerson && sufficientUnderstanding ? true : null,
        }));

    /// <summary>
    /// Complete the assessment (LIFE-06, THR-03, THR-07): the observed indicators go through the authority's thresholds
    /// framework, and the episode records the level, route and framework version the matcher gives.
    /// </summary>
    /// <remarks>
    /// Nothing ticked is a decision, not an oversight, only when the practitioner says so: without the "no additional
    /// needs" confirmation the form is turned back and nothing is recorded.
    /// </remarks>
    public async Task<IActionResult> OnPostAssessAsync(string id, string[]? observed, bool specialistsInvolved, bool noAdditionalNeeds, string? absentParentWhyNot, string? reason)
    {
        if ((observed ?? []).Length == 0 && !noAdditionalNeeds)
        {
            return Refuse(id, TextOf(EpisodeAction.CompleteAssessment),
                "Needs and circumstances observed: tick what the assessment found. If it found no additional needs, tick \u201cThe assessment found no additional needs\u201d to confirm.");
        }

        return await RunAsync(id, EpisodeAction.CompleteAssessment, (e, by) =>
        {
            // The stage first (LIFE-12), then the framework's judgement of what was observed (THR-01), then the command.
            var permitted = e.CheckPermitted(EpisodeAction.CompleteAssessment);
            if (permitted.IsRefused)
            {
                return permitted;
            }

            var matched = Thresholds.Assess(observed ?? [], new ThresholdContext { SpecialistServicesInvolved = specialistsInvolved });
            return matched.TryGetValue(out var result) ? e.CompleteAssessment(by, result,
                string.IsNullOrWhiteSpace(absentParentWhyNot) ? AbsentParentInvolvement.WasInvolved : AbsentParentInvolvement.NotInvolved(absentParentWhyNot), reason ?? string.Empty) : matched.ToResult();
        });
    }

    /// <summary>Choose the next step after the assessment (LIFE-07).</summary>
    public Task<IActionResult> OnPostNextStepAsync(string id, int step, string? reason) =>
        RunAsync(id, (NextStep)step == NextStep.NoFurtherAction ? EpisodeAction.ChooseNoFurtherAction : EpisodeAction.ChooseSupport,
            (e, by) => e.ChooseNextStep(by, (NextStep)step, reason ?? string.Empty), NextStepText);

    /// <summary>
    /// Appoint the lead professional in one step (LP-02..LP-06, LP-11): the nominee as the directory describes them,
    /// their supervisor's confirmation and the family's agreement; without either, nothing is recorded.
    /// </summary>
    public Task<IActionResult> OnPostAppointAsync(string id, string? nominee, bool supervisorConfirmed, string? familyAgreement, string? reason) =>
        RunAsync(id, EpisodeAction.NominateLeadProfessional, (e, by) =>
        {
            var who = DemoData.Practitioner(nominee) ?? throw new ArgumentException("Choose the practitioner to appoint.", nameof(nominee));
            return e.AppointLeadProfessional(
                by,
                who.Candidate(),
                supervisorConfirmed ? who.Supervisor.Id : null,
                string.IsNullOrWhiteSpace(familyAgreement) ? null : new FamilyAgreement(familyAgreement),
                reason ?? string.Empty);
        }, AppointText);

    /// <summary>Agree the action plan (PLAN-01..03, LIFE-08): outcomes in the family's words, owned actions, review arrangements.</summary>
    public Task<IActionResult> OnPostPlanAsync(string id, PlanInput plan) =>
        RunAsync(id, EpisodeAction.AgreePlan, (e, by) => e.AgreePlan(by, plan.ToPlan(Today), plan.Reason ?? string.Empty));

    /// <summary>Hold a review of the plan (REV-01..05): progress on every action, the overall judgement, the next date.</summary>
    public Task<IActionResult> OnPostReviewAsync(string id, ReviewInput review) =>
        RunAsync(id, EpisodeAction.HoldReview, (e, by) => e.HoldReview(by, review.ToReview()));

    /// <summary>Close the CAF (CLOSE-C1..C4, CLOSE-01..10): the criteria met, the outcome, and how you will know.</summary>
    public Task<IActionResult> OnPostCloseAsync(string id, int[]? criteria, string? outcomeCode, string? howWillYouKnow, string? explanation) =>
        RunAsync(id, EpisodeAction.Close, (e, by) => e.Close(by, new ClosureRequest
        {
            Criteria = [.. (criteria ?? []).Select(c => (ClosureCriterion)c)],
            OutcomeCode = outcomeCode ?? string.Empty,
            HowWillYouKnow = howWillYouKnow ?? string.Empty,
            Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation,
        }));

    /// <summary>The next-step form's title (it is <see cref="EpisodeAction.ChooseSupport"/> or <see cref="EpisodeAction.ChooseNoFurtherAction"/>).</summary>
    public const string NextStepText = "Choose the next step";

    /// <summary>The one-step appointment form's title (nomination, the supervisor's confirmation and the family's agreement).</summary>
    public const string AppointText = "Appoint the lead professional";
}
