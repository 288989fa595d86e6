using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// The outcome of an operation that yields a value: the value, or a <see cref="Primitives.Refusal"/>
/// (rule id, message, field). Modelled on NodaTime's <c>ParseResult&lt;T&gt;</c>: check
/// <see cref="IsSuccess"/> or use <see cref="TryGetValue"/>; hosts that prefer exceptions call
/// <see cref="GetValueOrThrow"/>.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <threadsafety>This type is immutable and thread-safe when <typeparamref name="T"/> is.</threadsafety>
[Immutable]
public readonly struct Result<T> : IEquatable<Result<T>>
{
    private readonly T _value;
    private readonly Refusal? _refusal;
    private readonly bool _initialised;

    private Result(T value, Refusal? refusal)
    {
        _value = value;
        _refusal = refusal;
        _initialised = true;
    }

    /// <summary>True when the operation succeeded.</summary>
    /// <exception cref="InvalidOperationException">The result is <c>default</c>.</exception>
    public bool IsSuccess => EnsureInitialised()._refusal is null;

    /// <summary>True when the operation was refused.</summary>
    /// <exception cref="InvalidOperationException">The result is <c>default</c>.</exception>
    public bool IsRefused => !IsSuccess;

    /// <summary>The value of a successful result.</summary>
    /// <exception cref="CafRuleException">The operation was refused.</exception>
    public T Value => GetValueOrThrow();

    /// <summary>The refusal.</summary>
    /// <exception cref="InvalidOperationException">The result is a success (or <c>default</c>).</exception>
    public Refusal Refusal => EnsureInitialised()._refusal
        ?? throw new InvalidOperationException("The result is a success; it has no refusal.");

    /// <summary>Creates a successful result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static Result<T> Success(T value) => new(value, null);

    /// <summary>Creates a refused result.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>The result.</returns>
    public static Result<T> Refused(Refusal refusal) => new(default!, Guard.Against.Null(refusal));

    /// <summary>Creates a refused result from its parts.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <param name="message">What is missing.</param>
    /// <param name="field">The field concerned.</param>
    /// <returns>The result.</returns>
    public static Result<T> Refused(string ruleId, string message, string field) =>
        new(default!, new Refusal(ruleId, message, field));

    /// <summary>The value, or <see cref="CafRuleException"/> carrying the refusal.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="CafRuleException">The operation was refused.</exception>
    public T GetValueOrThrow()
    {
        var self = EnsureInitialised();
        return self._refusal is { } refusal ? throw new CafRuleException(refusal) : self._value;
    }

    /// <summary>Gets the value when the operation succeeded.</summary>
    /// <param name="value">The value, or <c>default</c> when refused.</param>
    /// <returns>True on success.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        var self = EnsureInitialised();
        value = self._value;
        return self._refusal is null;
    }

    /// <summary>Applies one of two functions depending on the outcome.</summary>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="onSuccess">Called with the value.</param>
    /// <param name="onRefused">Called with the refusal.</param>
    /// <returns>What the called function returned.</returns>
    public TOut Match<TOut>(Func<T, TOut> onSuccess, Func<Refusal, TOut> onRefused)
    {
        Guard.Against.Null(onSuccess);
        Guard.Against.Null(onRefused);
        var self = EnsureInitialised();
        return self._refusal is { } refusal ? onRefused(refusal) : onSuccess(self._value);
    }

    /// <summary>Drops the value, keeping success or refusal.</summary>
    /// <returns>The untyped result.</returns>
    public Result ToResult() => EnsureInitialised()._refusal is { } refusal ? Result.Refused(refusal) : Result.Ok;

    /// <summary>A value converts to a successful result.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Result<T>(T value) => Success(value);

    /// <summary>A refusal converts to a refused result.</summary>
    /// <param name="refusal">The refusal.</param>
    public static implicit operator Result<T>(Refusal refusal) => Refused(refusal);

    /// <inheritdoc />
    public bool Equals(Result<T> other) =>
        _initialised == other._initialised
        && Equals(_refusal, other._refusal)
        && EqualityComparer<T>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_initialised, _refusal, _value);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Result<T> left, Result<T> right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Result<T> left, Result<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        !_initialised ? "(uninitialised result)" : _refusal is null ? $"Success {_value}" : $"Refused {_refusal}";

    private Result<T> EnsureInitialised() =>
        _initialised ? this : throw new InvalidOperationException("default(Result<T>) is not a valid result.");
}
