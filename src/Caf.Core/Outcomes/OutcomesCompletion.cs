using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Outcomes;

/// <summary>
/// One completion of the "How have you been doing?" questionnaire (OUTQ-01): when, who answered, and an
/// answer to each of the seven questions, with the optional closing comment. Created through
/// <see cref="Create"/>, which refuses an incomplete form; a stored completion is read back by the episode's
/// JSON reader, which accepts only the seven answers in question order (what <see cref="Create"/> makes).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record OutcomesCompletion
{
    // Create's and the JSON reader's (EpisodeJson) constructor: the shape Create makes, or an ArgumentException
    // (the reader reports it as a JsonException with the path).
    [JsonConstructor]
    internal OutcomesCompletion(DateOnly completedOn, OutcomesRespondent answeredBy, ImmutableArray<OutcomesAnswer> answers, string? furtherComments)
    {
        if (!Enum.IsDefined(answeredBy))
        {
            throw new ArgumentException($"Undefined respondent {(int)answeredBy}.", nameof(answeredBy));
        }

        CompletedOn = completedOn;
        AnsweredBy = answeredBy;
        Answers = Canonical(answers);
        FurtherComments = Comment(furtherComments, nameof(furtherComments));
    }

    /// <summary>The date the questionnaire was filled in.</summary>
    public DateOnly CompletedOn { get; }

    /// <summary>Who answered.</summary>
    public OutcomesRespondent AnsweredBy { get; }

    /// <summary>The seven answers in question order.</summary>
    public ImmutableArray<OutcomesAnswer> Answers { get; }

    /// <summary>Anything else the respondent added at the end, or null.</summary>
    public string? FurtherComments { get; }

    /// <summary>OUTQ-01: records a completion if every one of the seven questions is answered exactly once.</summary>
    /// <param name="completedOn">The date.</param>
    /// <param name="answeredBy">Who answered.</param>
    /// <param name="answers">The answers, in any order.</param>
    /// <param name="furtherComments">The closing comment, or null; white space alone is read as none.</param>
    /// <returns>The completion, or an OUTQ-01 refusal naming the first question missing or answered twice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="answers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="answeredBy"/> is undefined, an answer is default, or the comment is too long.</exception>
    public static Result<OutcomesCompletion> Create(
        DateOnly completedOn,
        OutcomesRespondent answeredBy,
        IEnumerable<OutcomesAnswer> answers,
        string? furtherComments = null)
    {
        Guard.Against.Null(answers);
        if (!Enum.IsDefined(answeredBy))
        {
            throw new ArgumentException($"Undefined respondent {(int)answeredBy}.", nameof(answeredBy));
        }

        var trimmed = Comment(furtherComments, nameof(furtherComments));
        var byQuestion = new OutcomesAnswer?[OutcomesQuestionnaire.Questions.Length];
        foreach (var answer in answers)
        {
            if (!Enum.IsDefined(answer.Question))
            {
                throw new ArgumentException("An answer is default: create answers with their constructor.", nameof(answers));
            }

            var index = (int)answer.Question - 1;
            if (byQuestion[index] is not null)
            {
                return Result<OutcomesCompletion>.Refused(
                    "OUTQ-01", $"Question {(int)answer.Question} is answered twice: tick one box per question.", nameof(answers));
            }

            byQuestion[index] = answer;
        }

        for (var i = 0; i < byQuestion.Length; i++)
        {
            if (byQuestion[i] is null)
            {
                return Result<OutcomesCompletion>.Refused(
                    "OUTQ-01",
                    $"Question {i + 1} is not answered (\"{OutcomesQuestionnaire.Text(OutcomesQuestionnaire.Questions[i])}\"): all seven questions need a box ticked.",
                    nameof(answers));
            }
        }

        return new OutcomesCompletion(
            completedOn,
            answeredBy,
            [.. byQuestion.Select(a => a!.Value)],
            trimmed);
    }

    /// <summary>The rating given to a question.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The rating.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The question is not a defined value.</exception>
    public OutcomesRating RatingOf(OutcomesQuestion question) =>
        Enum.IsDefined(question)
            ? Answers[(int)question - 1].Rating
            : throw new ArgumentOutOfRangeException(nameof(question), question, "Not a defined question.");

    /// <summary>The sum of the seven scores (7 to 28).</summary>
    public int TotalScore => Answers.Sum(a => (int)a.Rating);

    /// <summary>Value equality over every field, the answers by content.</summary>
    /// <param name="other">The other completion.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(OutcomesCompletion? other) =>
        other is not null
        && CompletedOn == other.CompletedOn
        && AnsweredBy == other.AnsweredBy
        && string.Equals(FurtherComments, other.FurtherComments, StringComparison.Ordinal)
        && Answers.SequenceEqual(other.Answers);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CompletedOn, AnsweredBy, TotalScore);

    private static string? Comment(string? comment, string parameterName)
    {
        var trimmed = comment?.Trim();
        if (trimmed is { Length: > OutcomesAnswer.MaxCommentLength })
        {
            throw new ArgumentException($"A comment is at most {OutcomesAnswer.MaxCommentLength} characters.", parameterName);
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    // The seven answers in question order, each made by the answer's constructor, or an ArgumentException.
    private static ImmutableArray<OutcomesAnswer> Canonical(ImmutableArray<OutcomesAnswer> answers)
    {
        var questions = OutcomesQuestionnaire.Questions;
        if (answers.IsDefault || answers.Length != questions.Length)
        {
            throw new ArgumentException($"A stored completion holds exactly {questions.Length} answers.", nameof(answers));
        }

        for (var i = 0; i < questions.Length; i++)
        {
            if (answers[i].Question != questions[i] || !Enum.IsDefined(answers[i].Rating))
            {
                throw new ArgumentException($"Answer {i + 1} must answer question {i + 1} with a defined rating.", nameof(answers));
            }
        }

        return answers;
    }
}
