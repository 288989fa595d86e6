using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>The one pipeline every event passes, live and on replay; and the sharing gate (SHARE-01..04, LP-11).</summary>
public sealed partial class CafEpisode
{
    private DateTimeOffset _at; // the time being judged: the clock's for a live command, the event's own on replay
    private (ConsentState Consent, int? Age, ConsentEvaluation Evaluation)? _evaluated;

    private DateTimeOffset Now => _policy.Time.GetUtcNow();

    /// <summary>A recipient of what an event hands over, and whether the event depends on the grant.</summary>
    private readonly record struct Share(AgencyId Agency, SharingPurpose Purpose, SharedItems Items, bool Mandatory, string RuleId, string? Field = null);

    /// <summary>
    /// Checks an event and, if every check holds, records its sharing decisions (live only) and applies it.
    /// Order: the state (and its guards) first; then the event's content; then the sharing gate for the
    /// acting practitioner and the lead professional; then the command's own rules; then every recipient.
    /// A dry run stops before recording grants and applying (refusals found on the way are still audited).
    /// </summary>
    private Result Execute(CafEvent e, bool live, bool dryRun = false)
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

        _at = e.OccurredAt;
        var permitted = CheckStateAt(action);
        if (permitted.IsRefused)
        {
            return permitted;
        }

        if ((EventChecks.Following(e, Id, _events[^1].OccurredAt) ?? KeyProblem(e, live)) is { } content)
        {
            return Result.Refused(content);
        }

        var gate = CheckGate(e, action, live);
        if (gate.IsRefused)
        {
            return gate;
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
        }

