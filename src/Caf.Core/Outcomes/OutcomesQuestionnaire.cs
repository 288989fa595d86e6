using System;
using System.Collections.Immutable;

namespace Caf.Core.Outcomes;

/// <summary>
/// The wording of the "How have you been doing?" questionnaire, as in Leicestershire's form developed with
/// young people (OUTQ-01, 000 appendix 3), for hosts that print or show it.
/// </summary>
public static class OutcomesQuestionnaire
{
    /// <summary>The form's title.</summary>
    public const string Title = "How Have You Been Doing?";

    /// <summary>The instruction at the top of the form.</summary>
    public const string Instruction = "Please can you fill in this questionnaire?";

    /// <summary>The heading of the box column.</summary>
    public const string RatingPrompt = "Please tick one box";

    /// <summary>The heading of each question's optional comment.</summary>
    public const string CommentPrompt = "Do you want to say anything about this?";

    /// <summary>The closing text above the free comment.</summary>
    public const string ClosingPrompt = "Thanks for telling us how you are getting on. If you have anything else to add then please write it here:";

    /// <summary>The seven questions in form order.</summary>
    public static ImmutableArray<OutcomesQuestion> Questions { get; } =
    [
        OutcomesQuestion.GettingOnWell,
        OutcomesQuestion.Family,
        OutcomesQuestion.TeachersAndHelpers,
        OutcomesQuestion.OtherChildren,
        OutcomesQuestion.Organised,
        OutcomesQuestion.AskingForHelp,
        OutcomesQuestion.Future,
    ];

    /// <summary>The four ratings in the form's column order: Great, Good, OK, Not Good.</summary>
    public static ImmutableArray<OutcomesRating> Ratings { get; } =
        [OutcomesRating.Great, OutcomesRating.Good, OutcomesRating.Ok, OutcomesRating.NotGood];

    /// <summary>A question's wording, as printed (numbered, punctuation as in the seed).</summary>
    /// <param name="question">The question.</param>
    /// <returns>The wording.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The question is not a defined value.</exception>
    public static string Text(OutcomesQuestion question) => question switch
    {
        OutcomesQuestion.GettingOnWell => "1. Do you think you are getting on well?",
        OutcomesQuestion.Family => "2. How are you getting on with your family?",
        OutcomesQuestion.TeachersAndHelpers => "3. How are you getting on with your teachers and helpers?",
        OutcomesQuestion.OtherChildren => "4. How do you get along with children and young people.",
        OutcomesQuestion.Organised => "5. Are you organised in school and at home?",
        OutcomesQuestion.AskingForHelp => "6. How do you feel about asking for help?",
        OutcomesQuestion.Future => "7. How do you feel about your future?",
        _ => throw new ArgumentOutOfRangeException(nameof(question), question, "Not a defined question."),
    };

    /// <summary>The explanation printed under a question, or null when it has none.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The hint, or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The question is not a defined value.</exception>
    public static string? Hint(OutcomesQuestion question) => question switch
    {
        OutcomesQuestion.Organised => "(such as coming to school with the right equipment & books)",
        _ when Enum.IsDefined(question) => null,
        _ => throw new ArgumentOutOfRangeException(nameof(question), question, "Not a defined question."),
    };

    /// <summary>A rating's label, as printed on the form: <c>Great</c>, <c>Good</c>, <c>OK</c>, <c>Not Good</c>.</summary>
    /// <param name="rating">The rating.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rating is not a defined value.</exception>
    public static string Label(OutcomesRating rating) => rating switch
    {
        OutcomesRating.Great => "Great",
        OutcomesRating.Good => "Good",
        OutcomesRating.Ok => "OK",
        OutcomesRating.NotGood => "Not Good",
        _ => throw new ArgumentOutOfRangeException(nameof(rating), rating, "Not a defined rating."),
    };
}
