using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Adversarial;

/// <summary>A clock a test sets to any instant, backwards too.</summary>
internal sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The reader fuzzer's oracle, independent of the reader: a stored history is valid exactly when the public
/// commands, each run at its event's own time, succeed one by one and make exactly the stored events.
/// </summary>
internal static class EpisodeOracle
{
    private static readonly SettableClock Clock = new(Seeds.Start);

    /// <summary>
    /// A policy for reading and normalising documents: its clock reads 2100, later than any event the tests
    /// make, so only the clock-skew rule's own tests meet LIFE-11's future-event refusal.
    /// </summary>
    public static EpisodePolicy Policy { get; } = EpisodePolicy.Default(new SettableClock(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)), new InMemorySharingAuditLog());

    private static readonly EpisodePolicy OraclePolicy = EpisodePolicy.Default(Clock, new InMemorySharingAuditLog());

    public static bool Produces(EpisodeSnapshot s)
    {
        lock (Clock)
        {
            return Replay(s) is { } e && e.State == s.State;
        }
    }

    // The commands record the version they were accepted under; a stored event without one (a document from before
    // policy versions) means the version in effect at its time, here the only one (docs/policy-versions.md).
    // A withdrawal stored without a name was recorded by a release before CONS-07's checks, whose command took any
    // role and reason: the oracle runs today's command with a valid stand-in (LegacyWithdrawal) and compares the rest.
    private static bool SameEvent(Caf.Core.Events.CafEvent produced, Caf.Core.Events.CafEvent stored)
    {
        if (stored is ConsentWithdrawalRecorded { Withdrawal.Name: null } old && produced is ConsentWithdrawalRecorded made)
        {
            produced = made with { Withdrawal = old.Withdrawal };
        }

        // Likewise a revision stored before REV-03's count was recorded on it (every revision then restarted the count).
        if (stored is PlanRevised { RestartsReviewCount: null } && produced is PlanRevised madeRevision)
        {
            produced = madeRevision with { RestartsReviewCount = null };
        }

        // Likewise a step-down TAC's "continue" stored without the supervisor (before LP-06 applied to it).
        if (stored is StepDownTacDecided { Decision: { Outcome: Caf.Core.StepDown.StepDownTacOutcome.Continue, ConfirmedBySupervisor: null } oldTac }
            && produced is StepDownTacDecided madeTac)
        {
            produced = madeTac with { Decision = oldTac };
        }

        // Likewise a consent stored before CONS-09 was required (not saying whether sharing was explained), a completion
        // before PLAN-05 was required (no absent parent), and a plan, revision, review or step-down TAC's plan without the
        // child's involvement: the oracle runs today's command with a stand-in and compares the rest.
        produced = (stored, produced) switch
        {
            (ConsentRecorded { Record.SharingExplained: null } was, ConsentRecorded now) => now with { Record = was.Record },
            (AssessmentCompleted { AbsentParent: null }, AssessmentCompleted now) => now with { AbsentParent = null },
            (PlanAgreed was, PlanAgreed now) => now with { Plan = AsStored(now.Plan, was.Plan)! },
            (PlanRevised was, PlanRevised now) => now with { Plan = AsStored(now.Plan, was.Plan)! },
            (ReviewHeld was, ReviewHeld now) => now with
            {
                Review = now.Review with
                {
                    ChildInvolvement = was.Review.ChildInvolvement is null ? null : now.Review.ChildInvolvement,
                    NewActions = AsStored(now.Review.NewActions, was.Review.NewActions),
                },
            },
            (StepDownTacDecided was, StepDownTacDecided now) when now.Decision is not null && was.Decision is not null =>
                now with { Decision = WithPlan(now.Decision, AsStored(now.Decision.Plan, was.Decision.Plan)) },
            _ => produced,
        };

        // Likewise a supervisor's confirmation stored before LP-06 applied to it (no nominee marker): read back as accepted then.
        if (stored is NominationConfirmedBySupervisor { Nominee: null } oldConfirmation && produced is NominationConfirmedBySupervisor madeConfirmation)
        {
            produced = madeConfirmation with { Supervisor = oldConfirmation.Supervisor, Nominee = null };
        }

        return produced.Equals(stored.PolicyVersion is null ? stored with { PolicyVersion = produced.PolicyVersion } : stored);
    }

    private const string LegacyChild = "Stand-in: stored before PLAN-05.";

    // The stand-ins for what a stored plan or review may lack (PLAN-05, LP-12), and back to the stored nulls.
    private static Caf.Core.Planning.ActionPlan LegacyInvolvement(Caf.Core.Planning.ActionPlan plan) =>
        plan with { ChildInvolvement = plan.ChildInvolvement ?? LegacyChild, Actions = LegacyCompetence(plan.Actions) };

    private static System.Collections.Immutable.ImmutableArray<Caf.Core.Planning.PlanAction> LegacyCompetence(System.Collections.Immutable.ImmutableArray<Caf.Core.Planning.PlanAction> actions) =>
        actions.IsDefault ? actions : [.. actions.Select(a => a.WithinOwnersCompetence is null && a.Owner.Practitioner is not null ? a with { WithinOwnersCompetence = true } : a)];

    private static Caf.Core.Planning.ActionPlan? AsStored(Caf.Core.Planning.ActionPlan? made, Caf.Core.Planning.ActionPlan? stored) =>
        made is null || stored is null ? made : made with
        {
            ChildInvolvement = stored.ChildInvolvement is null ? null : made.ChildInvolvement,
            Actions = AsStored(made.Actions, stored.Actions),
        };

    private static System.Collections.Immutable.ImmutableArray<Caf.Core.Planning.PlanAction> AsStored(
        System.Collections.Immutable.ImmutableArray<Caf.Core.Planning.PlanAction> made, System.Collections.Immutable.ImmutableArray<Caf.Core.Planning.PlanAction> stored) =>
        made.IsDefault || stored.IsDefault || made.Length != stored.Length ? made
            : [.. made.Select((a, i) => stored[i].WithinOwnersCompetence is null ? a with { WithinOwnersCompetence = null } : a)];

    private static Caf.Core.StepDown.StepDownTacDecision LegacyInvolvement(Caf.Core.StepDown.StepDownTacDecision decision) =>
        decision is { Plan: { } plan } ? WithPlan(decision, LegacyInvolvement(plan)) : decision;

    // The decision's plan has no setter (the factories make it): a copy with the stand-in's plan, for the oracle only.
    private static Caf.Core.StepDown.StepDownTacDecision WithPlan(Caf.Core.StepDown.StepDownTacDecision decision, Caf.Core.Planning.ActionPlan? plan)
    {
        var copy = decision with { };
        typeof(Caf.Core.StepDown.StepDownTacDecision).GetField("<Plan>k__BackingField", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.SetValue(copy, plan);
        return copy;
    }

    private static ConsentWithdrawal LegacyWithdrawal(CafEpisode e) =>
        new(e.Child.DateOfBirth is null ? ConsentGiverRole.ExpectantParent : ConsentGiverRole.ParentWithParentalResponsibility, "Stored before names.") { Name = "Stand-in" };

    private static CafEpisode? Replay(EpisodeSnapshot s)
    {
        // A version 2 document reads as a version 3 one (the step 2 → 3 changes nothing: docs/upgrading.md).
        if (s.SchemaVersion is < 2 || s.SchemaVersion > EpisodeJson.CurrentSchemaVersion || s.Events.IsDefaultOrEmpty || s.Events.Length != s.Version)
        {
            return null;
        }

        foreach (var x in s.Events)
        {
            if (x is null || x.EpisodeId != s.EpisodeId)
            {
                return null;
            }
        }

        CafEpisode episode;
        try
        {
            Clock.Now = s.Events[0].OccurredAt;
            episode = s.Events[0] switch
            {
                ConcernIdentified c => CafEpisode.IdentifyConcern(OraclePolicy, c.EpisodeId, c.Child, c.Actor, c.Concern, c.PreviousEpisodes),
                PotentialCafRegistered p => CafEpisode.RegisterPotentialFromStepDown(
                    OraclePolicy, p.EpisodeId, p.Child, p.Actor, p.Information, p.FamilyPreferredLeadProfessional, p.PreviousEpisodes),
                _ => null!,
            };
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (episode is null || !SameEvent(episode.Events[0], s.Events[0]))
        {
            return null;
        }

        for (var i = 1; i < s.Events.Length; i++)
        {
            var x = s.Events[i];
            if (x.OccurredAt < s.Events[i - 1].OccurredAt)
            {
                return null; // a live clock only moves forward between saved commands
            }

            Clock.Now = x.OccurredAt;
            Result result;
            try
            {
                result = Run(episode, x);
            }
            catch (ArgumentException)
            {
                return null;
            }

            if (result.IsRefused || episode.Version != i + 1 || !SameEvent(episode.Events[i], x))
            {
                return null;
            }
        }

        return episode;
    }

    // The panel a stored referral was made to, as far as the command needs it: its area and its member agencies
    // (those who may see the papers and those withheld). Chair, cadence and capacity do not reach the event.
    private static Caf.Core.Panels.Panel PanelOf(ReferredToPanel r) =>
        new(new Caf.Core.Panels.PanelId("panel"), r.Referral?.Area ?? "area", "Panel", "Chair", Caf.Core.Panels.PanelCadence.Weekly(DayOfWeek.Monday),
            new Caf.Core.Panels.PanelCapacity(10, 30, 800), r.PapersFor.IsDefault || r.PapersWithheldFrom.IsDefault ? [] : [.. r.PapersFor, .. r.PapersWithheldFrom]);

    // The decision sheet a stored decision came from, through the public factories (a refused one is not one the command takes).
    private static Caf.Core.Panels.PanelDecision DecisionOf(CafEpisode e, PanelDecisionRecorded d)
    {
        var request = new Caf.Core.Panels.PanelSlotRequest(new Caf.Core.Panels.PanelSlotId("slot"), d.Referral, e.Id, d.Meeting.Area ?? "area",
            Caf.Core.Panels.PanelSlotOrigin.Referral, d.OccurredAt, []);
        var booking = new Caf.Core.Panels.PanelBooking(request, d.Meeting, 20);
        var made = d.Outcome == Caf.Core.Panels.PanelDecisionOutcome.ServicesAllocated
            ? Caf.Core.Panels.PanelDecision.Allocate(booking, d.Chair, d.Allocations.IsDefault ? [] : d.Allocations, d.RecommendedLeadProfessional)
            : Caf.Core.Panels.PanelDecision.RePresent(booking, d.Chair, d.MoreInformationNeeded);
        if (made.IsRefused)
        {
            throw new ArgumentException("Not a decision the factories make: " + made.Refusal, nameof(d));
        }

        return made.Value;
    }

    private static Result Run(CafEpisode e, CafEvent x) => x switch
    {
        ConsentRecorded { Record: { Decision: ConsentDecision.Given, SharingExplained: null } } c => e.RecordConsent(c.Actor, c.Record with { SharingExplained = true }, c.Reason),
        ConsentRecorded c => e.RecordConsent(c.Actor, c.Record, c.Reason),
        ConsentExclusionLifted l => e.LiftExclusion(l.Actor, l.Lift),
        AssessmentStarted { Ground: { } ground } s => e.StartAssessment(s.Actor, ground, s.Reason),
        AssessmentStarted s => e.StartAssessment(s.Actor, s.Reason),
        AssessmentCompleted { AbsentParent: { } absent } a => e.CompleteAssessment(a.Actor, a.Summary, absent, a.Reason),
        AssessmentCompleted a => e.CompleteAssessment(a.Actor, a.Summary, AbsentParentInvolvement.NotInvolved("Stand-in: stored before PLAN-05."), a.Reason),
        NextStepChosen n => e.ChooseNextStep(n.Actor, n.Step, n.Reason),
        ReferredToPanel r => e.ReferToPanel(r.Actor, r.Referral, PanelOf(r)),
        PanelDecisionRecorded d => e.RecordPanelDecision(d.Actor, DecisionOf(e, d)),
        PanelServiceStartConfirmed c => e.ConfirmServiceStart(c.Actor, c.Referral, c.Agency, c.StartDate),
        LeadProfessionalNominated n => e.NominateLeadProfessional(n.Actor,
            new LeadProfessionalCandidate(n.Practitioner, n.Agency, AgencyKind.Other, "Practitioner", n.IsLeadProfessionalTrained, ContactFrequency.Weekly, [], n.CurrentLeadCaseload, n.WorksWithFamily),
            n.Reason),
        NominationConfirmedBySupervisor { Nominee: null } c => e.ConfirmNomination(c.Actor, new PractitionerId("pr-stand-in-supervisor"), c.Reason),
        NominationConfirmedBySupervisor c => e.ConfirmNomination(c.Actor, c.Supervisor, c.Reason),
        NominationAgreedByFamily a => e.RecordFamilyAgreement(a.Actor, new FamilyAgreement(a.Agreement)),
        PlanAgreed p => e.AgreePlan(p.Actor, LegacyInvolvement(p.Plan), p.Reason),
        PlanRevised p => e.RevisePlan(p.Actor, LegacyInvolvement(p.Plan), p.Reason),
        ReviewHeld r => e.HoldReview(r.Actor, r.Review with { ChildInvolvement = r.Review.ChildInvolvement ?? LegacyChild, NewActions = LegacyCompetence(r.Review.NewActions) }),
        StepDownTacDecided { Decision: { Outcome: Caf.Core.StepDown.StepDownTacOutcome.Continue, ConfirmedBySupervisor: null } old } d =>
            e.RecordStepDownTacDecision(d.Actor, LegacyInvolvement(old) with
            {
                ConfirmedBySupervisor = new PractitionerId("pr-stand-in-supervisor"),
                FamilyAgreement = "Stored before the agreement was recorded.",
                NomineeWorksWithFamily = true,
                NomineeIsLeadProfessionalTrained = true,
                NomineeCurrentLeadCaseload = 0,
            }, d.Reason),
        StepDownTacDecided d => e.RecordStepDownTacDecision(d.Actor, LegacyInvolvement(d.Decision), d.Reason),
        ReassessmentRequired r => e.RequireReassessment(r.Actor, r.Reason),
        SteppedUp s => e.StepUp(s.Actor, new SpecialistService(s.SpecialistService), s.Reason),
        ConsentWithdrawalRecorded { Withdrawal.Name: null } w => e.WithdrawConsent(w.Actor, LegacyWithdrawal(e)),
        ConsentWithdrawalRecorded w => e.WithdrawConsent(w.Actor, w.Withdrawal),
        ConsentOverrideRecorded o => e.OverrideConsent(o.Actor, o.Override),
        EpisodeClosed c => e.Close(c.Actor, c.Request),
        EpisodeTransferredOut t => e.TransferOut(t.Actor, new LocalAuthority(t.ReceivingAuthority), t.Reason),
        LinkedToFamilyGroup f => e.LinkToFamily(f.Actor, f.FamilyGroup),
        UnlinkedFromFamilyGroup u => e.UnlinkFromFamily(u.Actor, u.Agency, u.RuleId, u.Reason),
        OutcomesQuestionnaireRecorded q => e.RecordOutcomesQuestionnaire(q.Actor, q.Completion),
        ReferredToAgencyWithCaf r => e.ReferToAgencyWithCaf(r.Actor, r.Service, r.Agency, r.Reason),
        NextStepsReviewed r => e.ReviewNextSteps(r.Actor, r.Supervisor, r.CafLead, r.HeldOn, r.Agreed),
        FamilyCopyGiven c => e.GiveFamilyCopy(c.Actor, c.GivenTo, c.AssessmentIncluded, c.PlanVersion, c.How),
        StepDownTacRequested r => e.RequestStepDownTac(r.Actor, r.RequestedBy, r.RequestedByRole, r.Reason),
        PanelReHearingRequested r => e.RequestReHearing(r.Actor, r.Referral, r.RaisedBy, r.Reason),
        PanelReHearingAnswered a => e.AnswerReHearing(a.Actor, a.Referral, a.Chair, a.Outcome, a.Note),
        PanelWaitingListReturned w => e.ReturnFromWaitingList(w.Actor, w.Referral, w.Agency, w.Reason),
        PanelAllocationAudited a => e.RecordAllocationAudit(a.Actor, a.Referral, a.Agency, a.AuditDate, a.AllocationMade, a.StartDate, a.Note),
        PanelDecisionSharedWithFamily d => e.RecordDecisionSharedWithFamily(d.Actor, d.Referral, d.How),
        ServiceDisagreementRecorded d => e.RecordServiceDisagreement(d.Actor, d.Referral, d.Agency, d.Step, d.RaisedBy, d.Details),
        PanelProgressReported p => e.ReportProgressToPanel(p.Actor, p.Referral, p.Meeting, p.Progress),

        FamilyAssessmentRecorded f => e.RecordFamilyAssessment(f.Actor, f.Part, f.Reason),
        FamilyAssessmentReused r => e.ReuseFamilyAssessment(r.Actor, r.Source,
            new FamilyAssessmentRecorded(r.Source, r.RecordedAt, r.RecordedBy, r.FamilyGroup, r.Part, "recorded on the sibling's episode"), r.Reason),
        _ => Result.Refused("ORACLE", $"{x.GetType().Name} is not made by a command after the opening.", "type"),
    };
}
