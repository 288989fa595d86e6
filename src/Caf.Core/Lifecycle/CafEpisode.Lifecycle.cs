using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Stateless;
using Stateless.Reflection;

namespace Caf.Core.Lifecycle;

/// <summary>The lifecycle definition: the one Stateless configuration that guards, "what next" and diagrams come from.</summary>
public sealed partial class CafEpisode
{
    // Guard descriptions are stable texts: they appear in diagrams, in Stateless's unmet-guard lists and,
    // through this table, in refusals with their rule id and field.
    private const string ConsentToStart = "LIFE-05: consent is sufficient to start an assessment";
    private const string WrittenConsentForPanel = "CONS-04: written consent to share at a panel";
    private const string SupportChosen = "LIFE-07: a next step of support has been chosen";
    private const string LeadForMultiAgency = "LIFE-08: multi-agency support has an appointed lead professional";
    private const string ReviewLimitNotReached = "REV-03: the reviews of the current plan do not require reassessment and a new plan";
    private const string ConsentGiven = "CONS-07: consent has been given, so it can be withdrawn";
    private const string ConsentNotGiven = "CONS-06: consent is absent, refused or withdrawn";
    private const string AwaitingSupervisor = "LP-06: a nomination awaits the supervisor's confirmation";
    private const string AwaitingFamily = "LP-05: a nomination awaits the family's agreement";
    private const string LeadExcluded = "LP-11: the family excluded the interim lead professional's agency, so the role is handed over now";
    private const string PanelAllocated = "PANEL-05: the panel's decision sheet on the latest referral allocated services";
    private const string LeadForPanel = "LIFE-08: a panel case is multi-agency support, so it has an appointed lead professional";
    private const string StoredChoiceOnly = "STEP-03: a next step chosen directly on a potential CAF only as stored by an earlier release; the step-down TAC decides";
    private const string NoTacAwaited = "STEP-04: no step-down TAC meeting the family asked for awaits its decision";
    private const string NextStepsReviewGuard = "LIFE-14: the next steps were reviewed with the supervisor and the local CAF lead, where local policy requires it";

    // Guard index -> description; the episode's _guards array holds the delegates in the same order.
    private static readonly ImmutableArray<string> GuardDescriptions =
        [ConsentToStart, WrittenConsentForPanel, SupportChosen, LeadForMultiAgency, ReviewLimitNotReached, ConsentGiven, ConsentNotGiven, AwaitingSupervisor, AwaitingFamily, LeadExcluded,
            PanelAllocated, LeadForPanel, NoTacAwaited, StoredChoiceOnly, NextStepsReviewGuard];

    private static readonly int StateCount = Enum.GetValues<EpisodeState>().Length;

