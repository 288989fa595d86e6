using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Panels;

/// <summary>
/// Panels wired into the episode (PANEL-01..07, CONS-04, SHARE-01, LP-08, REP-04): Bedfordshire's MAAG North
/// (003 §4: referral form, decision sheet with allocations and roles, recommended lead professional, start dates).
/// </summary>
public class EpisodePanelTests
{
    private static readonly PractitionerId Supervisor = new("pr-supervisor");
    private readonly Seeds _seeds = new();

    private CafEpisode Referred(params AgencyId[] excluded)
    {
        var e = _seeds.Assessed();
        if (excluded.Length > 0)
        {
            Ok(e.RecordConsent(Teacher, MotherWritten(excluded), "Mum does not want every agency told."));
        }

        Ok(PanelFixtures.Refer(e, Teacher));
        return e;
    }

    private CafEpisode Decided()
    {
        var e = Referred();
        _seeds.Time.Advance(TimeSpan.FromDays(9));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));
        return e;
    }

    [Trait("Rule", "PANEL-01")]
    [Trait("Rule", "PANEL-02")]
    [Trait("Rule", "CONS-04")]
    [Fact]
    public void PANEL01_PANEL02_CONS04_an_empty_referral_form_is_refused_naming_every_missing_item_and_changes_nothing()
    {
        var e = _seeds.Assessed();
        var version = e.Version;
        var audited = _seeds.Audit.Entries.Count;
        var empty = new PanelReferral(new PanelReferralId("ref-1"), e.Id, "north", Teacher, e.Events[^1].OccurredAt);

        var refused = e.ReferToPanel(Teacher, empty, PanelFixtures.North);

        Assert.Equal("PANEL-01", refused.Refusal.RuleId);
        Assert.Equal("reason, writtenConsentToShare, identifiedNeeds, desiredOutcome, smartGoals", refused.Refusal.Field);
        Assert.Equal((version, EpisodeState.Assessed, audited), (e.Version, e.State, _seeds.Audit.Entries.Count));
        Assert.Empty(e.PanelReferrals);
    }

    [Trait("Rule", "PANEL-02")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void PANEL02_SHARE01_a_referral_withholds_the_papers_from_the_member_the_family_excluded_and_audits_every_member()
    {
        var e = Referred(TestIds.Camhs);

        var referral = e.CurrentPanelReferral!;
        Assert.Equal(EpisodeState.PanelReferred, e.State);
        // MAAG North's five members, sorted: CAMHS withheld, the other four see the papers.
        Assert.Equal([PanelFixtures.Education, TestIds.HealthVisiting, PanelFixtures.FamilySupport, TestIds.YouthService], referral.PapersFor.ToArray());
        Assert.Equal([TestIds.Camhs], referral.PapersWithheldFrom.ToArray());
        var panel = _seeds.Audit.Entries.Where(a => a.Purpose == SharingPurpose.Panel).ToArray();
        Assert.Contains(panel, a => a.Agency == TestIds.Camhs && !a.Decision.Granted && a.Items == SharedItems.None);
        Assert.All(referral.PapersFor, agency => Assert.Contains(panel, a => a.Agency == agency && a.Decision.Granted && a.Items == SharedItems.PanelPapers));
        Assert.True(referral.IsAwaitingPanel);
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void SHARE01_a_referral_by_a_practitioner_of_an_excluded_agency_is_refused()
    {
        var e = _seeds.Assessed();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.YouthService), "Mum does not want the youth service told."));
        var youthWorker = new Actor(new PractitionerId("pr-youth"), TestIds.YouthService);

        var refused = e.ReferToPanel(Teacher, EpisodePanels.Referral(e, by: youthWorker), PanelFixtures.North);

        Assert.Equal(("SHARE-01", "referral.referredBy"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Equal(EpisodeState.Assessed, e.State);
    }

    [Trait("Rule", "PANEL-03")]
    [Fact]
    public void PANEL03_the_episode_gives_the_scheduler_its_case_and_the_papers_list_only_the_permitted_agencies()
    {
        var e = Referred(TestIds.Camhs); // referred Thursday 12 March 2026
        var request = e.ToPanelSlotRequest(new PanelSlotId("ref-1")).Value;

        var schedule = new PanelScheduler().Schedule([PanelFixtures.North], [], [request], new DateOnly(2026, 3, 12));

        // MAAG North meets fortnightly on Wednesdays from 7 January: 18 March's agenda went out on Monday 16 March, after the 12th.
        var booking = Assert.Single(schedule.Placed);
        Assert.Equal(new DateOnly(2026, 3, 18), booking.Meeting.Date);
        Assert.DoesNotContain(TestIds.Camhs, booking.Request.PapersFor);
        Assert.Equal(PanelSlotOrigin.Referral, booking.Request.Origin);
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "LP-08")]
    [Fact]
    public void PANEL05_the_decision_sheet_records_two_allocations_with_their_roles_and_the_recommended_lead_professional()
    {
        var e = Decided();

        var last = Assert.IsType<PanelDecisionRecorded>(e.Events[^1]);
        Assert.Equal(PanelDecisionOutcome.ServicesAllocated, last.Outcome);
        Assert.Equal([TestIds.HealthVisiting, TestIds.YouthService], e.CurrentPanelReferral!.Allocations.Select(a => a.Agency).ToArray());
        Assert.Equal("Mentoring, one session a week for twelve weeks", e.CurrentPanelReferral.Allocations[1].Role);
        Assert.Equal(EpisodePanels.HealthVisitorLead, e.PanelRecommendedLeadProfessional);
        Assert.False(e.CurrentPanelReferral.IsAwaitingPanel);
        Assert.Equal(EpisodeState.PanelReferred, e.State);
        Assert.True(e.ToPanelSlotRequest(new PanelSlotId("again")).IsRefused);
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void PANEL05_SHARE01_a_decision_sheet_allocating_an_excluded_agency_is_refused_audited_and_changes_nothing()
    {
        var e = Referred(TestIds.Camhs);
        var version = e.Version;

        var refused = e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.CamhsService, EpisodePanels.Youth));

        Assert.Equal(("SHARE-01", "allocations[camhs]"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Equal(version, e.Version);
        Assert.True(e.CurrentPanelReferral!.IsAwaitingPanel);
        var last = _seeds.Audit.Entries[^1];
        Assert.Equal((TestIds.Camhs, false), (last.Agency, last.Decision.Granted));
    }

    [Trait("Rule", "LP-11")]
    [Trait("Rule", "LP-08")]
    [Fact]
    public void LP11_a_decision_sheet_recommending_a_lead_professional_of_an_excluded_agency_is_refused()
    {
        var e = Referred(TestIds.HealthVisiting);

        var refused = e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.Youth));

        Assert.Equal(("LP-11", "recommendedLeadProfessional"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Null(e.PanelRecommendedLeadProfessional);
    }

    [Trait("Rule", "PANEL-05")]
    [Fact]
    public void PANEL05_re_present_with_more_information_puts_the_case_back_in_the_queue_and_a_later_meeting_allocates()
    {
        var e = Referred();
        _seeds.Time.Advance(TimeSpan.FromDays(6)); // Wednesday 18 March
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.RePresent(e)));
        var decidedAt = e.Events[^1].OccurredAt;

        Assert.True(e.CurrentPanelReferral!.IsAwaitingPanel);
        Assert.Null(e.PanelRecommendedLeadProfessional);
        var back = e.ToPanelSlotRequest(new PanelSlotId("ref-1-b")).Value;
        Assert.Equal((PanelSlotOrigin.RePresentation, decidedAt, PanelSlotKind.NewCase), (back.Origin, back.RequestedAt, back.Kind));
        var next = new PanelScheduler().Schedule([PanelFixtures.North], [], [back], new DateOnly(2026, 3, 19)).Placed.Single();
        Assert.Equal(new DateOnly(2026, 4, 1), next.Meeting.Date); // the fortnight after 18 March

        _seeds.Time.Advance(TimeSpan.FromDays(14)); // 1 April
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));
        Assert.Equal(2, e.CurrentPanelReferral!.Decisions.Length);
        Assert.Single(e.CurrentPanelReferral.Allocations);
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "PANEL-03")]
    [Fact]
    public void PANEL05_a_decision_before_the_meeting_for_another_referral_or_of_another_area_is_refused()
    {
        var e = Referred();
        var today = _seeds.Today;

        var early = PanelDecision.Allocate(EpisodePanels.Booking(e, today.AddDays(6)), EpisodePanels.Chair, [EpisodePanels.Youth], null).Value;
        Assert.Equal(("PANEL-05", "meeting"), (e.RecordPanelDecision(Teacher, early).Refusal.RuleId, e.RecordPanelDecision(Teacher, early).Refusal.Field));

        var otherRequest = new PanelSlotRequest(new PanelSlotId("x"), new PanelReferralId("ref-9"), e.Id, "north", PanelSlotOrigin.Referral, Start, []);
        var other = PanelDecision.Allocate(new PanelBooking(otherRequest, new PanelMeeting(PanelFixtures.North.Id, "north", today), 20), EpisodePanels.Chair, [EpisodePanels.Youth], null).Value;
        Assert.Equal(("PANEL-05", "referral"), (e.RecordPanelDecision(Teacher, other).Refusal.RuleId, e.RecordPanelDecision(Teacher, other).Refusal.Field));

        var southRequest = new PanelSlotRequest(new PanelSlotId("y"), new PanelReferralId("ref-1"), e.Id, "south", PanelSlotOrigin.Referral, Start, []);
        var south = PanelDecision.Allocate(new PanelBooking(southRequest, new PanelMeeting(new PanelId("maag-south"), "south", today), 20), EpisodePanels.Chair, [EpisodePanels.Youth], null).Value;
        Assert.Equal(("PANEL-03", "meeting"), (e.RecordPanelDecision(Teacher, south).Refusal.RuleId, e.RecordPanelDecision(Teacher, south).Refusal.Field));

        var elsewhereRequest = new PanelSlotRequest(new PanelSlotId("z"), new PanelReferralId("ref-1"), new EpisodeId("ep-sibling"), "north", PanelSlotOrigin.Referral, Start, []);
        var elsewhere = PanelDecision.Allocate(new PanelBooking(elsewhereRequest, new PanelMeeting(PanelFixtures.North.Id, "north", today), 20), EpisodePanels.Chair, [EpisodePanels.Youth], null).Value;
        Assert.Throws<ArgumentException>("decision", () => e.RecordPanelDecision(Teacher, elsewhere));
    }

    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void LIFE12_a_decision_sheet_needs_a_referred_episode()
    {
        var e = _seeds.Assessed();

        var refused = e.RecordPanelDecision(Teacher, EpisodePanels.Decision(e));

        Assert.Equal(("LIFE-12", "state"), (refused.Refusal.RuleId, refused.Refusal.Field));
    }

    [Trait("Rule", "LP-08")]
    [Trait("Rule", "LP-02")]
    [Fact]
    public void LP08_the_episode_appoints_the_lead_professional_the_panel_recommended_without_the_host_copying_it()
    {
        var e = Decided();
        var selector = new LeadProfessionalSelector(new LeadProfessionalOptions(), _seeds.Policy.Sharing);
        var request = e.SelectionRequest(Teacher) with
        {
            // The teacher and the health visitor both work with the family; nothing else tells them apart.
            Candidates = [Nominee(TestIds.Teacher, TestIds.School), Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting)],
        };

        var selection = selector.Select(request);
        Ok(e.AppointLeadProfessional(Teacher, selection, Supervisor, new FamilyAgreement("Mum agreed at the panel feedback meeting.")));

        Assert.Equal(TestIds.HealthVisitor, request.PanelRecommendation);
        Assert.Equal((TestIds.HealthVisitor, TestIds.HealthVisiting, false), (e.LeadProfessional.Practitioner, e.LeadProfessional.Agency, e.LeadProfessional.IsInterim));
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "The plan follows the panel's allocations."));
        Assert.Equal(EpisodeState.PlanActive, e.State);
    }

    [Trait("Rule", "PANEL-06")]
    [Fact]
    public void PANEL06_allocated_services_confirm_their_start_dates_before_and_after_the_plan()
    {
        var e = Decided(); // met Saturday 21 March 2026 (the booking's day)
        var referral = new PanelReferralId("ref-1");
        var met = e.CurrentPanelReferral!.LatestDecision!.Meeting.Date;

        Assert.Equal(("PANEL-06", "agency"), Refusal(e.ConfirmServiceStart(Teacher, referral, TestIds.Camhs, met.AddDays(7))));
        Assert.Equal(("PANEL-06", "startDate"), Refusal(e.ConfirmServiceStart(Teacher, referral, TestIds.YouthService, met.AddDays(-1))));
        Assert.Equal(("PANEL-06", "referral"), Refusal(e.ConfirmServiceStart(Teacher, new PanelReferralId("ref-9"), TestIds.YouthService, met)));

        Ok(e.ConfirmServiceStart(Teacher, referral, TestIds.YouthService, met.AddDays(7)));
        Assert.Equal([TestIds.HealthVisiting], e.CurrentPanelReferral!.UnconfirmedAllocations.Select(a => a.Agency).ToArray());

        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), Supervisor, new FamilyAgreement("Mum agreed."), "Recommended by the panel."));
        Ok(e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "Agreed at the TAC meeting."));
        Ok(e.ConfirmServiceStart(Teacher, referral, TestIds.HealthVisiting, met.AddDays(14)));
        Assert.Empty(e.CurrentPanelReferral!.UnconfirmedAllocations);
        Assert.Equal(met.AddDays(14), e.CurrentPanelReferral.ConfirmedStartOf(TestIds.HealthVisiting));
    }

    [Trait("Rule", "PANEL-07")]
    [Trait("Rule", "PANEL-03")]
    [Fact]
    public void PANEL07_re_referral_is_allowed_after_a_decision_but_not_while_the_case_is_in_the_queue()
    {
        var e = Referred();

        Assert.Equal(("PANEL-03", "referral"), Refusal(PanelFixtures.Refer(e, Teacher, "ref-2")));

        _seeds.Time.Advance(TimeSpan.FromDays(9));
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, null, EpisodePanels.Youth)));
        Assert.Equal(("PANEL-07", "referral.id"), Refusal(PanelFixtures.Refer(e, Teacher, "ref-1")));
        Ok(PanelFixtures.Refer(e, Teacher, "ref-2")); // the family disagreed; the referrer re-refers
        Assert.Equal(["ref-1", "ref-2"], e.PanelReferrals.Select(r => r.Referral.Id.Value).ToArray());
        Assert.True(e.CurrentPanelReferral!.IsAwaitingPanel);
    }

    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "PANEL-05")]
    [Fact]
    public void LIFE11_the_panel_events_round_trip_and_replay_rejudges_them()
    {
        var e = Decided();
        Ok(e.ConfirmServiceStart(Teacher, new PanelReferralId("ref-1"), TestIds.YouthService, _seeds.Today.AddDays(7)));

        foreach (var x in e.Events.Where(x => x is ReferredToPanel or PanelDecisionRecorded or PanelServiceStartConfirmed))
        {
            Assert.Equal(x, EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(x)));
        }

        var read = EpisodeJson.Deserialize(_seeds.Policy, EpisodeJson.Serialize(e));
        Assert.Equal(e.Events, read.Events);
        Assert.Equal(e.CurrentPanelReferral, read.CurrentPanelReferral);
        Assert.Contains("\"type\":\"panel-decision-recorded\"", EpisodeJson.Serialize(e), StringComparison.Ordinal);

        // The same history after the family excluded the youth service is refused: replay re-judges the allocation.
        var excluded = _seeds.Assessed();
        Ok(excluded.RecordConsent(Teacher, MotherWritten(TestIds.YouthService), "Mum does not want the youth service told."));
        var events = excluded.Events.Concat(e.Events.Skip(excluded.Events.Count - 1).Where(x => x is ReferredToPanel or PanelDecisionRecorded)
            .Select(x => x with { EpisodeId = excluded.Id, OccurredAt = x.OccurredAt.AddDays(30) })).ToArray();
        _seeds.Time.Advance(TimeSpan.FromDays(31)); // the reading clock is after the moved events (LIFE-11)
        var ex = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(_seeds.Policy, events));
        Assert.Contains("SHARE-01", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "REP-04")]
    [Fact]
    public void REP04_the_report_row_counts_each_referral_by_the_referrer_s_agency_and_its_allocations()
    {
        var framework = new ThresholdFrameworkLoader().LoadDefault().Framework;
        var e = Decided();
        _seeds.Time.Advance(TimeSpan.FromDays(1));
        Ok(PanelFixtures.Refer(e, HealthVisitor, "ref-2"));

        var row = EpisodeReportRows.From(e, framework, _ => InitiatingSetting.PrimarySchool);

        // Referred 12 March by the school: two services allocated; re-referred 22 March by health visiting: undecided.
        Assert.Equal(
            [new ReportPanelReferral(new DateOnly(2026, 3, 12), TestIds.School, 2), new ReportPanelReferral(new DateOnly(2026, 3, 22), TestIds.HealthVisiting, 0)],
            row.PanelReferrals.ToArray());
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "PANEL-05")]
    [Property(Arbitrary = [typeof(PanelSchedulingProperties.Arbitraries)], MaxTest = 100)]
    public bool SHARE01_no_decision_applied_to_an_episode_allocates_or_recommends_an_agency_the_family_excluded(PanelSchedulingProperties.Sheet sheet)
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.RecordConsent(Teacher, MotherWritten(sheet.Excluded), "Mum does not want every agency told."));
        var referred = PanelFixtures.Refer(e, Teacher);
        if (referred.IsRefused)
        {
            return PanelFixtures.MaagMembers.All(sheet.Excluded.Contains) && e.PanelReferrals.IsEmpty; // nobody may see the papers
        }

        var decision = PanelDecision.Allocate(EpisodePanels.Booking(e), EpisodePanels.Chair, sheet.Allocated.Select(a => new ServiceAllocation(a, "Support")),
            new RecommendedLeadProfessional(TestIds.HealthVisitor, sheet.LeadAgency)).Value;
        var version = e.Version;
        var result = e.RecordPanelDecision(Teacher, decision);
        var touchesExcluded = sheet.Allocated.Append(sheet.LeadAgency).Any(sheet.Excluded.Contains);
        var papersClean = !e.CurrentPanelReferral!.PapersFor.Any(sheet.Excluded.Contains);
        var granted = seeds.Audit.Entries.Where(a => a.Decision.Granted).Select(a => a.Agency);
        return papersClean && !granted.Any(sheet.Excluded.Contains) && (result.IsSuccess
            ? !touchesExcluded && e.CurrentPanelReferral.Allocations.Length == sheet.Allocated.Length
            : touchesExcluded && result.Refusal.RuleId is "SHARE-01" or "LP-11" && e.Version == version);
    }

    private static (string RuleId, string Field) Refusal(Result r) => (r.Refusal.RuleId, r.Refusal.Field);
}
