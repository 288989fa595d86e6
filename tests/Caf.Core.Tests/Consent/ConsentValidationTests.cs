using System;
using System.Collections.Immutable;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Consent.ConsentFixtures;
using G = Caf.Core.Consent.ConsentDecision;

namespace Caf.Core.Tests.Consent;

public class ConsentValidationTests
{
    private static void AssertRefused(Result result, string ruleId, string field)
    {
        Assert.True(result.IsRefused);
        Assert.Equal(ruleId, result.Refusal.RuleId);
        Assert.Equal(field, result.Refusal.Field);
    }

    [Trait("Rule", "CONS-01")]
    [Fact]
    public void CONS01_a_parents_record_for_a_child_is_accepted()
    {
        Assert.True(DefaultPolicy.ValidateRecord(Parent(excluded: TestIds.Camhs), 8).IsSuccess);
    }

    [Trait("Rule", "CONS-04")]
    [Fact]
    public void CONS04_a_record_needs_the_givers_name()
    {
        AssertRefused(DefaultPolicy.ValidateRecord(Parent() with { GiverName = "  " }, 8), "CONS-04", "GiverName");
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_at_12_a_young_person_cannot_give_the_consent_that_counts()
    {
        AssertRefused(DefaultPolicy.ValidateRecord(YoungPerson(sufficientUnderstanding: true), 12), "CONS-02", "GiverRole");
    }

    [Theory]
    [InlineData(13)]
    [InlineData(15)]
    public void CONS02_at_13_and_15_the_competence_judgement_must_be_recorded(int age)
    {
        AssertRefused(DefaultPolicy.ValidateRecord(YoungPerson(sufficientUnderstanding: null), age), "CONS-02", "SufficientUnderstanding");
        Assert.True(DefaultPolicy.ValidateRecord(YoungPerson(sufficientUnderstanding: true), age).IsSuccess);
        Assert.True(DefaultPolicy.ValidateRecord(YoungPerson(sufficientUnderstanding: false), age).IsSuccess);
    }

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_at_16_capacity_is_presumed_so_no_competence_judgement_is_recorded()
    {
        Assert.True(DefaultPolicy.ValidateRecord(YoungPerson(sufficientUnderstanding: null), 16).IsSuccess);
        AssertRefused(DefaultPolicy.ValidateRecord(YoungPerson(sufficientUnderstanding: true), 16), "CONS-03", "SufficientUnderstanding");
    }

    [Trait("Rule", "CONS-02")]
    [Fact]
    public void CONS02_a_competence_judgement_belongs_only_to_a_young_person()
    {
        AssertRefused(DefaultPolicy.ValidateRecord(Parent() with { SufficientUnderstanding = true }, 14), "CONS-02", "SufficientUnderstanding");
    }

    [Trait("Rule", "CONS-08")]
    [Fact]
    public void CONS08_expectant_parent_only_for_an_unborn_baby()
    {
        Assert.True(DefaultPolicy.ValidateRecord(Expectant(), null).IsSuccess);
        AssertRefused(DefaultPolicy.ValidateRecord(Expectant(), 0), "CONS-08", "GiverRole");
        AssertRefused(DefaultPolicy.ValidateRecord(Parent(), null), "CONS-08", "GiverRole");
        AssertRefused(DefaultPolicy.ValidateRecord(YoungPerson(), null), "CONS-08", "GiverRole");
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_a_refusal_cannot_carry_exclusions()
    {
        AssertRefused(DefaultPolicy.ValidateRecord(Parent(G.Refused, ConsentForm.Verbal, TestIds.Camhs), 8), "CONS-05", "ExcludedAgencies");
    }

    [Fact]
    public void CONS05_default_exclusions_read_as_full_consent()
    {
        var record = new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Sarah Hughes", G.Given, ConsentForm.Written, default) with { SharingExplained = true };

        Assert.False(record.ExcludedAgencies.IsDefault);
        Assert.False(record.ExcludesAgency(TestIds.Camhs));
        Assert.True(DefaultPolicy.ValidateRecord(record, 8).IsSuccess);
    }

    [Fact]
    public void Misuse_in_a_record_throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.ValidateRecord(null!, 8));
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.ValidateRecord(Parent() with { GiverRole = (ConsentGiverRole)9 }, 8));
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.ValidateRecord(Parent() with { ExcludedAgencies = [default] }, 8));
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.ValidateRecord(Parent() with { RecordedBy = default(PractitionerId) }, 8));
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.ValidateRecord(Parent(), -2));
    }

    [Trait("Rule", "CONS-06")]
    [Fact]
    public void CONS06_an_override_needs_a_justification_and_the_deciding_person()
    {
        Assert.True(DefaultPolicy.ValidateOverride(Override()).IsSuccess);
        AssertRefused(DefaultPolicy.ValidateOverride(Override() with { SafeguardingJustification = "" }), "CONS-06", "SafeguardingJustification");
        AssertRefused(DefaultPolicy.ValidateOverride(Override() with { DecidedBy = default }), "CONS-06", "DecidedBy");
        Assert.ThrowsAny<ArgumentException>(() => DefaultPolicy.ValidateOverride(null!));
    }
}
