using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Panels;

/// <summary>
/// The seeds' panels: Bedfordshire's three MAAG panels, south, mid and north, meeting fortnightly (003 §1);
/// Leicestershire's MAFs, four times a year, "up to 10 new cases and 30 reviews", "some 20 minutes" a case (000 §1).
/// </summary>
internal static class PanelFixtures
{
    public static readonly DateOnly NewYear2026 = new(2026, 1, 1); // a Thursday
    public static readonly DateTimeOffset Morning = new(2025, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly AgencyId Education = new("education-services");
    public static readonly AgencyId Health = TestIds.HealthVisiting;
    public static readonly AgencyId Youth = TestIds.YouthService;
    public static readonly AgencyId Camhs = TestIds.Camhs;
    public static readonly AgencyId FamilySupport = new("voluntary-family-support");
    public static readonly AgencyId[] MaagMembers = [Education, Health, Youth, Camhs, FamilySupport];

    /// <summary>
    /// MAAG North as the episode tests refer to it, with the seeds' five member agencies (the package's
    /// <see cref="EpisodePanels.MaagNorth"/> has the catalogue's four; the same id, area and cadence).
    /// </summary>
    public static readonly Panel North = MaagNorth();

    /// <summary>Refers the episode to <see cref="North"/> with the package's complete referral (id: the next, "ref-1" for a first referral).</summary>
    public static Result Refer(CafEpisode e, Actor by, string? id = null) => e.ReferToPanel(by, EpisodePanels.Referral(e, by, id), North);

    /// <summary>Leicestershire MAF: first Tuesday of January, April, July and October 2026: 6 Jan, 7 Apr, 7 Jul, 6 Oct.</summary>
    public static Panel LeicestershireMaf(string area = "charnwood", int minutes = 800) =>
        new(new PanelId("maf-" + area), area, "MAF " + area, "Independent chair", PanelCadence.Quarterly(DayOfWeek.Tuesday, 1),
            new PanelCapacity(10, 30, minutes), MaagMembers);

    /// <summary>Bedfordshire MAAG North: fortnightly on Wednesdays from 7 January 2026.</summary>
    public static Panel MaagNorth(PanelCapacity? capacity = null) => Maag("north", new DateOnly(2026, 1, 7), capacity);

    /// <summary>Bedfordshire MAAG Mid: fortnightly on Thursdays from 8 January 2026.</summary>
    public static Panel MaagMid(PanelCapacity? capacity = null) => Maag("mid", new DateOnly(2026, 1, 8), capacity);

    /// <summary>Bedfordshire MAAG South: fortnightly on Tuesdays from 13 January 2026.</summary>
    public static Panel MaagSouth(PanelCapacity? capacity = null) => Maag("south", new DateOnly(2026, 1, 13), capacity);

    public static Panel Maag(string area, DateOnly first, PanelCapacity? capacity = null) =>
        new(new PanelId("maag-" + area), area, "MAAG " + area, "Commissioning manager", PanelCadence.Fortnightly(first),
            capacity ?? new PanelCapacity(10, 30, 800), MaagMembers);

    public static ConsentState WrittenConsent(params AgencyId[] excluded) =>
        ConsentState.Empty.With(Seeds.MotherWritten(excluded));

    public static PanelReferral CompleteReferral(string id, string area = "charnwood", DateTimeOffset? at = null, string? episode = null) =>
        new(new PanelReferralId(id), new EpisodeId(episode ?? "ep-" + id), area, TestIds.TeacherAtSchool, at ?? Morning)
        {
            Reason = PanelReferralReason.VariedOrComplexNeeds,
            WrittenConsentToShare = true,
            IdentifiedNeeds = ["Falling attendance", "Mother's low mood"],
            DesiredOutcome = "Amy attends school every day and the family has support at home.",
            SmartGoals = ["Attendance above 95% by the end of the spring term"],
        };

    /// <summary>A slot request as the gate would produce it (all members may see the papers).</summary>
    public static PanelSlotRequest Request(string id, string area = "charnwood", DateTimeOffset? at = null, PanelSlotOrigin origin = PanelSlotOrigin.Referral) =>
        new(new PanelSlotId(id), new PanelReferralId(id), new EpisodeId("ep-" + id), area, origin, at ?? Morning, MaagMembers);

    public static IEnumerable<PanelSlotRequest> Requests(int count, string area = "charnwood", PanelSlotOrigin origin = PanelSlotOrigin.Referral, string prefix = "r") =>
        Enumerable.Range(1, count).Select(i => Request($"{prefix}{i:D3}", area, Morning.AddMinutes(i), origin));

    public static (SharingService Sharing, InMemorySharingAuditLog Audit) Sharing()
    {
        var audit = new InMemorySharingAuditLog();
        return (new SharingService(audit, new FakeTimeProvider(Morning)), audit);
    }

    /// <summary>The consent in force for an episode now: the mother's written consent, excluding <paramref name="excluded"/>.</summary>
    public static PanelConsentInForce ConsentNow(EpisodeId episode, params AgencyId[] excluded) =>
        new(episode, WrittenConsent(excluded), 9, Morning, Sharing().Sharing);

    /// <summary>The papers of a decision's case judged now, against <see cref="ConsentNow"/>.</summary>
    public static PanelPapers PapersNow(PanelDecision decision, params AgencyId[] excluded) =>
        ConsentNow(decision.Episode, excluded).PapersFor(decision.Referral, MaagMembers).Value;

    public static PanelBooking BookingOn(Panel panel, DateOnly date, string id = "r001") =>
        new(Request(id, panel.Area), new PanelMeeting(panel.Id, panel.Area, date), 20);
}
