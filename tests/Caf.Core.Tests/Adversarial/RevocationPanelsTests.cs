using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Panels;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// Issue 23, causes 1 and 4: panel papers and allocations decided earlier are decided again when they flow. Every panel
/// entry point that hands papers on or asks a service to act (slot requests for a new case, a re-presentation, a progress
/// review, a waiting-list return, a re-hearing; the agenda's papers; the quarterly aftercare audit; a service's start, on
/// the episode and through <see cref="PanelAftercare"/>; the episode's standing grants) × every way the family's
/// exclusion of CAMHS arises. CAMHS is never named; after a withdrawal or an override no papers go to anyone; and the
/// audit log records what the consent change revoked (SHARE-03/04).
/// </summary>
public class RevocationPanelsTests
{
    private static readonly ChildDetails Fourteen = new(TestIds.Child, new DateOnly(2011, 9, 1));
    private static readonly Actor Administrator = new(new PractitionerId("pr-panel-admin"), TestIds.HealthVisiting);
    private static readonly AgencyId Camhs = TestIds.Camhs;

    /// <summary>How the exclusion of CAMHS arises (the seven ways of issue 23 but the linked sibling's, which is the family-link engineer's).</summary>
    public enum Way
    {
        /// <summary>The parent excludes CAMHS in the first consent: it never gets papers or an allocation.</summary>
        Before,

        /// <summary>After the referral (and the allocation), the parent excludes CAMHS.</summary>
        AfterByParent,

        /// <summary>After the referral, the young person (14, judged competent) excludes CAMHS in a partial consent.</summary>
        AfterByYoungPerson,

        /// <summary>The parent excludes CAMHS, then refuses, then consents in full again: the exclusion stands (CONS-05).</summary>
        ThenRefusalThenConsent,

        /// <summary>The parent excludes CAMHS, both refuse, then consent is overridden (CONS-06: never a panel; the episode closes).</summary>
        ThenOverride,

        /// <summary>The parent excludes CAMHS, then withdraws consent (CONS-07: nothing goes to any member).</summary>
        ThenWithdrawal,
    }

    /// <summary>Where the case stands when the exclusion arises.</summary>
    public enum Stage
    {
        /// <summary>Referred, waiting for the panel.</summary>
        Awaiting,

        /// <summary>The panel asked for more information: back in the queue.</summary>
        RePresented,

        /// <summary>The panel allocated CAMHS (unless excluded before) and the youth service.</summary>
        Allocated,
    }

    private sealed class World
    {
        public Seeds Seeds { get; } = new();

        public CafEpisode Episode { get; set; } = null!;

        public PanelDecision Decision { get; set; } = null!;

        /// <summary>A booking as stored when the case was placed: its papers list every member, CAMHS included.</summary>
        public PanelBooking StoredBooking { get; set; } = null!;

        public int AuditBeforeExclusion { get; set; }
    }

    /// <summary>What an entry point produced: the agencies it names as recipients, or its refusal.</summary>
    private sealed record Outcome(ImmutableArray<AgencyId> Named, Refusal? Refusal);

    private sealed record Row(string Name, Stage Stage, Func<World, Outcome> Attempt);

    private static Outcome Of(Result<PanelSlotRequest> r) => r.IsRefused ? new([], r.Refusal) : new(r.Value.PapersFor, null);

    private static Outcome Slot(World w, Func<PanelPapers, Result<PanelSlotRequest>> build)
    {
        var papers = w.Episode.JudgePanelPapers(w.Decision.Referral);
        return papers.IsRefused ? new([], papers.Refusal) : Of(build(papers.Value));
    }

