using System;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;

namespace Caf.Core.AspNetCore;

/// <summary>
/// <see cref="Result"/> and <see cref="Result{T}"/> as minimal-API results: success as the host chooses, a refusal
/// as RFC 9457 problem details (<see cref="CafProblemDetails"/>).
/// </summary>
public static class CafResults
{
    /// <summary>A refusal as a problem-details result, with the status of its kind (409, 403, 404, 422).</summary>
    /// <param name="refusal">The refusal.</param>
    /// <param name="instance">The request path, if known.</param>
    /// <param name="ruleDocumentation">The rulebook's address (<see cref="CafAspNetCoreOptions.RuleDocumentation"/>).</param>
    /// <returns>The result (<c>application/problem+json</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is null.</exception>
    public static IResult Problem(Refusal refusal, string? instance = null, Uri? ruleDocumentation = null) =>
        TypedResults.Problem(CafProblemDetails.For(refusal, instance, ruleDocumentation));

    /// <summary>The result of a command: 204 No Content, or the refusal's problem details.</summary>
    /// <param name="result">The command's result.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is <c>default</c>.</exception>
    public static IResult ToHttpResult(this Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : Problem(result.Refusal);

    /// <summary>The result of a command: what <paramref name="onSuccess"/> answers, or the refusal's problem details.</summary>
    /// <param name="result">The command's result.</param>
    /// <param name="onSuccess">What to answer on success.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="onSuccess"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is <c>default</c>.</exception>
    public static IResult ToHttpResult(this Result result, Func<IResult> onSuccess)
    {
        Guard.Against.Null(onSuccess);
        return result.IsSuccess ? onSuccess() : Problem(result.Refusal);
    }

    /// <summary>The result of an operation with a value: 200 with the value as JSON, or the refusal's problem details.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="result">The result.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is <c>default</c>.</exception>
    public static IResult ToHttpResult<T>(this Result<T> result) =>
        result.TryGetValue(out var value) ? TypedResults.Ok(value) : Problem(result.Refusal);

    /// <summary>The result of an operation with a value: what <paramref name="onSuccess"/> answers with it, or the refusal's problem details.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="result">The result.</param>
    /// <param name="onSuccess">What to answer with the value.</param>
    /// <returns>The HTTP result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="onSuccess"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="result"/> is <c>default</c>.</exception>
    public static IResult ToHttpResult<T>(this Result<T> result, Func<T, IResult> onSuccess)
    {
        Guard.Against.Null(onSuccess);
        return result.TryGetValue(out var value) ? onSuccess(value) : Problem(result.Refusal);
    }

    /// <summary>The 401 answer for a request with no caller (<see cref="ICafCallerAccessor.GetCaller"/> returned null).</summary>
    /// <returns>A problem-details result with status 401.</returns>
    public static IResult NotSignedIn() => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
    {
        Type = "about:blank",
        Title = "Unauthorized",
        Status = StatusCodes.Status401Unauthorized,
        Detail = "Sign in as a practitioner acting for an agency.",
    });

    /// <summary>A 400 problem-details result (see <see cref="CafProblemDetails.BadRequest"/>).</summary>
    /// <param name="detail">What is wrong.</param>
    /// <param name="field">The parameter or body member concerned, if known.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="detail"/> is null or white space.</exception>
    public static IResult BadRequest(string detail, string? field = null)
    {
        Guard.Against.NullOrWhiteSpace(detail);
        return TypedResults.Problem(CafProblemDetails.BadRequest(detail, field));
    }
}
