using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.StepDown;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.StepDown;

/// <summary>
/// STEP-03 (002 §3): a potential CAF from step-down goes on through the step-down TAC's decision, never around it: the
/// TAC closes it with the minimum outcome, or continues with the confirmed lead professional and plan.
/// </summary>
public class StepDownChoiceTests
{
    private static (Seeds Seeds, CafEpisode Episode) SteppedDown(bool consent = true)
    {
        var seeds = new Seeds();
        var e = CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown());
        if (consent)
        {
            Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to share the step-down information and plan."));
        }

        return (seeds, e);
    }

    [Theory]
    [InlineData(NextStep.NoFurtherAction, false)]
    [InlineData(NextStep.NoFurtherAction, true)]
    [InlineData(NextStep.FamilyAction, true)]
    [InlineData(NextStep.SingleAgencySupport, true)]
    [InlineData(NextStep.MultiAgencySupport, true)]
    [Trait("Rule", "STEP-03")]
    public void STEP03_choosing_the_next_step_directly_bypasses_the_step_down_TAC_and_is_refused(NextStep step, bool consent)
    {
        var (_, e) = SteppedDown(consent);

        var result = e.ChooseNextStep(Seeds.Teacher, step, "Straight to the next step.");

        Assert.True(result.IsRefused);
        Assert.Equal("STEP-03", result.Refusal.RuleId);
        Assert.Equal("step", result.Refusal.Field);
        Assert.Equal(EpisodeState.PotentialFromStepDown, e.State);
        Assert.Null(e.Closure);
    }

    [Fact]
    [Trait("Rule", "STEP-03")]
    public void STEP03_the_TAC_closes_the_potential_CAF_with_the_minimum_outcome()
    {
        var (_, e) = SteppedDown();

        Assert.Equal("STEP-03", e.RecordStepDownTacDecision(Seeds.Teacher, StepDownTacDecision.Close(false, true), "No further TAC.").Refusal.RuleId);
        Seeds.Ok(e.RecordStepDownTacDecision(Seeds.Teacher, StepDownTacDecision.Close(true, true), "No further TAC intervention is required."));

        Assert.Equal(EpisodeState.Closed, e.State);
        Assert.Equal("STEP-03", e.Closure!.RuleId);
    }

    [Fact]
    [Trait("Rule", "STEP-03")]
    public void STEP03_a_choice_stored_by_an_earlier_release_still_reads_back()
    {
        var (seeds, e) = SteppedDown();
        var old = new NextStepChosen(e.Id, seeds.Time.GetUtcNow(), Seeds.Teacher, NextStep.SingleAgencySupport, "Chosen directly, as an earlier release allowed.");

        var read = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(CafEpisode.Rebuild(seeds.Policy, e.Events.Append(old))));

        Assert.Equal(EpisodeState.Assessed, read.State);
    }
}