    private static readonly FrozenDictionary<string, Refusal> GuardRefusals = new Dictionary<string, Refusal>
    {
        [ConsentToStart] = new("LIFE-05", "An assessment starts only with consent recorded; verbal consent is enough to start.", "consent"),
        [WrittenConsentForPanel] = new("CONS-04", "Sharing at a panel needs written consent: the referral form is signed by the parent.", "consent"),
        [SupportChosen] = new("LIFE-07", "Choose the next step (family action, single-agency or multi-agency support) before agreeing a plan.", "nextStep"),
        [LeadForMultiAgency] = new("LIFE-08", "Multi-agency support needs an appointed lead professional before the plan is delivered.", "leadProfessional"),
        [ReviewLimitNotReached] = new("REV-03", "Where there has been insufficient progress after the set number of reviews of an action plan the assessment will need to be re-considered and a new Action Plan negotiated: require the reassessment, then agree a new plan, before any further review or revision.", "reviews"),
        [ConsentGiven] = new("CONS-07", "No consent has been given, so there is nothing to withdraw.", "consent"),
        [ConsentNotGiven] = new("CONS-06", "Consent has been given and not withdrawn: there is nothing to override.", "consent"),
        [AwaitingSupervisor] = new("LP-06", "No nomination awaits a supervisor's confirmation: nominate the lead professional first.", "nomination"),
        [AwaitingFamily] = new("LP-05", "No nomination awaits the family's agreement: nominate the lead professional first.", "nomination"),
        [LeadExcluded] = new("LP-01", "Whoever started the CAF is the interim lead professional until the assessment is completed; a handover before then is only for an agency the family excluded (LP-11).", "leadProfessional"),
        [PanelAllocated] = new("PANEL-05", "The panel has not allocated services for the latest referral yet: record its decision sheet before agreeing a plan.", "panelDecision"),
        [StoredChoiceOnly] = new("STEP-03",
            "A potential CAF from step-down goes on through the step-down TAC's decision: record it (close the potential CAF with the minimum outcome, or continue with the confirmed lead professional and plan), or start an assessment.",
            "step"),
        [NoTacAwaited] = new("STEP-04", "The family asked for a step-down TAC meeting: the agencies honour that request, so the potential CAF goes on (to an assessment, a plan or a closure) only through the TAC's decision. Record the decision of the meeting (or of the specialist service's closing meeting that stood as the TAC).", "stepDownTac"),
        [LeadForPanel] = new("LIFE-08", "A panel case is multi-agency support: appoint the lead professional (the panel may recommend one, LP-08) before agreeing the plan.", "leadProfessional"),
        [NextStepsReviewGuard] = new("LIFE-14", "Local policy requires the next steps to be reviewed with your supervisor and the local CAF lead before the assessment is completed: record who, when and what was agreed.", "nextStepsReview"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly ImmutableArray<EpisodeState> OpenStates =
    [
        EpisodeState.Identified, EpisodeState.PotentialFromStepDown, EpisodeState.Assessing, EpisodeState.Assessed,
        EpisodeState.PanelReferred, EpisodeState.PlanActive, EpisodeState.ConsentWithdrawn,
    ];

    private static readonly ImmutableArray<EpisodeAction> AllActions = [.. Enum.GetValues<EpisodeAction>()];

    // Used only to describe the lifecycle (diagrams, source states): guards are never evaluated on it.
    private CafEpisode()
    {
        _policy = null!;
        _rules = null!;
        _state = EpisodeState.Identified;
        _guards = CreateGuards();
        _machine = CreateMachine();
    }

    /// <summary>The actions permitted now (guards included). Cheap: no reasons are built.</summary>
    public IEnumerable<EpisodeAction> PermittedActions
    {
        get
        {
            JudgeAt(Now);
            foreach (var action in AllActions)
            {
                if (IsPermitted(action, out _))
                {
                    yield return action;
                }
            }
        }
    }

    /// <summary>
    /// "What may happen next, and why not the rest": every action with whether it is permitted now and,
    /// if not, the refusal (rule id, message, field). The UI port.
    /// </summary>
    /// <returns>One entry per <see cref="EpisodeAction"/>, in enum order.</returns>
    public ImmutableArray<ActionAvailability> GetAvailableActions()
    {
        JudgeAt(Now);
        var builder = ImmutableArray.CreateBuilder<ActionAvailability>(AllActions.Length);
        foreach (var action in AllActions)
        {
            var check = CheckStateAt(action);
            builder.Add(new ActionAvailability(action, check.IsRefused ? check.Refusal : null));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>Whether an action is permitted now, and the refusal if not (without doing it).</summary>
    /// <param name="action">The action.</param>
    /// <returns>Success, or the refusal the command would return for the state (its own rules aside).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="action"/> is not defined.</exception>
    public Result CheckPermitted(EpisodeAction action)
    {
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not an EpisodeAction.");
        }

        JudgeAt(Now);
        return CheckStateAt(action);
    }

    // STEP-03: a potential CAF from step-down goes on only through the step-down TAC's decision (close, with the minimum
    // outcome; or continue, with the LP and plan). A choice stored by an earlier release, which let the next step be
    // chosen directly, reads back as it was accepted then (docs/upgrading.md): those transitions' guard holds only while
    // a stored event is judged (Execute on replay), so a live command and a question ("what next") are refused.
    private bool _judgingStored;

    // The state and its guards, judged as of _at: live (a command, a question) unless replaying a stored event.
    private Result CheckStateAt(EpisodeAction action, bool live = true)
    {
        _judgingStored = !live;
        try
        {
            return CheckStateNow(action);
        }
        finally
        {
            _judgingStored = false;
        }
    }

    private Result CheckStateNow(EpisodeAction action)
    {
        if (IsPermitted(action, out var failedGuard))
        {
            return Result.Ok;
        }

        if (_state == EpisodeState.Closed)
        {
            return Result.Refused("LIFE-10",
                $"The episode is closed ({(Closure is { } closed ? Caf.Core.Closure.ClosureDisplayText.For(closed.Outcome) : "no outcome")}) and cannot change; new work with the child opens a new episode.", "state");
        }

        if (_state == EpisodeState.TransferredOut)
        {
            return Result.Refused("RET-02", $"The episode was transferred to {TransferredTo}; the receiving authority continues the work.", "state");
        }

        if (failedGuard >= 0)
        {
            var description = GuardDescriptions[failedGuard];
            if (description == ConsentToStart && ConsentAt(_at, _rules).Refusal is { } consentRefusal)
            {
                return Result.Refused(consentRefusal); // the consent policy says precisely what is missing
            }

            if (description == PanelAllocated && PanelNotAllocatedRefusal() is { } panel)
            {
                return Result.Refused(panel); // says whether the panel has yet to hear the case or asked for it again
            }

            if (description == ReviewLimitNotReached)
            {
                var limit = _reassessmentRules ?? _rules;
                var n = limit.InsufficientProgressReviewLimit;
                var reading = limit.CountConsecutiveInsufficientReviewsOnly ? $"{n} reviews in a row of this plan found" : $"review {n} or a later review of this plan found";
                return Result.Refused("REV-03",
                    $"\"Where there has been insufficient progress after {n} reviews of an action plan the assessment will need to be re-considered and a new Action Plan negotiated\": {reading} progress insufficient. Require the reassessment, then agree a new plan, before any further review or revision.",
                    "reviews");
            }

            return Result.Refused(GuardRefusals[description]);
        }

        var allowedIn = _policy.SourceStatesOf(action);
        return Result.Refused("LIFE-12",
            $"{LifecycleDisplayText.For(action)} is not possible while the episode is at \"{LifecycleDisplayText.For(_state)}\"; it is possible at {string.Join(" or ", allowedIn.Select(s => $"\"{LifecycleDisplayText.For(s)}\""))}.",
            "state");
    }

