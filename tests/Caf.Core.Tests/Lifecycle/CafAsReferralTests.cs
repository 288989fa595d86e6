using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// LIFE-13 (003 §3 Option 1, §3b; 000 "services accept CAF as a service request") and LIFE-14 (003 §2, §3): the completed
/// CAF as another agency's referral, and the ground for a CAF and the next-steps review before completion.
/// </summary>
public class CafAsReferralTests
{
    private static readonly PractitionerId Supervisor = new("pr-head-of-year");
    private static readonly PractitionerId CafLead = new("pr-caf-lead-north");

    [Fact]
    [Trait("Rule", "LIFE-13")]
    public void LIFE13_the_teacher_refers_to_the_youth_service_with_the_completed_CAF_and_stays_lead_professional()
    {
        // 003 §3 Option 1: clear which agency and service is needed; the CAF form is the referral form. §3b: "If you make a
        // referral to another agency using the CAF, you will remain the lead professional until someone else takes over."
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The youth service's mentoring fits Amy's needs."));

        Ok(e.ReferToAgencyWithCaf(Teacher, "Mentoring on Saturdays", TestIds.YouthService, "Amy asked for a mentor outside school."));

        var referral = Assert.Single(e.AgencyReferrals);
        Assert.Equal(TestIds.YouthService, referral.Agency);
        Assert.Equal(e.AssessmentCompletedAt, referral.CafCompletedAt); // the request is the completed CAF
        Assert.Equal(TestIds.Teacher, e.LeadProfessional.Practitioner);
        Assert.Equal(TestIds.School, e.LeadProfessional.Agency);
        var audited = seeds.Audit.Entries.Last(a => a.Agency == TestIds.YouthService);
        Assert.True(audited.Decision.Granted);
        Assert.Equal(SharedItems.Assessment, audited.Items);

        // Until someone else takes the role over.
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"),
            new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed on the phone."), "Sees the family weekly."));
        Assert.Equal(TestIds.HealthVisitor, e.LeadProfessional.Practitioner);
    }

    [Fact]
    [Trait("Rule", "LIFE-13")]
    public void LIFE13_no_referral_with_the_CAF_before_it_is_completed_nor_by_someone_other_than_the_lead_professional()
    {
        var seeds = new Seeds();
        var assessing = seeds.Assessing();
        var early = assessing.ReferToAgencyWithCaf(Teacher, "Mentoring", TestIds.YouthService, "Too early.");
        Assert.Equal(("LIFE-12", "state"), (early.Refusal.RuleId, early.Refusal.Field));

        var e = seeds.Assessed();
        var count = e.Events.Count;
        var byOther = e.ReferToAgencyWithCaf(HealthVisitor, "Mentoring", TestIds.YouthService, "The health visitor refers.");
        Assert.Equal(("LIFE-13", "by"), (byOther.Refusal.RuleId, byOther.Refusal.Field));
        Assert.Equal(count, e.Events.Count);
    }

