using System;
using System.Linq;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

public class PanelAftercareTests
{
    private static readonly DateOnly Met = new(2026, 1, 7);
    private static readonly PanelAftercare Aftercare = new();

    private static PanelDecision Decided(string id = "ref-1") =>
        PanelDecision.Allocate(BookingOn(MaagNorth(), Met, id), "Chair",
            [new ServiceAllocation(FamilySupport, "Parenting programme"), new ServiceAllocation(Health, "Visits")],
            new RecommendedLeadProfessional(TestIds.HealthVisitor, Health)).Value;

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_an_allocated_service_confirms_its_start_date()
    {
        var confirmation = Aftercare.ConfirmStart(Decided(), Health, new DateOnly(2026, 1, 19), Seeds.HealthVisitor, Morning, ConsentNow(new EpisodeId("ep-ref-1"))).Value;

        Assert.Equal(new PanelReferralId("ref-1"), confirmation.Referral);
        Assert.Equal(Health, confirmation.Agency);
        Assert.Equal(new DateOnly(2026, 1, 19), confirmation.StartDate);
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_only_an_allocated_service_confirms_and_not_before_the_panel_met()
    {
        Assert.Equal("agency", Aftercare.ConfirmStart(Decided(), Youth, Met, Seeds.HealthVisitor, Morning, ConsentNow(new EpisodeId("ep-ref-1"))).Refusal.Field);
        var early = Aftercare.ConfirmStart(Decided(), Health, new DateOnly(2026, 1, 6), Seeds.HealthVisitor, Morning, ConsentNow(new EpisodeId("ep-ref-1")));
        Assert.Equal("PANEL-06", early.Refusal.RuleId);
        Assert.Equal("startDate", early.Refusal.Field);
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_a_waiting_list_brings_the_referral_back_to_the_panel()
    {
        var request = Aftercare.WaitingListReturn(Decided(), FamilySupport, new PanelSlotId("ref-1-wl"), Morning.AddDays(50), PapersNow(Decided())).Value;

        Assert.Equal(PanelSlotOrigin.WaitingListReturn, request.Origin);
        Assert.Equal(PanelSlotKind.NewCase, request.Kind);
        var schedule = new PanelScheduler().Schedule([MaagNorth()], [], [request], new DateOnly(2026, 2, 1));
        Assert.Equal(new DateOnly(2026, 2, 4), schedule.Placed.Single().Meeting.Date);
        Assert.Equal("PANEL-06", Aftercare.WaitingListReturn(Decided(), Youth, new PanelSlotId("x"), Morning, PapersNow(Decided())).Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_the_quarterly_audit_lists_allocations_with_no_confirmed_start()
    {
        var one = Decided("ref-1");
        var two = Decided("ref-2");
        var confirmed = Aftercare.ConfirmStart(one, Health, new DateOnly(2026, 1, 19), Seeds.HealthVisitor, Morning, ConsentNow(one.Episode)).Value;

        var audit = Aftercare.QuarterlyAudit([two, one], [confirmed], new DateOnly(2026, 3, 31), id => ConsentNow(id));

        Assert.Equal(
            [("ref-1", FamilySupport), ("ref-2", Health), ("ref-2", FamilySupport)],
            audit.Select(l => (l.Decision.Referral.Value, l.Allocation.Agency)));
        Assert.All(audit, l => Assert.Equal(83, l.DaysSinceMeeting));
    }

    [Fact]
    [Trait("Rule", "PANEL-06")]
    public void PANEL06_the_grace_period_keeps_recent_allocations_off_the_audit()
    {
        var aftercare = new PanelAftercare(new PanelOptions { StartConfirmationGraceDays = 28 });
        Assert.Empty(aftercare.QuarterlyAudit([Decided()], [], new DateOnly(2026, 2, 3), id => ConsentNow(id)));
        Assert.Equal(2, aftercare.QuarterlyAudit([Decided()], [], new DateOnly(2026, 2, 4), id => ConsentNow(id)).Length);
    }

    [Fact]
    [Trait("Rule", "PANEL-07")]
    public void PANEL07_an_agreed_re_hearing_is_scheduled_like_a_new_referral()
    {
        var request = PanelReHearingRequest.Raise(Decided(), PanelDisagreementParty.Family, "The family wanted CAMHS involved.", Morning.AddDays(40)).Value;
        var answer = request.Answer(PanelReHearingOutcome.Agreed, "Commissioning manager", "Discussed with the referrer.", Morning.AddDays(42));

        var slot = answer.ToSlotRequest(new PanelSlotId("ref-1-rehearing"), PapersNow(Decided())).Value;

        Assert.Equal(PanelSlotOrigin.ReHearing, slot.Origin);
        Assert.Equal(PanelSlotKind.NewCase, slot.Kind);
        Assert.Equal(Morning.AddDays(42), slot.RequestedAt);
        var schedule = new PanelScheduler().Schedule([MaagNorth()], [], [slot], new DateOnly(2026, 1, 12));
        Assert.Equal(new DateOnly(2026, 1, 21), schedule.Placed.Single().Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-07")]
    public void PANEL07_a_declined_re_hearing_is_not_scheduled_and_a_reason_is_needed()
    {
        Assert.Equal("reason", PanelReHearingRequest.Raise(Decided(), PanelDisagreementParty.Referrer, "", Morning).Refusal.Field);
        var declined = PanelReHearingRequest.Raise(Decided(), PanelDisagreementParty.Referrer, "Wrong service", Morning).Value
            .Answer(PanelReHearingOutcome.Declined, "Chair", null, Morning);
        Assert.Equal("PANEL-07", declined.ToSlotRequest(new PanelSlotId("x"), PapersNow(Decided())).Refusal.RuleId);
    }
}
