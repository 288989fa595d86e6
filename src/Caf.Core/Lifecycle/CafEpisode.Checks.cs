using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Policy;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>The one pipeline every event passes, live and on replay; and the sharing gate (SHARE-01..04, LP-11).</summary>
public sealed partial class CafEpisode
{
    private DateTimeOffset _at; // the time being judged: the clock's for a live command, the event's own on replay
    private (ConsentState Consent, int? Age, EpisodeRules Rules, ConsentEvaluation Evaluation)? _evaluated;

    // Whole microseconds (EventChecks.ToStoredPrecision): what every store keeps, so a saved event reads back equal.
    private DateTimeOffset Now => EventChecks.ToStoredPrecision(_policy.Time.GetUtcNow());

    /// <summary>A recipient of what an event hands over, and whether the event depends on the grant.</summary>
    private readonly record struct Share(AgencyId Agency, SharingPurpose Purpose, SharedItems Items, bool Mandatory, string RuleId, string? Field = null);

    /// <summary>
    /// Checks an event and, if every check holds, records its sharing decisions (live only) and applies it.
    /// Order: the state (and its guards) first; then the event's content; then the sharing gate for the
    /// acting practitioner and the lead professional; then the practitioners it puts in a role (SHARE-01);
    /// then the command's own rules; then every recipient.
    /// A dry run stops before recording grants and applying (refusals found on the way are still audited).
    /// </summary>
    private Result Execute(CafEvent e, bool live, bool dryRun = false)
    {
        var held = _auditScratch.Count;
        var versionBefore = _events.Count;
        var result = ExecuteChecked(e, live, dryRun);
        if (live)
        {
            Settle(held, applied: _events.Count > versionBefore);
        }

        return result;
    }

    private Result ExecuteChecked(CafEvent e, bool live, bool dryRun)
    {
        if (e is null)
        {
            return Result.Refused("LIFE-11", "The event is null.", "events");
        }

        if (ProbeStop(e) is { } probed)
        {
            return probed;
        }

        if (!TryActionOf(e, out var action))
        {
            return Result.Refused("LIFE-01", $"{e.GetType().Name} opens an episode; it cannot follow the opening event.", "type");
        }

        if (FutureProblem(e) is { } future)
        {
            return Result.Refused(future);
        }

        if (live)
        {
            JudgeAt(e.OccurredAt);
            e = e with { PolicyVersion = _rules.Version.Id }; // every event records the version it was accepted under
        }
        else if (_policy.RulesFor(e) is { } named)
        {
            _at = e.OccurredAt;
            _rules = named;
        }
        else
        {
            return Result.Refused(_policy.UnknownVersion(e));
        }

        var permitted = CheckStateAt(action, live);
        if (permitted.IsRefused)
        {
            return permitted;
        }

        if ((EventChecks.Following(e, Id, _events[^1].OccurredAt) ?? KeyProblem(e, live)) is { } content)
        {
            return Result.Refused(content);
        }

        // The actor step (CafEpisode.Actors.cs): the same one the UI port asks (GetAvailableActions(actor)).
        // REG-03: ending a family link hands nothing to anyone; the register records it whoever made the change.
        var gate = e is UnlinkedFromFamilyGroup ? Result.Ok : CheckActor(e.Actor, action, SharesWithLeadProfessional(e, action), live);
        if (gate.IsRefused)
        {
            return gate;
        }

        // SHARE-01 for roles: nobody the episode records as working for an excluded agency takes a role.
        var roles = CheckRoles(e);
        if (roles.IsRefused)
        {
            return roles;
        }

        var rules = CheckRules(e, live);
        if (rules.IsRefused)
        {
            return rules;
        }

        // Every recipient is judged before anything is recorded: a refused command leaves no grant behind.
        var shares = Recipients(e);
        var decided = shares.IsEmpty ? [] : new SharingDecision[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            decided[i] = Evaluate(shares[i].Agency, shares[i].Purpose);
            if (shares[i].Mandatory && !decided[i].Granted)
            {
                if (live)
                {
                    Audit(e.Actor, shares[i], decided[i], SharedItems.None);
                }

                return Result.Refused(shares[i].RuleId,
                    $"{shares[i].Agency} may not receive {Describe(shares[i].Items)} ({ConsentDisplayText.For(shares[i].Purpose)}): [{decided[i].RuleId}] {decided[i].Reason}",
                    FieldOf(shares[i]));
            }
        }

        if (dryRun)
        {
            return Result.Ok;
        }

        if (live)
        {
            for (var i = 0; i < shares.Length; i++)
            {
                Audit(e.Actor, shares[i], decided[i], decided[i].Granted ? shares[i].Items : SharedItems.None);
            }

            // SHARE-03/04: a consent change records what it revoked and restored of the standing grants (live only).
            if (ChangesConsent(e))
            {
                RecordGrantChanges(e);
            }
        }

        Fire(action);
        Apply(Keyed(e, live));
        return Result.Ok;
    }

