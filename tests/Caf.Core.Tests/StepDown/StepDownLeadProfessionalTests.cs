using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.StepDown;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.StepDown;

/// <summary>
/// LP-06 on the step-down path (002 §3): CAMHS steps a nine-year-old down; the step-down TAC continues with the health
/// visitor as lead professional. The appointment is held to the same rules as any other: the nominee's supervisor
/// confirms (never the nominee), the family's agreement is recorded as given, and the selector's hard checks apply.
/// </summary>
public class StepDownLeadProfessionalTests
{
    private static readonly FamilyAgreement MumAgreed = new("Mum agreed at the step-down meeting, with Amy there.");

    private static (Seeds Seeds, CafEpisode Episode) SteppedDown(Seeds? seeds = null)
    {
        seeds ??= new Seeds();
        var e = CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown());
        Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to share the step-down information and plan."));
        return (seeds, e);
    }

    private static StepDownTacDecision Continue(Seeds seeds, LeadProfessionalCandidate nominee, PractitionerId supervisor) =>
        StepDownTacDecision.ContinueWith(nominee, supervisor, MumAgreed, EpisodePlans.MultiAgency(seeds.Today), true, true);

    private static void AssertRefused(Result result, string rule, string field)
    {
        Assert.True(result.IsRefused, "expected a refusal");
        Assert.Equal(rule, result.Refusal.RuleId);
        Assert.Equal(field, result.Refusal.Field);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    [Trait("Rule", "STEP-03")]
    public void LP06_continuing_without_the_supervisors_confirmation_is_refused()
    {
        var (seeds, e) = SteppedDown();
        var unconfirmed = StepDownTacDecision.Continue(Seeds.HealthVisitor, EpisodePlans.MultiAgency(seeds.Today), true, true);

        AssertRefused(e.RecordStepDownTacDecision(Seeds.Teacher, unconfirmed, "Ongoing support."), "LP-06", "decision.confirmedBySupervisor");
        Assert.Equal(EpisodeState.PotentialFromStepDown, e.State);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    public void LP06_the_nominee_cannot_confirm_their_own_capacity()
    {
        var (seeds, e) = SteppedDown();

        var result = e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), TestIds.HealthVisitor), "Ongoing support.");

        AssertRefused(result, "LP-06", "decision.confirmedBySupervisor");
        Assert.Null(e.Plan);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    [Trait("Rule", "LP-03")]
    [Trait("Rule", "LP-04")]
    public void LP06_the_selectors_hard_checks_apply_to_the_lead_professional_the_TAC_confirms()
    {
        var options = new CafOptions();
        options.LeadProfessional.CaseloadCap = 5;
        var (seeds, e) = SteppedDown(new Seeds(options));
        var nominee = Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting);

        AssertRefused(e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds, nominee with { IsWorkingWithFamily = false }, CafCatalogue.Supervisor), "Support."), "LP-03", "decision.leadProfessional");
        AssertRefused(e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds, nominee with { IsLeadProfessionalTrained = false }, CafCatalogue.Supervisor), "Support."), "LP-04", "decision.leadProfessional");
        AssertRefused(e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds, nominee with { CurrentLeadCaseload = 5 }, CafCatalogue.Supervisor), "Support."), "LP-06", "decision.leadProfessional");
        Assert.Equal(EpisodeState.PotentialFromStepDown, e.State);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    [Trait("Rule", "LP-05")]
    public void LP06_the_appointment_records_the_supervisor_and_how_the_family_agreed()
    {
        var (seeds, e) = SteppedDown();

        Seeds.Ok(e.RecordStepDownTacDecision(Seeds.Teacher, Continue(seeds, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), CafCatalogue.Supervisor), "The health visitor leads."));

        var lp = e.LeadProfessionalHistory[^1];
        Assert.Equal(TestIds.HealthVisitor, lp.Practitioner);
        Assert.Equal(CafCatalogue.Supervisor, lp.ConfirmedBySupervisor);
        Assert.Equal("Mum agreed at the step-down meeting, with Amy there.", lp.FamilyAgreement);
        Assert.Equal(EpisodeState.PlanActive, e.State);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    public void LP06_a_continue_stored_before_the_confirmation_was_recorded_still_reads_back()
    {
        var (seeds, e) = SteppedDown();
        var old = new StepDownTacDecided(e.Id, seeds.Time.GetUtcNow(), Seeds.Teacher,
            StepDownTacDecision.Continue(Seeds.HealthVisitor, EpisodePlans.MultiAgency(seeds.Today), true, true), "Ongoing support.");

        var read = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(CafEpisode.Rebuild(seeds.Policy, e.Events.Append(old))));

        Assert.Equal(EpisodeState.PlanActive, read.State);
        Assert.Equal("Confirmed at the step-down TAC (STEP-03).", read.LeadProfessionalHistory[^1].FamilyAgreement);
        Assert.DoesNotContain("confirmedBySupervisor", EpisodeJson.SerializeEvent(old), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "LP-06")]
    public void LP06_a_stored_continue_naming_the_nominee_as_their_own_supervisor_is_refused_on_reading()
    {
        var (seeds, e) = SteppedDown();
        var forged = new StepDownTacDecided(e.Id, seeds.Time.GetUtcNow(), Seeds.Teacher,
            Continue(seeds, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), TestIds.HealthVisitor), "Ongoing support.");

        var thrown = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(seeds.Policy, e.Events.Append(forged)));
        Assert.Contains("LP-06", thrown.Message, StringComparison.Ordinal);
    }
}
