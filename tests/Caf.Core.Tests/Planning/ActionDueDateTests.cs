using System;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Planning;

/// <summary>
/// PLAN-02 (002 §6, §7): every action has a timescale. The TAC meeting agrees the plan for Amy; an action due before
/// the plan is agreed (or on 0001-01-01, a date never given) is no timescale at all.
/// </summary>
public class ActionDueDateTests
{
    private static CafEpisode ReadyForPlan(Seeds seeds)
    {
        var e = seeds.Assessed();
        Seeds.Ok(e.ChooseNextStep(Seeds.Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Seeds.Ok(e.AppointLeadProfessional(Seeds.Teacher, Seeds.Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"),
            new Caf.Core.LeadProfessional.FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly."));
        return e;
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2026, 3, 11)] // the day before the TAC meeting (12 March 2026)
    [Trait("Rule", "PLAN-02")]
    public void PLAN02_an_action_due_before_the_plan_is_agreed_is_refused(int year, int month, int day)
    {
        var seeds = new Seeds();
        var e = ReadyForPlan(seeds);
        var plan = EpisodePlans.MultiAgency(seeds.Today);
        var early = plan with { Actions = [plan.Actions[0], plan.Actions[1] with { DueBy = new DateOnly(year, month, day) }, plan.Actions[2]] };

        var result = e.AgreePlan(Seeds.Teacher, early, "Agreed at the TAC meeting.");

        Assert.True(result.IsRefused);
        Assert.Equal("PLAN-02", result.Refusal.RuleId);
        Assert.Equal("plan.actions[1].dueBy", result.Refusal.Field);
        Assert.Null(e.Plan);
    }

    [Fact]
    [Trait("Rule", "PLAN-02")]
    public void PLAN02_a_revision_keeps_the_dates_of_the_actions_it_carries_but_a_new_action_is_due_from_the_revision()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        seeds.Time.Advance(TimeSpan.FromDays(60)); // the plan's actions are past their dates
        var revised = EpisodePlans.Revised(e.Plan!, seeds.Today);

        var withNew = revised with { Actions = [.. revised.Actions, EpisodePlans.Family(seeds.Today.AddDays(-1)) with { Id = "a-dad" }] };
        Assert.Equal("plan.actions[3].dueBy", e.RevisePlan(Seeds.HealthVisitor, withNew, "Dad helps.").Refusal.Field);
        Seeds.Ok(e.RevisePlan(Seeds.HealthVisitor, revised, "The same actions, reviewed."));
    }

    [Fact]
    [Trait("Rule", "PLAN-02")]
    public void PLAN02_a_plan_stored_by_an_earlier_release_with_an_early_action_still_reads_back()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        var history = e.Events.ToArray();
        var agreed = (Caf.Core.Lifecycle.Events.PlanAgreed)history[^1];
        history[^1] = agreed with { Plan = agreed.Plan with { Actions = [agreed.Plan.Actions[0] with { DueBy = DateOnly.MinValue }, .. agreed.Plan.Actions.Skip(1)] } };

        var read = CafEpisode.Rebuild(seeds.Policy, history);

        Assert.Equal(EpisodeState.PlanActive, read.State);
    }

    [Property(MaxTest = 30)]
    [Trait("Rule", "PLAN-02")]
    public bool PLAN02_a_new_plan_is_accepted_exactly_when_no_action_is_due_before_it(sbyte offset)
    {
        var seeds = new Seeds();
        var e = ReadyForPlan(seeds);
        var plan = EpisodePlans.MultiAgency(seeds.Today);
        var due = seeds.Today.AddDays(offset % 40);
        var result = e.AgreePlan(Seeds.Teacher, plan with { Actions = [plan.Actions[0] with { DueBy = due }, .. plan.Actions.Skip(1)] }, "Agreed.");
        return result.IsSuccess == (due >= seeds.Today) && (result.IsSuccess || result.Refusal.RuleId is "PLAN-02");
    }
}
