using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// A domain refusal: the request was well formed but a rule of the guidance does not allow it.
/// Carries the rule id from the rulebook (docs/rules.md) (for example <c>CONS-05</c>) as a stable code, a human message
/// that says what is missing, and the field the refusal is about.
/// </summary>
/// <remarks>
/// Refusals are values, not exceptions: a command that is refused returns one and leaves the aggregate
/// unchanged (LIFE-12). Programmer misuse (null, out-of-range arguments) throws instead.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record Refusal
{
    /// <summary>Creates a refusal.</summary>
    /// <param name="ruleId">The rule id from the rulebook (docs/rules.md), e.g. <c>LIFE-05</c>.</param>
    /// <param name="message">What is missing or wrong, in words a practitioner understands.</param>
    /// <param name="field">The field, argument or part of the episode the refusal is about.</param>
    /// <exception cref="ArgumentException">Any argument is null, empty or white space.</exception>
    public Refusal(string ruleId, string message, string field)
    {
        RuleId = Guard.Against.NullOrWhiteSpace(ruleId);
        Message = Guard.Against.NullOrWhiteSpace(message);
        Field = Guard.Against.NullOrWhiteSpace(field);
    }

    /// <summary>The stable code: the id of the rule that refused (e.g. <c>CONS-05</c>).</summary>
    public string RuleId { get; }

    /// <summary>What is missing or wrong, for a person.</summary>
    public string Message { get; }

    /// <summary>The field, argument or part of the episode the refusal is about.</summary>
    public string Field { get; }

    /// <summary>Formats as <c>[RULE-ID] message (field: name)</c>.</summary>
    /// <returns>The formatted refusal.</returns>
    public override string ToString() => $"[{RuleId}] {Message} (field: {Field})";
}
