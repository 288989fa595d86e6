using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Closure;

/// <summary>
/// An accepted closure (CLOSE-08): the taxonomy outcome with its canonical outcome and category, the
/// criteria that hold, the decision text and the rule that closed it. The episode records it.
/// </summary>
/// <param name="Outcome">The taxonomy outcome.</param>
/// <param name="Criteria">The criteria named, each checked.</param>
/// <param name="HowWillYouKnow">The decision under "How will you know when things have improved".</param>
/// <param name="Explanation">The written explanation (CLOSE-04), when given.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ClosureDecision(
    ClosureTaxonomyOutcome Outcome,
    ImmutableArray<ClosureCriterion> Criteria,
    string HowWillYouKnow,
    string? Explanation)
{
    /// <summary>The canonical outcome (CLOSE-01..05).</summary>
    public ClosureOutcome Canonical => Outcome.Canonical;

    /// <summary>The canonical category (CLOSE-10).</summary>
    public ClosureCategory Category => Outcome.Category;

    /// <summary>The rule of the outcome (CLOSE-01..05), as <see cref="ClosureRecord.RuleId"/> records it.</summary>
    public string RuleId => Outcome.RuleId;

    /// <inheritdoc />
    public bool Equals(ClosureDecision? other) =>
        other is not null && Outcome == other.Outcome && HowWillYouKnow == other.HowWillYouKnow
        && Explanation == other.Explanation && ValueEquality.Equal(Criteria, other.Criteria);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Outcome, HowWillYouKnow, Explanation, ValueEquality.Hash(Criteria));
}
