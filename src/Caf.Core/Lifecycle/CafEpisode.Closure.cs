using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Closure and the step-down TAC decision on the episode: the commands, the facts the pure checks of
/// <see cref="Caf.Core.Closure"/> and <see cref="Caf.Core.StepDown"/> judge, and applying them.
/// </summary>
public sealed partial class CafEpisode
{
    private ClosureDecision? _checkedClosure; // the decision CheckRules accepted, applied right after

    /// <summary>
    /// Closes the episode (002 §9), checked by the policy's <see cref="ClosureCheck"/> over the history:
    /// only the lead professional, or their supervisor where the options allow, records it (CLOSE-08); at least
    /// one criterion is named and each holds (CLOSE-C1 a review of the current plan found most intended outcomes
    /// achieved; CLOSE-C2 the family's wish and satisfactory progress at the latest review; CLOSE-C3 the agreement
    /// of the LP and every practitioner owning actions; CLOSE-C4 a young person of the transfer age agreeing to
    /// adult services); the outcome code is in the authority's taxonomy (CLOSE-10) and its canonical outcome's
    /// consistency rule holds against the owned actions (CLOSE-01..05, CONS-07); the decision is recorded under
    /// "how will you know when things have improved" (CLOSE-08). Consent overridden and stepped up are recorded
    /// by <see cref="OverrideConsent"/> and <see cref="StepUp"/> (CLOSE-06, CLOSE-07).
    /// </summary>
    /// <param name="by">Who closes it: the lead professional (or their supervisor).</param>
    /// <param name="request">The criteria, outcome code, decision text and evidence.</param>
    /// <returns>Success, or the first refusal naming its rule (CLOSE-C1..C4, CLOSE-01..10, CONS-07, LP-11).</returns>
    public Result Close(Actor by, ClosureRequest request)
    {
        GuardActor(by);
        Guard.Against.Null(request);
        var canonical = _policy.RulesAt(Now).Closure.Taxonomy.TryFind(request.OutcomeCode, out var outcome) ? outcome.Canonical : ClosureOutcome.ResolvedOther;
        return Execute(new EpisodeClosed(Id, Now, by, request, canonical), live: true);
    }

    /// <summary>
    /// Every problem a closure would meet now (CLOSE-C1..C4, CLOSE-01..10), without closing: for a closing
    /// screen that shows them all. The state and the sharing gate are not judged here; <see cref="Close"/> does.
    /// </summary>
    /// <param name="by">Who would close it.</param>
    /// <param name="request">The closure request.</param>
    /// <returns>The refusals; empty when the closure rules accept it.</returns>
    public ImmutableArray<Refusal> ClosureProblems(Actor by, ClosureRequest request)
    {
        GuardActor(by);
        Guard.Against.Null(request);
        JudgeAt(Now);
        return _rules.Closure.WithNames(_policy.Names).Problems(request, ClosureFactsFor(by));
    }

    /// <summary>The facts the closure rules judge, from the history, as of the time being judged.</summary>
    /// <param name="closingBy">Who would close the episode.</param>
    /// <returns>The facts.</returns>
    public ClosureFacts ClosureFactsFor(Actor closingBy)
    {
        GuardActor(closingBy);
        var lp = LeadProfessional;
        return new ClosureFacts
        {
            CurrentPlan = Plan,
            ReviewsOfCurrentPlan = ReviewsOfCurrentPlan,
            ConsentWithdrawn = _consent.IsWithdrawn,
            ConsentOverridden = _consent.IsOverridden,
            SteppedUp = Closure?.Outcome == ClosureOutcome.SteppedUp,
            LeadProfessionalAppointed = !lp.IsInterim,
            ChildAgeOnClosure = AgeAt(_at),
            ClosingBy = closingBy,
            LeadProfessional = new Actor(lp.Practitioner, lp.Agency),
            LeadProfessionalSupervisor = lp.ConfirmedBySupervisor,
            ExcludedPractitioners = ExcludedPractitioners(),
        };
    }

