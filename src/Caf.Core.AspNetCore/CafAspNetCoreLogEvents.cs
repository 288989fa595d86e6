using System;
using Microsoft.Extensions.Logging;

namespace Caf.Core.AspNetCore;

/// <summary>
/// The event ids of the web adapter's log messages, all under the category <see cref="Category"/> (ids 2601–2620 are
/// the adapter's; 2606–2620 are reserved). Messages carry no personal data: a rule id, a status code, a route
/// template (<c>/api/episodes/{id}/consent</c>, never the path with its episode id), an action name, a parameter name or
/// an exception's type name — never a name, an id, a reason or any other free text of a request or a refusal.
/// </summary>
public static class CafAspNetCoreLogEvents
{
    /// <summary>The logger category of every message of the adapter.</summary>
    public const string Category = "Caf.Core.AspNetCore";

    /// <summary>
    /// Debug: an endpoint answered a refusal as problem details (403, 404, 409, 422), with the status and the rule id.
    /// The request's activity is tagged <c>caf.rule.id</c> too.
    /// </summary>
    public const int RefusalAnswered = 2601;

    /// <summary>
    /// Debug: an endpoint answered 400 because the request is misuse of the command or of the idempotency key (a bad
    /// id, an empty reason, a key sent twice), with the parameter or header concerned.
    /// </summary>
    public const int BadRequestAnswered = 2602;

    /// <summary>Debug: an endpoint answered 401: the request has no caller (<see cref="ICafCallerAccessor"/> returned none).</summary>
    public const int NotSignedIn = 2603;

    /// <summary>
    /// Information: a command's idempotency key was already applied to the episode by the same command; nothing was
    /// recorded again and the answer is the first one's (<see cref="CafEpisodeAccess"/>, so Razor pages log it too).
    /// </summary>
    public const int IdempotentReplay = 2604;

    /// <summary>
    /// Error: an endpoint failed with an exception it does not answer itself; the exception goes on to the host's
    /// exception handling, which logs it in full (the adapter logs its type only: an exception's message may quote a request).
    /// </summary>
    public const int UnexpectedException = 2605;

    /// <summary>
    /// Debug: a request was answered 401 or 403 because its caller names no local authority in a host of several, or
    /// one the host does not serve (docs/authorities.md). Carries the status and the route template, never the id.
    /// </summary>
    public const int AuthorityRefused = 2606;
}

/// <summary>The adapter's source-generated log messages.</summary>
internal static partial class AdapterLog
{
    [LoggerMessage(EventId = CafAspNetCoreLogEvents.RefusalAnswered, Level = LogLevel.Debug,
        Message = "Answered {StatusCode} problem details for a refusal by rule {RuleId} on {Route}.")]
    public static partial void RefusalAnswered(ILogger logger, int statusCode, string ruleId, string route);

    [LoggerMessage(EventId = CafAspNetCoreLogEvents.BadRequestAnswered, Level = LogLevel.Debug,
        Message = "Answered 400 on {Route}: the request is not one the command can take (parameter {Parameter}).")]
    public static partial void BadRequestAnswered(ILogger logger, string route, string parameter);

    [LoggerMessage(EventId = CafAspNetCoreLogEvents.NotSignedIn, Level = LogLevel.Debug,
        Message = "Answered 401 on {Route}: the request has no caller.")]
    public static partial void NotSignedIn(ILogger logger, string route);

    [LoggerMessage(EventId = CafAspNetCoreLogEvents.IdempotentReplay, Level = LogLevel.Information,
        Message = "The idempotency key of a {Action} command was already applied to the episode by the same command: nothing recorded again, answered as the first time.")]
    public static partial void IdempotentReplay(ILogger logger, string action);

    [LoggerMessage(EventId = CafAspNetCoreLogEvents.UnexpectedException, Level = LogLevel.Error,
        Message = "The endpoint {Route} failed with {ExceptionType}; the host's exception handling answers and logs it.")]
    public static partial void UnexpectedException(ILogger logger, string route, string exceptionType);

    [LoggerMessage(EventId = CafAspNetCoreLogEvents.AuthorityRefused, Level = LogLevel.Debug,
        Message = "Answered {StatusCode} on {Route}: the caller names no local authority this host serves.")]
    public static partial void AuthorityRefused(ILogger logger, int statusCode, string route);

    /// <summary>The full name of an exception's type (never its message).</summary>
    public static string TypeOf(Exception exception) => exception.GetType().FullName ?? exception.GetType().Name;
}