    internal static int Cell(EpisodeState state, EpisodeAction action) => ((int)action * StateCount) + (int)state;

    /// <summary>The lifecycle read once from its Stateless definition, shared by every episode (no per-episode machine).</summary>
    internal static int[]?[] GuardTable => LifecycleTable.Guards;

    /// <summary>For each (state, action) cell the transition configures, the state it leads to.</summary>
    private static EpisodeState[] Destinations => LifecycleTable.Destinations;

    /// <summary>Reads the lifecycle definition into (state, action) → guard indexes and destination states.</summary>
    private static (int[]?[] Guards, EpisodeState[] Destinations) BuildLifecycleTable()
    {
        var table = new int[]?[StateCount * AllActions.Length];
        var destinations = new EpisodeState[table.Length];
        foreach (var state in DescribeLifecycle().States)
        {
            foreach (var transition in state.FixedTransitions)
            {
                var guards = transition.GuardConditionsMethodDescriptions
                    .Select(g => GuardDescriptions.IndexOf(g.Description))
                    .ToArray();
                if (guards.Any(i => i < 0))
                {
                    throw new InvalidOperationException("A lifecycle guard has no entry in GuardDescriptions.");
                }

                var cell = Cell((EpisodeState)state.UnderlyingState, (EpisodeAction)transition.Trigger.UnderlyingTrigger);
                table[cell] = guards;
                destinations[cell] = (EpisodeState)transition.DestinationState.UnderlyingState;
            }
        }

        return (table, destinations);
    }

    private static class LifecycleTable
    {
        private static readonly (int[]?[] Guards, EpisodeState[] Destinations) Value = BuildLifecycleTable();