    private static readonly Row[] Rows =
    [
        new("slot request: new case (episode)", Stage.Awaiting, w => Of(w.Episode.ToPanelSlotRequest(new PanelSlotId("s-new")))),
        new("slot request: re-presentation (episode)", Stage.RePresented, w => Of(w.Episode.ToPanelSlotRequest(new PanelSlotId("s-again")))),
        new("slot request: re-presentation (decision)", Stage.RePresented,
            w => Slot(w, p => w.Decision.RePresentation(new PanelSlotId("s-again"), w.Seeds.Time.GetUtcNow(), p))),
        new("slot request: progress review", Stage.Allocated,
            w => Slot(w, p => w.Decision.ProgressReview(new PanelSlotId("s-review"), w.Seeds.Time.GetUtcNow(), p))),
        new("slot request: waiting-list return", Stage.Allocated,
            w => Slot(w, p => new PanelAftercare().WaitingListReturn(w.Decision, TestIds.YouthService, new PanelSlotId("s-wait"), w.Seeds.Time.GetUtcNow(), p))),
        new("slot request: re-hearing", Stage.Allocated, w => Slot(w, p =>
            PanelReHearingRequest.Raise(w.Decision, PanelDisagreementParty.Family, "The family want the decision heard again.", w.Seeds.Time.GetUtcNow()).Value
                .Answer(PanelReHearingOutcome.Agreed, "Commissioning manager", "Agreed.", w.Seeds.Time.GetUtcNow())
                .ToSlotRequest(new PanelSlotId("s-rehear"), p))),
        new("agenda papers (a stored booking listing CAMHS)", Stage.Awaiting, AgendaPapers),
        new("agenda papers after a re-presentation", Stage.RePresented, AgendaPapers),
        new("quarterly aftercare audit: services asked to confirm", Stage.Allocated, w =>
        {
            var audit = new PanelAftercare().QuarterlyAudit([w.Decision], [], w.Seeds.Today.AddDays(90), id => id == w.Episode.Id ? w.Episode.PanelConsent() : null);
            return new([.. audit.Where(l => !l.IsSuspended).Select(l => l.Allocation.Agency)], null);
        }),
        new("service start: CAMHS confirms (episode)", Stage.Allocated, w =>
        {
            var r = w.Episode.ConfirmServiceStart(HealthVisitor, w.Decision.Referral, Camhs, w.Seeds.Today);
            return r.IsRefused ? new([], r.Refusal) : new([Camhs], null);
        }),
        new("service start: CAMHS confirms (aftercare)", Stage.Allocated, w =>
        {
            var r = new PanelAftercare().ConfirmStart(w.Decision, Camhs, w.Seeds.Today, HealthVisitor, w.Seeds.Time.GetUtcNow(), w.Episode.PanelConsent());
            return r.IsRefused ? new([], r.Refusal) : new([r.Value.Agency], null);
        }),
        // Issue 28: the panel case's aftercare as episode events (PANEL-06, PANEL-07, PANEL-09, PANEL-10).
        new("slot request: progress review (episode)", Stage.Allocated, w => Of(w.Episode.ToProgressReviewSlotRequest(new PanelSlotId("s-review")))),
        new("slot request: waiting-list return (episode)", Stage.Allocated, w =>
        {
            var back = w.Episode.ReturnFromWaitingList(HealthVisitor, w.Decision.Referral, TestIds.YouthService, "Twelve weeks' wait.");
            return back.IsRefused ? new([], back.Refusal) : Of(w.Episode.ToPanelSlotRequest(new PanelSlotId("s-wait")));
        }),
        new("slot request: re-hearing (episode)", Stage.Allocated, w =>
        {
            var asked = w.Episode.RequestReHearing(HealthVisitor, w.Decision.Referral, PanelDisagreementParty.Family, "The family want it heard again.");
            var agreed = asked.IsRefused ? asked : w.Episode.AnswerReHearing(HealthVisitor, w.Decision.Referral, "Chair", PanelReHearingOutcome.Agreed, "Agreed.");
            return agreed.IsRefused ? new([], agreed.Refusal) : Of(w.Episode.ToPanelSlotRequest(new PanelSlotId("s-rehear")));
        }),
        new("to CAMHS: quarterly audit answer (episode)", Stage.Allocated, w =>
        {
            var r = w.Episode.RecordAllocationAudit(HealthVisitor, w.Decision.Referral, Camhs, w.Seeds.Today, false, null, null);
            return r.IsRefused ? new([], r.Refusal) : new([Camhs], null);
        }),
        new("to CAMHS: disagreement taken up (episode)", Stage.Allocated, w =>
        {
            var r = w.Episode.RecordServiceDisagreement(HealthVisitor, w.Decision.Referral, Camhs, ServiceDisagreementStep.TakenUpWithAgency, PanelDisagreementParty.Family, "Sessions cancelled.");
            return r.IsRefused ? new([], r.Refusal) : new([Camhs], null);
        }),
        new("standing grants", Stage.Allocated, w => new([.. w.Episode.StandingGrants.Select(g => g.Agency)], null)),
        new("standing grants while awaiting", Stage.Awaiting, w => new([.. w.Episode.StandingGrants.Select(g => g.Agency)], null)),
    ];

