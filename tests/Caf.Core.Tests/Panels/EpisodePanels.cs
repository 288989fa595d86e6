using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Panels;

/// <summary>Panel values for an episode under test: Bedfordshire's MAAG North (003 §1, §4) and its decision sheets.</summary>
internal static class EpisodePanels
{
    public const string Chair = "Commissioning manager";

    /// <summary>MAAG North with the seeds' member agencies (education, health visiting, youth service, CAMHS, family support).</summary>
    public static readonly Panel North = PanelFixtures.MaagNorth();

    /// <summary>A complete referral of the episode to MAAG North, dated at the episode's last event (never after now).</summary>
    public static PanelReferral Referral(CafEpisode e, string id = "ref-1", Actor? by = null, string area = "north") =>
        new(new PanelReferralId(id), e.Id, area, by ?? Seeds.Teacher, e.Events[^1].OccurredAt)
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Falling attendance", "Mother's low mood"],
            DesiredOutcome = "Amy attends school every day and the family has support at home.",
            SmartGoals = ["Attendance above 95% by the end of the spring term"],
        };

    /// <summary>The agenda slot of the episode's current referral on a MAAG North meeting held today (by the episode's last event).</summary>
    public static PanelBooking Booking(CafEpisode e, DateOnly? meeting = null)
    {
        var r = e.CurrentPanelReferral ?? throw new InvalidOperationException("The episode has no panel referral.");
        var request = r.ToSlotRequest(new PanelSlotId(r.Referral.Id.Value + "-" + r.Decisions.Length)).Value;
        var day = meeting ?? DateOnly.FromDateTime(e.Events[^1].OccurredAt.UtcDateTime);
        return new PanelBooking(request, new PanelMeeting(North.Id, r.Referral.Area, day), 20);
    }

    /// <summary>A decision sheet allocating the services, recommending <paramref name="lead"/>.</summary>
    public static PanelDecision Allocate(CafEpisode e, RecommendedLeadProfessional? lead, params ServiceAllocation[] allocations) =>
        PanelDecision.Allocate(Booking(e), Chair, allocations, lead).Value;

    /// <summary>"Re-present with more information".</summary>
    public static PanelDecision RePresent(CafEpisode e) =>
        PanelDecision.RePresent(Booking(e), Chair, "The school's attendance record for the autumn term.").Value;

    /// <summary>Youth service: a mentor, weekly (003 §4e "which services have been allocated and what their role is").</summary>
    public static ServiceAllocation Youth => new(TestIds.YouthService, "Mentoring, one session a week for twelve weeks");

    /// <summary>Health visiting: support for the mother's low mood.</summary>
    public static ServiceAllocation HealthVisiting => new(TestIds.HealthVisiting, "Home visits for the mother's low mood", TestIds.HealthVisitor);

    /// <summary>CAMHS: therapy sessions.</summary>
    public static ServiceAllocation Camhs => new(TestIds.Camhs, "Six therapy sessions");

    /// <summary>The health visitor recommended as lead professional.</summary>
    public static RecommendedLeadProfessional HealthVisitorLead => new(TestIds.HealthVisitor, TestIds.HealthVisiting);

    /// <summary>Refers the episode to MAAG North; returns the result.</summary>
    public static Result Refer(CafEpisode e, Actor by, string id = "ref-1") => e.ReferToPanel(by, Referral(e, id, by), North);

    /// <summary>The referral id of the episode's current referral, or a fresh one.</summary>
    public static string NextId(CafEpisode e) => "ref-" + (e.PanelReferrals.Length + 1);

    /// <summary>True when the episode has a referral awaiting the panel.</summary>
    public static bool Awaiting(CafEpisode e) => e.CurrentPanelReferral is { IsAwaitingPanel: true };

    /// <summary>A decision for the episode's current referral if it awaits the panel; otherwise a decision on a fake booking (refused by state or rule).</summary>
    public static PanelDecision AnyDecision(CafEpisode e, params ServiceAllocation[] allocations)
    {
        var booking = Awaiting(e)
            ? Booking(e)
            : new PanelBooking(new PanelSlotRequest(new PanelSlotId("ref-x"), new PanelReferralId("ref-x"), e.Id, "north", PanelSlotOrigin.Referral, Seeds.Start, PanelFixtures.MaagMembers),
                new PanelMeeting(North.Id, "north", DateOnly.FromDateTime(e.Events[^1].OccurredAt.UtcDateTime)), 20);
        return PanelDecision.Allocate(booking, Chair, allocations.Length == 0 ? [Youth, HealthVisiting] : allocations, HealthVisitorLead).Value;
    }

    /// <summary>All referral ids used by the episode.</summary>
    public static string[] Ids(CafEpisode e) => [.. e.PanelReferrals.Select(r => r.Referral.Id.Value)];
}