    /// <summary>
    /// STEP-03: records the step-down TAC's decision on a potential CAF: close it (no further TAC intervention
    /// required; the episode closes as resolved other with the reason), or continue with the confirmed lead
    /// professional and CAF action plan (the plan becomes version 1 and delivery starts; the LP's agency and every
    /// agency owning an action receive it through the sharing service, LP-11, SHARE-01). Either way the minimum
    /// outcome must be recorded: the learning shared, and the family know who to go to. Continuing appoints the lead
    /// professional as any other path does: their supervisor's confirmation (never the nominee themselves, LP-06), how
    /// the family agreed (LP-05) and the selector's hard checks (LP-03, LP-04, caseload cap); make it with
    /// <see cref="StepDownTacDecision.ContinueWith"/>.
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="reason">Why (LIFE-11).</param>
    /// <returns>Success, or a refusal (STEP-03, PLAN-01..03, LP-03..06, LIFE-05, LIFE-12, LP-11, SHARE-01).</returns>
    public Result RecordStepDownTacDecision(Actor by, StepDownTacDecision decision, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(decision);
        Guard.Against.NullOrWhiteSpace(reason);
        var numbered = decision.Plan is { } plan && plan.Version != (_plans.Count + 1)
            ? global::Caf.Core.StepDown.StepDownTacDecision.Continue(decision.LeadProfessional!.Value, Numbered(plan), decision.LearningShared, decision.FamilyKnowWhoToGoTo, decision.Note) with
            {
                ConfirmedBySupervisor = decision.ConfirmedBySupervisor,
                FamilyAgreement = decision.FamilyAgreement,
                NomineeWorksWithFamily = decision.NomineeWorksWithFamily,
                NomineeIsLeadProfessionalTrained = decision.NomineeIsLeadProfessionalTrained,
                NomineeCurrentLeadCaseload = decision.NomineeCurrentLeadCaseload,
                HeldAs = decision.HeldAs,
            }
            : decision;
        return Execute(new StepDownTacDecided(Id, Now, by, numbered, reason), live: true);
    }

    /// <summary>STEP-04: the family's request for a step-down TAC meeting, or null if none was recorded.</summary>
    public StepDownTacRequested? StepDownTacRequest { get; private set; }

    /// <summary>
    /// STEP-04: records that the family asked for a step-down TAC meeting on this potential CAF (002 §3 operating
    /// principles: the agencies honour the request). From then on the potential CAF goes on to neither an assessment, a
    /// plan nor a closure without the TAC's decision (<see cref="RecordStepDownTacDecision"/>); a specialist service's
    /// closing meeting may stand as that TAC (<see cref="StepDownTacDecision.HeldAs"/>).
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="requestedBy">Who in the family asked (name and relationship to the child).</param>
    /// <param name="role">Who asked, as a consent role (a parent, the young person, the expectant parent).</param>
    /// <param name="reason">What the family asked for and why.</param>
    /// <returns>Success, or a refusal (LIFE-12 not a potential CAF from step-down; STEP-04 naming <c>requestedBy</c> or <c>reason</c>).</returns>
    /// <exception cref="ArgumentException">The actor is default, the role undefined or a text null.</exception>
    public Result RequestStepDownTac(Actor by, string requestedBy, ConsentGiverRole role, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(requestedBy);
        Guard.Against.EnumOutOfRange(role);
        Guard.Against.Null(reason);
        return Execute(new StepDownTacRequested(Id, Now, by, requestedBy, role, reason), live: true);
    }

    // ----- Rules -----

    private Result CheckStepDownTacRequest(StepDownTacRequested r) =>
        StepDownTacRequest is not null ? Result.Refused("STEP-04", "The family's request for a step-down TAC meeting is already recorded: the meeting's decision is awaited.", "requestedBy")
        : string.IsNullOrWhiteSpace(r.RequestedBy) ? Result.Refused("STEP-04", "Say who in the family asked for the step-down TAC meeting.", "requestedBy")
        : !Enum.IsDefined(r.RequestedByRole) ? Result.Refused("LIFE-11", $"{(int)r.RequestedByRole} is not a ConsentGiverRole.", "requestedByRole")
        : string.IsNullOrWhiteSpace(r.Reason) ? Result.Refused("STEP-04", "Say what the family asked for and why.", "reason")
        : Result.Ok;

    private Result CheckClosure(EpisodeClosed c)
    {
        var checkedClosure = _rules.Closure.WithNames(_policy.Names).Check(c.Request, ClosureFactsFor(c.Actor));
        if (checkedClosure.IsRefused)
        {
            return checkedClosure.ToResult();
        }

        if (checkedClosure.Value.Canonical != c.Outcome)
        {
            return Result.Refused("CLOSE-10",
                $"'{c.Request.OutcomeCode}' maps to \"{ClosureDisplayText.For(checkedClosure.Value.Canonical)}\" in the taxonomy, not \"{ClosureDisplayText.For(c.Outcome)}\".", "outcome");
        }

        _checkedClosure = checkedClosure.Value;
        return Result.Ok;
    }