        internal static int[]?[] Guards => Value.Guards;

        internal static EpisodeState[] Destinations => Value.Destinations;
    }

    /// <summary>Stateless's own answer, for tests that check the table agrees with it.</summary>
    internal bool StatelessCanFire(EpisodeAction action) => (_machine ??= CreateMachine()).CanFire(action);

    // Takes a transition the state and guards permit (checked just before): the table's destination.
    private void Fire(EpisodeAction action) => _state = Destinations[Cell(_state, action)];

    // The same answer as Stateless's CanFire, from the table and the guard delegates: no allocation.
    private bool IsPermitted(EpisodeAction action, out int failedGuard)
    {
        failedGuard = -1;
        if (GuardTable[Cell(_state, action)] is not { } guards)
        {
            return false;
        }

        foreach (var g in guards)
        {
            if (!_guards[g]())
            {
                failedGuard = g;
                return false;
            }
        }

        return true;
    }

    /// <summary>The lifecycle's definition as Stateless describes it (states, transitions, guard descriptions).</summary>
    /// <returns>The description, for diagrams and documentation.</returns>
    internal static StateMachineInfo DescribeLifecycle() => new CafEpisode()._machine!.GetInfo();

    private static bool TryActionOf(CafEvent e, out EpisodeAction action)
    {
        action = ActionOf(e);
        return (int)action >= 0;
    }

    private static EpisodeAction ActionOf(CafEvent e) => e switch
    {
        ConsentExclusionLifted => EpisodeAction.LiftExclusion,
        ConsentRecorded => EpisodeAction.RecordConsent,
        AssessmentStarted => EpisodeAction.StartAssessment,
        AssessmentCompleted => EpisodeAction.CompleteAssessment,
        NextStepChosen { Step: Lifecycle.NextStep.NoFurtherAction } => EpisodeAction.ChooseNoFurtherAction,
        NextStepChosen => EpisodeAction.ChooseSupport,
        ReferredToPanel => EpisodeAction.ReferToPanel,
        PanelDecisionRecorded => EpisodeAction.RecordPanelDecision,
        PanelServiceStartConfirmed => EpisodeAction.ConfirmServiceStart,
        LeadProfessionalNominated => EpisodeAction.NominateLeadProfessional,
        NominationConfirmedBySupervisor => EpisodeAction.ConfirmNomination,
        NominationAgreedByFamily => EpisodeAction.RecordFamilyAgreement,
        PlanAgreed => EpisodeAction.AgreePlan,
        PlanRevised => EpisodeAction.RevisePlan,
        StepDownTacDecided { Decision.Outcome: Caf.Core.StepDown.StepDownTacOutcome.Continue } => EpisodeAction.ContinueAfterStepDownTac,
        StepDownTacDecided => EpisodeAction.CloseAfterStepDownTac,
        ReviewHeld => EpisodeAction.HoldReview,
        ReassessmentRequired => EpisodeAction.RequireReassessment,
        SteppedUp => EpisodeAction.StepUp,
        ConsentWithdrawalRecorded => EpisodeAction.WithdrawConsent,
        ConsentOverrideRecorded => EpisodeAction.OverrideConsent,
        EpisodeClosed => EpisodeAction.Close,
        EpisodeTransferredOut => EpisodeAction.TransferOut,
        EpisodeTransferredToAuthority => EpisodeAction.TransferOut,
        EpisodeTransferredIn => EpisodeAction.LinkToFamily, // the same permission: any open state (checked: directly after the opening)
        LinkedToFamilyGroup => EpisodeAction.LinkToFamily,
        UnlinkedFromFamilyGroup => EpisodeAction.LinkToFamily, // the same permission: any open state
        FamilyAssessmentRecorded => EpisodeAction.LinkToFamily, // REG-03: the family part, in any open state of a linked episode
        FamilyAssessmentReused => EpisodeAction.LinkToFamily,
        OutcomesQuestionnaireRecorded => EpisodeAction.RecordOutcomesQuestionnaire,
        StepDownTacRequested => EpisodeAction.RequestStepDownTac,
        PanelReHearingRequested => EpisodeAction.RequestReHearing,
        PanelReHearingAnswered => EpisodeAction.AnswerReHearing,
        PanelWaitingListReturned => EpisodeAction.ReturnFromWaitingList,
        PanelAllocationAudited => EpisodeAction.RecordAllocationAudit,
        PanelDecisionSharedWithFamily => EpisodeAction.RecordDecisionSharedWithFamily,
        ServiceDisagreementRecorded => EpisodeAction.RecordServiceDisagreement,
        PanelProgressReported => EpisodeAction.ReportProgressToPanel,
        ReferredToAgencyWithCaf => EpisodeAction.ReferToAgencyWithCaf,
        NextStepsReviewed => EpisodeAction.ReviewNextSteps,
        FamilyCopyGiven => EpisodeAction.GiveFamilyCopy,
        _ => (EpisodeAction)(-1), // an opening event, or a type this release does not know
    };

