using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Sample;
using Caf.Core.StepDown;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Issue 28 in a few lines each (in memory, no store): STEP-04, a family's request for a step-down TAC meeting and the
/// final child-in-need review standing as that TAC; PANEL-08, the decision sheet to the referrer and the services and
/// shared with the family; PANEL-09, a disagreement about a service; PANEL-10, progress reported to the next meeting;
/// LIFE-13, the completed CAF sent to another agency as its referral (SHARE-01 refusing an agency the family excluded).
/// </summary>
internal static class AftercareDemo
{
    private static readonly AgencyId School = new("oakfield-primary");
    private static readonly AgencyId Health = new("health-visiting");
    private static readonly AgencyId Youth = new("youth-service");
    private static readonly AgencyId Camhs = new("camhs");

    public static void Run()
    {
        var clock = new SampleClock(new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var audit = new InMemorySharingAuditLog();
        using var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddSingleton<ISharingAuditLog>(audit).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()).AddCafCore().BuildServiceProvider();
        var policy = services.GetRequiredService<EpisodePolicy>();
        var teacher = new Actor(new PractitionerId("ms-jones"), School);
        var healthVisitor = new Actor(new PractitionerId("mr-patel"), Health);
        var mum = new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Mrs Smith", ConsentDecision.Given, ConsentForm.Written, []) with { SharingExplained = true };
        var child = new ChildDetails(new ChildId("child-sam"), new DateOnly(2015, 5, 1));
        var today = () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        Console.WriteLine();
        Console.WriteLine("== 8. Step-down TAC on request (STEP-04)");
        var information = new StepDownInformation
        {
            SpecialistService = "Children's social care",
            DocumentType = StepDownDocumentType.SocialCareClosingSummary,
            FamilyConsentsToShare = true,
            HolisticViewOfNeeds = "Sam (10) is settled at home; school attendance is still patchy.",
            ReasonForInvolvementAndDisengaging = "The child in need plan is completed.",
            StrengthsAndWhatWorked = "Mum engaged well with the family worker.",
            UnmetNeedsAgreedWithFamily = "Attendance.",
            NeedsFamilyWantToWorkOn = "Calmer mornings.",
            FamilyLeadProfessionalPreference = "Sam's class teacher.",
        };
        var sam = CafEpisode.RegisterPotentialFromStepDown(policy, new EpisodeId("ep-sam"), child, teacher, information);
        sam.RecordConsent(teacher, mum, "Consent to share the step-down information.").ThrowIfRefused();
        sam.RequestStepDownTac(teacher, "Mrs Smith, Sam's mother", ConsentGiverRole.ParentWithParentalResponsibility, "Mum wants everyone round the table.").ThrowIfRefused();
        Console.WriteLine($"Mrs Smith asked for a step-down TAC meeting. Start an assessment instead: refused. {sam.StartAssessment(teacher, "Assess.").Refusal}");
        var plan = new ActionPlan
        {
            AgreedOn = today(),
            Outcomes = [new("on-time", "Sam gets to school on time", "Mornings are calmer", "Sam is on time four days in five for a half term")],
            FamilyStrengths = ["Mum engaged well with the family worker"],
            ChildsViews = "Sam likes the breakfast club.",
            ChildInvolvement = "Sam told the meeting what helps him.",
            Actions = [new("a-club", "Breakfast club place for Sam", ActionOwner.ForPractitioner(teacher), today().AddDays(28), serves: ["on-time"]) { WithinOwnersCompetence = true }],
            ReviewArrangements = new(today().AddDays(42), ReviewForm.Meeting, "At school"),
        };
        var nominee = new LeadProfessionalCandidate(teacher.Practitioner, School, AgencyKind.School, "Class teacher", true, ContactFrequency.Daily, [], 1);
        var decision = StepDownTacDecision.ContinueWith(nominee, new PractitionerId("ms-head"), new FamilyAgreement("Mum agreed at the review."), plan, true, true)
            with { HeldAs = SpecialistClosingMeeting.FinalChildInNeedReview };
        sam.RecordStepDownTacDecision(teacher, decision, "The final child-in-need review stood as the TAC.").ThrowIfRefused();
        Console.WriteLine($"The final child-in-need review stood as the TAC: its plan is the CAF action plan (version {sam.Plan!.Version}); the episode is \"{LifecycleDisplayText.For(sam.State)}\".");

        Console.WriteLine();
        Console.WriteLine("== 9. After the panel's decision sheet (PANEL-08, PANEL-09, PANEL-10)");
        var north = new Panel(new PanelId("maag-north"), "north", "MAAG North", "Commissioning manager",
            PanelCadence.Fortnightly(new DateOnly(2026, 2, 4)), new PanelCapacity(newCases: 10, reviews: 30, minutes: 800), [School, Health, Youth, Camhs]);
        var amy = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-amy"), new ChildDetails(new ChildId("child-amy"), new DateOnly(2016, 9, 1)), teacher, "Amy (9) is late and withdrawn.");
        amy.RecordConsent(teacher, mum with { GiverName = "Mrs Brown" }, "Mum signed the referral form.").ThrowIfRefused();
        amy.StartAssessment(teacher, "Agreed with Mum.").ThrowIfRefused();
        amy.CompleteAssessment(teacher, new AssessmentSummary("default", "1.0.0", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ["attendance"]), AbsentParentInvolvement.WasInvolved, "Needs span services.").ThrowIfRefused();
        var form = new PanelReferral(new PanelReferralId("ref-amy"), amy.Id, "north", teacher, clock.GetUtcNow())
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds, WrittenConsentToShare = true, IdentifiedNeeds = ["Late most mornings"],
            DesiredOutcome = "Amy is in school on time.", SmartGoals = ["On time four days in five by half term"],
        };
        amy.ReferToPanel(teacher, form, north).ThrowIfRefused();
        var meeting = north.Meetings(today(), 30).First();
        clock.Advance(TimeSpan.FromDays(meeting.Date.DayNumber - today().DayNumber) + TimeSpan.FromHours(5));
        var booking = new PanelBooking(amy.ToPanelSlotRequest(new PanelSlotId("ref-amy")).Value, meeting, 20);
        var sheet = PanelDecision.Allocate(booking, north.Chair, [new ServiceAllocation(Health, "Home visits"), new ServiceAllocation(Youth, "Mentoring")],
            new RecommendedLeadProfessional(healthVisitor.Practitioner, Health)).Value;
        amy.RecordPanelDecision(healthVisitor, sheet).ThrowIfRefused();
        var sent = audit.Entries.Where(a => a.DecidedAt == amy.Events[^1].OccurredAt && a.Purpose == SharingPurpose.Panel).ToList();
        Console.WriteLine($"Decision sheet (PANEL-08) through the sharing gate to the allocated services and the referrer: {string.Join(", ", sent.Where(a => a.Decision.Granted).Select(a => a.Agency))}.");
        Console.WriteLine($"Only the referrer records sharing it with the family: {amy.RecordDecisionSharedWithFamily(healthVisitor, form.Id, "Phoned Mum.").Refusal}");
        amy.RecordDecisionSharedWithFamily(teacher, form.Id, "Went through it with Mum at the school gate.").ThrowIfRefused();
        Console.WriteLine($"The teacher shared it with Mum on {amy.CurrentPanelReferral!.LatestDecisionSharedWithFamily!.OccurredAt:d MMMM}.");
        amy.AppointLeadProfessional(teacher, new LeadProfessionalCandidate(healthVisitor.Practitioner, Health, AgencyKind.Health, "Health visitor", true, ContactFrequency.Weekly, [], 1),
            new PractitionerId("ms-hv-lead"), new FamilyAgreement("Mum agreed."), "The panel recommended him.").ThrowIfRefused();
        amy.RecordServiceDisagreement(healthVisitor, form.Id, Youth, ServiceDisagreementStep.TakenUpWithAgency, PanelDisagreementParty.Family, "The mentor keeps cancelling.").ThrowIfRefused();
        amy.RecordServiceDisagreement(healthVisitor, form.Id, Youth, ServiceDisagreementStep.EscalatedToManager, PanelDisagreementParty.Family, "Still cancelling.").ThrowIfRefused();
        Console.WriteLine($"Disagreement about mentoring (PANEL-09): taken up with {Youth}, {amy.LeadProfessional.Practitioner} informed, then {amy.CurrentPanelReferral!.DisagreementStepOf(Youth)}; "
            + $"the case stays with its decision (back at the panel: {amy.CurrentPanelReferral.IsAwaitingPanel}).");
        var review = amy.ToProgressReviewSlotRequest(new PanelSlotId("rev-amy")).Value;
        var next = north.Meetings(meeting.Date.AddDays(1), 30).First();
        clock.Advance(TimeSpan.FromDays(next.Date.DayNumber - today().DayNumber));
        amy.ReportProgressToPanel(healthVisitor, form.Id, next, "Amy is on time four days in five.").ThrowIfRefused();
        Console.WriteLine($"Progress (PANEL-10): a {PanelDisplayText.For(review.Origin).ToLowerInvariant()} slot ({review.Kind}) asked for; the lead professional reported to MAAG North on {next.Date:d MMMM}.");

