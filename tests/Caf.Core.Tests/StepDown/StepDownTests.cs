using System;
using System.Linq;
using Caf.Core.Planning;
using Caf.Core.StepDown;
using Caf.Core.Tests.Planning;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.StepDown;

public class StepDownTests
{
    private static StepDownInformation Complete(StepDownDocumentType type = StepDownDocumentType.CamhsWorkCompletedLetter) => new()
    {
        DocumentType = type,
        SpecialistService = "CAMHS Bradford North",
        FamilyConsentsToShare = true,
        HolisticViewOfNeeds = "Anxiety has eased; school attendance still patchy.",
        ReasonForInvolvementAndDisengaging = "Referred for anxiety; the threshold for CAMHS is no longer met.",
        StrengthsAndWhatWorked = "Mum's calm routines; graded exposure worked because Jamie chose the steps.",
        UnmetNeedsAgreedWithFamily = "Morning routine and attendance.",
        NeedsFamilyWantToWorkOn = "Getting to school on time.",
        FamilyLeadProfessionalPreference = "The school's learning mentor",
    };

    [Trait("Rule", "STEP-01")]
    [Trait("Rule", "STEP-02")]
    [Theory]
    [InlineData(StepDownDocumentType.YouthOffendingAssetOnset)]
    [InlineData(StepDownDocumentType.SocialCareClosingSummary)]
    [InlineData(StepDownDocumentType.CamhsWorkCompletedLetter)]
    [InlineData(StepDownDocumentType.SenTransitionReview)]
    public void STEP01_step_down_information_with_the_core_information_registers_a_potential_CAF(StepDownDocumentType type)
    {
        Assert.True(Complete(type).Validate().IsSuccess);
        Assert.Empty(Complete(type).MissingItems());
    }

    [Trait("Rule", "STEP-01")]
    [Fact]
    public void STEP01_every_missing_item_is_named_not_only_the_first()
    {
        var info = Complete() with { FamilyConsentsToShare = false, StrengthsAndWhatWorked = " ", FamilyLeadProfessionalPreference = null };

        var refusal = info.Validate().Refusal;

        Assert.Equal(["familyConsentsToShare", "strengthsAndWhatWorked", "familyLeadProfessionalPreference"], info.MissingItems().ToArray());
        Assert.Equal("STEP-01", refusal.RuleId);
        Assert.Equal("familyConsentsToShare, strengthsAndWhatWorked, familyLeadProfessionalPreference", refusal.Field);
        Assert.Contains("missing 3 of 7", refusal.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "STEP-01")]
    [Fact]
    public void STEP01_information_with_nothing_in_it_misses_all_seven_items()
    {
        var empty = new StepDownInformation { DocumentType = StepDownDocumentType.SenTransitionReview, SpecialistService = "SEN service" };

        Assert.Equal(7, empty.MissingItems().Length);
        Assert.Equal(
            ["familyConsentsToShare", "holisticViewOfNeeds", "reasonForInvolvementAndDisengaging", "strengthsAndWhatWorked",
             "unmetNeedsAgreedWithFamily", "needsFamilyWantToWorkOn", "familyLeadProfessionalPreference"],
            empty.MissingItems().ToArray());
        Assert.Equal(empty.MissingItems().ToArray(), StepDownInformation.CoreItems.ToArray());
        Assert.Throws<ArgumentException>(() => empty with { SpecialistService = " " });
    }

    public sealed record Blanks(bool Consent, int?[] Texts);

    public static class Arbitraries
    {
        public static Arbitrary<Blanks> Blanks() => Arb.From(
            from consent in ArbMap.Default.GeneratorFor<bool>()
            from texts in Gen.ArrayOf(Gen.Elements<int?>(null, 0, 1, 2, 3), 6) // null, "", "  ", text, text
            select new Blanks(consent, texts));
    }

    [Trait("Rule", "STEP-01")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 500)]
    public bool STEP01_validation_reports_exactly_the_missing_items(Blanks blanks)
    {
        static string? Text(int? kind) => kind switch { null => null, 0 => "", 1 => "  ", _ => "recorded" };
        var info = Complete() with
        {
            FamilyConsentsToShare = blanks.Consent,
            HolisticViewOfNeeds = Text(blanks.Texts[0]),
            ReasonForInvolvementAndDisengaging = Text(blanks.Texts[1]),
            StrengthsAndWhatWorked = Text(blanks.Texts[2]),
            UnmetNeedsAgreedWithFamily = Text(blanks.Texts[3]),
            NeedsFamilyWantToWorkOn = Text(blanks.Texts[4]),
            FamilyLeadProfessionalPreference = Text(blanks.Texts[5]),
        };
        string[] names = ["holisticViewOfNeeds", "reasonForInvolvementAndDisengaging", "strengthsAndWhatWorked", "unmetNeedsAgreedWithFamily", "needsFamilyWantToWorkOn", "familyLeadProfessionalPreference"];
        var expected = (blanks.Consent ? [] : new[] { "familyConsentsToShare" })
            .Concat(names.Where((_, i) => blanks.Texts[i] is null or 0 or 1))
            .ToArray();

        var result = info.Validate();
        return info.MissingItems().SequenceEqual(expected)
            && result.IsSuccess == (expected.Length == 0)
            && (result.IsSuccess || result.Refusal.Field == string.Join(", ", expected));
    }

    [Trait("Rule", "STEP-03")]
    [Fact]
    public void STEP03_the_minimum_outcome_is_that_learning_is_shared_and_the_family_know_who_to_go_to()
    {
        Assert.True(StepDownTacDecision.Close(learningShared: true, familyKnowWhoToGoTo: true).Validate().IsSuccess);

        var fields = StepDownTacDecision.Close(false, false).Problems().Select(p => $"{p.RuleId} {p.Field}").ToArray();

        Assert.Equal(["STEP-03 learningShared", "STEP-03 familyKnowWhoToGoTo"], fields);
    }

    [Trait("Rule", "STEP-03")]
    [Fact]
    public void STEP03_ongoing_support_confirms_the_lead_professional_and_the_CAF_action_plan()
    {
        var plan = PlanFixtures.MultiAgencyPlan();
        var decision = StepDownTacDecision.Continue(TestIds.TeacherAtSchool, plan, true, true);

        Assert.Equal(StepDownTacOutcome.Continue, decision.Outcome);
        Assert.True(decision.Validate().IsSuccess);
        var invalid = StepDownTacDecision.Continue(TestIds.TeacherAtSchool, plan with { ChildsViews = "" }, true, true).Validate().Refusal;
        Assert.Equal(("PLAN-03", "plan.childsViews"), (invalid.RuleId, invalid.Field));
        Assert.Throws<ArgumentException>(() => StepDownTacDecision.Continue(default, plan, true, true));
        Assert.Throws<ArgumentException>(() => new StepDownTacDecision(StepDownTacOutcome.Close, true, true, TestIds.TeacherAtSchool, null, null));
    }
}
