using System;
using System.Linq;
using Caf.Core.Outcomes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Outcomes;

/// <summary>OUTQ-01: the "How have you been doing?" questionnaire (Leicestershire 000 appendix 3).</summary>
public class OutcomesQuestionnaireTests
{
    private static readonly DateOnly AtAssessment = new(2026, 1, 12);
    private static readonly DateOnly AtReview = new(2026, 4, 20);

    private static OutcomesCompletion Completion(DateOnly on, OutcomesRespondent who, params OutcomesRating[] ratings) =>
        OutcomesCompletion.Create(on, who, OutcomesQuestionnaire.Questions.Select((q, i) => new OutcomesAnswer(q, ratings[i]))).Value;

    [Fact]
    [Trait("Rule", "OUTQ-01")]
    public void OUTQ01_the_seven_questions_have_the_seed_wording()
    {
        Assert.Equal(
            new[]
            {
                "1. Do you think you are getting on well?",
                "2. How are you getting on with your family?",
                "3. How are you getting on with your teachers and helpers?",
                "4. How do you get along with children and young people.",
                "5. Are you organised in school and at home?",
                "6. How do you feel about asking for help?",
                "7. How do you feel about your future?",
            },
            OutcomesQuestionnaire.Questions.Select(OutcomesQuestionnaire.Text));
        Assert.Equal("(such as coming to school with the right equipment & books)", OutcomesQuestionnaire.Hint(OutcomesQuestion.Organised));
        Assert.Null(OutcomesQuestionnaire.Hint(OutcomesQuestion.Future));
        Assert.Equal(new[] { "Great", "Good", "OK", "Not Good" }, OutcomesQuestionnaire.Ratings.Select(OutcomesQuestionnaire.Label));
        Assert.Equal("How Have You Been Doing?", OutcomesQuestionnaire.Title);
        Assert.Equal("Do you want to say anything about this?", OutcomesQuestionnaire.CommentPrompt);
    }

    [Fact]
    [Trait("Rule", "OUTQ-01")]
    public void OUTQ01_a_completion_needs_all_seven_questions_answered_once()
    {
        var six = OutcomesQuestionnaire.Questions.Where(q => q != OutcomesQuestion.AskingForHelp).Select(q => new OutcomesAnswer(q, OutcomesRating.Ok));
        var missing = OutcomesCompletion.Create(AtAssessment, OutcomesRespondent.Child, six);
        Assert.True(missing.IsRefused);
        Assert.Equal("OUTQ-01", missing.Refusal.RuleId);
        Assert.Contains("Question 6 is not answered", missing.Refusal.Message, StringComparison.Ordinal);

        var twice = OutcomesCompletion.Create(AtAssessment, OutcomesRespondent.Child, [.. six, new OutcomesAnswer(OutcomesQuestion.Family, OutcomesRating.Good)]);
        Assert.Equal("OUTQ-01", twice.Refusal.RuleId);
        Assert.Contains("Question 2 is answered twice", twice.Refusal.Message, StringComparison.Ordinal);

        var all = OutcomesCompletion.Create(
            AtAssessment,
            OutcomesRespondent.Together,
            OutcomesQuestionnaire.Questions.Reverse().Select(q => new OutcomesAnswer(q, OutcomesRating.Good, q == OutcomesQuestion.Future ? "  want to go to college " : "   ")),
            "thanks");
        Assert.True(all.IsSuccess);
        Assert.Equal(OutcomesQuestionnaire.Questions, all.Value.Answers.Select(a => a.Question));
        Assert.Equal("want to go to college", all.Value.Answers[6].Comment);
        Assert.Null(all.Value.Answers[0].Comment);
        Assert.Equal(21, all.Value.TotalScore);
    }

    [Fact]
    [Trait("Rule", "OUTQ-01")]
    public void OUTQ01_misuse_throws()
    {
        Assert.Throws<ArgumentException>(() => new OutcomesAnswer((OutcomesQuestion)8, OutcomesRating.Good));
        Assert.Throws<ArgumentException>(() => new OutcomesAnswer(OutcomesQuestion.Family, (OutcomesRating)0));
        Assert.Throws<ArgumentException>(() => new OutcomesAnswer(OutcomesQuestion.Family, OutcomesRating.Good, new string('x', 2001)));
        Assert.Throws<ArgumentException>(() => OutcomesCompletion.Create(AtAssessment, (OutcomesRespondent)0, []));
        Assert.Throws<ArgumentException>(() => OutcomesCompletion.Create(AtAssessment, OutcomesRespondent.Child, [default]));
        Assert.Throws<ArgumentNullException>(() => OutcomesCompletion.Create(AtAssessment, OutcomesRespondent.Child, null!));
    }

