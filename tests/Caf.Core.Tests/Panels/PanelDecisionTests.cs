using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Tests.LeadProfessional;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Panels.PanelFixtures;

namespace Caf.Core.Tests.Panels;

public class PanelDecisionTests
{
    private static readonly Actor Administrator = new(new PractitionerId("pr-maag-admin"), new AgencyId("childrens-services"));
    private static readonly RecommendedLeadProfessional HealthVisitorLead = new(TestIds.HealthVisitor, Health);

    private static PanelBooking Heard() => BookingOn(MaagNorth(), new DateOnly(2026, 1, 7), "ref-1");

    private static PanelDecision TwoServices() =>
        PanelDecision.Allocate(Heard(), "Commissioning manager",
            [new ServiceAllocation(FamilySupport, "Parenting programme, eight weeks"), new ServiceAllocation(Health, "Health visitor visits fortnightly")],
            HealthVisitorLead).Value;

    [Fact]
    [Trait("Rule", "PANEL-05")]
    public void PANEL05_a_decision_sheet_allocates_services_with_their_roles_and_recommends_the_LP()
    {
        var decision = TwoServices();

        Assert.Equal(PanelDecisionOutcome.ServicesAllocated, decision.Outcome);
        Assert.Equal([Health, FamilySupport], decision.Allocations.Select(a => a.Agency)); // agency order
        Assert.Equal("Health visitor visits fortnightly", decision.Allocations[0].Role);
        Assert.Equal(HealthVisitorLead, decision.RecommendedLeadProfessional);
        Assert.Equal(new PanelReferralId("ref-1"), decision.Referral);
        Assert.Equal(new DateOnly(2026, 1, 7), decision.Meeting.Date);
    }

    [Fact]
    [Trait("Rule", "PANEL-05")]
    public void PANEL05_no_service_allocated_is_refused_re_present_instead()
    {
        var result = PanelDecision.Allocate(Heard(), "Chair", [], null);
        Assert.Equal("PANEL-05", result.Refusal.RuleId);
        Assert.Equal("allocations", result.Refusal.Field);
    }

    [Fact]
    [Trait("Rule", "LP-02")]
    public void LP02_two_services_without_a_recommended_LP_and_a_service_twice_are_both_named()
    {
        var result = PanelDecision.Allocate(Heard(), "Chair",
            [new ServiceAllocation(Health, "Visits"), new ServiceAllocation(Health, "Clinic"), new ServiceAllocation(Youth, "Mentoring")], null);

        Assert.Equal("PANEL-05", result.Refusal.RuleId);
        Assert.Equal("allocations, recommendedLeadProfessional", result.Refusal.Field);
        Assert.Contains("LP-02", result.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "PANEL-05")]
    public void PANEL05_one_service_needs_no_recommended_LP()
    {
        Assert.True(PanelDecision.Allocate(Heard(), "Chair", [new ServiceAllocation(Youth, "Mentoring")], null).IsSuccess);
    }

    [Fact]
    [Trait("Rule", "PANEL-05")]
    public void PANEL05_re_present_with_more_information_puts_the_case_back_in_the_queue()
    {
        Assert.Equal("moreInformationNeeded", PanelDecision.RePresent(Heard(), "Chair", " ").Refusal.Field);
        var decision = PanelDecision.RePresent(Heard(), "Chair", "School attendance figures for the autumn term").Value;

        var request = decision.RePresentation(new PanelSlotId("ref-1-again"), Morning.AddDays(40), PapersNow(decision)).Value;

        Assert.Equal(PanelSlotOrigin.RePresentation, request.Origin);
        Assert.Equal(PanelSlotKind.NewCase, request.Kind);
        Assert.Equal("north", request.Area);
        Assert.Equal(new PanelReferralId("ref-1"), request.Referral);
        var schedule = new PanelScheduler().Schedule([MaagNorth()], [Heard()], [request], new DateOnly(2026, 1, 10));
        Assert.Equal(new DateOnly(2026, 1, 21), schedule.Placed.Single().Meeting.Date);
        Assert.Equal("PANEL-05", TwoServices().RePresentation(new PanelSlotId("x"), Morning, PapersNow(TwoServices())).Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_a_decision_allocating_an_excluded_agency_is_refused_and_every_decision_audited()
    {
        var (sharing, audit) = Sharing();
        var decision = PanelDecision.Allocate(Heard(), "Chair",
            [new ServiceAllocation(Camhs, "Assessment"), new ServiceAllocation(Health, "Visits")], HealthVisitorLead).Value;

        var result = new PanelSharingGate(sharing).CheckDecision(decision, WrittenConsent(Camhs), Administrator);

        Assert.True(result.IsRefused);
        Assert.Equal("SHARE-01", result.Refusal.RuleId);
        Assert.Equal("allocations[camhs]", result.Refusal.Field);
        Assert.Equal(
            [(Camhs, SharingPurpose.Panel, false), (Health, SharingPurpose.Panel, true), (Health, SharingPurpose.LeadProfessional, true)],
            audit.Entries.Select(e => (e.Agency, e.Purpose, e.Decision.Granted)));
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE01_an_LP_at_an_excluded_agency_cannot_be_recommended()
    {
        var (sharing, _) = Sharing();
        var decision = PanelDecision.Allocate(Heard(), "Chair", [new ServiceAllocation(Health, "Visits")],
            new RecommendedLeadProfessional(LeadProfessionalScenario.YouthWorker, Youth)).Value;

        var result = new PanelSharingGate(sharing).CheckDecision(decision, WrittenConsent(Youth), Administrator);

        Assert.Equal("SHARE-01", result.Refusal.RuleId);
        Assert.Equal("recommendedLeadProfessional", result.Refusal.Field);
    }

    [Fact]
    [Trait("Rule", "PANEL-05")]
    public void PANEL05_a_decision_within_consent_passes_the_gate()
    {
        var (sharing, _) = Sharing();
        var result = new PanelSharingGate(sharing).CheckDecision(TwoServices(), WrittenConsent(Camhs), Administrator);
        Assert.Equal(TwoServices(), result.Value);
    }

    [Fact]
    [Trait("Rule", "LP-08")]
    public void LP08_the_recommended_LP_feeds_the_selectors_panel_recommendation()
    {
        var (sharing, _) = Sharing();
        var request = LeadProfessionalScenario.Request(LeadProfessionalScenario.Teacher(), LeadProfessionalScenario.HealthVisitor());

        var withRecommendation = HealthVisitorLead.ApplyTo(request).Value;
        var selection = new LeadProfessionalSelector(LeadProfessionalScenario.Only(LeadProfessionalCriterion.PanelRecommendation), sharing).Select(withRecommendation);

        Assert.Equal(TestIds.HealthVisitor, withRecommendation.PanelRecommendation);
        Assert.Equal(TestIds.HealthVisitor, selection.Chosen!.Candidate.Practitioner);
        Assert.True(HealthVisitorLead.IsRecommended(LeadProfessionalScenario.HealthVisitor()));
        Assert.False(HealthVisitorLead.IsRecommended(LeadProfessionalScenario.Teacher()));
    }

    [Fact]
    [Trait("Rule", "PANEL-05")]
    public void PANEL05_a_recommendation_at_another_agency_than_the_directory_says_is_refused()
    {
        var wrong = new RecommendedLeadProfessional(TestIds.HealthVisitor, Youth);
        var result = wrong.ApplyTo(LeadProfessionalScenario.Request(LeadProfessionalScenario.HealthVisitor()));
        Assert.Equal("PANEL-05", result.Refusal.RuleId);
    }
}
