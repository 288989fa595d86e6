using System;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Outcomes;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Testing;

/// <summary>
/// Panel values for an episode: Bedfordshire's MAAG North (seed 003 §1, §4: fortnightly, 10 new cases, 30 reviews)
/// with the catalogue's agencies as members, complete referrals (PANEL-01, PANEL-02, CONS-04), agenda slots and
/// decision sheets (PANEL-05, LP-08) dated by the episode's last event, so they are never after the clock's now.
/// The episode commands (<see cref="EpisodeCommands"/>) refer and decide with these.
/// </summary>
/// <example><code>
/// episode.ReferToPanel(CafCatalogue.Teacher, EpisodePanels.Referral(episode, CafCatalogue.Teacher), EpisodePanels.MaagNorth);
/// world.Advance(TimeSpan.FromDays(9));
/// episode.RecordPanelDecision(CafCatalogue.Teacher,
///     EpisodePanels.Allocate(episode, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth));
/// </code></example>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public static class EpisodePanels
{
    /// <summary>The chair of MAAG North, who signs its decision sheets.</summary>
    public const string Chair = "Commissioning manager";

    /// <summary>MAAG North (area "north"): fortnightly on Wednesdays from 7 January 2026; the school, health visiting, the youth service and CAMHS sit on it.</summary>
    public static readonly Panel MaagNorth = new(
        new PanelId("maag-north"), "north", "MAAG North", Chair, PanelCadence.Fortnightly(new DateOnly(2026, 1, 7)),
        new PanelCapacity(10, 30, 800), [CafCatalogue.School, CafCatalogue.HealthVisiting, CafCatalogue.YouthService, CafCatalogue.Camhs]);

    /// <summary>The youth service allocated: a mentor, weekly (003 §4e "which services have been allocated and what their role is").</summary>
    public static ServiceAllocation Youth => new(CafCatalogue.YouthService, "Mentoring, one session a week for twelve weeks");

    /// <summary>Health visiting allocated for the mother's low mood, with the health visitor named.</summary>
    public static ServiceAllocation HealthVisitingService => new(CafCatalogue.HealthVisiting, "Home visits for the mother's low mood", CafCatalogue.HealthVisitor.Practitioner);

    /// <summary>CAMHS allocated: therapy sessions (an agency a family may exclude: SHARE-01).</summary>
    public static ServiceAllocation CamhsService => new(CafCatalogue.Camhs, "Six therapy sessions");

    /// <summary>The health visitor, the lead professional the panel recommends (LP-08).</summary>
    public static RecommendedLeadProfessional HealthVisitorLead => new(CafCatalogue.HealthVisitor.Practitioner, CafCatalogue.HealthVisiting);

    /// <summary>The id a new referral of the episode takes: "ref-" and one more than its referrals so far (PANEL-07).</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The id, e.g. "ref-1" for a first referral.</returns>
    public static string NextReferralId(CafEpisode episode) => "ref-" + (NotNull(episode).PanelReferrals.Length + 1);

    /// <summary>
    /// A complete referral of the episode to MAAG North's area (PANEL-01, PANEL-02: reason, written consent, needs,
    /// desired outcome, SMART goals), dated at the episode's last event.
    /// </summary>
    /// <param name="episode">The episode referred.</param>
    /// <param name="by">The referrer.</param>
    /// <param name="id">The referral's id, or null for <see cref="NextReferralId"/>.</param>
    /// <returns>The referral.</returns>
    /// <exception cref="ArgumentException">The episode is null.</exception>
    public static PanelReferral Referral(CafEpisode episode, Actor by, string? id = null) =>
        new(new PanelReferralId(id ?? NextReferralId(episode)), NotNull(episode).Id, MaagNorth.Area, by, Last(episode))
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Falling attendance", "Mother's low mood"],
            DesiredOutcome = "Amy attends school every day and the family has support at home.",
            SmartGoals = ["Attendance above 95% by the end of the spring term"],
        };

    /// <summary>
    /// The agenda slot of the episode's current referral (<see cref="CafEpisode.ToPanelSlotRequest"/>, papers judged now) on a
    /// MAAG North meeting in the referral's area, held on the episode's last day unless another day is given.
    /// </summary>
    /// <param name="episode">The episode, with a referral awaiting the panel.</param>
    /// <param name="meeting">The meeting's day, or null for the day of the episode's last event.</param>
    /// <returns>The booking.</returns>
    /// <exception cref="InvalidOperationException">The episode has no referral, or its current referral is not awaiting the panel.</exception>
    public static PanelBooking Booking(CafEpisode episode, DateOnly? meeting = null)
    {
        var current = NotNull(episode).CurrentPanelReferral ?? throw new InvalidOperationException("The episode has no panel referral.");
        var slot = new PanelSlotId(current.Referral.Id.Value + "-" + current.Decisions.Length);
        if (!current.IsAwaitingPanel)
        {
            throw new InvalidOperationException($"Referral {current.Referral.Id} is not awaiting the panel.");
        }

        // The papers are judged now (SHARE-01); when no member may see them any more (an exclusion, a withdrawal), the
        // booking still stands for the decision sheet a test records, with no papers.
        var request = episode.ToPanelSlotRequest(slot) is { IsSuccess: true } judged
            ? judged.Value
            : new PanelSlotRequest(slot, current.Referral.Id, episode.Id, current.Referral.Area,
                current.LatestDecision is null ? PanelSlotOrigin.Referral : PanelSlotOrigin.RePresentation, current.Referral.ReferredAt, []);
        return new PanelBooking(request, new PanelMeeting(MaagNorth.Id, current.Referral.Area, meeting ?? LastDay(episode)), 20);
    }

    /// <summary>A decision sheet for the episode's current referral (<see cref="Booking"/>) allocating the services and recommending <paramref name="lead"/>.</summary>
    /// <param name="episode">The episode, with a referral awaiting the panel.</param>
    /// <param name="lead">The recommended lead professional, or null (allowed with one service only: LP-02).</param>
    /// <param name="allocations">The services allocated.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">No referral awaits the panel, or the sheet itself is refused (no service, a service twice, LP-02).</exception>
    public static PanelDecision Allocate(CafEpisode episode, RecommendedLeadProfessional? lead, params ServiceAllocation[] allocations) =>
        Valid(PanelDecision.Allocate(Booking(episode), Chair, allocations, lead));

    /// <summary>A decision sheet for the episode's current referral: "re-present with more information" (PANEL-05).</summary>
    /// <param name="episode">The episode, with a referral awaiting the panel.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="InvalidOperationException">No referral awaits the panel.</exception>
    public static PanelDecision RePresent(CafEpisode episode) =>
        Valid(PanelDecision.RePresent(Booking(episode), Chair, "The school's attendance record for the autumn term."));

    /// <summary>
    /// A decision sheet for the episode in any state, recommending the health visitor: for the current referral when
    /// it awaits the panel (<see cref="Booking"/>), otherwise on a made-up booking of referral "ref-x" (which the
    /// episode refuses, by its state or PANEL-05).
    /// </summary>
    /// <param name="episode">The episode.</param>
    /// <param name="allocations">The services allocated; none for <see cref="Youth"/> and <see cref="HealthVisitingService"/>.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The episode or the allocations are null.</exception>
    public static PanelDecision Decision(CafEpisode episode, params ServiceAllocation[] allocations)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        var booking = NotNull(episode).CurrentPanelReferral is { IsAwaitingPanel: true }
            ? Booking(episode)
            : new PanelBooking(
                new PanelSlotRequest(new PanelSlotId("ref-x"), new PanelReferralId("ref-x"), episode.Id, MaagNorth.Area, PanelSlotOrigin.Referral, Last(episode), MaagNorth.MemberAgencies),
                new PanelMeeting(MaagNorth.Id, MaagNorth.Area, LastDay(episode)), 20);
        return Valid(PanelDecision.Allocate(booking, Chair, allocations.Length == 0 ? [Youth, HealthVisitingService] : allocations, HealthVisitorLead));
    }

    /// <summary>An OUTQ-01 completion by the child on the episode's last day, every answer <paramref name="rating"/>.</summary>
    internal static OutcomesCompletion Questionnaire(CafEpisode e, OutcomesRating rating) =>
        OutcomesCompletion.Create(LastDay(e), OutcomesRespondent.Child, OutcomesQuestionnaire.Questions.Select(q => new OutcomesAnswer(q, rating))).Value;

    private static DateTimeOffset Last(CafEpisode e) => NotNull(e).Events[^1].OccurredAt;

    private static DateOnly LastDay(CafEpisode e) => DateOnly.FromDateTime(Last(e).UtcDateTime);

    private static CafEpisode NotNull(CafEpisode episode) => episode ?? throw new ArgumentNullException(nameof(episode));

    private static PanelDecision Valid(Result<PanelDecision> decision) =>
        decision.IsSuccess ? decision.Value : throw new InvalidOperationException(decision.Refusal.Message);
}