    private Result CheckStepDownTac(StepDownTacDecided d, bool live)
    {
        if (d.Decision is null)
        {
            return Result.Refused("STEP-03", "The decision is missing.", "decision");
        }

        var valid = d.Decision.Validate();
        if (valid.IsRefused)
        {
            return valid;
        }

        if (d.Decision.HeldAs is { } heldAs && !Enum.IsDefined(heldAs))
        {
            return Result.Refused("STEP-04", $"{(int)heldAs} is not a specialist service's closing meeting.", "decision.heldAs");
        }

        if (d.Decision.Plan is not { } plan)
        {
            return Result.Ok;
        }

        var appointed = CheckStepDownLeadProfessional(d.Decision, live);
        if (appointed.IsRefused)
        {
            return appointed;
        }

        if (plan.Version != (_plans.Count + 1))
        {
            return Result.Refused("LIFE-11", $"The confirmed plan must be version {(_plans.Count + 1)}; it is version {plan.Version}.", "decision.plan.version");
        }

        var today = DateOnly.FromDateTime(_at.UtcDateTime);
        return plan.AgreedOn > today
            ? Result.Refused("PLAN-02", $"The plan is recorded once agreed: {plan.AgreedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "decision.plan.agreedOn")
            : CheckActionDates(plan, "decision.plan.", live);
    }

    // LP-05, LP-06 and the selector's hard checks for the lead professional a step-down TAC confirms, as for a
    // nomination. A decision stored without the supervisor was recorded before these checks (every one since carries
    // it): it reads back as it was accepted then, so no stored history starts refusing (docs/upgrading.md).
    private Result CheckStepDownLeadProfessional(StepDownTacDecision decision, bool live)
    {
        if (!live && decision.ConfirmedBySupervisor is null)
        {
            return Result.Ok;
        }

        var lp = decision.LeadProfessional!.Value;
        if (decision.ConfirmedBySupervisor is not { IsDefault: false } supervisor)
        {
            return Result.Refused("LP-06", $"The supervisor of {_policy.Names.Name(lp.Practitioner)} confirms they can take the lead-professional role: record who confirmed.", "decision.confirmedBySupervisor");
        }

        if (supervisor == lp.Practitioner)
        {
            return Result.Refused("LP-06", $"{_policy.Names.Name(lp.Practitioner)} cannot confirm their own capacity: their supervisor confirms it.", "decision.confirmedBySupervisor");
        }

        if (string.IsNullOrWhiteSpace(decision.FamilyAgreement))
        {
            return Result.Refused("LP-05", "Record how the child and family agreed to the lead professional the meeting confirmed.", "decision.familyAgreement");
        }

        return CheckNominee(decision.NomineeWorksWithFamily == true, decision.NomineeIsLeadProfessionalTrained == true,
            decision.NomineeCurrentLeadCaseload ?? int.MaxValue, "decision.leadProfessional");
    }

    private ImmutableArray<Share> StepDownTacRecipients(StepDownTacDecided d)
    {
        if (d.Decision is not { Plan: { } plan, LeadProfessional: { } lp })
        {
            return [];
        }

        // The confirmed LP's agency receives the role (LP-11); every agency owning an action receives the plan.
        var builder = ImmutableArray.CreateBuilder<Share>();
        foreach (var agency in plan.DeliveringAgencies.OrderBy(a => _consent.Excludes(a) ? 0 : 1))
        {
            builder.Add(new Share(agency, SharingPurpose.PlanDelivery, SharedItems.Plan, true, "SHARE-01"));
        }

        builder.Insert(0, new Share(lp.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11"));
        return builder.ToImmutable();
    }

    // ----- Applying -----

    private void ApplyClosure(EpisodeClosed c)
    {
        var decision = _checkedClosure ?? throw new InvalidOperationException("A closure is applied only after its check.");
        _checkedClosure = null;
        ClosureDecision = decision;
        var reason = decision.Explanation is { Length: > 0 } explanation ? $"{decision.HowWillYouKnow} ({explanation})" : decision.HowWillYouKnow;
        Closure = new ClosureRecord(decision.Canonical, reason, c.OccurredAt, decision.RuleId);
    }

    private void ApplyStepDownTac(StepDownTacDecided d)
    {
        StepDownTacDecision = d.Decision;
        if (d.Decision is not { Plan: { } plan, LeadProfessional: { } lp })
        {
            NextStep = Lifecycle.NextStep.NoFurtherAction;
            Closure = new ClosureRecord(ClosureOutcome.ResolvedOther, "Step-down TAC: no further TAC intervention is required: " + d.Reason, d.OccurredAt, "STEP-03");
            return;
        }

        if (LeadProfessional.IsInterim || LeadProfessional.Practitioner != lp.Practitioner || LeadProfessional.Agency != lp.Agency)
        {
            _leadProfessionals.Add(
                new LeadProfessionalRecord(lp.Practitioner, lp.Agency, false, d.OccurredAt, d.Decision.ConfirmedBySupervisor,
                    d.Decision.FamilyAgreement ?? "Confirmed at the step-down TAC (STEP-03).", d.Reason)); // the fixed text: decisions stored before how the family agreed was recorded
        }

        PendingNomination = null;
        NextStep = plan.DeliveringAgencies.Length > 1 ? Lifecycle.NextStep.MultiAgencySupport
            : plan.DeliveringAgencies.IsEmpty ? Lifecycle.NextStep.FamilyAction
            : Lifecycle.NextStep.SingleAgencySupport;
        ApplyPlan(plan);
    }
}
