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
        "a-school-hv", "Chase Amy's attendance with the school office", ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.School), due, serves: ["attendance"]) { WithinOwnersCompetence = true };

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
    public bool LP12_no_plan_gives_the_lead_professional_another_agencys_action_an_action_outside_their_competence_or_a_budget(
        bool[] owners, bool[] agreements, bool?[] competence, bool[] budgets)
    {
        var seeds = new Seeds();
        var e = LeadIsHealthVisitor(seeds);
        AgencyId[] agencies = [TestIds.HealthVisiting, TestIds.School, TestIds.YouthService];
        var n = Math.Clamp(owners.Length, 1, 6);
        static T At<T>(T[] xs, int i, T otherwise) => i < xs.Length ? xs[i] : otherwise;
        var actions = Enumerable.Range(0, n).Select(i =>
        {
            var agency = agencies[(i + (At(owners, i, false) ? 1 : 0)) % agencies.Length];
            var action = new PlanAction($"a-{i}", $"Action {i}", ActionOwner.ForPractitioner(TestIds.HealthVisitor, agency), seeds.Today.AddDays(14), serves: ["attendance"])
            {
                WithinOwnersCompetence = At(competence, i, true),
                BudgetHolder = At(budgets, i, false) ? ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting) : null,
            };
            return At(agreements, i, false) ? action with { AgencyAgreement = new AgencyAgreement("The agency's manager", seeds.Today) } : action;
        }).ToImmutableArray();
        var plan = EpisodePlans.Plan(seeds.Today, [.. actions]);

        var accepted = e.AgreePlan(Teacher, plan, "Agreed.").IsSuccess;

        var allowed = actions.All(a => (a.Owner.Agency == TestIds.HealthVisiting || a.AgencyAgreement is not null)
            && a.WithinOwnersCompetence == true && a.BudgetHolder is null);
        return accepted == allowed;
    }

    [Fact]
    [Trait("Rule", "LP-12")]
    public void LP12_counselling_outside_the_health_visitors_competence_is_not_given_to_her_and_her_own_action_says_it_is_within_it()
    {
        var seeds = new Seeds();
        var e = LeadIsHealthVisitor(seeds);
        var counselling = new PlanAction("a-counsel", "Counselling sessions for Amy's anxiety", ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting),
            seeds.Today.AddDays(28), serves: ["attendance"]) { WithinOwnersCompetence = false };

        var outside = e.AgreePlan(Teacher, EpisodePlans.Plan(seeds.Today, counselling), "Agreed.");
        var unsaid = e.AgreePlan(Teacher, EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)) with { WithinOwnersCompetence = null }), "Agreed.");

        Assert.Equal(("LP-12", "plan.actions[0].withinOwnersCompetence"), (outside.Refusal.RuleId, outside.Refusal.Field));
        Assert.Equal(("LP-12", "plan.actions[0].withinOwnersCompetence"), (unsaid.Refusal.RuleId, unsaid.Refusal.Field));
        Assert.Null(e.Plan);
        // The school's action is not the lead professional's: the rule says nothing about it.
        Ok(e.AgreePlan(Teacher, EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)),
            EpisodePlans.School(seeds.Today.AddDays(28)) with { WithinOwnersCompetence = null }), "Agreed at the TAC meeting."));
    }

    [Fact]
    [Trait("Rule", "LP-12")]
    public void LP12_the_breakfast_club_budget_is_held_by_the_school_never_by_the_health_visitor_as_lead_professional()
    {
        var seeds = new Seeds();
        var e = LeadIsHealthVisitor(seeds);
        var club = EpisodePlans.School(seeds.Today.AddDays(28)) with { Description = "Breakfast club place for Amy, paid for" };

        var refused = e.AgreePlan(Teacher, EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)),
            club with { BudgetHolder = ActionOwner.ForPractitioner(TestIds.HealthVisitor, TestIds.HealthVisiting) }), "Agreed.");

        Assert.Equal(("LP-12", "plan.actions[1].budgetHolder"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Ok(e.AgreePlan(Teacher, EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)),
            club with { BudgetHolder = ActionOwner.ForPractitioner(TestIds.Teacher, TestIds.School) }), "The school funds the place."));
        Assert.Equal(TestIds.Teacher, CafEpisode.Rebuild(seeds.Policy, e.Events).Plan!.Actions[1].BudgetHolder!.Practitioner);
    }

    [Fact]
    [Trait("Rule", "LP-12")]
    public void LP12_the_step_down_meetings_plan_is_held_to_the_same_rule_for_the_lead_professional_it_confirms()
    {
        var seeds = new Seeds();
        var e = CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to share the step-down information and plan."));
        var plan = EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)), ForSchoolByTheHealthVisitor(seeds.Today.AddDays(28)));
        Caf.Core.StepDown.StepDownTacDecision Decide(ActionPlan p) => Caf.Core.StepDown.StepDownTacDecision.ContinueWith(
            Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"),
            new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed at the step-down meeting."), p, true, true);

        var refused = e.RecordStepDownTacDecision(Teacher, Decide(plan), "Ongoing support from health visiting.");
        var outside = e.RecordStepDownTacDecision(Teacher, Decide(EpisodePlans.Plan(seeds.Today, EpisodePlans.Health(seeds.Today.AddDays(28)) with { WithinOwnersCompetence = false })), "Support.");

        Assert.Equal(("LP-12", "decision.plan.actions[1].agencyAgreement"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Equal(("LP-12", "decision.plan.actions[0].withinOwnersCompetence"), (outside.Refusal.RuleId, outside.Refusal.Field));
        Ok(e.RecordStepDownTacDecision(Teacher, Decide(plan with
        {
            Actions = [plan.Actions[0], plan.Actions[1] with { AgencyAgreement = new AgencyAgreement("Mrs Khan, head teacher", seeds.Today) }],
        }), "Ongoing support from health visiting; the school agreed."));
    }

    [Fact]
    [Trait("Rule", "LP-12")]
    public void LP12_a_plan_stored_before_competence_was_recorded_reads_back_one_stored_as_outside_it_does_not()
    {
        var seeds = new Seeds();
        var history = seeds.PlanActive().Events.ToImmutableArray(); // the health visitor leads and owns "a-health"
        var at = history.Length - 1;
        var agreed = (Caf.Core.Lifecycle.Events.PlanAgreed)history[at];
        ActionPlan With(bool? within) => agreed.Plan with { Actions = [.. agreed.Plan.Actions.Select(a => a.Id == "a-health" ? a with { WithinOwnersCompetence = within } : a)] };

        var stored = history.SetItem(at, agreed with { Plan = With(null) });
        var outside = history.SetItem(at, agreed with { Plan = With(false) });

        Assert.Null(CafEpisode.Rebuild(seeds.Policy, stored).Plan!.FindAction("a-health")!.WithinOwnersCompetence);
        Assert.DoesNotContain("withinOwnersCompetence\":null", EpisodeJson.SerializeEvent(stored[at]), StringComparison.Ordinal);
        var failure = CafEpisode.Replay(seeds.Policy, outside).Failure!;
        Assert.Equal(("LP-12", "plan.actions[1].withinOwnersCompetence"), (failure.RuleId, failure.Field));
    }
}
