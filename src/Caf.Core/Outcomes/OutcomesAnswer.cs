using System;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;

namespace Caf.Core.Outcomes;

/// <summary>The answer to one question: the box ticked and an optional comment (OUTQ-01).</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct OutcomesAnswer
{
    /// <summary>The longest comment kept.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>Creates an answer.</summary>
    /// <param name="question">The question.</param>
    /// <param name="rating">The box ticked.</param>
    /// <param name="comment">What the respondent wanted to say, or null; white space alone is read as no comment.</param>
    /// <exception cref="ArgumentException">The question or rating is undefined, or the comment is longer than <see cref="MaxCommentLength"/>.</exception>
    [JsonConstructor]
    public OutcomesAnswer(OutcomesQuestion question, OutcomesRating rating, string? comment = null)
    {
        if (!Enum.IsDefined(question))
        {
            throw new ArgumentException($"Undefined question {(int)question}.", nameof(question));
        }

        if (!Enum.IsDefined(rating))
        {
            throw new ArgumentException($"Undefined rating {(int)rating}.", nameof(rating));
        }

        var trimmed = comment?.Trim();
        if (trimmed is { Length: > MaxCommentLength })
        {
            throw new ArgumentException($"A comment is at most {MaxCommentLength} characters.", nameof(comment));
        }

        Question = question;
        Rating = rating;
        Comment = string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>The question.</summary>
    public OutcomesQuestion Question { get; }

    /// <summary>The box ticked.</summary>
    public OutcomesRating Rating { get; }

    /// <summary>The comment, trimmed, or null.</summary>
    public string? Comment { get; }
}
