using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// The outcome of a command that produces no value: success, or a <see cref="Primitives.Refusal"/>.
/// </summary>
/// <remarks>
/// A value type, so the success path allocates nothing. <c>default(Result)</c> is not a valid result:
/// reading it throws, so a forgotten assignment cannot pass for success.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly struct Result : IEquatable<Result>
{
    private readonly Refusal? _refusal;
    private readonly bool _initialised;

    private Result(Refusal? refusal)
    {
        _refusal = refusal;
        _initialised = true;
    }

    /// <summary>The successful result.</summary>
    public static Result Ok => new(null);

    /// <summary>True when the command succeeded.</summary>
    /// <exception cref="InvalidOperationException">The result is <c>default</c>.</exception>
    public bool IsSuccess => EnsureInitialised()._refusal is null;

    /// <summary>True when the command was refused.</summary>
    /// <exception cref="InvalidOperationException">The result is <c>default</c>.</exception>
    public bool IsRefused => !IsSuccess;

    /// <summary>The refusal.</summary>
    /// <exception cref="InvalidOperationException">The result is a success (or <c>default</c>).</exception>
    public Refusal Refusal => EnsureInitialised()._refusal
        ?? throw new InvalidOperationException("The result is a success; it has no refusal.");

    /// <summary>Creates a refused result.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The refused result.</returns>
    public static Result Refused(Refusal refusal) => new(Guard.Against.Null(refusal));

    /// <summary>Creates a refused result from its parts.</summary>
    /// <param name="ruleId">The rule id (e.g. <c>LIFE-05</c>).</param>
    /// <param name="message">What is missing.</param>
    /// <param name="field">The field concerned.</param>
    /// <returns>The refused result.</returns>
    public static Result Refused(string ruleId, string message, string field) =>
        new(new Refusal(ruleId, message, field));

    /// <summary>Creates a successful result carrying a value.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The successful result.</returns>
    public static Result<T> Success<T>(T value) => Result<T>.Success(value);

    /// <summary>Throws <see cref="CafRuleException"/> when refused; for hosts that prefer exceptions.</summary>
    /// <exception cref="CafRuleException">The command was refused.</exception>
    public void ThrowIfRefused()
    {
        if (EnsureInitialised()._refusal is { } refusal)
        {
            throw new CafRuleException(refusal);
        }
    }

    /// <summary>A refusal converts to a refused result.</summary>
    /// <param name="refusal">The refusal.</param>
    public static implicit operator Result(Refusal refusal) => Refused(refusal);

    /// <inheritdoc />
    public bool Equals(Result other) =>
        _initialised == other._initialised && Equals(_refusal, other._refusal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_initialised, _refusal);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Result left, Result right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Result left, Result right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        !_initialised ? "(uninitialised result)" : _refusal is null ? "Ok" : $"Refused {_refusal}";

    private Result EnsureInitialised() =>
        _initialised ? this : throw new InvalidOperationException("default(Result) is not a valid result.");
}