    /// <summary>
    /// LIFE-11: an event is recorded when it happens, so none is dated later than the reading clock's now plus the
    /// clock-skew allowance (a closure dated in the future would postpone disposal, RET-01). Live commands take
    /// their time from the same clock, so only stored data can fail this.
    /// </summary>
    private Refusal? FutureProblem(CafEvent e) => FutureProblem(_policy, e);

    private static Refusal? FutureProblem(EpisodePolicy policy, CafEvent e)
    {
        var now = policy.Time.GetUtcNow();
        return e.OccurredAt > now && e.OccurredAt - now > policy.ClockSkewAllowance
            ? new Refusal("LIFE-11",
                $"{e.GetType().Name} is dated {e.OccurredAt:u}, later than now ({now:u}) plus the clock-skew allowance of {policy.ClockSkewAllowance.TotalMinutes:0} minute(s): an event is recorded when it happens, never in advance.",
                "occurredAt")
            : null;
    }

    private static string FieldOf(Share share) => share.Field ?? (share.RuleId == "LP-11" ? "agency" : share.Purpose switch
    {
        SharingPurpose.LeadProfessional => "leadProfessional",
        SharingPurpose.PlanDelivery => "deliveringAgencies",
        SharingPurpose.Panel => "consent",
        _ => "agency",
    });

    // ----- Recipients: every agency an event hands information to -----

