using System;
using System.Text.Json.Serialization;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Planning;

/// <summary>
/// PLAN-02, REV-01: how the plan will be reviewed, agreed as part of the plan: "It is important that the
/// arrangement is an agreed part of the plan and the review is carried out as agreed and on the date
/// arranged" (002 §8).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReviewArrangements
{
    /// <summary>Creates the arrangements.</summary>
    /// <param name="firstReviewDue">When the first review is due (after the plan is agreed; REV-05 reports it when passed).</param>
    /// <param name="form">How reviews will be held (visit, call, email, meeting).</param>
    /// <param name="details">Anything else agreed (who attends, where), optional.</param>
    /// <exception cref="ArgumentException">The form is undefined.</exception>
    [JsonConstructor]
    public ReviewArrangements(DateOnly firstReviewDue, ReviewForm form, string? details = null)
    {
        FirstReviewDue = firstReviewDue;
        Form = form;
        Details = details;
    }

    /// <summary>When the first review is due.</summary>
    public DateOnly FirstReviewDue { get; init; }

    /// <summary>How reviews will be held.</summary>
    public ReviewForm Form { get; init => field = Guard.Against.EnumOutOfRange(value, nameof(Form)); }

    /// <summary>Anything else agreed about the reviews.</summary>
    public string? Details { get; init; }
}
