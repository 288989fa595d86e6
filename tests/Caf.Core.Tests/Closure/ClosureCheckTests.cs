using System;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Closure.ClosureFixtures;
using static Caf.Core.Tests.Planning.PlanFixtures;
using C = Caf.Core.Closure.ClosureCriterion;

namespace Caf.Core.Tests.Closure;

public class ClosureCheckTests
{
    private static readonly ActionPlan Multi = MultiAgencyPlan();

    [Trait("Rule", "CLOSE-C1")]
    [Trait("Rule", "CLOSE-03")]
    [Fact]
    public void CLOSEC1_during_a_review_most_of_the_intended_outcomes_have_been_achieved()
    {
        var result = Check.Check(Request("resolvedMultiAgency", C.MostOutcomesAchieved), Facts(Multi, MostAchieved(Multi)));

        var decision = result.Value;
        Assert.Equal(ClosureOutcome.ResolvedMultiAgency, decision.Canonical);
        Assert.Equal(ClosureCategory.Resolved, decision.Category);
        Assert.Equal("CLOSE-03", decision.RuleId);
        Assert.Equal([C.MostOutcomesAchieved], decision.Criteria.ToArray());
    }

    [Trait("Rule", "CLOSE-C1")]
    [Fact]
    public void CLOSEC1_one_of_three_outcomes_is_not_most_and_neither_is_no_review()
    {
        var oneOfThree = Review(Multi, ReviewDay, ReviewProgress.Sufficient, ActionProgress.Done, "attendance");

        var refusal = Check.Check(Request("resolvedMultiAgency", C.MostOutcomesAchieved), Facts(Multi, oneOfThree)).Refusal;

        Assert.Equal("CLOSE-C1", refusal.RuleId);
        Assert.Equal("criteria[0]", refusal.Field);
        Assert.Equal("CLOSE-C1", Check.Check(Request("resolvedMultiAgency", C.MostOutcomesAchieved), Facts(Multi)).Refusal.RuleId);
        Assert.Equal("CLOSE-C1", Check.Check(Request("resolvedOther", C.MostOutcomesAchieved) with { Explanation = "x" }, Facts(null)).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-C2")]
    [Fact]
    public void CLOSEC2_the_family_decide_they_no_longer_want_to_be_involved_and_progress_is_satisfactory()
    {
        var request = Request("resolvedMultiAgency", C.FamilyNoLongerWantInvolvement) with { FamilyWish = "Mum told the LP on 14 May they want to manage on their own now." };
        var sufficient = Review(Multi, ReviewDay, ReviewProgress.Sufficient);
        var insufficient = Review(Multi, ReviewDay.AddDays(42), ReviewProgress.Insufficient);

        Assert.True(Check.Check(request, Facts(Multi, sufficient)).IsSuccess);
        var refusal = Check.Check(request, Facts(Multi, sufficient, insufficient)).Refusal;
        Assert.Equal(("CLOSE-C2", "criteria[0]"), (refusal.RuleId, refusal.Field));
        var noWish = Check.Check(request with { FamilyWish = " " }, Facts(Multi, sufficient)).Refusal;
        Assert.Equal(("CLOSE-C2", "familyWish"), (noWish.RuleId, noWish.Field));
    }

    [Trait("Rule", "CLOSE-C3")]
    [Fact]
    public void CLOSEC3_the_LP_concludes_with_other_relevant_practitioners_that_further_involvement_is_not_needed()
    {
        var all = new PractitionersAgreement([TestIds.Teacher, TestIds.HealthVisitor], "Progress is satisfactory; further involvement is not needed.");
        var request = Request("resolvedMultiAgency", C.PractitionersAgreeNoFurtherInvolvement);

        Assert.True(Check.Check(request with { PractitionersAgreement = all }, Facts(Multi)).IsSuccess);

        var missing = Check.Check(request with { PractitionersAgreement = new([TestIds.Teacher], all.Conclusion) }, Facts(Multi)).Refusal;
        Assert.Equal(("CLOSE-C3", "practitionersAgreement.practitioners"), (missing.RuleId, missing.Field));
        Assert.Contains("pr-hv-patel", missing.Message, StringComparison.Ordinal);
        Assert.Equal("practitionersAgreement", Check.Check(request, Facts(Multi)).Refusal.Field);
        Assert.Equal("practitionersAgreement.conclusion", Check.Check(request with { PractitionersAgreement = new([TestIds.Teacher, TestIds.HealthVisitor], "") }, Facts(Multi)).Refusal.Field);
    }

    [Trait("Rule", "CLOSE-C4")]
    [Fact]
    public void CLOSEC4_the_young_person_at_age_19_is_transferred_to_adult_services_with_their_agreement()
    {
        var request = Request("resolvedOther", C.TransferredToAdultServices) with
        {
            Explanation = "Transferred to the adult learning disability team.",
            AdultServicesTransfer = new AdultServicesTransfer("Adult learning disability team", youngPersonAgreed: true),
        };
        var nineteen = Facts(Multi) with { ChildAgeOnClosure = 19 };

        Assert.True(Check.Check(request, nineteen).IsSuccess);
        Assert.Equal("CLOSE-C4", Check.Check(request, nineteen with { ChildAgeOnClosure = 18 }).Refusal.RuleId);
        Assert.Equal("CLOSE-C4", Check.Check(request, nineteen with { ChildAgeOnClosure = null }).Refusal.RuleId);
        var eighteen = new ClosureCheck(ClosureTaxonomy.Default, new ClosureOptions { AdultServicesTransferAge = 18 });
        Assert.True(eighteen.Check(request, nineteen with { ChildAgeOnClosure = 18 }).IsSuccess);
        var notAgreed = Check.Check(request with { AdultServicesTransfer = new("Adult social care", false) }, nineteen).Refusal;
        Assert.Equal(("CLOSE-C4", "adultServicesTransfer.youngPersonAgreed"), (notAgreed.RuleId, notAgreed.Field));
        Assert.Equal("adultServicesTransfer", Check.Check(request with { AdultServicesTransfer = null }, nineteen).Refusal.Field);
    }

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_closing_names_at_least_one_criterion_and_every_named_one_must_hold()
    {
        var none = Check.Check(Request("resolvedMultiAgency"), Facts(Multi, MostAchieved(Multi))).Refusal;
        Assert.Equal(("CLOSE-08", "criteria"), (none.RuleId, none.Field));

        var twice = Check.Check(Request("resolvedMultiAgency", C.MostOutcomesAchieved, C.MostOutcomesAchieved), Facts(Multi, MostAchieved(Multi))).Refusal;
        Assert.Equal(("CLOSE-08", "criteria[1]"), (twice.RuleId, twice.Field));

        var second = Check.Check(Request("resolvedMultiAgency", C.MostOutcomesAchieved, C.TransferredToAdultServices), Facts(Multi, MostAchieved(Multi))).Refusal;
        Assert.Equal(("CLOSE-C4", "criteria[1]"), (second.RuleId, second.Field));
    }

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_the_LP_records_the_decision_under_how_will_you_know_when_things_have_improved()
    {
        var refusal = Check.Check(Request("resolvedMultiAgency", C.MostOutcomesAchieved) with { HowWillYouKnow = "" }, Facts(Multi, MostAchieved(Multi))).Refusal;

        Assert.Equal(("CLOSE-08", "howWillYouKnow"), (refusal.RuleId, refusal.Field));
    }

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_any_practitioner_other_than_the_LP_or_their_supervisor_is_refused()
    {
        var request = Request("resolvedMultiAgency", C.MostOutcomesAchieved);
        var facts = Facts(Multi, MostAchieved(Multi));

        var other = Check.Check(request, facts with { ClosingBy = OtherPractitioner }).Refusal;
        Assert.Equal(("CLOSE-08", "closingBy"), (other.RuleId, other.Field));
        Assert.True(Check.Check(request, facts with { ClosingBy = SupervisorActor }).IsSuccess);

        var strict = new ClosureCheck(ClosureTaxonomy.Default, new ClosureOptions { SupervisorMayCloseOnBehalfOfLeadProfessional = false });
        Assert.Equal("CLOSE-08", strict.Check(request, facts with { ClosingBy = SupervisorActor }).Refusal.RuleId);
        Assert.True(strict.Check(request, facts).IsSuccess);
    }

    [Trait("Rule", "CLOSE-01")]
    [Fact]
    public void CLOSE01_resolved_via_family_actions_needs_every_action_owned_by_the_family_or_child()
    {
        var family = FamilyOnlyPlan();
        var request = Request("resolvedFamilyActions", C.MostOutcomesAchieved);

        Assert.True(Check.Check(request, Facts(family, MostAchieved(family))).IsSuccess);
        Assert.Equal("CLOSE-01", Check.Check(request, Facts(Multi, MostAchieved(Multi))).Refusal.RuleId);
        var single = SingleServicePlan();
        Assert.Equal("CLOSE-01", Check.Check(request, Facts(single, MostAchieved(single))).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-02")]
    [Fact]
    public void CLOSE02_resolved_via_single_service_needs_exactly_one_agency()
    {
        var single = SingleServicePlan();
        var request = Request("resolvedSingleService", C.MostOutcomesAchieved);

        Assert.True(Check.Check(request, Facts(single, MostAchieved(single))).IsSuccess);
        var refusal = Check.Check(request, Facts(Multi, MostAchieved(Multi))).Refusal;
        Assert.Equal(("CLOSE-02", "outcomeCode"), (refusal.RuleId, refusal.Field));
        var family = FamilyOnlyPlan();
        Assert.Equal("CLOSE-02", Check.Check(request, Facts(family, MostAchieved(family))).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-03")]
    [Fact]
    public void CLOSE03_multi_agency_needs_two_agencies_and_an_appointed_lead_professional()
    {
        var request = Request("resolvedMultiAgency", C.MostOutcomesAchieved);

        Assert.Equal("CLOSE-03", Check.Check(request, Facts(Multi, MostAchieved(Multi)) with { LeadProfessionalAppointed = false }).Refusal.RuleId);
        var single = SingleServicePlan();
        Assert.Equal("CLOSE-03", Check.Check(request, Facts(single, MostAchieved(single))).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-04")]
    [Fact]
    public void CLOSE04_resolved_other_needs_a_written_explanation()
    {
        var request = Request("resolvedOther", C.MostOutcomesAchieved);
        var facts = Facts(Multi, MostAchieved(Multi));

        var refusal = Check.Check(request, facts).Refusal;
        Assert.Equal(("CLOSE-04", "explanation"), (refusal.RuleId, refusal.Field));
        Assert.True(Check.Check(request with { Explanation = "The family moved to a school with its own pastoral support." }, facts).IsSuccess);
    }

    [Trait("Rule", "CLOSE-05")]
    [Trait("Rule", "CONS-07")]
    [Fact]
    public void CLOSE05_consent_withdrawn_needs_a_recorded_withdrawal_and_then_is_the_only_outcome()
    {
        var request = Request("consentWithdrawn", C.PractitionersAgreeNoFurtherInvolvement) with
        {
            PractitionersAgreement = new([TestIds.Teacher, TestIds.HealthVisitor], "The family withdrew consent; no further involvement."),
        };

        Assert.Equal("CLOSE-05", Check.Check(request, Facts(Multi)).Refusal.RuleId);
        var withdrawn = Facts(Multi) with { ConsentWithdrawn = true };
        Assert.Equal(ClosureCategory.ConsentEnded, Check.Check(request, withdrawn).Value.Category);
        Assert.Equal("CONS-07", Check.Check(request with { OutcomeCode = "resolvedMultiAgency" }, withdrawn).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-06")]
    [Trait("Rule", "CLOSE-07")]
    [Fact]
    public void CLOSE06_CLOSE07_overridden_and_stepped_up_are_recorded_by_their_own_commands()
    {
        var facts = Facts(Multi, MostAchieved(Multi)) with { ConsentOverridden = true, SteppedUp = true };

        Assert.Equal("CLOSE-06", Check.Check(Request("consentOverridden", C.MostOutcomesAchieved), facts).Refusal.RuleId);
        Assert.Equal("CLOSE-07", Check.Check(Request("steppedUp", C.MostOutcomesAchieved), facts).Refusal.RuleId);
        Assert.True(ClosureCheck.CheckConsistency(ClosureOutcome.SteppedUp, null, facts).IsSuccess);
        Assert.Equal("CLOSE-07", ClosureCheck.CheckConsistency(ClosureOutcome.SteppedUp, null, Facts(Multi)).Refusal.RuleId);
        Assert.Equal("CLOSE-06", ClosureCheck.CheckConsistency(ClosureOutcome.ConsentOverridden, null, Facts(Multi)).Refusal.RuleId);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_an_outcome_code_not_in_the_taxonomy_is_refused()
    {
        var refusal = Check.Check(Request("ResolvedMultiAgency", C.MostOutcomesAchieved), Facts(Multi, MostAchieved(Multi))).Refusal;

        Assert.Equal(("CLOSE-10", "outcomeCode"), (refusal.RuleId, refusal.Field));
    }

    [Trait("Rule", "CLOSE-09")]
    [Fact]
    public void CLOSE09_no_further_action_after_assessment_is_recorded_as_resolved_other()
    {
        var nfa = ClosureTaxonomy.Default.NoFurtherAction;

        Assert.Equal(ClosureOutcome.ResolvedOther, nfa.Canonical);
        Assert.Equal("resolvedOther", nfa.Code);
        Assert.Equal("CLOSE-04", nfa.RuleId);
    }

    [Fact]
    public void Every_problem_is_listed_in_rule_order()
    {
        var request = Request("resolvedSingleService") with { HowWillYouKnow = " " };

        var rules = Check.Problems(request, Facts(Multi) with { ClosingBy = OtherPractitioner }).Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["CLOSE-08 closingBy", "CLOSE-08 howWillYouKnow", "CLOSE-08 criteria", "CLOSE-02 outcomeCode"], rules);
    }

    [Fact]
    public void Facts_refuse_default_actors()
    {
        Assert.Throws<ArgumentException>(() => Facts(Multi) with { ClosingBy = default });
    }
}
