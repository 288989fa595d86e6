using System;
using System.Collections.Generic;
using Caf.Core.Reporting;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>The seed situation: a primary-school teacher identifies needs for a nine-year-old; the mother consents.</summary>
public static class Episodes
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly AgencyId School = new("school-oakfield-primary");
    public static readonly AgencyId HealthVisiting = new("health-visiting");
    public static readonly Actor Teacher = new(new PractitionerId("pr-teacher-jones"), School);

    /// <summary>The report projector of the tests: the default framework; the school is a primary school, every other agency "other".</summary>
    public static readonly IEpisodeReportProjector Projector = EpisodeReportProjector.FromTable(
        new ThresholdFrameworkLoader().LoadDefault().Framework,
        new Dictionary<AgencyId, InitiatingSetting> { [School] = InitiatingSetting.PrimarySchool });

    public static ChildDetails Child(string id) => new(new ChildId(id), new DateOnly(2016, 9, 1));

    public static CafEpisode Identified(EpisodePolicy policy, string id, string child = "child-001") =>
        CafEpisode.IdentifyConcern(policy, new EpisodeId(id), Child(child), Teacher, "Falling attendance and withdrawn in class.");

    public static ConsentRecord MotherWritten(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [.. excluded]) with { SharingExplained = true };

    /// <summary>
    /// Amy's single-agency plan (Bradford 002 §6): the school's learning mentor and Mum own the actions, agreed on the
    /// clock's day, with the first review due a number of days later (REV-05: the summary's next review due).
    /// </summary>
    public static CafEpisode PlanActive(EpisodePolicy policy, string id, string child, int firstReviewInDays)
    {
        var e = Identified(policy, id, child);
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, new AssessmentSummary("default", "1.0.0", ThresholdLevel.Additional, ThresholdRoute.CafSingleAgency, ["attendance"]), AbsentParentInvolvement.WasInvolved, "Needs at school."));
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school can meet the needs with Mum."));
        var today = DateOnly.FromDateTime(e.Events[^1].OccurredAt.UtcDateTime);
        var plan = new ActionPlan
        {
            AgreedOn = today,
            Outcomes = [new IntendedOutcome("attendance", "Amy goes to school every day", "Mornings are calmer", "Attendance above 95% for a half term")],
            FamilyStrengths = ["Mum is determined to get mornings right"],
            ChildsViews = "Amy says school is OK when her friend is there",
            ChildInvolvement = "Amy drew her ideas at the TAC meeting and chose the breakfast club action.",
            Actions =
            [
                new PlanAction("a-school", "The learning mentor checks in with Amy every Monday", ActionOwner.ForPractitioner(Teacher.Practitioner, School), today.AddDays(28), serves: ["attendance"]) { WithinOwnersCompetence = true },
                new PlanAction("a-family", "Mum walks Amy to school", ActionOwner.Family, today.AddDays(14), serves: ["attendance"]),
            ],
            ReviewArrangements = new ReviewArrangements(today.AddDays(firstReviewInDays), ReviewForm.Meeting, "At school, after drop-off"),
        };
        Ok(e.AgreePlan(Teacher, plan, "Agreed with Ms Smith and Amy at the TAC meeting."));
        return e;
    }

    public static void Ok(Result result) => Assert.True(result.IsSuccess, result.ToString());
}