    private ImmutableArray<Share> Recipients(CafEvent e)
    {
        var lp = LeadProfessional.Agency;
        switch (e)
        {
            case AssessmentCompleted:
                return [new Share(lp, SharingPurpose.LeadProfessional, SharedItems.Assessment, true, "SHARE-01")];
            case ReferredToPanel or PanelDecisionRecorded or PanelServiceStartConfirmed:
                return PanelRecipients(e);
            case NominationConfirmedBySupervisor when PendingNomination is { FamilyAgreement: not null } p:
                return [new Share(p.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11")];
            case NominationAgreedByFamily when PendingNomination is { ConfirmedBySupervisor: not null } p:
                return [new Share(p.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11")];
            case PlanAgreed p:
                return PlanRecipients(p.Plan);
            case PlanRevised p:
                return PlanRecipients(p.Plan);
            case ReviewHeld r:
                return ReviewRecipients(r);
            case StepDownTacDecided d:
                return StepDownTacRecipients(d);
            case PanelAllocationAudited or ServiceDisagreementRecorded:
                return AftercareRecipients(e);
            case ReferredToAgencyWithCaf r:
                return ReferralRecipients(r);
            case EpisodeTransferredToAuthority t:
                // RET-02, SHARE-01: the record goes to the receiving authority's service, under the transfer purpose's minimum.
                return [new Share(t.ReceivingService, SharingPurpose.Transfer, SharedItems.EpisodeRecord, true, "SHARE-01", "receivingAuthority")];
            default:
                return [];
        }
    }

    // ----- The commands' own rules, one place for live commands and replay -----

    private Result CheckRules(CafEvent e, bool live) => e switch
    {
        ConsentRecorded c => _rules.Consent.ValidateRecord(c.Record, AgeAt(_at)) is { IsRefused: true } invalid ? invalid : CheckConsentExplanation(c.Record, live),
        ConsentExclusionLifted l => _consent.IsExcludedBy(l.Lift.Agency, l.Lift.LiftedBy)
            ? Result.Ok
            : Result.Refused("CONS-05",
                $"{ConsentDisplayText.For(l.Lift.LiftedBy)} has not excluded {l.Lift.Agency}: an exclusion is lifted only by the person who made it.", "lift"),
        AssessmentCompleted a when a.Summary.IsSignificantHarm => Result.Refused("THR-04",
            "The thresholds result is significant harm: follow safeguarding procedures now and step the episode up (LIFE-04).", "summary"),
        AssessmentCompleted a => CheckCompletion(a) is { IsRefused: true } refused ? refused : CheckAbsentParent(a, live),
        AssessmentStarted s => CheckStart(s),
        NextStepsReviewed r => CheckNextStepsReview(r),
        ReferredToAgencyWithCaf r => CheckAgencyReferral(r),
        FamilyCopyGiven c => CheckFamilyCopy(c),
        ReferredToPanel r => CheckReferral(r),
        PanelDecisionRecorded d => CheckPanelDecision(d),
        PanelServiceStartConfirmed c => CheckServiceStart(c),
        LeadProfessionalNominated n => CheckNomination(n, live),
        NominationConfirmedBySupervisor c => CheckSupervisor(c, live),
        PlanAgreed p => CheckPlan(p.Plan, revision: false) is { IsRefused: true } refused ? refused
            : CheckActionDates(p.Plan, "plan.", live) is { IsRefused: true } early ? early : CheckPlanParticipation(p.Plan, "plan.", live),
        PlanRevised p => CheckPlan(p.Plan, revision: true) is { IsRefused: true } refused ? refused
            : CheckActionDates(p.Plan, "plan.", live || p.RestartsReviewCount is not null) is { IsRefused: true } early ? early
            : CheckPlanParticipation(p.Plan, "plan.", live) is { IsRefused: true } unrecorded ? unrecorded : CheckRevisionCount(p),
        ReviewHeld r => CheckReview(r) is { IsRefused: true } refused ? refused : CheckReviewParticipation(r, live),
        StepDownTacDecided d => CheckStepDownTac(d, live) is { IsRefused: true } refused ? refused
            : CheckPlanParticipation(d.Decision.Plan, "decision.plan.", live, d.Decision.LeadProfessional),
        StepDownTacRequested r => CheckStepDownTacRequest(r),
        _ when IsPanelAftercare(e) => CheckAftercare(e),
        ConsentOverrideRecorded o => _rules.Consent.ValidateOverride(o.Override),
        ConsentWithdrawalRecorded w => CheckWithdrawal(w.Withdrawal, live),
        EpisodeClosed c => CheckClosure(c),
        EpisodeTransferredOut => CheckTransfer(),
        EpisodeTransferredToAuthority t => CheckTransfer() is { IsRefused: true } refused ? refused : CheckTransferToAuthority(t),
        EpisodeTransferredIn t => CheckTransferIn(t),
        OutcomesQuestionnaireRecorded q => CheckOutcomesCompletion(q.Completion),
        LinkedToFamilyGroup f => CheckLink(f),
        FamilyAssessmentRecorded f => CheckFamilyPart(f.FamilyGroup, f.Actor, null, f.Actor.Agency, live),
        FamilyAssessmentReused r => CheckFamilyPart(r.FamilyGroup, r.Actor, r.Source, r.RecordedBy.Agency, live),
        UnlinkedFromFamilyGroup u when FamilyGroup != u.FamilyGroup => Result.Refused("REG-03",
            $"The episode is not in family group {u.FamilyGroup}, so it cannot leave it.", "familyGroup"),
        _ => Result.Ok,
    };

    private Result CheckNomination(LeadProfessionalNominated n, bool live)
    {
        var current = LeadProfessional;
        if (!current.IsInterim && current.Practitioner == n.Practitioner)
        {
            return Result.Refused("LP-10", $"{_policy.Names.Name(n.Practitioner)} is already the lead professional.", "practitioner");
        }

        // LP-11 first: an excluded agency is refused whatever else holds, and the refusal is recorded (SHARE-04).
        if (_consent.Excludes(n.Agency))
        {
            var share = new Share(n.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11");
            var decision = Evaluate(n.Agency, SharingPurpose.LeadProfessional);
            if (live)
            {
                Audit(n.Actor, share, decision, SharedItems.None);
            }

            return Result.Refused("LP-11",
                $"The family excluded {_policy.Names.Name(n.Agency)} (CONS-05): it cannot hold the lead-professional role.", "agency");
        }

        return CheckNominee(n.WorksWithFamily, n.IsLeadProfessionalTrained, n.CurrentLeadCaseload, "nominee");
    }

    // LP-06: the supervisor confirms the nominee's capacity, so the nominee never confirms their own. A confirmation
    // stored without the nominee was recorded before this check (every one since carries it): it reads back as it was
    // accepted then, so no stored history starts refusing (docs/upgrading.md).
    private Result CheckSupervisor(NominationConfirmedBySupervisor c, bool live)
    {
        if (!live && c.Nominee is null)
        {
            return Result.Ok;
        }

        var nominee = PendingNomination!.Practitioner;
        if (c.Nominee is { } named && named != nominee)
        {
            return Result.Refused("LIFE-11", $"The confirmation names {named} as the nominee; the nomination awaiting confirmation is of {nominee}.", "nominee");
        }

        return c.Supervisor == nominee
            ? Result.Refused("LP-06", $"{_policy.Names.Name(nominee)} cannot confirm their own capacity: their supervisor confirms it.", "supervisor")
            : Result.Ok;
    }

    // The selector's hard checks, under the same options, on every path: a nomination and the step-down TAC's
    // "continue" (LP-03, LP-04, caseload cap).
    private Result CheckNominee(bool worksWithFamily, bool trained, int caseload, string field)
    {
        if (!worksWithFamily)
        {
            return Result.Refused("LP-03", "The lead professional comes from the practitioners already working with the family, not an extra professional.", field);
        }

        if (_rules.RequireLeadProfessionalTraining && !trained)
        {
            return Result.Refused("LP-04", "The lead professional needs the skills and competence to co-ordinate: local policy requires LP training.", field);
        }

        return _rules.LeadProfessionalCaseloadCap is { } cap && caseload >= cap
            ? Result.Refused("LP-06", $"The nominee leads {caseload} episode(s), at or above the cap of {cap}: their supervisor cannot confirm capacity.", field)
            : Result.Ok;
    }

    // CONS-07: who may withdraw follows who may consent, with a name and a reason, judged as of the withdrawal's day.
    // A stored withdrawal without a name was recorded before these checks (every withdrawal since carries one): it
    // reads back as it was accepted then, so no stored history starts refusing (docs/upgrading.md).
    private Result CheckWithdrawal(ConsentWithdrawal withdrawal, bool live) =>
        !live && withdrawal.Name is null ? Result.Ok : _rules.Consent.ValidateWithdrawal(withdrawal, AgeAt(_at));

    // REG-03, SHARE-01: what one episode can judge of a link on its own, live and on replay alike. Linking shares the
    // child's family information with the practitioner linking (and the siblings' teams, which only the register sees):
    // that agency must be covered by the consent in force or an override, so a link is refused with no consent, after
    // a withdrawal or for an excluded agency.
    private Result CheckLink(LinkedToFamilyGroup f)
    {
        if (FamilyGroup == f.FamilyGroup)
        {
            return Result.Refused("REG-03", $"The episode is already in family group {f.FamilyGroup}.", "familyGroup");
        }

        var decision = Evaluate(f.Actor.Agency, SharingPurpose.FamilyLink);
        return decision.Granted
            ? Result.Ok
            : Result.Refused("SHARE-01",
                $"Linking would share {Child.Id}'s family information with {f.Actor.Agency}: [{decision.RuleId}] {decision.Reason}", "familyGroup");
    }

    // REG-03, SHARE-01: the family and environmental part is recorded for, and reused within, the episode's own family
    // group; the agency that recorded it must be covered by this episode's consent in force (or an override) for the
    // family link, so with no consent, after a withdrawal or for an excluded agency it is neither recorded nor received.
    // Judged live and on replay alike; a live decision is audited (SHARE-03/04) and saved with the event.
    private Result CheckFamilyPart(string group, Actor by, EpisodeId? source, AgencyId recordingAgency, bool live)
    {
        if (FamilyGroup != group)
        {
            return Result.Refused("REG-03", FamilyGroup is null
                ? "The episode is not linked to a family group: link the siblings' episodes first."
                : $"The episode is in family group {FamilyGroup}, not {group}.", "familyGroup");
        }

        if (source == Id)
        {
            return Result.Refused("REG-03", "The family part is reused from a sibling's episode, not this one.", "source");
        }

        var decision = Evaluate(recordingAgency, SharingPurpose.FamilyLink);
        if (live)
        {
            Audit(by, new Share(recordingAgency, SharingPurpose.FamilyLink, SharedItems.FamilyInformation, true, "SHARE-01"), decision,
                decision.Granted ? SharedItems.FamilyInformation : SharedItems.None);
        }

        return decision.Granted
            ? Result.Ok
            : Result.Refused("SHARE-01", source is null
                ? $"The family part is shared with the family group, and {Child.Id}'s consent does not cover {_policy.Names.Name(recordingAgency)}: [{decision.RuleId}] {decision.Reason}"
                : $"{Child.Id}'s consent does not cover {_policy.Names.Name(recordingAgency)}, which recorded the family part: it is not reused here. [{decision.RuleId}] {decision.Reason}",
                "familyGroup");
    }

    // RET-02 hands the child's record to another authority: only with consent in force (CONS-07, SHARE-01).
    private Result CheckTransfer()
    {
        if (_consent.IsWithdrawn && !_consent.IsOverridden)
        {
            return Result.Refused("CONS-07",
                "Consent was withdrawn: the child's record cannot be handed to another authority (SHARE-01) unless consent is overridden.", "consent");
        }

        return _consent.IsOverridden || ConsentAt(_at, _rules).SufficientToStartAssessment
            ? Result.Ok
            : Result.Refused("SHARE-01", "No consent in force covers handing the child's record to another authority.", "consent");
    }

    /// <summary>
    /// A sharing decision for a hand-over made outside the episode's own commands (the register linking
    /// siblings, REG-03), judged now and recorded when asked (SHARE-03/04).
    /// </summary>
    internal SharingDecision DecideSharing(Actor by, AgencyId agency, SharingPurpose purpose, SharedItems items, bool record)
    {
        JudgeAt(Now);
        var decision = Evaluate(agency, purpose);
        if (record)
        {
            // A grant is held for the link's own event (saved with it); a refusal ends the link attempt, so it is recorded now.
            var held = _auditScratch.Count;
            Audit(by, new Share(agency, purpose, items, true, "SHARE-01"), decision, decision.Granted ? items : SharedItems.None);
            if (!decision.Granted)
            {
                RecordHeldFrom(held);
            }
        }

        return decision;
    }

    /// <summary>The agencies that receive what is shared with this episode's team: the LP's and the plan's.</summary>
    internal IEnumerable<AgencyId> TeamAgencies()
    {
        yield return LeadProfessional.Agency;
        foreach (var agency in Plan?.DeliveringAgencies ?? [])
        {
            if (agency != LeadProfessional.Agency)
            {
                yield return agency;
            }
        }
    }

    // ----- Consent, judged as of a time -----

    private int? AgeAt(DateTimeOffset at) => Child.AgeOn(DateOnly.FromDateTime(at.UtcDateTime));

    // CONS-02/03 depend on the child's age on the day: judged as of each command's own time, live and on
    // replay alike. Cached per consent state and age, so repeated questions cost nothing.
    private ConsentEvaluation ConsentAt(DateTimeOffset at, EpisodeRules rules)
    {
        var age = AgeAt(at);
        if (_evaluated is { } cached && ReferenceEquals(cached.Consent, _consent) && cached.Age == age && ReferenceEquals(cached.Rules, rules))
        {
            return cached.Evaluation;
        }

        var evaluation = rules.Consent.Evaluate(_consent, age);
        _evaluated = (_consent, age, rules, evaluation);
        return evaluation;
    }

    /// <summary>Judges as of a time under the version in effect then (a live command, a query).</summary>
    private void JudgeAt(DateTimeOffset at)
    {
        _at = at;
        _rules = _policy.RulesAt(at);
    }

    // SHARE-02: a grant hands over the minimum for its purpose under the version judging (whatever the host's service says).
    private SharingDecision Evaluate(AgencyId agency, SharingPurpose purpose)
    {
        var decision = _rules.Sharing.Evaluate(_consent, agency, purpose, AgeAt(_at));
        return decision.Granted ? decision with { Categories = _rules.Minimum.For(purpose) } : decision;
    }

    // Held until the command goes ahead (then saved with its event) or is refused (then recorded at once): CafEpisode.Audit.cs.
    private void Audit(Actor by, Share share, SharingDecision decision, SharedItems items) =>
        Hold(new SharingAuditEntry(Id, share.Agency, share.Purpose, decision, by, _at) { Items = items });

    private static string Describe(SharedItems items) => items switch
    {
        SharedItems.Assessment => "the assessment",
        SharedItems.Plan => "the plan",
        SharedItems.Review => "the review",
        SharedItems.PanelPapers => "the panel papers",
        SharedItems.LeadProfessionalRole => "the lead-professional role",
        _ => "information about this episode",
    };
}
