using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.StepDown;
using FsCheck;
using FsCheck.Fluent;
using Result = Caf.Core.Primitives.Result;

namespace Caf.Core.Tests.Support;

/// <summary>A named command on an episode, valid or not in any given state, for property tests.</summary>
public sealed record EpisodeCommand(string Name, Func<CafEpisode, Result> Run)
{
    public override string ToString() => Name;
}

/// <summary>FsCheck generators: random sequences of commands, valid and invalid.</summary>
public static class EpisodeCommands
{
    private static readonly Actor Teacher = Seeds.Teacher;
    private static readonly PractitionerId Supervisor = new("pr-supervisor");

    public static readonly ImmutableArray<EpisodeCommand> All =
    [
        new("consent: mother verbal", e => e.RecordConsent(Teacher, Seeds.MotherVerbal(), "Consent to assess and share with partner agencies.")),
        new("consent: mother written", e => e.RecordConsent(Teacher, Seeds.MotherWritten(), "Consent to assess and share with partner agencies.")),
        new("consent: mother written excluding CAMHS", e => e.RecordConsent(Teacher, Seeds.MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies.")),
        new("consent: mother refuses", e => e.RecordConsent(Teacher, Seeds.MotherVerbal() with { Decision = ConsentDecision.Refused }, "Consent to assess and share with partner agencies.")),
        new("start assessment", e => e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family.")),
        new("complete assessment", e => e.CompleteAssessment(Teacher, Seeds.Level3, "Needs identified across school and health.")),
        new("choose NFA", e => e.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "met")),
        new("choose family action", e => e.ChooseNextStep(Teacher, NextStep.FamilyAction, "family")),
        new("choose single agency", e => e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "school")),
        new("choose multi-agency", e => e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "many")),
        new("refer to panel", e => Caf.Core.Tests.Panels.EpisodePanels.Refer(e, Teacher, Caf.Core.Tests.Panels.EpisodePanels.NextId(e))),
        new("panel decision: youth and health visiting, health visitor as LP", e => e.RecordPanelDecision(Teacher, Caf.Core.Tests.Panels.EpisodePanels.AnyDecision(e))),
        new("panel decision: CAMHS allocated", e => e.RecordPanelDecision(Teacher, Caf.Core.Tests.Panels.EpisodePanels.AnyDecision(e, Caf.Core.Tests.Panels.EpisodePanels.Camhs, Caf.Core.Tests.Panels.EpisodePanels.Youth))),
        new("youth service confirms its start", e => e.ConfirmServiceStart(Teacher, e.CurrentPanelReferral?.Referral.Id ?? new Caf.Core.Panels.PanelReferralId("ref-x"), TestIds.YouthService, PlanDay)),
        new("appoint health visitor", e => e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), Supervisor, new FamilyAgreement("agreed"), "weekly contact")),
        new("appoint CAMHS worker", e => e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(new PractitionerId("pr-camhs"), TestIds.Camhs), Supervisor, new FamilyAgreement("agreed"), "therapy")),
        new("nominate health visitor", e => e.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "weekly contact")),
        new("nominate CAMHS worker", e => e.NominateLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(new PractitionerId("pr-camhs"), TestIds.Camhs), "therapy")),
        new("supervisor confirms", e => e.ConfirmNomination(Teacher, Supervisor, "Has capacity on their caseload.")),
        new("family agrees", e => e.RecordFamilyAgreement(Teacher, new FamilyAgreement("mother agreed"))),
        new("appoint without supervisor", e => e.AppointLeadProfessional(Teacher, Caf.Core.Tests.Support.Seeds.Nominee(TestIds.Teacher, TestIds.School), null, new FamilyAgreement("agreed"), "x")),
        new("agree plan: school + family", e => e.AgreePlan(Teacher, EpisodePlans.SingleService(PlanDay), "The school and Mum agreed the plan at the TAC meeting.")),
        new("agree plan: school + health + family", e => e.AgreePlan(Teacher, EpisodePlans.MultiAgency(PlanDay), "Agreed at the TAC meeting.")),
        new("agree plan: family", e => e.AgreePlan(Teacher, EpisodePlans.FamilyOnly(PlanDay), "Mum will lead the changes.")),
        new("agree plan: CAMHS", e => e.AgreePlan(Teacher, EpisodePlans.WithCamhs(PlanDay), "CAMHS offered sessions.")),
        new("agree plan: empty (PLAN-02)", e => e.AgreePlan(Teacher, EpisodePlans.Plan(PlanDay), "x")),
        new("review: sufficient", e => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e), PlanDay, ReviewProgress.Sufficient))),
        new("review: insufficient", e => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e), PlanDay, ReviewProgress.Insufficient))),
        new("review: insufficient, an agency action not carried out", e => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e), PlanDay, ReviewProgress.Insufficient, Caf.Core.Planning.ActionProgress.NotCarriedOut))),
        new("review: most outcomes achieved, closing", e => e.HoldReview(Teacher, EpisodePlans.Closing(PlanOf(e), PlanDay))),
        new("review: no next date", e => e.HoldReview(Teacher, EpisodePlans.Review(PlanOf(e), PlanDay, ReviewProgress.Sufficient) with { NextReviewDue = null })),
        new("revise plan: add the family action", e => e.RevisePlan(Teacher, PlanOf(e).Revise(PlanDay) with { Actions = [.. PlanOf(e).Actions.Where(a => a.Id != "a-family"), EpisodePlans.Family(PlanDay.AddDays(30))] }, "Reviewed at the meeting.")),
        new("revise plan: drop CAMHS", e => e.RevisePlan(Teacher, PlanOf(e).Revise(PlanDay) with { Actions = [.. PlanOf(e).Actions.Where(a => a.Owner.Agency != TestIds.Camhs)] }, "CAMHS excluded by the family.")),
        new("step-down TAC: close", e => e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(true, true), "No further TAC intervention is required.")),
        new("step-down TAC: continue with the health visitor", e => e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Continue(Seeds.HealthVisitor, EpisodePlans.MultiAgency(PlanDay), true, true), "Ongoing support is required.")),
        new("step-down TAC: minimum outcome not met", e => e.RecordStepDownTacDecision(Teacher, StepDownTacDecision.Close(false, true), "x")),
        new("require reassessment", e => e.RequireReassessment(Teacher, "no progress")),
        new("step up", e => e.StepUp(Teacher, new SpecialistService("CSC"), "significant harm")),
        new("withdraw consent", e => e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "moving on"))),
        new("override consent", e => e.OverrideConsent(Teacher, new ConsentOverride("risk of neglect", new PractitionerId("pr-dsl")))),
        new("close: C3 resolved other (by the LP)", e => e.Close(Lp(e), EpisodePlans.PractitionersAgree("resolvedOther", [Lp(e).Practitioner, .. Owners(e)]))),
        new("close: C1 multi-agency (by the LP)", e => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency"))),
        new("close: C1 single service (by the LP)", e => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("resolvedSingleService"))),
        new("close: C1 family (by the LP)", e => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("resolvedFamilyActions"))),
        new("close: C3 consent withdrawn (by the LP)", e => e.Close(Lp(e), EpisodePlans.PractitionersAgree("consentWithdrawn", [Lp(e).Practitioner, .. Owners(e)]))),
        new("close: stepped up (CLOSE-07)", e => e.Close(Lp(e), EpisodePlans.MostOutcomesAchieved("steppedUp"))),
        new("close: by the teacher", e => e.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedOther", [Teacher.Practitioner, .. Owners(e)]))),
        new("transfer out", e => e.TransferOut(Teacher, new LocalAuthority("Leeds"), "moved")),
        new("link family", e => e.LinkToFamily(Teacher, "family-smith")),
    ];

    private static readonly string[] HappyPath =
    [
        "consent: mother written", "start assessment", "complete assessment", "choose multi-agency",
        "appoint health visitor", "agree plan: school + health + family", "review: insufficient", "review: sufficient",
    ];

    // Ending commands are rare so that sequences reach the later states before they end.
    private static readonly string[] Endings =
    [
        "choose NFA", "step up", "override consent", "transfer out", "close: C3 resolved other (by the LP)", "close: C1 multi-agency (by the LP)",
        "close: C1 single service (by the LP)", "close: C1 family (by the LP)", "close: C3 consent withdrawn (by the LP)", "withdraw consent",
        "step-down TAC: close", "close: by the teacher",
    ];

    private static EpisodeCommand Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The plan date every generated plan and review uses: the seeds' first day, never after an event's time.</summary>
    private static readonly DateOnly PlanDay = DateOnly.FromDateTime(Seeds.Start.UtcDateTime);

    private static Caf.Core.Planning.ActionPlan PlanOf(CafEpisode e) => e.Plan ?? EpisodePlans.MultiAgency(PlanDay);

    private static Actor Lp(CafEpisode e) => new(e.LeadProfessional.Practitioner, e.LeadProfessional.Agency);

    private static PractitionerId[] Owners(CafEpisode e) => e.Plan is { } plan ? [.. plan.OwningPractitioners] : [];

    /// <summary>
    /// A random prefix of the happy path, with random commands interleaved, then a random tail: valid and
    /// invalid commands in every state, including the late ones.
    /// </summary>
    public static Arbitrary<EpisodeCommand[]> Sequences()
    {
        var any = Gen.Frequency(
            (12, Gen.Elements(All.Where(c => !Endings.Contains(c.Name)).AsEnumerable())),
            (1, Gen.Elements(All.Where(c => Endings.Contains(c.Name)).AsEnumerable())));
        var step = Gen.Frequency((3, Gen.Constant(Array.Empty<EpisodeCommand>())), (1, any.Select(c => new[] { c })));
        var gen =
            from prefixLength in Gen.Choose(0, HappyPath.Length)
            from noise in step.ArrayOf(prefixLength)
            from tail in any.ArrayOf()
            select HappyPath.Take(prefixLength).Select(Named).Zip(noise, (h, n) => n.Prepend(h)).SelectMany(x => x)
                .Concat(tail.Take(30)).ToArray();
        return Arb.From(gen);
    }

    /// <summary>Whether to start from a concern or from a step-down.</summary>
    public static Arbitrary<bool> Bools() => ArbMap.Default.ArbFor<bool>();
}