    private Func<bool>[] CreateGuards()
    {
        // Guards are pure reads of the episode's facts, with consent judged as of _at: the command's own time
        // live, the event's own time on replay, so a stored history passes exactly the guards it passed live.
        return
        [
            () => ConsentAt(_at, _rules).SufficientToStartAssessment,
            () => ConsentAt(_at, _rules).SufficientToShareAtPanel,
            () => NextStep is Lifecycle.NextStep.FamilyAction or Lifecycle.NextStep.SingleAgencySupport or Lifecycle.NextStep.MultiAgencySupport,
            () => NextStep != Lifecycle.NextStep.MultiAgencySupport || !LeadProfessional.IsInterim,
            () => !IsReassessmentRequired,
            HasGivenConsent,
            () => _consent.IsWithdrawn || !ConsentAt(_at, _rules).SufficientToStartAssessment,
            () => PendingNomination is { ConfirmedBySupervisor: null },
            () => PendingNomination is { FamilyAgreement: null },
            () => _consent.Excludes(LeadProfessional.Agency),
            () => CurrentPanelReferral is { IsAwaitingPanel: false, PendingReHearing: null },
            () => !LeadProfessional.IsInterim,
            () => StepDownTacRequest is null || StepDownTacDecision is not null,
            () => _judgingStored,
            NextStepsReviewedWhereRequired,
        ];
    }

