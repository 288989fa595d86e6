using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Lifecycle;

/// <summary>
/// PLAN-05: whether the absent parent took part in the assessment, or why not (002 §6: "Complete the assessment with the
/// family and absent parent if it is possible and safe to do so").
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record AbsentParentInvolvement
{
    /// <summary>Creates the record.</summary>
    /// <param name="involved">True when the absent parent took part.</param>
    /// <param name="whyNot">Why not (not possible, not safe, no absent parent); required when <paramref name="involved"/> is false.</param>
    /// <exception cref="System.ArgumentException">Not involved and <paramref name="whyNot"/> is blank.</exception>
    public AbsentParentInvolvement(bool involved, string? whyNot)
    {
        if (!involved)
        {
            Guard.Against.NullOrWhiteSpace(whyNot);
        }

        Involved = involved;
        WhyNot = involved ? null : whyNot;
    }

    /// <summary>The absent parent took part in the assessment.</summary>
    public static AbsentParentInvolvement WasInvolved { get; } = new(true, null);

    /// <summary>True when the absent parent took part.</summary>
    public bool Involved { get; }

    /// <summary>Why the absent parent did not take part (not possible, not safe, or there is none); null when they did.</summary>
    public string? WhyNot { get; }

    /// <summary>The absent parent did not take part, for the reason given.</summary>
    /// <param name="whyNot">Why not.</param>
    /// <returns>The record.</returns>
    public static AbsentParentInvolvement NotInvolved(string whyNot) => new(false, whyNot);
}
