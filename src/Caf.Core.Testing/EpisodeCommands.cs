using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Outcomes;
using Caf.Core.Panels;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Testing;

/// <summary>
/// A named command on an episode, valid or not in any given state. <see cref="Run"/> takes today's date (plans are
/// agreed and reviews held on it), so the same command works in any world or clock.
/// </summary>
/// <param name="Name">The command's name, e.g. "agree plan: school + health + family".</param>
/// <param name="Ends">True when the command ends the episode (closure, step-up, override, transfer, withdrawal).</param>
/// <param name="Execute">Runs the command: the episode and today's date.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeCommand(string Name, bool Ends, Func<CafEpisode, DateOnly, Result> Execute)
{
    /// <summary>Runs the command on an episode.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="today">Today (the date plans are agreed and reviews held on).</param>
    /// <returns>The command's result.</returns>
    public Result Run(CafEpisode episode, DateOnly today) => Execute(episode ?? throw new ArgumentNullException(nameof(episode)), today);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>
/// Every command the episode generators use, in one table: consent (given, written, partial, refused, withdrawn,
/// overridden, exclusions lifted), a disclosure considered under the statutory duty to share (LAW-02: disclosed or not;
/// refused unless the options enable the duty), the assessment, next steps, panel referral, lead-professional nomination and
/// appointment, plans, reviews, revisions, reassessment, step-down TAC decisions, step-up, every closure outcome and
/// transfer out. All calls to <see cref="CafEpisode"/> commands live here.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public static partial class EpisodeCommands
{
    private const string DutyToShare = "duty to share: ";

    private static readonly Actor Teacher = CafCatalogue.Teacher;
    private const string Consent = "Consent to assess and share with partner agencies.";

    /// <summary>The commands, by name.</summary>
    public static ImmutableArray<EpisodeCommand> All { get; } =
    [
        C("consent: mother verbal", (e, d) => e.RecordConsent(Teacher, Mother(ConsentForm.Verbal), Consent)),
        C("consent: mother written", (e, d) => e.RecordConsent(Teacher, Mother(ConsentForm.Written), Consent)),
        C("consent: mother written excluding CAMHS", (e, d) => e.RecordConsent(Teacher, Mother(ConsentForm.Written, CafCatalogue.Camhs), Consent)),
        C("consent: mother refuses", (e, d) => e.RecordConsent(Teacher, Mother(ConsentForm.Verbal) with { Decision = ConsentDecision.Refused }, Consent)),
        C("consent: young person written (judged competent)", (e, d) => e.RecordConsent(Teacher, ConsentRecord.YoungPerson("Amy", ConsentForm.Written, true) with { SharingExplained = true }, Consent)),
        C("consent: young person written (self-consent age)", (e, d) => e.RecordConsent(Teacher, ConsentRecord.YoungPersonSelf("Amy", ConsentForm.Written) with { SharingExplained = true }, Consent)),
        C("consent: expectant mother written", (e, d) => e.RecordConsent(Teacher, ConsentRecord.ExpectantParent("Ms Smith", ConsentForm.Written) with { SharingExplained = true }, Consent)),
        C("consent: mother lifts the CAMHS exclusion", (e, d) => e.LiftExclusion(Teacher, new ConsentExclusionLift(CafCatalogue.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Mum now agrees CAMHS may be involved."))),
        C(DutyToShare + "disclose the plan to CAMHS (not more detrimental)", (e, d) => e.ConsiderDutyToShare(Teacher, DutyToCamhs(false, "CAMHS needs the plan to keep Amy safe; she agreed it may go.")).ToResult()),
        C(DutyToShare + "not disclosed to CAMHS (more detrimental)", (e, d) => e.ConsiderDutyToShare(Teacher, DutyToCamhs(true, "Telling CAMHS now would break Amy's trust in her only safe adult.")).ToResult()),
        C("start assessment", (e, d) => e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family.")),
        C("complete assessment", (e, d) => e.CompleteAssessment(Teacher, Assessed("LEI-01", "LEI-02", "LEI-05"), AbsentParentInvolvement.WasInvolved, "Needs identified across school and health.")),
        C("complete assessment: two additional needs", (e, d) => e.CompleteAssessment(Teacher, Assessed("LEI-01", "LEI-02"), AbsentParentInvolvement.WasInvolved, "Two additional needs: behaviour and parenting.")),
        C("choose NFA", (e, d) => e.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "Needs met by universal services."), ends: true),
        C("choose family action", (e, d) => e.ChooseNextStep(Teacher, NextStep.FamilyAction, "The family will make the changes.")),
        C("choose single agency", (e, d) => e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school can meet the needs.")),
        C("choose multi-agency", (e, d) => e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health.")),
        C("refer to panel", (e, d) => e.ReferToPanel(Teacher, EpisodePanels.Referral(e, Teacher), EpisodePanels.MaagNorth)),
        C("panel decision: youth service and health visiting, the health visitor as LP", (e, d) => e.RecordPanelDecision(Teacher, EpisodePanels.Decision(e, EpisodePanels.Youth, EpisodePanels.HealthVisitingService))),
        C("panel decision: CAMHS allocated", (e, d) => e.RecordPanelDecision(Teacher, EpisodePanels.Decision(e, EpisodePanels.CamhsService, EpisodePanels.Youth))),
        C("youth service confirms its start", (e, d) => e.ConfirmServiceStart(Teacher, e.CurrentPanelReferral?.Referral.Id ?? new PanelReferralId("ref-x"), CafCatalogue.YouthService, d)),
        C("outcomes questionnaire: all OK", (e, d) => e.RecordOutcomesQuestionnaire(Teacher, EpisodePanels.Questionnaire(e, OutcomesRating.Ok))),
        C("outcomes questionnaire: all good", (e, d) => e.RecordOutcomesQuestionnaire(Teacher, EpisodePanels.Questionnaire(e, OutcomesRating.Good))),
        C("appoint health visitor", (e, d) => e.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(CafCatalogue.HealthVisitor), CafCatalogue.Supervisor, new FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly.")),
        C("appoint CAMHS worker", (e, d) => e.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(CafCatalogue.CamhsWorker), CafCatalogue.Supervisor, new FamilyAgreement("Mother agreed."), "Sees Amy for therapy.")),
        C("nominate health visitor", (e, d) => e.NominateLeadProfessional(Teacher, CafCatalogue.Nominee(CafCatalogue.HealthVisitor), "Sees the family weekly.")),
        C("nominate CAMHS worker", (e, d) => e.NominateLeadProfessional(Teacher, CafCatalogue.Nominee(CafCatalogue.CamhsWorker), "Sees Amy for therapy.")),
        C("supervisor confirms", (e, d) => e.ConfirmNomination(Teacher, CafCatalogue.Supervisor, "Has capacity on their caseload.")),
        C("family agrees", (e, d) => e.RecordFamilyAgreement(Teacher, new FamilyAgreement("Mother agreed."))),
        C("appoint without supervisor", (e, d) => e.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(Teacher), null, new FamilyAgreement("agreed"), "Knows Amy best.")),
        C("agree plan: school + family", (e, d) => e.AgreePlan(Teacher, EpisodePlans.SingleService(d), "The school and Mum agreed the plan at the TAC meeting.")),
        C("agree plan: school + health + family", (e, d) => e.AgreePlan(Teacher, EpisodePlans.MultiAgency(d), "Agreed at the TAC meeting.")),
        C("agree plan: family", (e, d) => e.AgreePlan(Teacher, EpisodePlans.FamilyOnly(d), "Mum will lead the changes.")),
        C("agree plan: CAMHS", (e, d) => e.AgreePlan(Teacher, EpisodePlans.WithCamhs(d), "CAMHS offered sessions.")),
        C("agree plan: empty (PLAN-02)", (e, d) => e.AgreePlan(Teacher, EpisodePlans.Plan(d), "No actions yet.")),
        C("review: sufficient", (e, d) => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e, d), d, ReviewProgress.Sufficient))),
        C("review: insufficient", (e, d) => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e, d), d, ReviewProgress.Insufficient))),
        C("review: insufficient, an agency action not carried out", (e, d) => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e, d), d, ReviewProgress.Insufficient, ActionProgress.NotCarriedOut))),
        C("review: most outcomes achieved, closing", (e, d) => e.HoldReview(Teacher, EpisodePlans.Closing(PlanOf(e, d), d))),
        C("review: no next date", (e, d) => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e, d), d, ReviewProgress.Sufficient) with { NextReviewDue = null })),
        C("revise plan: add the family action", (e, d) => e.RevisePlan(Teacher, PlanOf(e, d).Revise(d) with { Actions = [.. PlanOf(e, d).Actions.Where(a => a.Id != "a-family"), EpisodePlans.Family(d.AddDays(30))] }, "Reviewed at the meeting.")),
        C("revise plan: drop CAMHS", (e, d) => e.RevisePlan(Teacher, PlanOf(e, d).Revise(d) with { Actions = [.. PlanOf(e, d).Actions.Where(a => a.Owner.Agency != CafCatalogue.Camhs)] }, "CAMHS excluded by the family.")),
        C("step-down TAC: close", (e, d) => e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(true, true), "No further TAC intervention is required."), ends: true),
        C("step-down TAC: continue with the health visitor", (e, d) => e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(CafCatalogue.HealthVisitor), CafCatalogue.Supervisor, new FamilyAgreement("Mum agreed at the step-down meeting."), EpisodePlans.MultiAgency(d), true, true), "Ongoing support is required.")),
        C("step-down TAC: minimum outcome not met", (e, d) => e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(false, true), "The family do not know who to go to.")),
        C("require reassessment", (e, d) => e.RequireReassessment(Teacher, "No progress: the assessment is reconsidered.")),
        C("step up", (e, d) => e.StepUp(Teacher, new SpecialistService("Children's social care"), "Significant harm suspected."), ends: true),
        C("withdraw consent", (e, d) => e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "moving on") { Name = "Ms Smith" }), ends: true),
        C("override consent", (e, d) => e.OverrideConsent(Teacher, new ConsentOverride("Risk of neglect: the child's best interest.", new PractitionerId("pr-dsl"))), ends: true),
        C("close: C3 resolved other (by the LP)", (e, d) => e.Close(Lp(e), EpisodePlans.PractitionersAgree("resolvedOther", [Lp(e).Practitioner, .. Owners(e)])), ends: true),
        C("close: C1 multi-agency (by the LP)", (e, d) => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency")), ends: true),
        C("close: C1 single service (by the LP)", (e, d) => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("resolvedSingleService")), ends: true),
        C("close: C1 family (by the LP)", (e, d) => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("resolvedFamilyActions")), ends: true),
        C("close: C3 consent withdrawn (by the LP)", (e, d) => e.Close(Lp(e), EpisodePlans.PractitionersAgree("consentWithdrawn", [Lp(e).Practitioner, .. Owners(e)])), ends: true),
        C("close: stepped up (CLOSE-07)", (e, d) => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("steppedUp")), ends: true),
        C("close: by the teacher", (e, d) => e.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedOther", [Teacher.Practitioner, .. Owners(e)])), ends: true),
        C("transfer out", (e, d) => e.TransferOut(Teacher, new LocalAuthority("Leeds"), "The family moved to Leeds."), ends: true),
        .. Issue28Commands,
    ];

    /// <summary>The happy path of the seeds: consent, assessment, multi-agency support with the health visitor, a plan and two reviews.</summary>
    public static ImmutableArray<string> HappyPath { get; } =
    [
        "consent: mother written", "start assessment", "complete assessment", "choose multi-agency",
        "appoint health visitor", "agree plan: school + health + family", "review: insufficient", "review: sufficient",
    ];

    /// <summary>The command with this name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The command.</returns>
    /// <exception cref="ArgumentException">No command has this name.</exception>
    public static EpisodeCommand Named(string name) =>
        All.FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"No episode command is named '{name}'.", nameof(name));

    /// <summary>The default framework's result for these indicators (THR-03, THR-07), as the episode records it.</summary>
    /// <param name="indicators">Indicator ids of the default framework.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">An id is not in the default framework.</exception>
    public static AssessmentSummary Assessed(params string[] indicators)
    {
        var result = CafTestWorld.Default.Assess(indicators);
        return result.IsSuccess ? AssessmentSummary.From(result.Value) : throw new ArgumentException(result.Refusal.Message, nameof(indicators));
    }

    private static EpisodeCommand C(string name, Func<CafEpisode, DateOnly, Result> run, bool ends = false) => new(name, ends, run);

    // LAW-02: a consideration under the statutory duty to share (refused unless the options enable the duty).
    internal static bool IsDutyToShare(EpisodeCommand command) => command.Name.StartsWith(DutyToShare, StringComparison.Ordinal);

    // LAW-02: a consideration under the statutory duty to share, to CAMHS for the plan's delivery (refused unless the
    // authority's policy has the duty in force and the consent in force does not cover CAMHS).
    private static DutyToShareConsideration DutyToCamhs(bool moreDetrimental, string reason) =>
        new(CafCatalogue.Camhs, SharingPurpose.PlanDelivery, DutyToShareGround.Safeguarding, moreDetrimental, reason, SharedItems.Plan);

    private static ConsentRecord Mother(ConsentForm form, params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, form, [.. excluded]) with { SharingExplained = true };

    private static ActionPlan PlanOf(CafEpisode e, DateOnly d) => e.Plan ?? EpisodePlans.MultiAgency(d);

    private static Actor Lp(CafEpisode e) => new(e.LeadProfessional.Practitioner, e.LeadProfessional.Agency);

    private static PractitionerId[] Owners(CafEpisode e) => e.Plan is { } plan ? [.. plan.OwningPractitioners] : [];
}