        Console.WriteLine();
        Console.WriteLine("== 10. The completed CAF as another agency's referral (LIFE-13, SHARE-01)");
        var ben = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-ben"), new ChildDetails(new ChildId("child-ben"), new DateOnly(2012, 5, 14)), healthVisitor, "Ben (13) is anxious and missing school.");
        ben.RecordConsent(healthVisitor, ConsentRecord.Parent("Mrs Okafor", ConsentForm.Written, Camhs) with { SharingExplained = true }, "Mum consented to share, but not with CAMHS.").ThrowIfRefused();
        ben.StartAssessment(healthVisitor, "Agreed with Mum.").ThrowIfRefused();
        ben.CompleteAssessment(healthVisitor, new AssessmentSummary("default", "1.0.0", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ["attendance"]), AbsentParentInvolvement.WasInvolved, "Needs beyond health visiting.").ThrowIfRefused();
        ben.ReferToAgencyWithCaf(healthVisitor, "Mentoring", Youth, "Ben wants a mentor outside school.").ThrowIfRefused();
        var referral = ben.AgencyReferrals[^1];
        Console.WriteLine($"The youth service got the completed CAF ({referral.CafCompletedAt:d MMMM}) as its referral for {referral.Service.ToLowerInvariant()}; {ben.LeadProfessional.Practitioner} stays lead professional.");
        Console.WriteLine($"CAMHS, which Mrs Okafor excluded: refused. {ben.ReferToAgencyWithCaf(healthVisitor, "Anxiety support", Camhs, "Ben's anxiety.").Refusal}");
    }
}
