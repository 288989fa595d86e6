using System;
using Microsoft.Extensions.Logging;

namespace Caf.Core.Register;

/// <summary>
/// The event ids of <see cref="CafRegister"/>'s log messages (category <c>Caf.Core.Register.CafRegister</c>; ids 2301 to
/// 2320 are the register's). Messages carry no personal data: rule ids, event types, operation names and attempt
/// numbers only, never a child, episode or practitioner id nor a refusal's text.
/// </summary>
public static class CafRegisterLogEvents
{
    /// <summary>Debug: a change through the register was refused (its rule id).</summary>
    public const int Refused = 2301;

    /// <summary>Debug: a save conflicted with another writer's, or another registration for the child won the race (REG-01); the command runs again.</summary>
    public const int ConflictRetried = 2302;

    /// <summary>Warning: every attempt conflicted; nothing of the command was saved (<c>STORE-CONCURRENCY</c>).</summary>
    public const int RetriesExhausted = 2303;

    /// <summary>Error: an unexpected exception reached the caller (cancellation is not logged); the exception is attached.</summary>
    public const int Failed = 2304;
}

/// <summary>The register's source-generated log messages.</summary>
internal static partial class RegisterLog
{
    [LoggerMessage(EventId = CafRegisterLogEvents.Refused, Level = LogLevel.Debug,
        Message = "A change through the register was refused by rule {RuleId}.")]
    public static partial void Refused(ILogger logger, string ruleId);

    [LoggerMessage(EventId = CafRegisterLogEvents.ConflictRetried, Level = LogLevel.Debug,
        Message = "{Operation}: attempt {Attempt} conflicted with another save; running the command again.")]
    public static partial void ConflictRetried(ILogger logger, string operation, int attempt);

    [LoggerMessage(EventId = CafRegisterLogEvents.RetriesExhausted, Level = LogLevel.Warning,
        Message = "{Operation}: all {Attempts} attempts conflicted with other saves ({EventType}); nothing was saved.")]
    public static partial void RetriesExhausted(ILogger logger, string operation, int attempts, string eventType);

    [LoggerMessage(EventId = CafRegisterLogEvents.Failed, Level = LogLevel.Error,
        Message = "{Operation} failed with an unexpected {ErrorType}.")]
    public static partial void Failed(ILogger logger, Exception exception, string operation, string errorType);
}