    [Fact]
    [Trait("Rule", "LIFE-13")]
    [Trait("Rule", "SHARE-01")]
    public void LIFE13_an_agency_the_family_excluded_is_never_sent_the_CAF_as_a_referral()
    {
        var seeds = new Seeds();
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent, not CAMHS."));
        Ok(e.StartAssessment(Teacher, "Concerns continue."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified."));

        var refused = e.ReferToAgencyWithCaf(Teacher, "Assessment of anxiety", TestIds.Camhs, "Anxiety at school.");

        Assert.Equal(("SHARE-01", "agency"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Empty(e.AgencyReferrals);
        Assert.False(seeds.Audit.Entries.Last(a => a.Agency == TestIds.Camhs).Decision.Granted); // SHARE-04: the refusal is recorded
    }

    [Fact]
    [Trait("Rule", "LIFE-13")]
    public void LIFE13_the_referral_is_an_available_action_once_the_CAF_is_completed_and_replays()
    {
        var seeds = new Seeds();
        var e = seeds.Assessed();
        Assert.Null(e.GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.ReferToAgencyWithCaf).Refusal);
        Assert.NotNull(seeds.Assessing().GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.ReferToAgencyWithCaf).Refusal);
        Ok(e.ReferToAgencyWithCaf(Teacher, "Mentoring", TestIds.YouthService, "Amy asked for a mentor."));

        var replayed = CafEpisode.Rebuild(seeds.Policy, e.Events);
        Assert.Equal(e.AgencyReferrals.ToArray(), replayed.AgencyReferrals.ToArray());
        var json = Caf.Core.Lifecycle.EpisodeJson.SerializeEvent(e.Events[^1]);
        Assert.Contains("\"type\":\"referred-to-agency-with-caf\"", json, StringComparison.Ordinal);
    }

    [Property(MaxTest = 100)]
    [Trait("Rule", "LIFE-13")]
    public bool LIFE13_whatever_agencies_the_CAF_is_sent_to_the_referrer_stays_lead_professional_and_excluded_agencies_get_nothing(bool[] picks)
    {
        AgencyId[] agencies = [TestIds.YouthService, TestIds.Camhs, TestIds.HealthVisiting, new AgencyId("housing")];
        var seeds = new Seeds();
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent, not CAMHS."));
        Ok(e.StartAssessment(Teacher, "Concerns continue."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified."));
        for (var i = 0; i < Math.Min(picks.Length, 12); i++)
        {
            var agency = agencies[(i + (picks[i] ? 1 : 0)) % agencies.Length];
            var result = e.ReferToAgencyWithCaf(Teacher, "A service", agency, "Needed.");
            if (result.IsSuccess == (agency == TestIds.Camhs))
            {
                return false;
            }
        }

        return e.LeadProfessional.Practitioner == TestIds.Teacher && e.AgencyReferrals.All(r => r.Agency != TestIds.Camhs);
    }

    // ----- LIFE-14 -----

    [Fact]
    [Trait("Rule", "LIFE-14")]
    public void LIFE14_the_ground_for_a_CAF_and_the_next_steps_review_are_recorded_who_when_and_what_was_agreed()
    {
        // 003 §2: a CAF "should be used if, despite the additional input provided, there are continuing concerns ... or
        // the reasons for the child's vulnerability have not been fully identified". §3: "review the next steps with
        // your supervisor and the local CAF lead".
        var seeds = new Seeds();
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share."));
        Ok(e.StartAssessment(Teacher, CafStartGround.ConcernsContinue, "A learning mentor for six weeks did not improve attendance."));
        seeds.Time.Advance(TimeSpan.FromDays(7));

        Ok(e.ReviewNextSteps(Teacher, Supervisor, CafLead, seeds.Today, "Refer to the youth service with the CAF; the teacher stays LP."));

        Assert.Equal(CafStartGround.ConcernsContinue, e.StartGround);
        Assert.Equal((Supervisor, CafLead, seeds.Today), (e.NextStepsReview!.Supervisor, e.NextStepsReview.CafLead, e.NextStepsReview.HeldOn));
        Assert.Contains("youth service", e.NextStepsReview.Agreed, StringComparison.Ordinal);
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified."));
        Assert.Equal(CafStartGround.ConcernsContinue, CafEpisode.Rebuild(seeds.Policy, e.Events).StartGround);
    }

    [Fact]
    [Trait("Rule", "LIFE-14")]
    public void LIFE14_a_review_with_oneself_or_before_the_assessment_started_or_in_the_future_is_refused()
    {
        var seeds = new Seeds();
        var e = seeds.Assessing();
        Assert.Equal(("LIFE-14", "supervisor"), Of(e.ReviewNextSteps(Teacher, TestIds.Teacher, CafLead, seeds.Today, "Agreed.")));
        Assert.Equal(("LIFE-14", "cafLead"), Of(e.ReviewNextSteps(Teacher, Supervisor, TestIds.Teacher, seeds.Today, "Agreed.")));
        Assert.Equal(("LIFE-14", "heldOn"), Of(e.ReviewNextSteps(Teacher, Supervisor, CafLead, seeds.Today.AddDays(-3), "Agreed.")));
        Assert.Equal(("LIFE-14", "heldOn"), Of(e.ReviewNextSteps(Teacher, Supervisor, CafLead, seeds.Today.AddDays(1), "Agreed.")));
        Assert.Null(e.NextStepsReview);
    }

    [Fact]
    [Trait("Rule", "LIFE-14")]
    public void LIFE14_advisory_by_default_completion_without_the_review_goes_ahead_and_shows_none_recorded()
    {
        var e = new Seeds().Assessed();
        Assert.Null(e.NextStepsReview);
        Assert.Null(e.StartGround);
    }

    [Fact]
    [Trait("Rule", "LIFE-14")]
    public void LIFE14_where_local_policy_requires_it_no_completion_without_the_review_nor_a_start_without_the_ground()
    {
        var seeds = new Seeds(new CafOptions { Lifecycle = { NextStepsReviewRequired = true } });
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share."));
        Assert.Equal(("LIFE-14", "ground"), Of(e.StartAssessment(Teacher, "No ground given.")));
        Ok(e.StartAssessment(Teacher, CafStartGround.ReasonsNotFullyIdentified, "Why Amy is withdrawn is not clear after two home visits."));

        Assert.Equal(("LIFE-14", "nextStepsReview"), Of(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified.")));
        var offered = e.GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.CompleteAssessment);
        Assert.Equal("LIFE-14", offered.Refusal!.RuleId);
        Assert.Null(e.GetAvailableActions(Teacher).Single(a => a.Action == EpisodeAction.ReviewNextSteps).Refusal);

        Ok(e.ReviewNextSteps(Teacher, Supervisor, CafLead, seeds.Today, "Multi-agency meeting at school."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified."));
        Assert.NotNull(CafEpisode.Rebuild(seeds.Policy, e.Events));
    }

    [Property(MaxTest = 60)]
    [Trait("Rule", "LIFE-14")]
    public bool LIFE14_under_the_required_policy_an_assessment_is_completed_only_after_a_review(bool reviewFirst, PositiveInt days)
    {
        var seeds = new Seeds(new CafOptions { Lifecycle = { NextStepsReviewRequired = true } });
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share."));
        Ok(e.StartAssessment(Teacher, CafStartGround.ConcernsContinue, "Concerns continue."));
        seeds.Time.Advance(TimeSpan.FromDays(days.Get % 40));
        if (reviewFirst)
        {
            Ok(e.ReviewNextSteps(Teacher, Supervisor, CafLead, seeds.Today, "Agreed."));
        }

        return e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified.").IsSuccess == reviewFirst;
    }

    private static (string, string?) Of(Caf.Core.Primitives.Result r) => (r.Refusal.RuleId, r.Refusal.Field);
}
