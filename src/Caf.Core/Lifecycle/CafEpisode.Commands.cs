using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Lifecycle;

/// <summary>The commands: each guards its arguments, builds one event and hands it to the pipeline.</summary>
public sealed partial class CafEpisode
{
    /// <summary>Records a consent decision (CONS-01..05, CONS-08). Consent may be recorded at any point while open.</summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="record">The consent record. The agencies it excludes stay excluded until lifted (<see cref="LiftExclusion"/>).</param>
    /// <param name="reason">What consent was sought for, or why it was refused or limited, as said (LIFE-11).</param>
    /// <returns>Success, or a refusal (CONS rule ids; LIFE-10 when closed; SHARE-01 when the recorder's agency is excluded).</returns>
    public Result RecordConsent(Actor by, ConsentRecord record, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(record);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new ConsentRecorded(Id, Now, by, record, reason), live: true);
    }

    /// <summary>
    /// CONS-05: records that the person who excluded an agency lifts their exclusion. Only that person can:
    /// a later consent, a refusal, a withdrawal or an override never lifts an exclusion.
    /// </summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="lift">The agency, the person lifting their exclusion, and why.</param>
    /// <returns>Success, or a refusal (CONS-05 when that person has not excluded the agency).</returns>
    public Result LiftExclusion(Actor by, ConsentExclusionLift lift)
    {
        GuardActor(by);
        Guard.Against.Null(lift);
        GuardId(lift.Agency);
        Guard.Against.EnumOutOfRange(lift.LiftedBy);
        Guard.Against.NullOrWhiteSpace(lift.GiverName);
        Guard.Against.NullOrWhiteSpace(lift.Reason);
        return Execute(new ConsentExclusionLifted(Id, Now, by, lift), live: true);
    }

    /// <summary>Starts the assessment (LIFE-05: only with sufficient consent; verbal consent is enough).</summary>
    /// <param name="by">Who starts it.</param>
    /// <param name="reason">Why an assessment now (LIFE-11).</param>
    /// <returns>Success, or a refusal (LIFE-05, CONS rule ids).</returns>
    public Result StartAssessment(Actor by, string reason)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new AssessmentStarted(Id, Now, by, reason), live: true);
    }

    /// <summary>
    /// LIFE-07: chooses the next step after the assessment (or after a step-down TAC, STEP-03): every value of
    /// <see cref="Lifecycle.NextStep"/> is accepted. No further action closes the episode as resolved other with
    /// the reason (CLOSE-09). The other two LIFE-07 outcomes carry what they need and are commands of their own:
    /// a panel referral names the panel (<see cref="ReferToPanel"/>, PANEL-01) and a step-up names the specialist
    /// service (<see cref="StepUp"/>, LIFE-04).
    /// </summary>
    /// <param name="by">Who chose.</param>
    /// <param name="step">The next step.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal (LIFE-12 for the state, CONS rule ids).</returns>
    /// <exception cref="ArgumentException"><paramref name="step"/> is not defined.</exception>
    public Result ChooseNextStep(Actor by, NextStep step, string reason)
    {
        GuardActor(by);
        Guard.Against.EnumOutOfRange(step);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new NextStepChosen(Id, Now, by, step, reason), live: true);
    }

    /// <summary>
    /// LP-03, LP-04: nominates the lead professional from the practitioners already working with the family,
    /// or a successor for a planned handover (LP-10) — including when the family excluded the current lead
    /// professional's agency. The same hard checks as the selector apply, under the same options: in the
    /// family's network (LP-03), trained where required (LP-04), under the caseload cap, and never an agency the
    /// family excluded (LP-11). The nomination becomes the appointment once the supervisor has confirmed (LP-06,
    /// <see cref="ConfirmNomination"/>) and the family agreed (LP-05, <see cref="RecordFamilyAgreement"/>).
    /// A new nomination replaces one still pending.
    /// </summary>
    /// <param name="by">Who nominates.</param>
    /// <param name="nominee">The nominee, as the practitioner directory describes them.</param>
    /// <param name="reason">Why this person (e.g. the selection's explanation) or why the handover.</param>
    /// <returns>Success, or a refusal (LP-03, LP-04, LP-06, LP-10, LP-11).</returns>
    public Result NominateLeadProfessional(Actor by, LeadProfessionalCandidate nominee, string reason)
    {
        GuardActor(by);
        GuardNominee(nominee);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(Nomination(by, nominee, reason, Now), live: true);
    }

    /// <summary>
    /// LP-06: records that the nominee's supervisor confirmed they can take the role. If the family has
    /// already agreed, the nominee becomes the lead professional; information then goes to their agency, so
    /// the sharing service decides first (LP-11, SHARE-03).
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="supervisor">The supervisor who confirmed.</param>
    /// <param name="reason">Why the supervisor confirmed: capacity and fit (LIFE-11).</param>
    /// <returns>Success, or a refusal (LP-06 when nobody is nominated, LP-11).</returns>
    public Result ConfirmNomination(Actor by, PractitionerId supervisor, string reason)
    {
        GuardActor(by);
        GuardId(supervisor);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new NominationConfirmedBySupervisor(Id, Now, by, supervisor, reason) { Nominee = PendingNomination?.Practitioner }, live: true);
    }

    /// <summary>
    /// LP-05: records that the child and family understood and agreed to the nominee. If the supervisor has
    /// already confirmed, the nominee becomes the lead professional (the sharing service decides first, LP-11).
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="agreement">How they agreed.</param>
    /// <returns>Success, or a refusal (LP-05 when nobody is nominated, LP-11).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="agreement"/> is null.</exception>
    public Result RecordFamilyAgreement(Actor by, FamilyAgreement agreement)
    {
        GuardActor(by);
        Guard.Against.Null(agreement);
        return Execute(new NominationAgreedByFamily(Id, Now, by, agreement.HowAgreed), live: true);
    }

    /// <summary>
    /// Appoints the lead professional in one step (LP-02), or hands the role over (LP-10, history kept): records
    /// the nomination, the supervisor's confirmation (LP-06) and the family's agreement (LP-05) as three events,
    /// or nothing at all if any is missing or refused. The nomination's hard checks apply (LP-03, LP-04, caseload
    /// cap, LP-11).
    /// </summary>
    /// <param name="by">Who records the appointment.</param>
    /// <param name="nominee">The nominee, as the practitioner directory describes them.</param>
    /// <param name="confirmedBySupervisor">The supervisor who confirmed, or null if not yet confirmed.</param>
    /// <param name="familyAgreement">How the family agreed, or null if they have not.</param>
    /// <param name="reason">Why this person (e.g. the selection's explanation) or why the handover.</param>
    /// <returns>Success, or a refusal (LP-03, LP-04, LP-05, LP-06, LP-10, LP-11; SHARE-01 when the episode records the nominee or the supervisor at an agency the family excluded).</returns>
    public Result AppointLeadProfessional(
        Actor by, LeadProfessionalCandidate nominee, PractitionerId? confirmedBySupervisor, FamilyAgreement? familyAgreement, string reason)
    {
        GuardActor(by);
        GuardNominee(nominee);
        Guard.Against.NullOrWhiteSpace(reason);
        return Appoint(by, nominee, confirmedBySupervisor, familyAgreement, reason);
    }

    /// <summary>
    /// Appoints the lead professional a <see cref="LeadProfessionalSelection"/> chose (LP-04..LP-08), with the
    /// selection's explanation as the recorded reason. No eligible candidate is refused with LP-09 (escalate to
    /// the local CAF lead, then the CAF/panel manager). The state is checked first.
    /// </summary>
    /// <param name="by">Who records the appointment.</param>
    /// <param name="selection">The selection for this episode.</param>
    /// <param name="confirmedBySupervisor">The chosen practitioner's supervisor who confirmed (LP-06), or null.</param>
    /// <param name="familyAgreement">How the family agreed (LP-05), or null.</param>
    /// <returns>Success, or a refusal (LIFE-10/LIFE-12 for the state, LP-09, LP-05, LP-06, LP-11, SHARE-01).</returns>
    /// <exception cref="ArgumentException">The selection was made for another episode.</exception>
    public Result AppointLeadProfessional(Actor by, LeadProfessionalSelection selection, PractitionerId? confirmedBySupervisor, FamilyAgreement? familyAgreement)
    {
        GuardActor(by);
        Guard.Against.Null(selection);
        if (selection.Episode != Id)
        {
            throw new ArgumentException($"The selection was made for episode {selection.Episode}, not {Id}.", nameof(selection));
        }

        var permitted = CheckPermitted(EpisodeAction.NominateLeadProfessional);
        if (permitted.IsRefused)
        {
            return permitted;
        }

        var chosen = selection.ToResult();
        if (chosen.IsRefused)
        {
            return chosen.ToResult();
        }

        var c = chosen.Value;
        var reason = $"Ranked first of {selection.Ranked.Length} candidate(s) with score {c.TotalScore:0.00} (LP-04..LP-08).";
        return Appoint(by, c.Candidate, confirmedBySupervisor, familyAgreement, reason);
    }

    /// <summary>
    /// REV-03: reconsiders the assessment; a new plan is then negotiated (<see cref="AgreePlan"/>). The
    /// reassessment is due within the assessment timescale from today (LIFE-06).
    /// </summary>
    /// <param name="by">Who decided.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal.</returns>
    public Result RequireReassessment(Actor by, string reason)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new ReassessmentRequired(Id, Now, by, reason), live: true);
    }

    /// <summary>
    /// LIFE-04, CLOSE-07: steps up to a named specialist service or safeguarding procedures (a concern of
    /// significant harm at any stage, whoever sees it). The episode closes as stepped up.
    /// </summary>
    /// <param name="by">Who decided.</param>
    /// <param name="service">The named specialist service.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal (LIFE-10 when already closed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public Result StepUp(Actor by, SpecialistService service, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(service);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new SteppedUp(Id, Now, by, service.Name, reason), live: true);
    }

    /// <summary>
    /// CONS-07: records a withdrawal of consent. The episode can then only close as consent withdrawn, or be overridden.
    /// Who may withdraw follows who may consent (CONS-01..03, CONS-08), and the withdrawal records the person's name
    /// and the reason given (<see cref="ConsentPolicy.ValidateWithdrawal"/>).
    /// </summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="withdrawal">The withdrawal, with <see cref="ConsentWithdrawal.Name"/> set.</param>
    /// <returns>Success, or a refusal (CONS-07: no name, a blank reason, or someone who may not withdraw).</returns>
    public Result WithdrawConsent(Actor by, ConsentWithdrawal withdrawal)
    {
        GuardActor(by);
        Guard.Against.Null(withdrawal);
        Guard.Against.EnumOutOfRange(withdrawal.WithdrawnBy);
        Guard.Against.Null(withdrawal.Reason);
        return Execute(new ConsentWithdrawalRecorded(Id, Now, by, withdrawal), live: true);
    }

    /// <summary>
    /// CONS-06, LIFE-04: overrides absent, refused or withdrawn consent in the child's best interest, with a
    /// recorded safeguarding justification and who decided. The case leaves the voluntary CAF route: the
    /// episode closes as consent overridden (CLOSE-06). An override never re-admits an excluded agency.
    /// </summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="override">The override.</param>
    /// <returns>Success, or a refusal (CONS-06).</returns>
    public Result OverrideConsent(Actor by, ConsentOverride @override)
    {
        GuardActor(by);
        Guard.Against.Null(@override);
        return Execute(new ConsentOverrideRecorded(Id, Now, by, @override), live: true);
    }

    /// <summary>
    /// RET-02: transfers the episode to another authority; the sending authority keeps the record (and its
    /// retention date, RET-01). The child's record goes to another authority, so consent must be in force: after
    /// a withdrawal it is refused (CONS-07, SHARE-01).
    /// </summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="receivingAuthority">The receiving local authority.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal (CONS-07, SHARE-01, LP-11).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="receivingAuthority"/> is null.</exception>
    public Result TransferOut(Actor by, LocalAuthority receivingAuthority, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(receivingAuthority);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new EpisodeTransferredOut(Id, Now, by, receivingAuthority.Name, reason), live: true);
    }

    /// <summary>
    /// REG-03: links the episode to a family group. Only the register links episodes
    /// (<see cref="Caf.Core.Register.CafRegister.LinkFamilyAsync"/>), because only it can check every sibling's
    /// exclusions against the others' agencies (SHARE-01).
    /// </summary>
    internal Result LinkToFamily(Actor by, string familyGroup, bool dryRun = false)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(familyGroup);
        return Execute(new LinkedToFamilyGroup(Id, Now, by, familyGroup), live: true, dryRun);
    }

    /// <summary>
    /// REG-03: ends the episode's family link because a consent or team change means the link would now be refused
    /// (the register's re-judgement, <see cref="Caf.Core.Register.CafRegister.ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, System.Threading.CancellationToken)"/>).
    /// </summary>
    internal Result UnlinkFromFamily(Actor by, AgencyId agency, string ruleId, string reason)
    {
        GuardActor(by);
        return FamilyGroup is { } group
            ? Execute(new UnlinkedFromFamilyGroup(Id, Now, by, group, agency, ruleId, reason), live: true)
            : Result.Refused("REG-03", "The episode is not in a family group.", "familyGroup");
    }

    /// <summary>
    /// REG-03: records the family and environmental part of the assessment once for the episode's family group, for each
    /// linked sibling's assessment to reuse (<see cref="Caf.Core.Register.CafRegister.ReuseFamilyAssessmentAsync"/>). Refused
    /// when the episode is not in a family group (REG-03), or when its consent in force does not cover the recorder's
    /// agency for the family link (SHARE-01: no consent, withdrawn, or excluded). Allowed in any open state.
    /// </summary>
    /// <param name="by">Who records it (their agency is the recording agency).</param>
    /// <param name="part">The part (<see cref="Caf.Core.Register.FamilyAssessment.From"/>).</param>
    /// <param name="reason">How it was gathered, or why (LIFE-11).</param>
    /// <returns>Success, or the refusal.</returns>
    /// <exception cref="ArgumentException">The actor is default, the part is null or the reason blank.</exception>
    public Result RecordFamilyAssessment(Actor by, Caf.Core.Register.FamilyAssessment part, string reason)
    {
        GuardActor(by);
        Guard.Against.Null(part);
        Guard.Against.NullOrWhiteSpace(reason);
        // Through the pipeline even when the episode is in no group (state, then the actor, then REG-03): the placeholder
        // is never stored, because CheckFamilyPart refuses a group that is not the episode's.
        return Execute(new FamilyAssessmentRecorded(Id, Now, by, FamilyGroup ?? NoFamilyGroup, part, reason), live: true);
    }

    /// <summary>
    /// REG-03: receives the family part a sibling's episode recorded for the family group. Only the register does this
    /// (<see cref="Caf.Core.Register.CafRegister.ReuseFamilyAssessmentAsync"/>): it alone sees the source episode and judges
    /// the source's consent for this episode's team (SHARE-01).
    /// </summary>
    internal Result ReuseFamilyAssessment(Actor by, EpisodeId source, FamilyAssessmentRecorded recorded, string reason, bool dryRun = false)
    {
        GuardActor(by);
        Guard.Against.Null(recorded);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(new FamilyAssessmentReused(Id, Now, by, recorded.FamilyGroup, source, recorded.Actor, recorded.OccurredAt, recorded.Part, reason), live: true, dryRun);
    }

    private const string NoFamilyGroup = "(no family group)";

    // ----- Internals -----

    private LeadProfessionalNominated Nomination(Actor by, LeadProfessionalCandidate nominee, string reason, DateTimeOffset at) =>
        new(Id, at, by, nominee.Practitioner, nominee.Agency, reason, nominee.IsWorkingWithFamily, nominee.IsLeadProfessionalTrained, nominee.CurrentLeadCaseload);

    private Result Appoint(Actor by, LeadProfessionalCandidate nominee, PractitionerId? confirmedBySupervisor, FamilyAgreement? familyAgreement, string reason)
    {
        var at = Now;
        var nominated = Nomination(by, nominee, reason, at);
        var valid = Execute(nominated, live: true, dryRun: true); // state, gate and the nomination's rules
        if (valid.IsRefused)
        {
            return valid;
        }

        if (confirmedBySupervisor is not { IsDefault: false } supervisor)
        {
            return Result.Refused("LP-06", "The nominee's supervisor must confirm they can take the lead-professional role.", "confirmedBySupervisor");
        }

        if (supervisor == nominee.Practitioner)
        {
            return Result.Refused("LP-06", $"{_policy.Names.Name(nominee.Practitioner)} cannot confirm their own capacity: their supervisor confirms it.", "confirmedBySupervisor");
        }

        if (familyAgreement is null)
        {
            return Result.Refused("LP-05", "The child and family must understand and agree to the lead professional.", "familyAgreement");
        }

        // SHARE-01: the supervisor takes a role too; checked before anything is recorded (CafEpisode.Roles.cs).
        var confirmed = new NominationConfirmedBySupervisor(Id, at, by, supervisor, "Supervisor confirmed at appointment: " + reason) { Nominee = nominee.Practitioner };
        if (CheckRoles(confirmed) is { IsRefused: true } role)
        {
            return Result.Refused(role.Refusal.RuleId, role.Refusal.Message, "confirmedBySupervisor");
        }

        // The appointment hands the role to the nominee's agency: decided before anything is recorded, so all
        // three events go ahead or none does (and a refusal is audited, SHARE-04).
        JudgeAt(at);
        var decision = Evaluate(nominee.Agency, SharingPurpose.LeadProfessional);
        if (!decision.Granted)
        {
            var share = new Share(nominee.Agency, SharingPurpose.LeadProfessional, SharedItems.LeadProfessionalRole, true, "LP-11");
            var held = _auditScratch.Count;
            Audit(by, share, decision, SharedItems.None);
            RecordHeldFrom(held); // refused: recorded now, no save follows
            return Result.Refused("LP-11",
                $"{_policy.Names.Name(nominee.Agency)} may not receive the lead-professional role: [{decision.RuleId}] {decision.Reason}", "agency");
        }

        foreach (var e in (Caf.Core.Events.CafEvent[])[nominated, confirmed, new NominationAgreedByFamily(Id, at, by, familyAgreement.HowAgreed)])
        {
            if (Execute(e, live: true) is { IsRefused: true } refused)
            {
                throw new InvalidOperationException("An appointment checked in full was refused part-way: " + refused.Refusal);
            }
        }

        return Result.Ok;
    }

    private static void GuardNominee(LeadProfessionalCandidate nominee, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(nominee))] string? name = null)
    {
        Guard.Against.Null(nominee, name);
        if (nominee.Practitioner.IsDefault || nominee.Agency.IsDefault)
        {
            throw new ArgumentException("The nominee needs a practitioner id and an agency id.", name);
        }

        if (nominee.CurrentLeadCaseload < 0)
        {
            throw new ArgumentException("The nominee's caseload cannot be negative.", name);
        }
    }
}
