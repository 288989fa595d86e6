using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Outcomes;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>
/// The outcomes questionnaire in the report read model (OUTQ-01): how many completions the episode has, and the
/// first and latest completion's dates and ratings — what a cohort summary of distance travelled needs
/// (<see cref="OutcomesCohortSummary.FromRows"/>, <see cref="CafReport.Outcomes"/>). No comment is kept: reports hold
/// counts only (SHARE-01).
/// </summary>
/// <remarks>
/// The constructor is public so that a store can keep the row as JSON (System.Text.Json); it throws
/// <see cref="ArgumentException"/> for an inconsistent value (a producer bug): fewer than one completion, ratings that are
/// not seven defined values, the latest before the first, or one completion whose first and latest differ.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReportOutcomes
{
    /// <summary>Creates the outcomes part of a row.</summary>
    /// <param name="completions">How many completions the episode has recorded (at least 1).</param>
    /// <param name="firstCompletedOn">The first completion's date (the baseline).</param>
    /// <param name="latestCompletedOn">The latest completion's date.</param>
    /// <param name="sameRespondent">True when the same kind of respondent answered the first and the latest (<see cref="DistanceTravelled.SameRespondent"/>).</param>
    /// <param name="firstRatings">The first completion's seven ratings, in question order.</param>
    /// <param name="latestRatings">The latest completion's seven ratings, in question order.</param>
    /// <exception cref="ArgumentException">The value is inconsistent (see remarks).</exception>
    public ReportOutcomes(
        int completions,
        DateOnly firstCompletedOn,
        DateOnly latestCompletedOn,
        bool sameRespondent,
        ImmutableArray<OutcomesRating> firstRatings,
        ImmutableArray<OutcomesRating> latestRatings)
    {
        if (completions < 1)
        {
            throw new ArgumentException("The outcomes of a row hold at least one completion.", nameof(completions));
        }

        if (latestCompletedOn < firstCompletedOn)
        {
            throw new ArgumentException($"The latest completion ({latestCompletedOn}) is before the first ({firstCompletedOn}).", nameof(latestCompletedOn));
        }

        Check(firstRatings, nameof(firstRatings));
        Check(latestRatings, nameof(latestRatings));
        if (completions == 1 && (firstCompletedOn != latestCompletedOn || !sameRespondent || !ValueEquality.Equal(firstRatings, latestRatings)))
        {
            throw new ArgumentException("With one completion the first and the latest are the same completion.", nameof(completions));
        }

        Completions = completions;
        FirstCompletedOn = firstCompletedOn;
        LatestCompletedOn = latestCompletedOn;
        SameRespondent = sameRespondent;
        FirstRatings = firstRatings;
        LatestRatings = latestRatings;
    }

    /// <summary>How many completions the episode has recorded.</summary>
    public int Completions { get; }

    /// <summary>The first completion's date.</summary>
    public DateOnly FirstCompletedOn { get; }

    /// <summary>The latest completion's date.</summary>
    public DateOnly LatestCompletedOn { get; }

    /// <summary>True when the same kind of respondent answered the first and the latest.</summary>
    public bool SameRespondent { get; }

    /// <summary>The first completion's ratings, in question order.</summary>
    public ImmutableArray<OutcomesRating> FirstRatings { get; }

    /// <summary>The latest completion's ratings, in question order.</summary>
    public ImmutableArray<OutcomesRating> LatestRatings { get; }

    /// <summary>True when there are two completions or more, so a distance travelled is measured.</summary>
    public bool HasDistance => Completions > 1;

    /// <summary>OUTQ-01: the change of one question's score from the first to the latest (Not good to Good is +2).</summary>
    /// <param name="question">The question.</param>
    /// <returns>The change, −3 to +3.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The question is not a defined value.</exception>
    public int Change(OutcomesQuestion question) =>
        Enum.IsDefined(question)
            ? (int)LatestRatings[(int)question - 1] - (int)FirstRatings[(int)question - 1]
            : throw new ArgumentOutOfRangeException(nameof(question), question, "Not a defined question.");

    /// <summary>OUTQ-01: the overall change, the sum of the seven (−21 to +21).</summary>
    public int OverallChange
    {
        get
        {
            var sum = 0;
            for (var i = 0; i < LatestRatings.Length; i++)
            {
                sum += (int)LatestRatings[i] - (int)FirstRatings[i];
            }

            return sum;
        }
    }

    /// <summary>The outcomes of an episode's completions (first and latest), or null when there are none.</summary>
    /// <param name="completions">The completions, oldest first (<see cref="Lifecycle.CafEpisode.OutcomesCompletions"/>).</param>
    /// <returns>The value, or null for no completion.</returns>
    /// <exception cref="ArgumentNullException">A completion is null.</exception>
    public static ReportOutcomes? Of(ImmutableArray<OutcomesCompletion> completions)
    {
        if (completions.IsDefaultOrEmpty)
        {
            return null;
        }

        var first = completions[0] ?? throw new ArgumentNullException(nameof(completions), "A completion is null.");
        var latest = completions[^1] ?? throw new ArgumentNullException(nameof(completions), "A completion is null.");
        return new ReportOutcomes(
            completions.Length,
            first.CompletedOn,
            latest.CompletedOn,
            first.AnsweredBy == latest.AnsweredBy,
            [.. first.Answers.Select(a => a.Rating)],
            [.. latest.Answers.Select(a => a.Rating)]);
    }

    /// <summary>Value equality, the ratings by content.</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(ReportOutcomes? other) =>
        other is not null && Completions == other.Completions && FirstCompletedOn == other.FirstCompletedOn
        && LatestCompletedOn == other.LatestCompletedOn && SameRespondent == other.SameRespondent
        && ValueEquality.Equal(FirstRatings, other.FirstRatings) && ValueEquality.Equal(LatestRatings, other.LatestRatings);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Completions, FirstCompletedOn, LatestCompletedOn, SameRespondent, OverallChange);

    private static void Check(ImmutableArray<OutcomesRating> ratings, string field)
    {
        if (ratings.IsDefault || ratings.Length != OutcomesQuestionnaire.Questions.Length)
        {
            throw new ArgumentException($"Ratings hold one per question ({OutcomesQuestionnaire.Questions.Length}).", field);
        }

        foreach (var rating in ratings)
        {
            if (!Enum.IsDefined(rating))
            {
                throw new ArgumentException($"Undefined rating {(int)rating}.", field);
            }
        }
    }
}