    private StateMachine<EpisodeState, EpisodeAction> CreateMachine()
    {
        // Re-entry (not internal) transitions for actions that keep the state: they are named in diagrams.
        // External state storage: the aggregate owns _state; Stateless reads and writes it.
        var m = new StateMachine<EpisodeState, EpisodeAction>(() => _state, s => _state = s);

        // The same guard delegates as the table uses (GuardDescriptions order).
        var (consentToStart, writtenConsent, supportChosen, leadForMultiAgency, reviewLimit) = (_guards[0], _guards[1], _guards[2], _guards[3], _guards[4]);
        var (consentGiven, consentNotGiven, awaitingSupervisor, awaitingFamily, leadExcluded) = (_guards[5], _guards[6], _guards[7], _guards[8], _guards[9]);
        var (panelAllocated, leadForPanel, noTacAwaited, storedChoiceOnly, nextStepsReviewed) = (_guards[10], _guards[11], _guards[12], _guards[13], _guards[14]);

        m.Configure(EpisodeState.Identified)
            .PermitIf(EpisodeAction.StartAssessment, EpisodeState.Assessing, consentToStart, ConsentToStart);

        // STEP-03: choosing the next step directly is kept for replaying choices stored by an earlier release only
        // (its guard holds only while a stored event is judged); STEP-04: once the family asked for a TAC meeting, nothing but its decision goes on.
        m.Configure(EpisodeState.PotentialFromStepDown)
            .PermitIf(EpisodeAction.StartAssessment, EpisodeState.Assessing, Tuple.Create(consentToStart, ConsentToStart), Tuple.Create(noTacAwaited, NoTacAwaited))
            .PermitIf(EpisodeAction.ChooseNoFurtherAction, EpisodeState.Closed, Tuple.Create(storedChoiceOnly, StoredChoiceOnly), Tuple.Create(noTacAwaited, NoTacAwaited))
            .PermitIf(EpisodeAction.ChooseSupport, EpisodeState.Assessed,
                Tuple.Create(storedChoiceOnly, StoredChoiceOnly), Tuple.Create(consentToStart, ConsentToStart), Tuple.Create(noTacAwaited, NoTacAwaited))
            .PermitReentry(EpisodeAction.RequestStepDownTac)                     // STEP-04
            .Permit(EpisodeAction.CloseAfterStepDownTac, EpisodeState.Closed)      // STEP-03: the TAC closes it
            .PermitIf(EpisodeAction.ContinueAfterStepDownTac, EpisodeState.PlanActive, consentToStart, ConsentToStart); // STEP-03: LP and plan confirmed

        m.Configure(EpisodeState.Assessing)
            .PermitIf(EpisodeAction.CompleteAssessment, EpisodeState.Assessed, nextStepsReviewed, NextStepsReviewGuard) // LIFE-14
            .PermitReentry(EpisodeAction.ReviewNextSteps);                        // LIFE-14

        // LIFE-13: the completed CAF goes to a single agency as its referral; CONS-09: the family's copy.
        foreach (var state in (EpisodeState[])[EpisodeState.Assessed, EpisodeState.PanelReferred, EpisodeState.PlanActive])
        {
            m.Configure(state)
                .PermitReentry(EpisodeAction.ReferToAgencyWithCaf)
                .PermitReentry(EpisodeAction.GiveFamilyCopy);
        }

        m.Configure(EpisodeState.Assessed)
            .Permit(EpisodeAction.ChooseNoFurtherAction, EpisodeState.Closed)
            .PermitReentry(EpisodeAction.ChooseSupport)
            .PermitIf(EpisodeAction.ReferToPanel, EpisodeState.PanelReferred, writtenConsent, WrittenConsentForPanel)
            .PermitReentry(EpisodeAction.NominateLeadProfessional)
            .PermitIf(EpisodeAction.AgreePlan, EpisodeState.PlanActive,
                Tuple.Create(supportChosen, SupportChosen), Tuple.Create(leadForMultiAgency, LeadForMultiAgency));

        m.Configure(EpisodeState.PanelReferred)
            .PermitReentry(EpisodeAction.NominateLeadProfessional)
            .PermitReentry(EpisodeAction.RecordPanelDecision)                     // PANEL-05
            .PermitReentry(EpisodeAction.ConfirmServiceStart)                     // PANEL-06
            .PermitReentryIf(EpisodeAction.ReferToPanel, writtenConsent, WrittenConsentForPanel) // PANEL-07: re-referral after a decision
            .PermitReentry(EpisodeAction.RequestReHearing)                        // PANEL-07: before the plan follows the decision
            .PermitReentry(EpisodeAction.AnswerReHearing)
            .PermitReentry(EpisodeAction.ReturnFromWaitingList)                   // PANEL-06
            // PANEL-05, LIFE-08, LP-08 (003 §4): the plan follows the panel's allocations, co-ordinated by the lead
            // professional the panel case needs; not before the decision sheet, nor after a "re-present" one.
            .PermitIf(EpisodeAction.AgreePlan, EpisodeState.PlanActive,
                Tuple.Create(panelAllocated, PanelAllocated), Tuple.Create(leadForPanel, LeadForPanel));

        m.Configure(EpisodeState.PlanActive)
            .PermitReentryIf(EpisodeAction.HoldReview, reviewLimit, ReviewLimitNotReached)
            .PermitReentryIf(EpisodeAction.RevisePlan, reviewLimit, ReviewLimitNotReached)
            .PermitReentry(EpisodeAction.NominateLeadProfessional)
            .PermitIf(EpisodeAction.ReferToPanel, EpisodeState.PanelReferred, writtenConsent, WrittenConsentForPanel) // PANEL-07
            .PermitReentry(EpisodeAction.ConfirmServiceStart)                     // PANEL-06: services start once the plan is agreed
            .Permit(EpisodeAction.ReturnFromWaitingList, EpisodeState.PanelReferred) // PANEL-06: back to the panel for a new allocation
            .Permit(EpisodeAction.RequireReassessment, EpisodeState.Assessing);

        // LP-11, LP-10: before the assessment is completed the interim LP holds the role (LP-01), unless the
        // family excluded their agency: then the role is handed over at once.
        foreach (var state in (EpisodeState[])[EpisodeState.Identified, EpisodeState.PotentialFromStepDown, EpisodeState.Assessing])
        {
            m.Configure(state)
                .PermitReentryIf(EpisodeAction.NominateLeadProfessional, leadExcluded, LeadExcluded)
                .PermitReentryIf(EpisodeAction.ConfirmNomination, Tuple.Create(leadExcluded, LeadExcluded), Tuple.Create(awaitingSupervisor, AwaitingSupervisor))
                .PermitReentryIf(EpisodeAction.RecordFamilyAgreement, Tuple.Create(leadExcluded, LeadExcluded), Tuple.Create(awaitingFamily, AwaitingFamily));
        }

        // OUTQ-01: the questionnaire is recorded while the CAF is being worked: from the assessment (the baseline)
        // through the plan and its reviews to just before closure (CafEpisode.Outcomes.cs says why).
        foreach (var state in (EpisodeState[])[EpisodeState.Assessing, EpisodeState.Assessed, EpisodeState.PanelReferred, EpisodeState.PlanActive])
        {
            m.Configure(state).PermitReentry(EpisodeAction.RecordOutcomesQuestionnaire);
        }

        // PANEL-06, PANEL-08..10: the panel case's aftercare, from the decision sheet through the plan.
        foreach (var state in (EpisodeState[])[EpisodeState.PanelReferred, EpisodeState.PlanActive])
        {
            m.Configure(state)
                .PermitReentry(EpisodeAction.RecordAllocationAudit)
                .PermitReentry(EpisodeAction.RecordDecisionSharedWithFamily)
                .PermitReentry(EpisodeAction.RecordServiceDisagreement)
                .PermitReentry(EpisodeAction.ReportProgressToPanel);
        }

        // LP-05, LP-06: a nomination is confirmed and agreed, in either order, where it can be made.
        foreach (var state in (EpisodeState[])[EpisodeState.Assessed, EpisodeState.PanelReferred, EpisodeState.PlanActive])
        {
            m.Configure(state)
                .PermitReentryIf(EpisodeAction.ConfirmNomination, awaitingSupervisor, AwaitingSupervisor)
                .PermitReentryIf(EpisodeAction.RecordFamilyAgreement, awaitingFamily, AwaitingFamily);
        }

        foreach (var state in OpenStates)
        {
            var config = m.Configure(state)
                .Permit(EpisodeAction.StepUp, EpisodeState.Closed)                         // LIFE-04: at any stage
                .PermitIf(EpisodeAction.OverrideConsent, EpisodeState.Closed, consentNotGiven, ConsentNotGiven);
            config = state == EpisodeState.PotentialFromStepDown
                ? config.PermitIf(EpisodeAction.Close, EpisodeState.Closed, noTacAwaited, NoTacAwaited) // STEP-04
                : config.Permit(EpisodeAction.Close, EpisodeState.Closed);
            config
                .Permit(EpisodeAction.TransferOut, EpisodeState.TransferredOut)
                .PermitReentry(EpisodeAction.LinkToFamily);
            if (state != EpisodeState.ConsentWithdrawn)
            {
                // CONS-07: after a withdrawal nothing but closing as withdrawn, overriding, stepping up or transfer.
                config.PermitReentry(EpisodeAction.RecordConsent)
                    .PermitReentry(EpisodeAction.LiftExclusion)
                    .PermitIf(EpisodeAction.WithdrawConsent, EpisodeState.ConsentWithdrawn, consentGiven, ConsentGiven);
            }
        }

        // Closed (LIFE-10) and TransferredOut (RET-02) are terminal: nothing is configured, and
        // CheckPermitted turns every request into a refusal before Stateless is asked to fire.
        return m;
    }

    private bool HasGivenConsent() => _consent.AnyGiven;
}
