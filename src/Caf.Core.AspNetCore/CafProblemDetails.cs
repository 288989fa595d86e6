using System;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Caf.Core.AspNetCore;

/// <summary>
/// Refusals as RFC 9457 problem details: <c>type</c> is the rule's anchor in the rulebook (one per rule id, see <see cref="TypeFor"/>),
/// <c>title</c> says what kind of refusal it is, <c>detail</c> is the refusal's message, <c>status</c> follows the
/// kind, and the extensions <c>ruleId</c> and <c>field</c> carry the refusal's code and field unchanged.
/// </summary>
/// <remarks>
/// <para>Status codes, by kind of refusal:</para>
/// <list type="table">
/// <item><term>409 Conflict</term><description>the episode's state does not allow the command (LIFE-10 closed, LIFE-12
/// not in this state, RET-02 transferred out: every refusal whose field is <c>state</c>), and the storage codes
/// <see cref="StoreCodes.Concurrency"/>, <see cref="StoreCodes.DuplicateId"/>, <see cref="StoreCodes.HistoryMismatch"/>,
/// <see cref="StoreCodes.AlreadyApplied"/> (the adapter's own endpoints answer a replayed key as the first request instead).</description></item>
/// <item><term>403 Forbidden</term><description>SHARE-01: the family's consent does not allow the sharing the request
/// needs (an excluded agency calling, or an agency a command would hand information to).</description></item>
/// <item><term>404 Not Found</term><description><see cref="StoreCodes.NotFound"/>.</description></item>
/// <item><term>422 Unprocessable Content</term><description>every other rule of the guidance (LIFE-05, CONS-04, LP-11, ...),
/// and <see cref="StoreCodes.IdempotencyKeyReused"/> (an <c>Idempotency-Key</c> sent again with a different command).</description></item>
/// </list>
/// </remarks>
public static class CafProblemDetails
{
    /// <summary>The extension member holding the rule id.</summary>
    public const string RuleIdKey = "ruleId";

    /// <summary>The extension member holding the field the refusal is about.</summary>
    public const string FieldKey = "field";

    /// <summary>The title of a refusal by the episode's state (409).</summary>
    public const string StateTitle = "The episode's stage does not allow this";

    /// <summary>The title of a storage conflict (409).</summary>
    public const string ConflictTitle = "The episode was changed by someone else";

    /// <summary>The title of a SHARE-01 refusal (403).</summary>
    public const string SharingTitle = "The family's consent does not allow this sharing";

    /// <summary>The title of an episode that is not stored (404).</summary>
    public const string NotFoundTitle = "No such episode";

    /// <summary>The title of a refusal by a rule of the guidance (422).</summary>
    public const string RuleTitle = "A rule of the guidance does not allow this";

    /// <summary>The HTTP status for a refusal (see the remarks of <see cref="CafProblemDetails"/>).</summary>
    /// <param name="refusal">The refusal.</param>
    /// <returns>409, 403, 404 or 422.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is null.</exception>
    public static int StatusCodeFor(Refusal refusal)
    {
        Guard.Against.Null(refusal);
        return refusal.RuleId switch
        {
            StoreCodes.NotFound => StatusCodes.Status404NotFound,
            StoreCodes.Concurrency or StoreCodes.DuplicateId or StoreCodes.HistoryMismatch or StoreCodes.AlreadyApplied => StatusCodes.Status409Conflict,
            _ when refusal.Field == "state" => StatusCodes.Status409Conflict,
            "SHARE-01" => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
    }

    /// <summary>
    /// The problem type of a rule id: the rulebook's address with the rule id, lower case, as fragment. The fragment
    /// is an anchor of docs/rules.md: every rule row has one (<c>&lt;a id="life-05"&gt;</c>, kept by
    /// <c>eng/rule-index.py</c>), and so has each refusal code that is not a rule (<see cref="StoreCodes"/>, in its section
    /// "Refusal codes that are not rules"), so the link lands on the rule or code.
    /// </summary>
    /// <param name="ruleId">The rule id or refusal code, e.g. <c>LIFE-05</c>, <c>STORE-NOT-FOUND</c>.</param>
    /// <param name="ruleDocumentation">The rulebook's address; <see cref="CafAspNetCoreOptions.DefaultRuleDocumentation"/> when null.</param>
    /// <returns>The absolute URI, e.g. <c>https://…/docs/rules.md#life-05</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="ruleId"/> is null or white space, or the address is not absolute.</exception>
    public static string TypeFor(string ruleId, Uri? ruleDocumentation = null)
    {
        Guard.Against.NullOrWhiteSpace(ruleId);
        var baseUri = ruleDocumentation ?? new Uri(CafAspNetCoreOptions.DefaultRuleDocumentation);
        if (!baseUri.IsAbsoluteUri)
        {
            throw new ArgumentException("The rulebook's address must be an absolute URI.", nameof(ruleDocumentation));
        }

        var builder = new UriBuilder(baseUri) { Fragment = ruleId.Trim().ToLowerInvariant() };
        return builder.Uri.AbsoluteUri;
    }

    /// <summary>Builds the problem details of a refusal.</summary>
    /// <param name="refusal">The refusal.</param>
    /// <param name="instance">The request path the problem occurred at, if known.</param>
    /// <param name="ruleDocumentation">The rulebook's address (<see cref="CafAspNetCoreOptions.RuleDocumentation"/>).</param>
    /// <returns>The problem details.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="refusal"/> is null.</exception>
    public static ProblemDetails For(Refusal refusal, string? instance = null, Uri? ruleDocumentation = null)
    {
        Guard.Against.Null(refusal);
        var status = StatusCodeFor(refusal);
        var problem = new ProblemDetails
        {
            Type = TypeFor(refusal.RuleId, ruleDocumentation),
            Title = TitleFor(refusal, status),
            Status = status,
            Detail = refusal.Message,
            Instance = instance,
        };
        problem.Extensions[RuleIdKey] = refusal.RuleId;
        problem.Extensions[FieldKey] = refusal.Field;
        return problem;
    }

    /// <summary>The problem details of a request that is not well formed (400): misuse of a command, a bad id.</summary>
    /// <param name="detail">What is wrong.</param>
    /// <param name="field">The parameter or body member concerned, if known.</param>
    /// <param name="instance">The request path, if known.</param>
    /// <returns>The problem details (type <c>about:blank</c>: a plain HTTP 400).</returns>
    /// <exception cref="ArgumentException"><paramref name="detail"/> is null or white space.</exception>
    public static ProblemDetails BadRequest(string detail, string? field = null, string? instance = null)
    {
        Guard.Against.NullOrWhiteSpace(detail);
        var problem = new ProblemDetails
        {
            Type = "about:blank",
            Title = "Bad Request",
            Status = StatusCodes.Status400BadRequest,
            Detail = detail,
            Instance = instance,
        };
        if (field is not null)
        {
            problem.Extensions[FieldKey] = field;
        }

        return problem;
    }

    private static string TitleFor(Refusal refusal, int status) => status switch
    {
        StatusCodes.Status404NotFound => NotFoundTitle,
        StatusCodes.Status403Forbidden => SharingTitle,
        StatusCodes.Status409Conflict when refusal.Field == "state" && !refusal.RuleId.StartsWith("STORE-", StringComparison.Ordinal) => StateTitle,
        StatusCodes.Status409Conflict => ConflictTitle,
        _ => RuleTitle,
    };
}
