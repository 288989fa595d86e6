using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Consent.ConsentFixtures;

namespace Caf.Core.Tests.Consent;

/// <summary>Issue 12: consent records built by role, so the competence judgement follows from the role (CONS-01..03, CONS-08).</summary>
public class ConsentRecordRoleTests
{
    [Trait("Rule", "CONS-01")]
    [Fact]
    public void CONS01_a_parents_consent_has_the_parent_role_no_judgement_and_its_exclusions()
    {
        var record = ConsentRecord.Parent("Ms Smith", ConsentForm.Written, TestIds.Camhs);

        Assert.Equal(
            new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, [TestIds.Camhs]),
            record);
        Assert.Null(record.SufficientUnderstanding);
        Assert.True(DefaultPolicy.ValidateRecord(record, 8).IsSuccess);
        Assert.Empty(ConsentRecord.Parent("Ms Smith", ConsentForm.Verbal).ExcludedAgencies);
    }

    [Trait("Rule", "CONS-02")]
    [Theory]
    [InlineData(13, true)]
    [InlineData(14, false)]
    [InlineData(15, true)]
    public void CONS02_a_young_person_of_13_to_15_always_carries_the_practitioners_judgement(int age, bool judged)
    {
        var record = ConsentRecord.YoungPerson("Amy", ConsentForm.Verbal, judged);

        Assert.Equal(ConsentGiverRole.YoungPerson, record.GiverRole);
        Assert.Equal(judged, record.SufficientUnderstanding);
        Assert.True(DefaultPolicy.ValidateRecord(record, age).IsSuccess);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_a_competent_14_year_olds_consent_counts_and_one_judged_not_competent_does_not()
    {
        // With the option that a competent young person's consent suffices on its own (the default also asks a parent's).
        var policy = new ConsentPolicy(new ConsentOptions { ParentConsentRequiredForCompetentYoungPerson = false });
        var competent = policy.Evaluate(ConsentState.Empty.With(ConsentRecord.YoungPerson("Amy", ConsentForm.Written, true)), 14);
        var notCompetent = policy.Evaluate(ConsentState.Empty.With(ConsentRecord.YoungPerson("Amy", ConsentForm.Written, false)), 14);

        Assert.True(competent.SufficientToStartAssessment);
        Assert.False(notCompetent.SufficientToStartAssessment);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_the_self_consent_record_is_refused_under_16_so_the_judgement_cannot_be_left_out()
    {
        var result = DefaultPolicy.ValidateRecord(ConsentRecord.YoungPersonSelf("Amy", ConsentForm.Verbal), 14);

        Assert.Equal(("CONS-02", "SufficientUnderstanding"), (result.Refusal.RuleId, result.Refusal.Field));
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_a_young_person_of_16_consents_for_themselves_with_no_judgement()
    {
        var record = ConsentRecord.YoungPersonSelf("Jay", ConsentForm.Written, TestIds.YouthService);

        Assert.Null(record.SufficientUnderstanding);
        Assert.Equal([TestIds.YouthService], record.ExcludedAgencies.ToArray());
        Assert.True(DefaultPolicy.ValidateRecord(record, 16).IsSuccess);
        Assert.Equal("CONS-03", DefaultPolicy.ValidateRecord(ConsentRecord.YoungPerson("Jay", ConsentForm.Written, true), 16).Refusal.RuleId);
    }

    [Trait("Rule", "CONS-08")]
    [Fact]
    public void CONS08_an_expectant_parents_consent_is_for_an_unborn_baby()
    {
        var record = ConsentRecord.ExpectantParent("Ms Khan", ConsentForm.Verbal);

        Assert.Equal((ConsentGiverRole.ExpectantParent, ConsentDecision.Given, (bool?)null), (record.GiverRole, record.Decision, record.SufficientUnderstanding));
        Assert.True(DefaultPolicy.ValidateRecord(record, null).IsSuccess);
        Assert.Equal("CONS-08", DefaultPolicy.ValidateRecord(record, 3).Refusal.RuleId);
    }

    [Fact]
    public void Misuse_throws_at_the_boundary()
    {
        Assert.ThrowsAny<ArgumentException>(() => ConsentRecord.Parent(" ", ConsentForm.Verbal));
        Assert.ThrowsAny<ArgumentException>(() => ConsentRecord.Parent(null!, ConsentForm.Verbal));
        Assert.ThrowsAny<ArgumentException>(() => ConsentRecord.YoungPerson("Amy", (ConsentForm)7, true));
        Assert.ThrowsAny<ArgumentException>(() => ConsentRecord.YoungPersonSelf("Jay", ConsentForm.Verbal, null!));
        Assert.ThrowsAny<ArgumentException>(() => ConsentRecord.ExpectantParent("Ms Khan", ConsentForm.Verbal, default(AgencyId)));
    }
}
