using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Outcomes;

/// <summary>
/// Distance travelled between two completions of the questionnaire (OUTQ-01): the change of each question's
/// score (Not good = 1 .. Great = 4, so Not good to Good is +2) and overall (the sum, −21 to +21).
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record DistanceTravelled
{
    private DistanceTravelled(DateOnly from, DateOnly to, bool sameRespondent, ImmutableArray<QuestionDistance> questions)
    {
        From = from;
        To = to;
        SameRespondent = sameRespondent;
        Questions = questions;
    }

    /// <summary>The earlier completion's date.</summary>
    public DateOnly From { get; }

    /// <summary>The later completion's date.</summary>
    public DateOnly To { get; }

    /// <summary>True when the same kind of respondent answered both times; a host may choose to compare only those.</summary>
    public bool SameRespondent { get; }

    /// <summary>The change per question, in question order.</summary>
    public ImmutableArray<QuestionDistance> Questions { get; }

    /// <summary>The overall change: the sum of the seven changes.</summary>
    public int Overall => Questions.Sum(q => q.Change);

    /// <summary>OUTQ-01: compares two completions.</summary>
    /// <param name="earlier">The earlier completion (e.g. at assessment).</param>
    /// <param name="later">The later completion (e.g. at a review or closure).</param>
    /// <returns>The distance travelled, or an OUTQ-01 refusal when <paramref name="later"/> predates <paramref name="earlier"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Result<DistanceTravelled> Between(OutcomesCompletion earlier, OutcomesCompletion later)
    {
        Guard.Against.Null(earlier);
        Guard.Against.Null(later);
        if (later.CompletedOn < earlier.CompletedOn)
        {
            return Result<DistanceTravelled>.Refused(
                "OUTQ-01",
                $"The later completion ({later.CompletedOn:yyyy-MM-dd}) is before the earlier one ({earlier.CompletedOn:yyyy-MM-dd}).",
                nameof(later));
        }

        return new DistanceTravelled(
            earlier.CompletedOn,
            later.CompletedOn,
            earlier.AnsweredBy == later.AnsweredBy,
            [.. OutcomesQuestionnaire.Questions.Select(q => new QuestionDistance(q, earlier.RatingOf(q), later.RatingOf(q)))]);
    }

    /// <summary>Value equality, the questions by content.</summary>
    /// <param name="other">The other distance.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(DistanceTravelled? other) =>
        other is not null && From == other.From && To == other.To && SameRespondent == other.SameRespondent
        && Questions.SequenceEqual(other.Questions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(From, To, SameRespondent, Overall);
}