        Fire(action);
        Apply(Keyed(e, live));
        return Result.Ok;
    }

    private static string FieldOf(Share share) => share.Field ?? (share.RuleId == "LP-11" ? "agency" : share.Purpose switch
    {
        SharingPurpose.LeadProfessional => "leadProfessional",
        SharingPurpose.PlanDelivery => "deliveringAgencies",
        SharingPurpose.Panel => "consent",
        _ => "agency",
    });

    // ----- The sharing gate: who acts, and the lead professional -----

    // Commands the family's exclusion of the LP's agency does not stop: consent itself, the handover that
    // resolves it (LP-10, and the step-down TAC confirming another LP, STEP-03), withdrawal (CONS-07), override
    // and step-up (safeguarding, LIFE-04). Each hands nothing more to the excluded lead professional.
    private static bool SharesWithLeadProfessional(CafEvent e, EpisodeAction action) => action switch
    {
        EpisodeAction.RecordConsent or EpisodeAction.LiftExclusion or EpisodeAction.NominateLeadProfessional
            or EpisodeAction.ConfirmNomination or EpisodeAction.RecordFamilyAgreement or EpisodeAction.WithdrawConsent
            or EpisodeAction.OverrideConsent or EpisodeAction.StepUp or EpisodeAction.ContinueAfterStepDownTac => false,
        EpisodeAction.Close => e is not EpisodeClosed { Outcome: ClosureOutcome.ConsentWithdrawn },
        _ => true,
    };

    private Result CheckGate(CafEvent e, EpisodeAction action, bool live)
    {
        // SHARE-01: a practitioner of an excluded agency neither records nor sees work on the episode. A
        // step-up is exempt: a concern of significant harm is acted on whoever sees it (LIFE-04).
        if (action != EpisodeAction.StepUp && _consent.Excludes(e.Actor.Agency))
        {
            var share = new Share(e.Actor.Agency, SharingPurpose.EpisodeWork, SharedItems.CaseNotes, true, "SHARE-01");
            var decision = Evaluate(share.Agency, share.Purpose);
            if (live)
            {
                Audit(e.Actor, share, decision, SharedItems.None);
            }

            return Result.Refused("SHARE-01",
                $"{e.Actor.Practitioner} acts for {e.Actor.Agency}, which the family excluded (CONS-05): that agency neither records nor sees work on this episode.",
                "by");
        }

        // LP-11: the family excluded the lead professional's agency (the interim LP's too): hand the role over first.
        if (SharesWithLeadProfessional(e, action) && _consent.Excludes(LeadProfessional.Agency))
        {
            var share = new Share(LeadProfessional.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11");
            var decision = Evaluate(share.Agency, share.Purpose);
            if (live)
            {
                Audit(e.Actor, share, decision, SharedItems.None);
            }

            return Result.Refused("LP-11",
                $"The family excluded {LeadProfessional.Agency}, the lead professional's agency: nothing more goes to it (SHARE-01). Hand the role over (nominate, supervisor confirms, family agrees; LP-10) before this.",
                "leadProfessional");
        }

        return Result.Ok;
    }

    // ----- Recipients: every agency an event hands information to -----

    private ImmutableArray<Share> Recipients(CafEvent e)
    {
        var lp = LeadProfessional.Agency;
        switch (e)
        {
            case AssessmentCompleted:
                return [new Share(lp, SharingPurpose.LeadProfessional, SharedItems.Assessment, true, "SHARE-01")];
            case ReferredToPanel or PanelDecisionRecorded:
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
            default:
                return [];
        }
    }

    // ----- The commands' own rules, one place for live commands and replay -----

    private Result CheckRules(CafEvent e, bool live) => e switch
    {
        ConsentRecorded c => _policy.Consent.ValidateRecord(c.Record, AgeAt(_at)),
        ConsentExclusionLifted l => _consent.IsExcludedBy(l.Lift.Agency, l.Lift.LiftedBy)
            ? Result.Ok
            : Result.Refused("CONS-05",
                $"{ConsentDisplayText.For(l.Lift.LiftedBy)} has not excluded {l.Lift.Agency}: an exclusion is lifted only by the person who made it.", "lift"),
        AssessmentCompleted a when a.Summary.IsSignificantHarm => Result.Refused("THR-04",
            "The thresholds result is significant harm: follow safeguarding procedures now and step the episode up (LIFE-04).", "summary"),
        ReferredToPanel r => CheckReferral(r),
        PanelDecisionRecorded d => CheckPanelDecision(d),
        PanelServiceStartConfirmed c => CheckServiceStart(c),
        LeadProfessionalNominated n => CheckNomination(n, live),
        PlanAgreed p => CheckPlan(p.Plan, revision: false),
        PlanRevised p => CheckPlan(p.Plan, revision: true),
        ReviewHeld r => CheckReview(r),
        StepDownTacDecided d => CheckStepDownTac(d),
        ConsentOverrideRecorded o => _policy.Consent.ValidateOverride(o.Override),
        EpisodeClosed c => CheckClosure(c),
        EpisodeTransferredOut => CheckTransfer(),
        OutcomesQuestionnaireRecorded q => CheckOutcomesCompletion(q.Completion),
        LinkedToFamilyGroup f when FamilyGroup == f.FamilyGroup => Result.Refused("REG-03", $"The episode is already in family group {f.FamilyGroup}.", "familyGroup"),
        _ => Result.Ok,
    };

    private Result CheckNomination(LeadProfessionalNominated n, bool live)
    {
        var current = LeadProfessional;
        if (!current.IsInterim && current.Practitioner == n.Practitioner)
        {
            return Result.Refused("LP-10", $"{n.Practitioner} is already the lead professional.", "practitioner");
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
                $"{n.Agency} may not receive information about this episode, so it cannot hold the lead-professional role: [{decision.RuleId}] {decision.Reason}", "agency");
        }

        // The selector's hard checks, under the same options, on every path (LP-03, LP-04, caseload cap).
        if (!n.WorksWithFamily)
        {
            return Result.Refused("LP-03", "The lead professional comes from the practitioners already working with the family, not an extra professional.", "nominee");
        }

        if (_policy.RequireLeadProfessionalTraining && !n.IsLeadProfessionalTrained)
        {
            return Result.Refused("LP-04", "The lead professional needs the skills and competence to co-ordinate: local policy requires LP training.", "nominee");
        }

        return _policy.LeadProfessionalCaseloadCap is { } cap && n.CurrentLeadCaseload >= cap
            ? Result.Refused("LP-06", $"The nominee leads {n.CurrentLeadCaseload} episode(s), at or above the cap of {cap}: their supervisor cannot confirm capacity.", "nominee")
            : Result.Ok;
    }

    // RET-02 hands the child's record to another authority: only with consent in force (CONS-07, SHARE-01).
    private Result CheckTransfer()
    {
        if (_consent.IsWithdrawn && !_consent.IsOverridden)
        {
            return Result.Refused("CONS-07",
                "Consent was withdrawn: the child's record cannot be handed to another authority (SHARE-01) unless consent is overridden.", "consent");
        }

        return _consent.IsOverridden || ConsentAt(_at).SufficientToStartAssessment
            ? Result.Ok
            : Result.Refused("SHARE-01", "No consent in force covers handing the child's record to another authority.", "consent");
    }

    /// <summary>
    /// A sharing decision for a hand-over made outside the episode's own commands (the register linking
    /// siblings, REG-03), judged now and recorded when asked (SHARE-03/04).
    /// </summary>
    internal SharingDecision DecideSharing(Actor by, AgencyId agency, SharingPurpose purpose, SharedItems items, bool record)
    {
        _at = Now;
        var decision = Evaluate(agency, purpose);
        if (record)
        {
            Audit(by, new Share(agency, purpose, items, true, "SHARE-01"), decision, decision.Granted ? items : SharedItems.None);
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
    private ConsentEvaluation ConsentAt(DateTimeOffset at)
    {
        var age = AgeAt(at);
        if (_evaluated is { } cached && ReferenceEquals(cached.Consent, _consent) && cached.Age == age)
        {
            return cached.Evaluation;
        }

        var evaluation = _policy.Consent.Evaluate(_consent, age);
        _evaluated = (_consent, age, evaluation);
        return evaluation;
    }

    private SharingDecision Evaluate(AgencyId agency, SharingPurpose purpose) =>
        _policy.Sharing.Evaluate(_consent, agency, purpose, AgeAt(_at));

    private void Audit(Actor by, Share share, SharingDecision decision, SharedItems items) =>
        _policy.Sharing.Record(new SharingAuditEntry(Id, share.Agency, share.Purpose, decision, by, _at) { Items = items });

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
