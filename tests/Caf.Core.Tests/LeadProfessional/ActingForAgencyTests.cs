using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.LeadProfessional;

/// <summary>
/// LP-12 (003 §3): "The lead professional role does not include: any authority to take action on behalf of another agency,
/// unless that is specifically agreed; any requirement to take action outside of their professional competence and
/// training; any budget holding responsibility."
/// </summary>
public class ActingForAgencyTests
{
    private static PlanAction ForSchoolByTheHealthVisitor(DateOnly due) => new(
        "a-school-hv", "Chase Amy's attendance with the school office", ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.School), due, serves: ["attendance"]);

    private static CafEpisode LeadIsHealthVisitor(Seeds seeds)
    {
        var e = seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"),
            new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed at the TAC meeting."), "Sees the family weekly."));
        return e;
    }

    [Fact]
    [Trait("Rule", "LP-12")]
    public void LP12_a_school_action_is_not_given_to_the_health_visitor_as_lead_professional_without_the_schools_recorded_agreement()
    {
        var seeds = new Seeds();
        var e = LeadIsHealthVisitor(seeds);
        var plan = EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)), ForSchoolByTheHealthVisitor(seeds.Today.AddDays(28)));

        var refused = e.AgreePlan(Teacher, plan, "Agreed at the TAC meeting.");

        Assert.Equal(("LP-12", "plan.actions[1].agencyAgreement"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Null(e.Plan);

        var agreed = plan with
        {
            Actions = [plan.Actions[0], plan.Actions[1] with { AgencyAgreement = new AgencyAgreement("Mrs Khan, head teacher", seeds.Today) }],
        };
        Ok(e.AgreePlan(Teacher, agreed, "The school agreed the health visitor chases attendance for it."));
        Assert.Equal("Mrs Khan, head teacher", e.Plan!.Actions[1].AgencyAgreement!.AgreedBy);
        Assert.Equal(e.Plan, CafEpisode.Rebuild(seeds.Policy, e.Events).Plan);
    }

    [Fact]
    [Trait("Rule", "LP-12")]
    public void LP12_a_review_cannot_add_such_an_action_either_and_the_lead_professionals_own_agency_needs_no_agreement()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive(); // the health visitor is lead professional
        var review = EpisodePlans.Review(e.Plan!, seeds.Today, ReviewProgress.Sufficient) with
        {
            NewActions = [ForSchoolByTheHealthVisitor(seeds.Today.AddDays(20))],
        };
        var refused = e.HoldReview(Teacher, review);
        Assert.Equal(("LP-12", "review.newActions[0].agencyAgreement"), (refused.Refusal.RuleId, refused.Refusal.Field));

        var own = review with { NewActions = [EpisodePlans.Health(seeds.Today.AddDays(20)) with { Id = "a-health-2" }] };
        Ok(e.HoldReview(Teacher, own));
    }

    [Property(MaxTest = 100)]
    [Trait("Rule", "LP-12")]
    public bool LP12_no_plan_gives_the_lead_professional_another_agencys_action_without_its_agreement(bool[] owners, bool[] agreements)
    {
        var seeds = new Seeds();
        var e = LeadIsHealthVisitor(seeds);
        AgencyId[] agencies = [TestIds.HealthVisiting, TestIds.School, TestIds.YouthService];
        var n = Math.Clamp(owners.Length, 1, 6);
        var actions = Enumerable.Range(0, n).Select(i =>
        {
            var agency = agencies[(i + (i < owners.Length && owners[i] ? 1 : 0)) % agencies.Length];
            var action = new PlanAction($"a-{i}", $"Action {i}", ActionOwner.ForPractitioner(TestIds.HealthVisitor, agency), seeds.Today.AddDays(14), serves: ["attendance"]);
            return i < agreements.Length && agreements[i] ? action with { AgencyAgreement = new AgencyAgreement("The agency's manager", seeds.Today) } : action;
        }).ToImmutableArray();
        var plan = EpisodePlans.Plan(seeds.Today, [.. actions]);

        var accepted = e.AgreePlan(Teacher, plan, "Agreed.").IsSuccess;

        var allowed = actions.All(a => a.Owner.Agency == TestIds.HealthVisiting || a.AgencyAgreement is not null);
        return accepted == allowed;
    }
}
