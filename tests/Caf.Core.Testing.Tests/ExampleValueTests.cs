using System;
using System.Linq;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Testing.Tests;

/// <summary>The public example values (EpisodePlans, EpisodePanels) walk one episode by hand, as PACKAGE.md shows.</summary>
public class ExampleValueTests
{
    private static void Ok(Result result) => Assert.True(result.IsSuccess, result.ToString());

    [Trait("Rule", "PLAN-01")]
    [Trait("Rule", "REV-01")]
    [Fact]
    public void The_PACKAGE_example_agrees_the_multi_agency_plan_and_holds_a_review_chaired_by_the_health_visitor()
    {
        var world = CafTestWorld.Create();
        var episode = world.Assessed(["LEI-01", "LEI-02", "LEI-05"]);
        Ok(episode.ChooseNextStep(CafCatalogue.Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(episode.AppointLeadProfessional(CafCatalogue.Teacher, CafCatalogue.Nominee(CafCatalogue.HealthVisitor), CafCatalogue.Supervisor,
            new FamilyAgreement("Mother agreed."), "Sees the family weekly."));
        var plan = EpisodePlans.MultiAgency(world.Today);

        Ok(episode.AgreePlan(CafCatalogue.Teacher, plan, "Agreed at the TAC meeting."));
        Ok(episode.HoldReview(CafCatalogue.Teacher, EpisodePlans.Review(plan, world.Today, ReviewProgress.Sufficient)));

        Assert.Equal(EpisodeState.PlanActive, episode.State);
        Assert.Equal(["a-school", "a-health", "a-family"], episode.Plan!.Actions.Select(a => a.Id).ToArray());
        Assert.Equal(["attendance", "weight"], episode.Plan.Outcomes.Select(o => o.Id).ToArray());
        var review = Assert.Single(episode.ReviewsOfCurrentPlan);
        Assert.Equal((new PractitionerId("pr-hv-patel"), new PractitionerId("pr-teacher-jones")), (review.Chair, review.NoteTaker));
        Assert.Equal(new DateOnly(2026, 4, 13), review.NextReviewDue); // six weeks after Monday 2 March 2026
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "PANEL-07")]
    [Trait("Rule", "LP-08")]
    [Fact]
    public void A_referral_to_MAAG_North_is_decided_by_the_sheet_of_its_slot_and_a_re_referral_takes_the_next_id()
    {
        var world = CafTestWorld.Create();
        var episode = world.Assessed(["LEI-01", "LEI-02", "LEI-05"]);
        Assert.Equal("ref-1", EpisodePanels.NextReferralId(episode));

        Ok(episode.ReferToPanel(CafCatalogue.Teacher, EpisodePanels.Referral(episode, CafCatalogue.Teacher), EpisodePanels.MaagNorth));
        world.Advance(TimeSpan.FromDays(9));
        Ok(episode.RecordPanelDecision(CafCatalogue.Teacher,
            EpisodePanels.Allocate(episode, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));

        var referral = episode.CurrentPanelReferral!;
        Assert.Equal("ref-1", referral.Referral.Id.Value);
        Assert.Equal([new AgencyId("health-visiting"), new AgencyId("youth-service")], referral.Allocations.Select(a => a.Agency).ToArray());
        Assert.Equal(new PractitionerId("pr-hv-patel"), episode.PanelRecommendedLeadProfessional!.Practitioner);
        Assert.Equal("ref-2", EpisodePanels.NextReferralId(episode));
        Assert.Throws<InvalidOperationException>(() => EpisodePanels.Booking(episode)); // decided: no slot to book
    }

    [Trait("Rule", "STEP-01")]
    [Fact]
    public void The_step_down_information_is_complete_and_names_the_service_given()
    {
        var fromCamhs = EpisodePlans.StepDown();
        var fromSocialCare = EpisodePlans.StepDown("Bradford children's social care");

        Assert.True(fromCamhs.Validate().IsSuccess);
        Assert.Empty(fromSocialCare.MissingItems());
        Assert.Equal(("CAMHS Bradford North", "Bradford children's social care"), (fromCamhs.SpecialistService, fromSocialCare.SpecialistService));
        Assert.Equal(StepDownDocumentType.CamhsWorkCompletedLetter, fromSocialCare.DocumentType);
        Assert.Equal(EpisodeState.PotentialFromStepDown, CafTestWorld.Create().RegisterStepDown().State);
    }
}
