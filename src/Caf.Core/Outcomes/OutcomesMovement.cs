using Caf.Core.Annotations;

namespace Caf.Core.Outcomes;

/// <summary>How a cohort moved on one question, or overall (OUTQ-01 distance travelled).</summary>
/// <param name="Improved">Children whose score went up.</param>
/// <param name="Unchanged">Children whose score stayed the same.</param>
/// <param name="Worse">Children whose score went down.</param>
/// <param name="TotalChange">The sum of the changes.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct OutcomesMovement(int Improved, int Unchanged, int Worse, int TotalChange)
{
    /// <summary>How many children were compared.</summary>
    public int Count => Improved + Unchanged + Worse;

    /// <summary>The mean change (0 when nobody was compared).</summary>
    public double MeanChange => Count == 0 ? 0 : (double)TotalChange / Count;

    internal OutcomesMovement Add(int change) => change switch
    {
        > 0 => this with { Improved = Improved + 1, TotalChange = TotalChange + change },
        < 0 => this with { Worse = Worse + 1, TotalChange = TotalChange + change },
        _ => this with { Unchanged = Unchanged + 1 },
    };
}