    private static Outcome AgendaPapers(World w)
    {
        var schedule = new PanelScheduler().Schedule([EpisodePanels.MaagNorth], [w.StoredBooking], [], w.StoredBooking.Meeting.Date.AddDays(-7));
        var agenda = schedule.Agendas.Single(a => a.Entries.Contains(w.StoredBooking));
        var line = agenda.IssuePapers(Administrator, id => id == w.Episode.Id ? w.Episode.PanelConsent() : null).Single();
        return new(line.PapersFor, line.NotSent);
    }

    public static TheoryData<string, Way> Cells()
    {
        var data = new TheoryData<string, Way>();
        foreach (var row in Rows)
        {
            foreach (var way in Enum.GetValues<Way>())
            {
                data.Add(row.Name, way);
            }
        }

        return data;
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "PANEL-03")]
    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "CONS-07")]
    [Theory]
    [MemberData(nameof(Cells))]
    public void An_agency_excluded_in_any_way_is_never_named_by_a_panel_entry_point(string row, Way way)
    {
        var entry = Rows.Single(r => r.Name == row);
        var w = Arrange(way, entry.Stage);

        var outcome = entry.Attempt(w);

        Assert.DoesNotContain(Camhs, outcome.Named);
        if (way is Way.ThenOverride or Way.ThenWithdrawal)
        {
            // Nothing flows on consent after a withdrawal; an override never grants a panel (CONS-04). Only the LP's role
            // stands under an override (CONS-06), and only the standing-grant rows can show it.
            Assert.All(outcome.Named, a => Assert.True(row.StartsWith("standing grants", StringComparison.Ordinal) && way == Way.ThenOverride, $"{a} named"));
        }
        else if (!row.StartsWith("service start", StringComparison.Ordinal) && !row.StartsWith("to CAMHS", StringComparison.Ordinal))
        {
            // The other members still receive what they did: the fix judges each agency, it does not stop the panel.
            Assert.Null(outcome.Refusal);
            Assert.NotEmpty(outcome.Named);
        }
        else
        {
            Assert.NotNull(outcome.Refusal);
        }
    }

    [Trait("Rule", "CONS-07")]
    [Trait("Rule", "CONS-04")]
    [Theory]
    [InlineData(Way.ThenWithdrawal, "CONS-07")]
    [InlineData(Way.ThenOverride, "CONS-04")]
    public void After_a_withdrawal_or_an_override_no_member_gets_papers_and_the_refusal_names_the_rule(Way way, string rule)
    {
        var w = Arrange(way, Stage.Awaiting);

        Assert.Equal((rule, "consent"), (w.Episode.ToPanelSlotRequest(new PanelSlotId("s")).Refusal.RuleId, w.Episode.ToPanelSlotRequest(new PanelSlotId("s")).Refusal.Field));
        var agenda = AgendaPapers(w);
        Assert.Empty(agenda.Named);
        Assert.Equal(rule, agenda.Refusal!.RuleId);
    }

    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void The_quarterly_audit_lists_an_excluded_allocation_as_suspended_naming_the_rule_and_still_asks_the_others()
    {
        var w = Arrange(Way.AfterByParent, Stage.Allocated);

        var audit = new PanelAftercare().QuarterlyAudit([w.Decision], [], w.Seeds.Today.AddDays(90), _ => w.Episode.PanelConsent());

        var camhs = audit.Single(l => l.Allocation.Agency == Camhs);
        Assert.True(camhs.IsSuspended);
        Assert.Equal(("SHARE-01", "agency"), (camhs.Suspension!.RuleId, camhs.Suspension.Field));
        Assert.False(audit.Single(l => l.Allocation.Agency == TestIds.YouthService).IsSuspended);
    }

    [Trait("Rule", "PANEL-06")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void ConfirmServiceStart_refuses_an_excluded_service_with_SHARE01_on_agency_and_a_stored_confirmation_is_refused_on_replay()
    {
        var w = Arrange(Way.AfterByParent, Stage.Allocated);
        var audited = w.Seeds.Audit.Entries.Count;

        var refused = w.Episode.ConfirmServiceStart(HealthVisitor, w.Decision.Referral, Camhs, w.Seeds.Today);

        Assert.Equal(("SHARE-01", "agency"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Contains(w.Seeds.Audit.Entries.Skip(audited), a => a.Agency == Camhs && !a.Decision.Granted); // SHARE-04: the refusal is audited
        Ok(w.Episode.ConfirmServiceStart(HealthVisitor, w.Decision.Referral, TestIds.YouthService, w.Seeds.Today));

        // A history where CAMHS confirmed after the exclusion is refused when read.
        var forged = w.Episode.Events.Append(new Caf.Core.Lifecycle.Events.PanelServiceStartConfirmed(
            w.Episode.Id, w.Episode.Events[^1].OccurredAt, HealthVisitor, w.Decision.Referral, Camhs, w.Seeds.Today)).ToList();
        var error = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(w.Seeds.Policy, forged));
        Assert.Contains("SHARE-01", error.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "SHARE-04")]
    [Theory]
    [InlineData(Way.AfterByParent, "SHARE-01")]
    [InlineData(Way.AfterByYoungPerson, "SHARE-01")]
    [InlineData(Way.ThenRefusalThenConsent, "SHARE-01")]
    [InlineData(Way.ThenOverride, "SHARE-01")]
    [InlineData(Way.ThenWithdrawal, "SHARE-01")]
    public void A_consent_change_records_what_it_revoked_once_and_replay_records_nothing_again(Way way, string rule)
    {
        var w = Arrange(way, Stage.Allocated);

        var revoked = w.Seeds.Audit.Entries.Skip(w.AuditBeforeExclusion).Where(a => a.Kind == SharingAuditKind.Revoked).ToArray();
        var camhs = revoked.Where(a => a.Agency == Camhs).ToArray();
        Assert.Equal(2, camhs.Length); // its panel papers and its allocation, once each
        Assert.All(camhs, a => Assert.Equal((rule, false, SharedItems.PanelPapers), (a.Decision.RuleId, a.Decision.Granted, a.Items)));
        Assert.All(camhs, a => Assert.StartsWith("revoked: the panel referral papers for camhs", a.ToString()[21..], StringComparison.Ordinal));
        Assert.Contains(way == Way.AfterByYoungPerson ? "excluded by Amy (" : "excluded by Ms Smith (", camhs[0].ToString(), StringComparison.Ordinal);

        var log = new InMemorySharingAuditLog();
        var policy = EpisodePolicy.Default(w.Seeds.Time, log);
        CafEpisode.Rebuild(policy, w.Episode.Events);
        Assert.Empty(log.Entries);
    }

    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "CONS-07")]
    [Fact]
    public void A_withdrawal_revokes_every_standing_grant_with_CONS07_and_leaves_none()
    {
        var w = Arrange(Way.ThenWithdrawal, Stage.Allocated);

        var last = w.Seeds.Audit.Entries.Where(a => a.Kind == SharingAuditKind.Revoked && a.Decision.RuleId == "CONS-07").Select(a => a.Agency).ToHashSet();
        Assert.Contains(TestIds.HealthVisiting, last); // the LP's role and the other members' papers
        Assert.Contains(TestIds.YouthService, last);
        Assert.Empty(w.Episode.StandingGrants);
    }

    [Trait("Rule", "CONS-05")]
    [Trait("Rule", "SHARE-03")]
    [Fact]
    public void Lifting_the_exclusion_restores_the_papers_and_the_allocation_and_records_it()
    {
        var w = Arrange(Way.AfterByParent, Stage.Allocated);
        var audited = w.Seeds.Audit.Entries.Count;

        Ok(w.Episode.LiftExclusion(HealthVisitor, new ConsentExclusionLift(Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Mum now agrees.")));

        var restored = w.Seeds.Audit.Entries.Skip(audited).Where(a => a.Kind == SharingAuditKind.Restored).ToArray();
        Assert.Equal([Camhs, Camhs], restored.Select(a => a.Agency));
        Assert.Contains(w.Episode.StandingGrants, g => g.Agency == Camhs && g.Kind == StandingGrantKind.PanelAllocation);
        Assert.Contains(Camhs, w.Episode.JudgePanelPapers(w.Decision.Referral).Value.PapersFor);
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public void A_refused_consent_change_leaves_the_audit_log_as_it_was()
    {
        var w = Arrange(Way.AfterByParent, Stage.Allocated);
        var audited = w.Seeds.Audit.Entries.Count;

        // Only the person who made an exclusion lifts it (CONS-05): the young person cannot lift the parent's.
        var refused = w.Episode.LiftExclusion(HealthVisitor, new ConsentExclusionLift(Camhs, ConsentGiverRole.YoungPerson, "Amy", "I want CAMHS."));

        Assert.True(refused.IsRefused);
        Assert.Equal(audited, w.Seeds.Audit.Entries.Count);
    }

    // A 14-year-old (the young person can consent, CONS-02), the interim LP the health visitor; MAAG North's members
    // include CAMHS. The exclusion arises after the stage is reached, except "before".
    private static World Arrange(Way way, Stage stage)
    {
        var w = new World();
        var e = CafEpisode.IdentifyConcern(w.Seeds.Policy, new EpisodeId("ep-amy"), Fourteen, HealthVisitor, "Low mood and missing school.");
        w.Episode = e;
        const string Why = "Consent to assess and share with partner agencies.";
        Ok(e.RecordConsent(HealthVisitor, way == Way.Before ? MotherWritten(Camhs) : MotherWritten(), Why));
        Ok(e.RecordConsent(HealthVisitor, YoungPerson(), Why));
        Ok(e.StartAssessment(HealthVisitor, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Step(w);
        Ok(e.CompleteAssessment(HealthVisitor, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Ok(e.ReferToPanel(HealthVisitor, EpisodePanels.Referral(e, HealthVisitor), EpisodePanels.MaagNorth));
        var referral = e.CurrentPanelReferral!.Referral;
        var stored = new PanelSlotRequest(new PanelSlotId(referral.Id.Value), referral.Id, e.Id, referral.Area, PanelSlotOrigin.Referral, referral.ReferredAt,
            EpisodePanels.MaagNorth.MemberAgencies);
        Step(w);
        var booking = EpisodePanels.Booking(e);
        w.StoredBooking = new PanelBooking(stored, booking.Meeting, 20);
        switch (stage)
        {
            case Stage.Awaiting:
                w.Decision = PanelDecision.RePresent(booking, EpisodePanels.Chair, "Not heard yet.").Value; // a value only: its referral and episode
                w.StoredBooking = new PanelBooking(stored, new PanelMeeting(booking.Meeting.Panel, booking.Meeting.Area, NextMeeting(w)), 20);
                break;
            case Stage.RePresented:
                w.Decision = EpisodePanels.RePresent(e);
                Ok(e.RecordPanelDecision(HealthVisitor, w.Decision));
                w.StoredBooking = new PanelBooking(stored, new PanelMeeting(booking.Meeting.Panel, booking.Meeting.Area, NextMeeting(w)), 20);
                break;
            case Stage.Allocated:
                w.Decision = way == Way.Before
                    ? EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth)
                    : EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.CamhsService, EpisodePanels.Youth);
                Ok(e.RecordPanelDecision(HealthVisitor, w.Decision));
                break;
        }

        Step(w);
        w.AuditBeforeExclusion = w.Seeds.Audit.Entries.Count;
        switch (way)
        {
            case Way.AfterByParent:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(Camhs), Why));
                break;
            case Way.AfterByYoungPerson:
                Ok(e.RecordConsent(HealthVisitor, YoungPerson(Camhs), Why));
                break;
            case Way.ThenRefusalThenConsent:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(Camhs), Why));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, Why));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(), Why));
                break;
            case Way.ThenOverride:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(Camhs), Why));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, Why));
                Ok(e.RecordConsent(HealthVisitor, YoungPerson() with { Decision = ConsentDecision.Refused }, Why));
                Ok(e.OverrideConsent(HealthVisitor, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl"))));
                break;
            case Way.ThenWithdrawal:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(Camhs), Why));
                Ok(e.WithdrawConsent(HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" }));
                break;
        }

        Step(w);
        return w;
    }

    private static ConsentRecord YoungPerson(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [.. excluded], true) with { SharingExplained = true };

    // The first MAAG North meeting whose agenda has not gone out yet.
    private static DateOnly NextMeeting(World w) =>
        EpisodePanels.MaagNorth.Meetings(w.Seeds.Today.AddDays(14), 60).First().Date;

    private static void Step(World w) => w.Seeds.Time.Advance(TimeSpan.FromDays(1));
}
