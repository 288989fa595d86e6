using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>LP-01: whoever starts the CAF is the interim lead professional until the CAF is completed and another is appointed (003 §3a, §3b).</summary>
public class InterimLeadProfessionalTests
{
    private readonly Seeds _seeds = new();

    [Trait("Rule", "LP-01")]
    [Fact]
    public void LP01_the_opener_is_the_interim_lead_professional_and_no_handover_is_taken_before_the_assessment_is_completed()
    {
        var identified = _seeds.Identified();
        var assessing = new Seeds().Assessing();

        foreach (var e in new[] { identified, assessing })
        {
            Assert.Equal((TestIds.Teacher, TestIds.School, true), (e.LeadProfessional.Practitioner, e.LeadProfessional.Agency, e.LeadProfessional.IsInterim));
            var version = e.Version;

            var early = e.NominateLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Sees the family weekly.");

            Assert.Equal(("LP-01", "leadProfessional"), (early.Refusal.RuleId, early.Refusal.Field));
            Assert.Equal(version, e.Version);
            Assert.Null(e.PendingNomination);
            Assert.Equal(TestIds.Teacher, e.LeadProfessional.Practitioner);
        }
    }

    [Trait("Rule", "LP-01")]
    [Fact]
    public void LP01_the_interim_lead_professional_stays_after_the_assessment_until_another_is_appointed()
    {
        var e = _seeds.Assessed();
        Assert.True(e.LeadProfessional.IsInterim); // completing the assessment does not end the interim role by itself
        Assert.Equal(TestIds.Teacher, e.LeadProfessional.Practitioner);

        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"),
            new FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly."));

        Assert.Equal((TestIds.HealthVisitor, false), (e.LeadProfessional.Practitioner, e.LeadProfessional.IsInterim));
        var interim = e.LeadProfessionalHistory[0];
        Assert.Equal((TestIds.Teacher, TestIds.School, true), (interim.Practitioner, interim.Agency, interim.IsInterim));
    }
}
