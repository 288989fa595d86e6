using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>Seeded situations of the UI port asked for a caller, the role candidates and the naming port.</summary>
public class ActorAvailabilityTests
{
    private static readonly Actor Lead = HealthVisitor; // appointed by Seeds.PlanActive

    private static EpisodePolicy Named(Seeds seeds) =>
        new(new CafOptions(), seeds.Time, new SharingService(seeds.Audit, seeds.Time, new ConsentPolicy(new CafOptions().Consent)))
        {
            Names = CafNames.From(
                [new(TestIds.HealthVisitor, "Ms Patel"), new(Teacher.Practitioner, "Mr Jones")],
                [new(TestIds.HealthVisiting, "Health Visiting"), new(TestIds.Camhs, "CAMHS North")]),
        };

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_the_port_does_not_offer_closure_to_a_practitioner_who_is_not_the_lead_and_names_the_lead()
    {
        var seeds = new Seeds();
        var e = CafEpisode.Rebuild(Named(seeds), seeds.PlanActive().Events);

        var forTeacher = e.GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.Close);
        var forLead = e.GetAvailableActions(Lead).Single(a => a.Action == EpisodeAction.Close);

        Assert.True(forLead.IsPermitted);
        Assert.False(e.GetAvailableActions().Single(a => a.Action == EpisodeAction.Close).Refusal is { RuleId: "CLOSE-08" }); // the caller-less port cannot tell
        Assert.Equal("CLOSE-08", forTeacher.Refusal?.RuleId);
        Assert.Equal("closingBy", forTeacher.Refusal?.Field);
        Assert.Contains("Ms Patel", forTeacher.Refusal!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestIds.HealthVisitor.Value, forTeacher.Refusal.Message, StringComparison.Ordinal);

        // The command returns the same refusal: one step, asked twice.
        Assert.Equal(forTeacher.Refusal, e.Close(Teacher, EpisodePlans.MostOutcomesAchieved("resolvedMultiAgency")).Refusal);
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void SHARE01_a_practitioner_of_an_excluded_agency_is_offered_only_a_step_up_and_the_refusal_names_the_agency()
    {
        var seeds = new Seeds();
        var e = CafEpisode.Rebuild(Named(seeds), seeds.PlanActive().Events);
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Mum does not want CAMHS involved."));
        var camhs = new Actor(new PractitionerId("pr-camhs"), TestIds.Camhs);

        var port = e.GetAvailableActions(camhs);

        Assert.Equal([EpisodeAction.StepUp], port.Where(a => a.IsPermitted).Select(a => a.Action));
        var consent = port.Single(a => a.Action == EpisodeAction.RecordConsent).Refusal!;
        Assert.Equal(("SHARE-01", "by"), (consent.RuleId, consent.Field));
        Assert.Contains("CAMHS North", consent.Message, StringComparison.Ordinal);
        Assert.Equal(consent, e.RecordConsent(camhs, MotherWritten(), "Asked again.").Refusal);
    }

    [Trait("Rule", "LIFE-10")]
    [Fact]
    public void LIFE10_a_closed_episode_refuses_every_action_for_its_stage_so_a_screen_shows_one_row()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        Ok(e.StepUp(Teacher, new SpecialistService("Children's social care"), "Disclosure of harm."));

        var port = e.GetAvailableActions(Lead);

        Assert.All(port, a => Assert.True(a.IsNotAtThisStage, a.ToString()));
        Assert.Single(port.Select(a => a.Refusal!.Message).Distinct());
    }

    [Trait("Rule", "LP-11")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void LP11_the_candidates_offered_are_exactly_those_an_appointment_does_not_refuse_for_their_agency()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Mum does not want CAMHS involved."));
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Actor[] directory = [Teacher, HealthVisitor, new(new PractitionerId("pr-camhs"), TestIds.Camhs), CafCatalogue.YouthWorker];

        var offered = e.LeadProfessionalCandidates(directory);

        Assert.Equal([Teacher, HealthVisitor, CafCatalogue.YouthWorker], offered.ToArray());
        foreach (var candidate in directory)
        {
            var copy = CafEpisode.Rebuild(seeds.Policy, e.Events);
            var appointed = copy.AppointLeadProfessional(Teacher, CafCatalogue.Nominee(candidate), new PractitionerId("pr-supervisor"), new FamilyAgreement("Mum agreed."), "Knows the family.");
            Assert.Equal(offered.Contains(candidate), appointed.IsSuccess);
        }

        Assert.DoesNotContain(e.ActionOwnerCandidates(directory), a => a.Agency == TestIds.Camhs);
    }

    [Fact]
    public void The_naming_port_falls_back_to_ids()
    {
        var names = CafNames.From([new(Teacher.Practitioner, "Mr Jones")], []);
        Assert.Equal("Mr Jones (" + Teacher.Agency.Value + ")", names.Name(Teacher));
        Assert.Equal(HealthVisitor.Practitioner.Value, CafNames.Ids.Name(HealthVisitor.Practitioner));
        Assert.Throws<ArgumentNullException>(() => CafNames.From(null!, []));
    }
}
