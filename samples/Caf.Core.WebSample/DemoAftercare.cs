using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.StepDown;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.WebSample;

/// <summary>
/// Issue 28's cases in the demo: Sam, a potential CAF stepped down from children's social care, where the family may ask
/// for a step-down TAC meeting (STEP-04); Chloe, whose case the area's panel decided two meetings ago, where the referrer
/// shares the decision sheet with the family (PANEL-08), a disagreement about a service is taken up (PANEL-09) and the
/// lead professional reports progress to a following meeting (PANEL-10).
/// </summary>
public static class DemoAftercare
{
    /// <summary>The area's panel (its members: the demo's agencies), meeting fortnightly on Wednesdays.</summary>
    public static readonly Panel North = new(new PanelId("maag-north"), "north", "MAAG North", "Commissioning manager",
        PanelCadence.Fortnightly(new DateOnly(2026, 1, 7)), new PanelCapacity(newCases: 10, reviews: 30, minutes: 800),
        DemoData.Practitioners.Select(p => p.Agency));

    /// <summary>Chloe's panel referral.</summary>
    public static readonly PanelReferralId ChloeReferral = new("ref-chloe-1");

    /// <summary>The panel's meetings after <paramref name="after"/>, up to <paramref name="today"/> (a progress report's choices).</summary>
    public static ImmutableArray<PanelMeeting> MeetingsAfter(DateOnly after, DateOnly today) =>
        today > after ? [.. North.Meetings(after.AddDays(1), today.DayNumber - after.DayNumber).Where(m => m.Date <= today)] : [];

    /// <summary>Opens Sam's and Chloe's episodes when the register does not hold them yet.</summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var now = scope.ServiceProvider.GetRequiredService<EpisodePolicy>().Time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var repository = scope.ServiceProvider.GetRequiredService<IEpisodeRepository>();
        var register = scope.ServiceProvider.GetRequiredService<CafRegister>();
        var teacher = DemoData.Teacher.Actor;
        if (await repository.GetAsync(DemoData.Sam.Episode) is null)
        {
            var information = new StepDownInformation
            {
                SpecialistService = "Children's social care",
                DocumentType = StepDownDocumentType.SocialCareClosingSummary,
                FamilyConsentsToShare = true,
                HolisticViewOfNeeds = "Sam is settled at home; school attendance is still patchy.",
                ReasonForInvolvementAndDisengaging = "The child in need plan is completed.",
                StrengthsAndWhatWorked = "His mother engaged well with the family worker.",
                UnmetNeedsAgreedWithFamily = "Attendance.",
                NeedsFamilyWantToWorkOn = "Calmer mornings.",
                FamilyLeadProfessionalPreference = "Sam's class teacher.",
            };
            await register.RegisterStepDownAsync(DemoData.Sam.Episode, new ChildDetails(DemoData.Sam.Id, DemoData.Sam.DateOfBirth), teacher, information);
            await register.ExecuteAsync(DemoData.Sam.Episode, e => e.RecordConsent(teacher, ConsentRecord.Parent("Mrs Taylor", ConsentForm.Written) with { SharingExplained = true }, "Consent to share the step-down information."));
        }

        if (await repository.GetAsync(DemoData.Chloe.Episode) is null)
        {
            await register.IdentifyConcernAsync(DemoData.Chloe.Episode, new ChildDetails(DemoData.Chloe.Id, DemoData.Chloe.DateOfBirth), teacher, "Late most mornings; anxious in class.");
            await register.ExecuteAsync(DemoData.Chloe.Episode, e => e.RecordConsent(teacher, ConsentRecord.Parent("Mr Lewis", ConsentForm.Written) with { SharingExplained = true }, "Dad signed the referral form."));
            await register.ExecuteAsync(DemoData.Chloe.Episode, e => e.StartAssessment(teacher, "Agreed with Dad."));
            await register.ExecuteAsync(DemoData.Chloe.Episode, e => e.CompleteAssessment(teacher,
                new AssessmentSummary("default", "1.0.0", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ["attendance"]), AbsentParentInvolvement.WasInvolved, "Needs span services."));
            var form = new PanelReferral(ChloeReferral, DemoData.Chloe.Episode, North.Area, teacher, now)
            {
                Reason = PanelReferralReason.VariedOrComplexNeeds,
                WrittenConsentToShare = true,
                IdentifiedNeeds = ["Late most mornings", "Anxious in class"],
                DesiredOutcome = "Chloe is in school on time and feels calmer.",
                SmartGoals = ["On time four days in five by half term"],
            };
            await register.ExecuteAsync(DemoData.Chloe.Episode, e => e.ReferToPanel(teacher, form, North));

            // The meeting that decided: two to four weeks ago, so a following meeting has been held by today (PANEL-10).
            var decidedAt = North.Meetings(today.AddDays(-27), 14).First();
            await register.ExecuteAsync(DemoData.Chloe.Episode, e =>
            {
                var booking = new PanelBooking(e.ToPanelSlotRequest(new PanelSlotId("slot-chloe-1")).Value, decidedAt, 20);
                var sheet = PanelDecision.Allocate(booking, North.Chair,
                    [new ServiceAllocation(DemoData.HealthVisitor.Agency, "Home visits"), new ServiceAllocation(DemoData.Camhs.Agency, "Support for anxiety")],
                    new RecommendedLeadProfessional(DemoData.HealthVisitor.Id, DemoData.HealthVisitor.Agency)).Value;
                return e.RecordPanelDecision(teacher, sheet);
            });
        }
    }
}
