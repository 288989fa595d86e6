using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Thrown by <see cref="Result{T}.GetValueOrThrow"/> and <see cref="Result.ThrowIfRefused"/> for hosts
/// that prefer exceptions to result values. Carries the <see cref="Primitives.Refusal"/> unchanged.
/// </summary>
/// <threadsafety>Instances are immutable once thrown.</threadsafety>
[Immutable]
public sealed class CafRuleException : InvalidOperationException
{
    /// <summary>Creates the exception for a refusal.</summary>
    /// <param name="refusal">The domain refusal.</param>
    public CafRuleException(Refusal refusal)
        : base(Guard.Against.Null(refusal).ToString())
    {
        Refusal = refusal;
    }

    /// <summary>The refusal: rule id, message and field.</summary>
    public Refusal Refusal { get; }

    /// <summary>The rule id of the refusal (shortcut for <c>Refusal.RuleId</c>).</summary>
    public string RuleId => Refusal.RuleId;
}
