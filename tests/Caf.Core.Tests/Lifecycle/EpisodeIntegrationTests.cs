using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>The episode with the other areas: thresholds (THR-07, THR-04) and LP selection (LP-09, LP-11).</summary>
public class EpisodeIntegrationTests
{
    private static readonly ThresholdMatcher Matcher = new ThresholdFrameworkLoader().LoadDefault();
    private readonly Seeds _seeds = new();

    [Trait("Rule", "THR-07")]
    [Fact]
    public void THR07_completing_with_a_threshold_result_records_framework_id_version_and_level()
    {
        var e = _seeds.Assessing();
        var result = Matcher.Assess(["LEI-01", "LEI-07", "LEI-10", "BFD-09"]).Value;

        Ok(e.CompleteAssessment(Teacher, result, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));

        Assert.Equal(Matcher.FrameworkId, e.Assessment!.FrameworkId);
        Assert.Equal(Matcher.FrameworkVersion, e.Assessment.FrameworkVersion);
        Assert.Equal(result.Level, e.Assessment.Level); // the same types: ThresholdLevel and ThresholdRoute
        Assert.Equal(result.Route, e.Assessment.Route);
        Assert.Equal(result.MatchedIndicatorIds.Order(StringComparer.Ordinal), e.Assessment.IndicatorIds);
    }

    [Trait("Rule", "THR-04")]
    [Fact]
    public void THR04_a_significant_harm_result_is_refused_and_the_episode_must_step_up()
    {
        var e = _seeds.Assessing();
        var harm = Matcher.Assess(["LEI-01"], new ThresholdContext { SignificantHarmConcern = true }).Value;
        Assert.Equal(ThresholdRoute.Safeguarding, harm.Route);

        var refused = e.CompleteAssessment(Teacher, harm, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health.");

        Assert.Equal("THR-04", refused.Refusal.RuleId);
        Assert.Equal(EpisodeState.Assessing, e.State);
        Ok(e.StepUp(Teacher, new SpecialistService("Children's social care"), harm.Explanation));
    }

    private static LeadProfessionalSelector Selector() =>
        new(new LeadProfessionalOptions(), new SharingService(new InMemorySharingAuditLog(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider()));

    private static LeadProfessionalCandidate Candidate(PractitionerId who, AgencyId agency, AgencyKind kind) =>
        new(who, agency, kind, "practitioner", true, ContactFrequency.Weekly, ["attendance"], 0);

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_appointing_from_a_selection_never_picks_the_excluded_agency()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.YouthService), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        var request = new LeadProfessionalSelectionRequest(e.Id, e.Consent, Teacher)
        {
            Candidates = [Candidate(new PractitionerId("pr-youth"), TestIds.YouthService, AgencyKind.YouthService), Candidate(TestIds.HealthVisitor, TestIds.HealthVisiting, AgencyKind.Health)],
            PlanNeeds = ["attendance"],
        };

        Ok(e.AppointLeadProfessional(Teacher, Selector().Select(request), new PractitionerId("pr-sup"), new FamilyAgreement("Mother agreed")));

        Assert.Equal(TestIds.HealthVisiting, e.LeadProfessional.Agency);
        Assert.Contains("LP-04", e.LeadProfessional.Reason, StringComparison.Ordinal);
    }

    [Trait("Rule", "LP-09")]
    [Fact]
    public void LP09_no_eligible_candidate_is_refused_with_the_escalation()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.YouthService), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        var request = new LeadProfessionalSelectionRequest(e.Id, e.Consent, Teacher)
        {
            Candidates = [Candidate(new PractitionerId("pr-youth"), TestIds.YouthService, AgencyKind.YouthService)],
        };

        var result = e.AppointLeadProfessional(Teacher, Selector().Select(request), new PractitionerId("pr-sup"), new FamilyAgreement("agreed"));

        Assert.Equal("LP-09", result.Refusal.RuleId);
        Assert.True(e.LeadProfessional.IsInterim);
    }
}
