using System;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck.Xunit;

namespace Caf.Core.Tests.StepDown;

/// <summary>
/// LIFE-06 on a potential CAF from step-down (002 §3, 003 §3 "Agree a timescale"): the step-down information takes the
/// place of the assessment, so none is due; once an assessment is actually started it is due within the timescale and
/// reported overdue after it, never blocked.
/// </summary>
public class StepDownAssessmentDueTests
{
    private static CafEpisode SteppedDown(Seeds seeds)
    {
        var e = CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown());
        Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share."));
        return e;
    }

    [Fact]
    [Trait("Rule", "LIFE-06")]
    public void LIFE06_a_started_step_down_assessment_is_due_a_month_after_it_started_and_then_reported_overdue()
    {
        var seeds = new Seeds();
        var e = SteppedDown(seeds);
        seeds.Time.Advance(TimeSpan.FromDays(20));
        Assert.Null(e.AssessmentDueBy);

        Seeds.Ok(e.StartAssessment(Seeds.Teacher, "The step-down information leaves questions: a CAF assessment is agreed."));

        // Started on 22 March 2026 09:00 (the seeds' clock, 2 March, plus 20 days): due one month later.
        Assert.Equal(new DateTimeOffset(2026, 4, 22, 9, 0, 0, TimeSpan.Zero), e.AssessmentDueBy);
        seeds.Time.Advance(TimeSpan.FromDays(32));
        Assert.True(e.IsAssessmentOverdue);
        Assert.Equal(new DateOnly(2026, 4, 22), EpisodeReportRows.From(e, new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other).AssessmentDueOn);
        Seeds.Ok(e.CompleteAssessment(Seeds.Teacher, Seeds.Level3, AbsentParentInvolvement.WasInvolved, "Completed late: reported, not blocked."));
        Assert.False(e.IsAssessmentOverdue);
    }

    [Property(MaxTest = 50)]
    [Trait("Rule", "LIFE-06")]
    public bool LIFE06_a_started_step_down_assessment_is_due_the_timescale_after_it_started(byte daysBeforeStart, bool twoMonths)
    {
        var options = new CafOptions();
        options.Lifecycle.AssessmentTimescaleMonths = twoMonths ? 2 : 1;
        var seeds = new Seeds(options);
        var e = SteppedDown(seeds);
        seeds.Time.Advance(TimeSpan.FromDays(daysBeforeStart % 60));
        var started = seeds.Time.GetUtcNow();
        Seeds.Ok(e.StartAssessment(Seeds.Teacher, "An assessment is agreed."));
        return e.AssessmentDueBy == started.AddMonths(twoMonths ? 2 : 1);
    }
}