    [Fact]
    [Trait("Rule", "OUTQ-01")]
    public void OUTQ01_not_good_to_good_is_plus_two_and_the_overall_is_the_sum()
    {
        var first = Completion(AtAssessment, OutcomesRespondent.Child,
            OutcomesRating.NotGood, OutcomesRating.Ok, OutcomesRating.NotGood, OutcomesRating.Good, OutcomesRating.Ok, OutcomesRating.Great, OutcomesRating.NotGood);
        var later = Completion(AtReview, OutcomesRespondent.Child,
            OutcomesRating.Good, OutcomesRating.Ok, OutcomesRating.Ok, OutcomesRating.Ok, OutcomesRating.Great, OutcomesRating.Great, OutcomesRating.Great);

        var distance = DistanceTravelled.Between(first, later).Value;

        Assert.Equal(new[] { 2, 0, 1, -1, 2, 0, 3 }, distance.Questions.Select(q => q.Change));
        Assert.Equal(7, distance.Overall);
        Assert.True(distance.SameRespondent);
        Assert.Equal((AtAssessment, AtReview), (distance.From, distance.To));

        var backwards = DistanceTravelled.Between(later, first);
        Assert.Equal("OUTQ-01", backwards.Refusal.RuleId);
    }

    [Fact]
    [Trait("Rule", "OUTQ-01")]
    public void OUTQ01_the_cohort_summary_counts_who_improved_per_question_and_overall()
    {
        var ok = Completion(AtAssessment, OutcomesRespondent.Child, Enumerable.Repeat(OutcomesRating.Ok, 7).ToArray());
        var better = Completion(AtReview, OutcomesRespondent.Child, Enumerable.Repeat(OutcomesRating.Good, 7).ToArray());
        var mixed = Completion(AtReview, OutcomesRespondent.Parent,
            OutcomesRating.NotGood, OutcomesRating.Ok, OutcomesRating.Great, OutcomesRating.Ok, OutcomesRating.Ok, OutcomesRating.Ok, OutcomesRating.Ok);

        var summary = OutcomesCohortSummary.From(
        [
            DistanceTravelled.Between(ok, better).Value, // +1 on each, +7 overall
            DistanceTravelled.Between(ok, mixed).Value,  // -1 on Q1, +2 on Q3, +1 overall
            DistanceTravelled.Between(ok, ok).Value,     // 0
        ]);

        Assert.Equal(3, summary.Count);
        Assert.Equal(new OutcomesMovement(Improved: 1, Unchanged: 1, Worse: 1, TotalChange: 0), summary.Of(OutcomesQuestion.GettingOnWell));
        Assert.Equal(new OutcomesMovement(Improved: 2, Unchanged: 1, Worse: 0, TotalChange: 3), summary.Of(OutcomesQuestion.TeachersAndHelpers));
        Assert.Equal(new OutcomesMovement(Improved: 2, Unchanged: 1, Worse: 0, TotalChange: 8), summary.Overall);
        Assert.Equal(8 / 3.0, summary.Overall.MeanChange, 10);
        Assert.Equal(0, OutcomesCohortSummary.From([]).Overall.MeanChange);
    }

    public static class Arbitraries
    {
        public static Arbitrary<OutcomesCompletion> Completions() =>
            Arb.From(
                from day in Gen.Choose(0, 1000)
                from ratings in Gen.ArrayOf(Gen.Elements(Enum.GetValues<OutcomesRating>().AsEnumerable()), 7)
                select Completion(AtAssessment.AddDays(day), OutcomesRespondent.Child, ratings));
    }

    [Trait("Rule", "OUTQ-01")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool OUTQ01_distances_add_up_along_three_completions(OutcomesCompletion a, OutcomesCompletion b, OutcomesCompletion c)
    {
        var ordered = new[] { a, b, c }.OrderBy(x => x.CompletedOn).ToArray();
        var ab = DistanceTravelled.Between(ordered[0], ordered[1]).Value;
        var bc = DistanceTravelled.Between(ordered[1], ordered[2]).Value;
        var ac = DistanceTravelled.Between(ordered[0], ordered[2]).Value;
        return ac.Overall == ab.Overall + bc.Overall
            && ac.Overall == ordered[2].TotalScore - ordered[0].TotalScore
            && ac.Questions.Select(q => q.Change).SequenceEqual(ab.Questions.Zip(bc.Questions, (x, y) => x.Change + y.Change))
            && DistanceTravelled.Between(a, a).Value.Overall == 0;
    }
}
