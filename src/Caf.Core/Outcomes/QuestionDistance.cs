using Caf.Core.Annotations;

namespace Caf.Core.Outcomes;

/// <summary>How one question's answer moved between two completions (OUTQ-01).</summary>
/// <param name="Question">The question.</param>
/// <param name="From">The earlier rating.</param>
/// <param name="To">The later rating.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct QuestionDistance(OutcomesQuestion Question, OutcomesRating From, OutcomesRating To)
{
    /// <summary>The change in score: positive is better (Not good to Good is +2), from −3 to +3.</summary>
    public int Change => (int)To - (int)From;
}
