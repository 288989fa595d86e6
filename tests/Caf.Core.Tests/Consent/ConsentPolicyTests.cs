using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Consent.ConsentFixtures;
using G = Caf.Core.Consent.ConsentDecision;

namespace Caf.Core.Tests.Consent;

public class ConsentPolicyTests
{
    private static ConsentPolicy Policy(Action<ConsentOptions> configure)
    {
        var options = new ConsentOptions();
        configure(options);
        return new ConsentPolicy(options);
    }

    // ---- LIFE-05 / CONS-01: the parent is always asked -------------------------------------------

    [Trait("Rule", "LIFE-05")]
    [Fact]
    public void LIFE05_nothing_recorded_means_the_assessment_cannot_start()
    {
        var evaluation = DefaultPolicy.Evaluate(ConsentState.Empty, 8);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.False(evaluation.SufficientToShareAtPanel);
        Assert.Equal("LIFE-05", evaluation.Refusal!.RuleId);
        Assert.Contains("CONS-01", evaluation.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CONS01_verbal_parent_consent_starts_the_assessment_but_not_a_panel_CONS04()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Verbal)), 8);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.False(evaluation.SufficientToShareAtPanel);
        Assert.Null(evaluation.Refusal);
        Assert.Equal("CONS-01", evaluation.DecidingRule);
        Assert.StartsWith("Decided by CONS-01", evaluation.Reasons[0], StringComparison.Ordinal);
        Assert.Equal("CONS-04", evaluation.PanelRefusal!.RuleId);
        Assert.Contains("Sarah Hughes", evaluation.PanelRefusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "CONS-04")]
    [Fact]
    public void CONS04_written_parent_consent_allows_sharing_at_a_panel()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Written)), 8);

        Assert.True(evaluation.SufficientToShareAtPanel);
        Assert.Null(evaluation.PanelRefusal);
        Assert.Contains(evaluation.Reasons, r => r.StartsWith("[CONS-04]", StringComparison.Ordinal));
    }

    [Trait("Rule", "CONS-04")]
    [Fact]
    public void CONS04_later_written_consent_supersedes_the_verbal_one()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Verbal), Parent(form: ConsentForm.Written)), 8);
        Assert.True(evaluation.SufficientToShareAtPanel);
    }

    [Trait("Rule", "CONS-01")]
    [Fact]
    public void CONS01_parent_refusal_stops_the_assessment()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(G.Refused)), 8);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-01", evaluation.Refusal!.RuleId);
        Assert.Empty(evaluation.ReliedOn);
    }

    // ---- age boundaries 12, 13, 15, 16 (CONS-02, CONS-03) ---------------------------------------

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_at_12_the_young_persons_refusal_does_not_decide_the_parent_does()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(), YoungPerson(G.Refused)), 12);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-01", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.StartsWith("[CONS-02]", StringComparison.Ordinal) && r.Contains("age 12", StringComparison.Ordinal));
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_at_12_the_young_persons_consent_alone_is_not_enough()
    {
        var evaluation = DefaultPolicy.Evaluate(State(YoungPerson(G.Given)), 12);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("LIFE-05", evaluation.Refusal!.RuleId);
    }

    [Trait("Rule", "CONS-02")]
    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    public void CONS02_at_13_and_15_a_competent_young_person_and_the_parent_both_consent(int age)
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Written), YoungPerson(G.Given, form: ConsentForm.Written)), age);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.True(evaluation.SufficientToShareAtPanel);
        Assert.Equal("CONS-02", evaluation.DecidingRule);
        Assert.Equal(2, evaluation.ReliedOn.Length);
    }

    [Trait("Rule", "CONS-02")]
    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    public void CONS02_at_13_and_15_the_competent_young_persons_verbal_consent_blocks_a_panel_CONS04(int age)
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Written), YoungPerson(G.Given, form: ConsentForm.Verbal)), age);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.False(evaluation.SufficientToShareAtPanel);
        Assert.Contains("Jordan Hughes", evaluation.PanelRefusal!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sarah Hughes", evaluation.PanelRefusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_at_15_without_a_young_persons_record_the_parent_decides_and_the_reasons_say_so()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent()), 15);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-01", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.StartsWith("[CONS-02]", StringComparison.Ordinal));
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_a_young_person_judged_without_sufficient_understanding_does_not_decide()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(), YoungPerson(G.Refused, sufficientUnderstanding: false)), 14);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-01", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.Contains("judged not to have sufficient understanding", StringComparison.Ordinal));
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_at_16_the_young_persons_own_consent_is_sufficient()
    {
        var evaluation = DefaultPolicy.Evaluate(State(YoungPerson(G.Given, sufficientUnderstanding: null)), 16);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-03", evaluation.DecidingRule);
        Assert.Single(evaluation.ReliedOn);
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_at_16_the_parents_consent_alone_is_not_enough()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Written)), 16);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("LIFE-05", evaluation.Refusal!.RuleId);
        Assert.Contains("CONS-03", evaluation.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CONS03_at_16_a_young_persons_refusal_stands_even_when_the_parent_agrees()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(), YoungPerson(G.Refused, sufficientUnderstanding: null)), 16);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-03", evaluation.Refusal!.RuleId);
    }

    [Fact]
    public void CONS03_a_competent_consent_recorded_at_15_still_counts_at_16()
    {
        var evaluation = DefaultPolicy.Evaluate(State(YoungPerson(G.Given, sufficientUnderstanding: true)), 16);
        Assert.True(evaluation.SufficientToStartAssessment);
    }

    // ---- conflicts (docs/consent.md) ------------------------------------------------------------

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_conflict_competent_14_year_old_refuses_while_parent_agrees_refusal_prevails_by_default()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(form: ConsentForm.Written), YoungPerson(G.Refused)), 14);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-02", evaluation.Refusal!.RuleId);
        Assert.Contains("refusal prevails", evaluation.Refusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_conflict_competent_14_year_old_refuses_parent_decides_when_the_option_is_off()
    {
        var policy = Policy(o => o.CompetentYoungPersonRefusalPrevails = false);
        var evaluation = policy.Evaluate(State(Parent(), YoungPerson(G.Refused)), 14);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-01", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.Contains("CompetentYoungPersonRefusalPrevails", StringComparison.Ordinal));
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_conflict_16_year_old_consents_while_parent_refuses_consent_is_sufficient_by_default()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(G.Refused), YoungPerson(G.Given, sufficientUnderstanding: null)), 16);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-03", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.StartsWith("[CONS-03]", StringComparison.Ordinal) && r.Contains("parent refused", StringComparison.OrdinalIgnoreCase));
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_conflict_16_year_old_consents_while_parent_refuses_blocked_when_parent_required_by_option()
    {
        var policy = Policy(o => o.ParentConsentRequiredAtSelfConsentAge = true);

        var refused = policy.Evaluate(State(Parent(G.Refused), YoungPerson(G.Given, sufficientUnderstanding: null)), 17);
        var missing = policy.Evaluate(State(YoungPerson(G.Given, sufficientUnderstanding: null)), 17);
        var both = policy.Evaluate(State(Parent(), YoungPerson(G.Given, sufficientUnderstanding: null)), 17);

        Assert.Equal("CONS-03", refused.Refusal!.RuleId);
        Assert.Equal("LIFE-05", missing.Refusal!.RuleId);
        Assert.True(both.SufficientToStartAssessment);
        Assert.Equal(2, both.ReliedOn.Length);
    }

    [Trait("Rule", "CONS-01")]
    [Fact]
    public void CONS01_conflict_parent_refuses_while_competent_13_year_old_agrees_parent_refusal_blocks_by_default()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(G.Refused), YoungPerson(G.Given)), 13);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-01", evaluation.Refusal!.RuleId);
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_conflict_parent_refuses_while_competent_13_year_old_agrees_young_person_decides_when_option_is_off()
    {
        var policy = Policy(o => o.ParentConsentRequiredForCompetentYoungPerson = false);
        var evaluation = policy.Evaluate(State(Parent(G.Refused), YoungPerson(G.Given)), 13);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-02", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.StartsWith("[CONS-01]", StringComparison.Ordinal));
    }

    [Trait("Rule", "CONS-01")]
    [Fact]
    public void CONS01_competent_young_person_consents_but_no_parent_recorded_cannot_start()
    {
        var evaluation = DefaultPolicy.Evaluate(State(YoungPerson(G.Given)), 14);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("LIFE-05", evaluation.Refusal!.RuleId);
        Assert.Contains("CONS-01", evaluation.Refusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_conflict_partial_consents_that_differ_the_union_of_exclusions_applies()
    {
        var state = State(Parent(excluded: TestIds.Camhs), YoungPerson(G.Given, excluded: TestIds.YouthService));

        Assert.True(DefaultPolicy.Evaluate(state, 14).SufficientToStartAssessment);
        Assert.True(state.Excludes(TestIds.Camhs));
        Assert.True(state.Excludes(TestIds.YouthService));
        Assert.False(state.Excludes(TestIds.School));
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_a_later_record_of_the_same_person_adds_exclusions_and_never_lifts_one()
    {
        var state = State(Parent(excluded: TestIds.Camhs), Parent(excluded: TestIds.YouthService));

        Assert.True(state.Excludes(TestIds.Camhs));       // stands until the mother lifts it
        Assert.True(state.Excludes(TestIds.YouthService));
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_a_refusal_after_a_partial_consent_keeps_the_exclusion()
    {
        var state = State(Parent(excluded: TestIds.Camhs), Parent(G.Refused));

        Assert.True(state.Excludes(TestIds.Camhs));
        Assert.True(state.WithOverride(new ConsentOverride("Risk of neglect", new Caf.Core.Primitives.PractitionerId("pr-dsl"))).Excludes(TestIds.Camhs));
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_only_the_person_who_excluded_an_agency_lifts_it_and_others_exclusions_stand()
    {
        var state = State(Parent(excluded: TestIds.Camhs), YoungPerson(G.Given, excluded: TestIds.Camhs));

        var lifted = state.WithExclusionLifted(new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Happy for CAMHS to be told now."));

        Assert.True(lifted.Excludes(TestIds.Camhs));                                    // the young person's still stands
        Assert.False(lifted.IsExcludedBy(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility));
        Assert.True(lifted.IsExcludedBy(TestIds.Camhs, ConsentGiverRole.YoungPerson));
        Assert.Throws<ArgumentException>(() => lifted.WithExclusionLifted(
            new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "again")));
    }

    // ---- CONS-06, CONS-07, CONS-08 --------------------------------------------------------------

    [Trait("Rule", "CONS-07")]
    [Fact]
    public void CONS07_withdrawal_stops_everything_whatever_was_given()
    {
        var state = State(Parent(form: ConsentForm.Written))
            .WithWithdrawal(new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We no longer want support.") { Name = "Ms Smith" });

        var evaluation = DefaultPolicy.Evaluate(state, 8);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.False(evaluation.SufficientToShareAtPanel);
        Assert.Equal("CONS-07", evaluation.Refusal!.RuleId);
        Assert.Equal("CONS-07", evaluation.DecidingRule);
    }

    [Trait("Rule", "CONS-06")]
    [Fact]
    public void CONS06_an_override_takes_the_case_out_of_the_voluntary_route()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Parent(G.Refused)).WithOverride(Override()), 8);

        Assert.False(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-06", evaluation.Refusal!.RuleId);
        Assert.Contains("CLOSE-06", evaluation.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("pr-manager-khan", evaluation.Refusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "CONS-08")]
    [Fact]
    public void CONS08_unborn_baby_expectant_parent_consents()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Expectant(form: ConsentForm.Written)), null);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.True(evaluation.SufficientToShareAtPanel);
        Assert.Equal("CONS-08", evaluation.DecidingRule);
    }

    [Fact]
    public void CONS08_unborn_baby_without_the_expectant_parents_consent_cannot_start()
    {
        var none = DefaultPolicy.Evaluate(State(Parent()), null);
        var refused = DefaultPolicy.Evaluate(State(Expectant(G.Refused)), null);

        Assert.Equal("LIFE-05", none.Refusal!.RuleId);
        Assert.Contains("CONS-08", none.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal("CONS-08", refused.Refusal!.RuleId);
    }

    [Fact]
    public void CONS08_after_birth_the_expectant_parents_consent_stands_for_the_parent()
    {
        var evaluation = DefaultPolicy.Evaluate(State(Expectant()), 0);

        Assert.True(evaluation.SufficientToStartAssessment);
        Assert.Equal("CONS-08", evaluation.DecidingRule);
        Assert.Contains(evaluation.Reasons, r => r.StartsWith("[CONS-08]", StringComparison.Ordinal) && r.Contains("born", StringComparison.Ordinal));
    }

    // ---- options and misuse ---------------------------------------------------------------------

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_the_age_bounds_are_options()
    {
        var policy = Policy(o =>
        {
            o.CompetenceAgeExclusiveLowerBound = 11;
            o.SelfConsentAge = 18;
        });

        Assert.True(policy.Evaluate(State(Parent(), YoungPerson(G.Refused)), 12).SufficientToStartAssessment is false);
        Assert.Equal("CONS-02", policy.Evaluate(State(Parent(), YoungPerson(G.Refused)), 17).Refusal!.RuleId);
    }

    [Fact]
    public void Invalid_options_and_misuse_throw_at_the_boundary()
    {
        Assert.Throws<ArgumentException>(() => Policy(o => o.SelfConsentAge = 10));
        Assert.ThrowsAny<ArgumentException>(() => new ConsentPolicy(null!));
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.Evaluate(null!, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultPolicy.Evaluate(ConsentState.Empty, -1));
    }

    [Fact]
    public void Options_copied_at_construction_later_changes_have_no_effect()
    {
        var options = new ConsentOptions();
        var policy = new ConsentPolicy(options);
        options.CompetentYoungPersonRefusalPrevails = false;

        Assert.False(policy.Evaluate(State(Parent(), YoungPerson(G.Refused)), 14).SufficientToStartAssessment);
    }

    [Fact]
    public void Every_evaluation_names_its_deciding_rule_in_the_first_reason()
    {
        var states = new[]
        {
            (State(), 5), (State(Parent()), 5), (State(Parent(G.Refused)), 5), (State(Parent(), YoungPerson(G.Refused)), 14),
            (State(YoungPerson(G.Given, sufficientUnderstanding: null)), 17),
        };

        Assert.All(states.Select(s => DefaultPolicy.Evaluate(s.Item1, s.Item2)), e =>
            Assert.StartsWith($"Decided by {e.DecidingRule}:", e.Reasons[0], StringComparison.Ordinal));
    }
}
