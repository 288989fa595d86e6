using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Outcomes;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Testing;

/// <summary>
/// The panel and questionnaire values the episode commands use: Bedfordshire's MAAG North (seed 003 §1, §4:
/// fortnightly, 10 new cases, 30 reviews) with the catalogue's agencies as members, complete referrals (PANEL-01,
/// PANEL-02, CONS-04), decision sheets (PANEL-05) and OUTQ-01 completions dated by the episode's last event.
/// </summary>
internal static class PanelCommands
{
    private const string Chair = "Commissioning manager";

    /// <summary>MAAG North: fortnightly on Wednesdays from 7 January 2026.</summary>
    public static readonly Panel MaagNorth = new(
        new PanelId("maag-north"), "north", "MAAG North", Chair, PanelCadence.Fortnightly(new DateOnly(2026, 1, 7)),
        new PanelCapacity(10, 30, 800), [CafCatalogue.School, CafCatalogue.HealthVisiting, CafCatalogue.YouthService, CafCatalogue.Camhs]);

    /// <summary>The youth service: a mentor (003 §4e).</summary>
    public static ServiceAllocation Youth => new(CafCatalogue.YouthService, "Mentoring, one session a week for twelve weeks");

    /// <summary>Health visiting, with the health visitor named.</summary>
    public static ServiceAllocation HealthVisitingService => new(CafCatalogue.HealthVisiting, "Home visits for the mother's low mood", CafCatalogue.HealthVisitor.Practitioner);

    /// <summary>CAMHS: therapy sessions.</summary>
    public static ServiceAllocation CamhsService => new(CafCatalogue.Camhs, "Six therapy sessions");

    private static DateTimeOffset Last(CafEpisode e) => e.Events[^1].OccurredAt;

    private static DateOnly LastDay(CafEpisode e) => DateOnly.FromDateTime(Last(e).UtcDateTime);

    /// <summary>A complete referral of the episode, with a fresh id, dated at the episode's last event.</summary>
    public static PanelReferral Referral(CafEpisode e, Actor by) =>
        new(new PanelReferralId("ref-" + (e.PanelReferrals.Length + 1)), e.Id, MaagNorth.Area, by, Last(e))
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Falling attendance", "Mother's low mood"],
            DesiredOutcome = "Amy attends school every day and the family has support at home.",
            SmartGoals = ["Attendance above 95% by the end of the spring term"],
        };

    /// <summary>
    /// A decision sheet for the episode's current referral on a meeting held on the episode's last day, recommending
    /// the health visitor as lead professional; without a referral awaiting the panel, a decision on a made-up
    /// booking (which the episode refuses).
    /// </summary>
    public static PanelDecision Decision(CafEpisode e, params ServiceAllocation[] allocations)
    {
        var current = e.CurrentPanelReferral;
        var request = current is { IsAwaitingPanel: true }
            ? current.ToSlotRequest(new PanelSlotId(current.Referral.Id.Value + "-" + current.Decisions.Length)).Value
            : new PanelSlotRequest(new PanelSlotId("ref-x"), new PanelReferralId("ref-x"), e.Id, MaagNorth.Area, PanelSlotOrigin.Referral, Last(e), MaagNorth.MemberAgencies);
        var booking = new PanelBooking(request, new PanelMeeting(MaagNorth.Id, MaagNorth.Area, LastDay(e)), 20);
        var lead = new RecommendedLeadProfessional(CafCatalogue.HealthVisitor.Practitioner, CafCatalogue.HealthVisiting);
        return PanelDecision.Allocate(booking, Chair, allocations, lead).Value;
    }

    /// <summary>An OUTQ-01 completion by the child on the episode's last day, every answer <paramref name="rating"/>.</summary>
    public static OutcomesCompletion Questionnaire(CafEpisode e, OutcomesRating rating) =>
        OutcomesCompletion.Create(LastDay(e), OutcomesRespondent.Child, OutcomesQuestionnaire.Questions.Select(q => new OutcomesAnswer(q, rating))).Value;
}
