using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Testing;

/// <content>
/// The commands issue 28 added, so the generators (and the replay and round-trip properties built on them) run them:
/// STEP-04 (the family asks for a step-down TAC; a specialist's closing meeting stands as it), PANEL-06..10 (waiting-list
/// return, quarterly audit, re-hearing asked and answered, the decision shared with the family, a disagreement about a
/// service, progress reported to the panel), LIFE-13 (the CAF as an agency's referral), LIFE-14 (the ground for a CAF
/// and the next-steps review), CONS-09 (the family's copy), PLAN-05 (the absent parent) and LP-12 (an action's budget).
/// </content>
public static partial class EpisodeCommands
{
    // A property, not a field: it is read while All is initialised, whatever the order of the partial files.
    private static ImmutableArray<EpisodeCommand> Issue28Commands =>
    [
        C("start assessment: concerns continue (LIFE-14)", (e, d) => e.StartAssessment(Teacher, CafStartGround.ConcernsContinue,
            "Attendance is still falling after a term of the school's own support.")),
        C("review next steps", (e, d) => e.ReviewNextSteps(Teacher, new PractitionerId("pr-head-of-year"), new PractitionerId("pr-caf-lead-north"), d,
            "Refer to the youth service with the CAF; the teacher stays lead professional.")),
        C("complete assessment: the absent father not involved (PLAN-05)", (e, d) => e.CompleteAssessment(Teacher, Assessed("LEI-01", "LEI-02", "LEI-05"),
            AbsentParentInvolvement.NotInvolved("Not safe: a non-molestation order is in force."), "Needs identified across school and health.")),
        C("refer to the youth service with the CAF", (e, d) => e.ReferToAgencyWithCaf(Lp(e), "Saturday mentoring", CafCatalogue.YouthService,
            "Amy asked for a mentor outside school.")),
        C("give the family their copy", (e, d) => e.GiveFamilyCopy(Teacher, "Ms Smith", e.AssessmentCompletedAt is not null,
            e.Plans.Versions.IsEmpty ? null : e.Plans.Versions.Length, "By hand at the plan meeting")),
        C("agree plan: the school holds the breakfast club budget (LP-12)", (e, d) => e.AgreePlan(Teacher, EpisodePlans.Plan(d,
            EpisodePlans.School(d.AddDays(28)) with { BudgetHolder = ActionOwner.ForPractitioner(new PractitionerId("pr-head-oakfield"), CafCatalogue.School) },
            EpisodePlans.Family(d.AddDays(14))), "The school funds Amy's breakfast club place.")),
        C("the mother asks for a step-down TAC meeting", (e, d) => e.RequestStepDownTac(Teacher, "Mrs Smith, Amy's mother",
            ConsentGiverRole.ParentWithParentalResponsibility, "Mum wants everyone round the table before CAMHS closes.")),
        C("final child-in-need review as the TAC: continue with the health visitor", (e, d) => e.RecordStepDownTacDecision(Teacher,
            StepDownTacDecision.ContinueWith(CafCatalogue.Nominee(CafCatalogue.HealthVisitor), CafCatalogue.Supervisor,
                new FamilyAgreement("Mum agreed at the review."), EpisodePlans.MultiAgency(d), true, true) with { HeldAs = SpecialistClosingMeeting.FinalChildInNeedReview },
            "The final child-in-need review stood as the step-down TAC: ongoing support.")),
        C("decision sheet shared with the family", (e, d) => e.RecordDecisionSharedWithFamily(Teacher, Referral(e), "Went through it with mum at the school gate.")),
        C("re-hearing requested by the family", (e, d) => e.RequestReHearing(Teacher, Referral(e), PanelDisagreementParty.Family, "Mum asked for family support, not mentoring.")),
        C("re-hearing declined", (e, d) => e.AnswerReHearing(Teacher, Referral(e), "Chair, MAAG North", PanelReHearingOutcome.Declined, "Family support has no capacity; mentoring stands.")),
        C("re-hearing agreed", (e, d) => e.AnswerReHearing(Teacher, Referral(e), "Chair, MAAG North", PanelReHearingOutcome.Agreed, "Heard again at the next meeting.")),
        C("quarterly audit: the youth service started", (e, d) => e.RecordAllocationAudit(Teacher, Referral(e), CafCatalogue.YouthService, d, true, d.AddDays(-2), "Mentoring started.")),
        C("disagreement about mentoring taken up with the youth service", (e, d) => e.RecordServiceDisagreement(Teacher, Referral(e), CafCatalogue.YouthService,
            ServiceDisagreementStep.TakenUpWithAgency, PanelDisagreementParty.Family, "Mum says the mentor keeps cancelling.")),
        C("progress reported to the next meeting", (e, d) => e.ReportProgressToPanel(Lp(e), Referral(e), new PanelMeeting(EpisodePanels.MaagNorth.Id, "north", d), "Attendance up to 92%.")),
        C("waiting list: health visiting", (e, d) => e.ReturnFromWaitingList(Teacher, Referral(e), CafCatalogue.HealthVisiting, "Ten weeks' wait: too long for mum.")),
    ];

    /// <summary>The names of the commands issue 28 added (STEP-04, PANEL-06..10, LIFE-13, LIFE-14, CONS-09, PLAN-05, LP-12).</summary>
    internal static ImmutableArray<string> Issue28 => [.. Issue28Commands.Select(c => c.Name)];

    /// <summary>The names of the panel's aftercare commands (PANEL-06..10), run once a panel has decided on the current referral.</summary>
    public static ImmutableArray<string> PanelAftercare { get; } =
    [
        "decision sheet shared with the family", "re-hearing requested by the family", "re-hearing agreed",
        "quarterly audit: the youth service started", "disagreement about mentoring taken up with the youth service", "re-hearing declined",
        "progress reported to the next meeting", "waiting list: health visiting",
    ];

    private static PanelReferralId Referral(CafEpisode e) => e.CurrentPanelReferral?.Referral.Id ?? new PanelReferralId("ref-x");
}
