using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Reporting;

namespace Caf.Core.Outcomes;

/// <summary>
/// Distance travelled across a cohort (OUTQ-01; 004 "monitor impact from families' view"): per question and
/// overall, how many improved, stayed the same or got worse, and the mean change. Counts only: it names no child.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record OutcomesCohortSummary
{
    private OutcomesCohortSummary(ImmutableArray<OutcomesMovement> byQuestion, OutcomesMovement overall)
    {
        ByQuestion = byQuestion;
        Overall = overall;
    }

    /// <summary>How many comparisons the summary holds.</summary>
    public int Count => Overall.Count;

    /// <summary>The movement on each question, in question order (index 0 is question 1).</summary>
    public ImmutableArray<OutcomesMovement> ByQuestion { get; }

    /// <summary>The movement of the overall change.</summary>
    public OutcomesMovement Overall { get; }

    /// <summary>The movement on one question.</summary>
    /// <param name="question">The question.</param>
    /// <returns>The movement.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The question is not a defined value.</exception>
    public OutcomesMovement Of(OutcomesQuestion question) =>
        Enum.IsDefined(question)
            ? ByQuestion[(int)question - 1]
            : throw new ArgumentOutOfRangeException(nameof(question), question, "Not a defined question.");

    /// <summary>Summarises distances travelled (one per child, typically first and latest completion), in one pass.</summary>
    /// <param name="distances">The distances.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="distances"/> or an element is null.</exception>
    public static OutcomesCohortSummary From(IEnumerable<DistanceTravelled> distances)
    {
        Guard.Against.Null(distances);
        var byQuestion = new OutcomesMovement[OutcomesQuestionnaire.Questions.Length];
        var overall = default(OutcomesMovement);
        foreach (var distance in distances)
        {
            Guard.Against.Null(distance);
            foreach (var question in distance.Questions)
            {
                var index = (int)question.Question - 1;
                byQuestion[index] = byQuestion[index].Add(question.Change);
            }

            overall = overall.Add(distance.Overall);
        }

        return new OutcomesCohortSummary([.. byQuestion], overall);
    }

    /// <summary>
    /// Summarises the distance travelled of report rows (first to latest completion, <see cref="EpisodeReportRow.Outcomes"/>)
    /// in one pass with constant memory: rows with fewer than two completions are not compared. The same figures as
    /// <see cref="From(IEnumerable{DistanceTravelled})"/> over each episode's <see cref="Lifecycle.CafEpisode.OutcomesDistanceTravelled"/>.
    /// </summary>
    /// <param name="rows">The rows.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or a row is null.</exception>
    public static OutcomesCohortSummary FromRows(IEnumerable<EpisodeReportRow> rows)
    {
        Guard.Against.Null(rows);
        var tally = new OutcomesTally();
        foreach (var row in rows)
        {
            Guard.Against.Null(row);
            if (row.Outcomes is { HasDistance: true } outcomes)
            {
                tally.Add(outcomes);
            }
        }

        return tally.ToSummary();
    }

    internal static OutcomesCohortSummary Of(OutcomesMovement[] byQuestion, OutcomesMovement overall) => new([.. byQuestion], overall);

    /// <summary>Value equality, per question by content.</summary>
    /// <param name="other">The other summary.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(OutcomesCohortSummary? other) =>
        other is not null && Overall == other.Overall && ByQuestion.SequenceEqual(other.ByQuestion);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Overall, ByQuestion.Length);
}
