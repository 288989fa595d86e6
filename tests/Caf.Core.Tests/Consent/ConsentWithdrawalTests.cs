using System;
using System.Linq;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Result = Caf.Core.Primitives.Result;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// CONS-07: who may withdraw follows who may consent (CONS-01..03, CONS-08); a withdrawal records the name and a
/// reason. The seeds' situation: a teacher's CAF for a nine-year-old whose mother consented (002 §6, §9).
/// </summary>
public class ConsentWithdrawalTests
{
    private static ConsentWithdrawal ByMother(string reason = "We do not want the CAF any more.") =>
        new(ConsentGiverRole.ParentWithParentalResponsibility, reason) { Name = "Ms Smith" };

    private static void AssertRefused(Result result, string field)
    {
        Assert.True(result.IsRefused);
        Assert.Equal("CONS-07", result.Refusal.RuleId);
        Assert.Equal(field, result.Refusal.Field);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_the_nine_year_old_cannot_withdraw_the_consent_her_mother_gave()
    {
        var seeds = new Seeds();
        var e = seeds.Assessing();

        var result = e.WithdrawConsent(Seeds.Teacher, new ConsentWithdrawal(ConsentGiverRole.YoungPerson, "I don't want it.") { Name = "Amy" });

        AssertRefused(result, nameof(ConsentWithdrawal.WithdrawnBy));
        Assert.False(e.Consent.IsWithdrawn);
        Assert.Equal(EpisodeState.Assessing, e.State);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_a_withdrawal_without_the_name_of_who_withdrew_is_refused()
    {
        var e = new Seeds().Assessing();

        AssertRefused(e.WithdrawConsent(Seeds.Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "Moving on.")), nameof(ConsentWithdrawal.Name));
        AssertRefused(e.WithdrawConsent(Seeds.Teacher, ByMother() with { Name = "  " }), nameof(ConsentWithdrawal.Name));
        Assert.False(e.Consent.IsWithdrawn);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_a_withdrawal_needs_a_reason()
    {
        var e = new Seeds().Assessing();

        AssertRefused(e.WithdrawConsent(Seeds.Teacher, ByMother(reason: "")), nameof(ConsentWithdrawal.Reason));
        Assert.False(e.Consent.IsWithdrawn);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_the_mothers_withdrawal_is_recorded_with_her_name_and_reason()
    {
        var e = new Seeds().Assessing();

        Seeds.Ok(e.WithdrawConsent(Seeds.Teacher, ByMother()));

        var recorded = Assert.IsType<ConsentWithdrawalRecorded>(e.Events[^1]);
        Assert.Equal("Ms Smith", recorded.Withdrawal.Name);
        Assert.Equal("We do not want the CAF any more.", recorded.Withdrawal.Reason);
        Assert.Equal(EpisodeState.ConsentWithdrawn, e.State);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_a_fourteen_year_old_withdraws_only_with_the_practitioners_judgement_of_understanding()
    {
        var seeds = new Seeds();
        var fourteen = new ChildDetails(TestIds.Child, new DateOnly(2011, 9, 1));
        var e = CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-14"), fourteen, Seeds.Teacher, "Falling attendance.");
        Seeds.Ok(e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess."));
        var withdrawal = new ConsentWithdrawal(ConsentGiverRole.YoungPerson, "I will sort it out myself.") { Name = "Jo" };

        AssertRefused(e.WithdrawConsent(Seeds.Teacher, withdrawal), nameof(ConsentWithdrawal.SufficientUnderstanding));
        AssertRefused(e.WithdrawConsent(Seeds.Teacher, withdrawal with { SufficientUnderstanding = false }), nameof(ConsentWithdrawal.SufficientUnderstanding));
        Seeds.Ok(e.WithdrawConsent(Seeds.Teacher, withdrawal with { SufficientUnderstanding = true }));
        Assert.True(e.Consent.IsWithdrawn);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    [Trait("Rule", "CONS-08")]
    public void CONS07_for_an_unborn_baby_only_the_expectant_parent_withdraws()
    {
        var seeds = new Seeds();
        var unborn = new ChildDetails(TestIds.Child, null);
        var e = CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-unborn"), unborn, Seeds.HealthVisitor, "Expectant mother isolated, no support network.");
        Seeds.Ok(e.RecordConsent(Seeds.HealthVisitor, ConsentRecord.ExpectantParent("Ms Smith", ConsentForm.Written) with { SharingExplained = true }, "Consent to assess."));

        AssertRefused(e.WithdrawConsent(Seeds.HealthVisitor, ByMother()), nameof(ConsentWithdrawal.WithdrawnBy));
        Seeds.Ok(e.WithdrawConsent(Seeds.HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ExpectantParent, "Moving in with family.") { Name = "Ms Smith" }));
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_a_withdrawal_stored_before_names_were_recorded_still_reads_back()
    {
        var seeds = new Seeds();
        var e = seeds.Assessing();
        // As an earlier release stored it: no name, an empty reason, and the nine-year-old as who withdrew.
        var old = new ConsentWithdrawalRecorded(e.Id, seeds.Time.GetUtcNow(), Seeds.Teacher, new ConsentWithdrawal(ConsentGiverRole.YoungPerson, ""));
        var history = e.Events.Append(old).ToArray();

        var read = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(CafEpisode.Rebuild(seeds.Policy, history)));

        Assert.Equal(EpisodeState.ConsentWithdrawn, read.State);
        Assert.DoesNotContain("\"name\"", EpisodeJson.SerializeEvent(old), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "CONS-07")]
    public void CONS07_a_stored_withdrawal_with_a_name_is_judged_as_the_command_would_be()
    {
        var seeds = new Seeds();
        var e = seeds.Assessing();
        var forged = new ConsentWithdrawalRecorded(e.Id, seeds.Time.GetUtcNow(), Seeds.Teacher,
            new ConsentWithdrawal(ConsentGiverRole.YoungPerson, "I don't want it.") { Name = "Amy" });

        var thrown = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(seeds.Policy, e.Events.Append(forged)));
        Assert.Contains("CONS-07", thrown.Message, StringComparison.Ordinal);
    }

    public sealed record Case(int? Age, ConsentGiverRole Role, bool? Understanding, string Name, string Reason)
    {
        public override string ToString() => $"age {Age?.ToString() ?? "unborn"}, {Role}, understanding {Understanding}, name '{Name}', reason '{Reason}'";
    }

    public static class Cases
    {
        public static Arbitrary<Case> All() => Arb.From(
            from age in Gen.Elements<int?>(null, 0, 5, 9, 12, 13, 14, 15, 16, 17, 19)
            from role in Gen.Elements(Enum.GetValues<ConsentGiverRole>())
            from understanding in Gen.Elements<bool?>(null, true, false)
            from name in Gen.Elements("Ms Smith", "", " ")
            from reason in Gen.Elements("Moving on.", "", "  ")
            select new Case(age, role, understanding, name, reason));
    }

    /// <summary>
    /// The rule as the seeds state it, written out independently: a parent (born child), the expectant parent
    /// (unborn), a young person over 12 with the practitioner's judgement, or 16 and over for themselves; a name and a reason.
    /// </summary>
    private static bool MayWithdraw(Case c) =>
        !string.IsNullOrWhiteSpace(c.Name) && !string.IsNullOrWhiteSpace(c.Reason) && (c.Age is null
            ? c.Role == ConsentGiverRole.ExpectantParent && c.Understanding is null
            : c.Role switch
            {
                ConsentGiverRole.ParentWithParentalResponsibility => c.Understanding is null,
                ConsentGiverRole.YoungPerson => c.Age >= 16 ? c.Understanding is null : c.Age >= 13 && c.Understanding == true,
                _ => false,
            });

    [Property(Arbitrary = [typeof(Cases)], MaxTest = 400)]
    [Trait("Rule", "CONS-07")]
    public bool CONS07_who_may_withdraw_follows_who_may_consent(Case c)
    {
        var result = ConsentFixtures.DefaultPolicy.ValidateWithdrawal(
            new ConsentWithdrawal(c.Role, c.Reason) { Name = c.Name, SufficientUnderstanding = c.Understanding }, c.Age);
        return result.IsSuccess == MayWithdraw(c) && (result.IsSuccess || result.Refusal.RuleId == "CONS-07");
    }
}
