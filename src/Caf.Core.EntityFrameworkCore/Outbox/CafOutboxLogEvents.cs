using System;
using Microsoft.Extensions.Logging;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The event ids of the outbox's log messages (category <c>Caf.Core.EntityFrameworkCore.EpisodeOutbox</c>). Messages
/// carry no personal data: an event is named by its dispatch's claim id, its sequence and its event type, never by its
/// episode or child (find the row with <c>WHERE locked_by = '{ClaimId}' AND sequence = {Sequence}</c>). A failed dispatch
/// or purge names its authority (an organisation's id, issue 29).
/// </summary>
public static class CafOutboxLogEvents
{
    /// <summary>Warning: a publish threw; the event is retried after its back-off.</summary>
    public const int PublishFailed = 2501;

    /// <summary>Error: a publish threw for the <see cref="CafOutboxOptions.MaxAttempts"/>th time; the event is dead-lettered.</summary>
    public const int DeadLettered = 2502;

    /// <summary>Warning: a claimed event's lease expired before it was marked; another dispatcher may deliver it again.</summary>
    public const int LeaseLost = 2503;

    /// <summary>Error: a whole dispatch failed (e.g. the database was unavailable); the events stay pending.</summary>
    public const int DispatchFailed = 2504;

    /// <summary>Information: delivered rows past <see cref="CafOutboxOptions.DeliveredRetention"/> were removed.</summary>
    public const int Purged = 2505;

    /// <summary>Error: removing delivered rows failed; they are removed at a later purge.</summary>
    public const int PurgeFailed = 2506;
}

/// <summary>The outbox's source-generated log messages.</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = CafOutboxLogEvents.PublishFailed, Level = LogLevel.Warning,
        Message = "Publishing outbox event {EventType} (claim {ClaimId}, sequence {Sequence}) failed on attempt {Attempt}; retrying after {RetryAfter}.")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string eventType, string claimId, int sequence, int attempt, TimeSpan retryAfter);

    [LoggerMessage(EventId = CafOutboxLogEvents.DeadLettered, Level = LogLevel.Error,
        Message = "Outbox event {EventType} (claim {ClaimId}, sequence {Sequence}) failed {Attempt} times and was dead-lettered; later events of its episode wait for it.")]
    public static partial void DeadLettered(ILogger logger, Exception exception, string eventType, string claimId, int sequence, int attempt);

    [LoggerMessage(EventId = CafOutboxLogEvents.LeaseLost, Level = LogLevel.Warning,
        Message = "The lease on outbox event {EventType} (claim {ClaimId}, sequence {Sequence}) expired before it was marked; another dispatcher may deliver it again (raise LeaseDuration).")]
    public static partial void LeaseLost(ILogger logger, string eventType, string claimId, int sequence);

    [LoggerMessage(EventId = CafOutboxLogEvents.DispatchFailed, Level = LogLevel.Error,
        Message = "An outbox dispatch of authority {Authority} failed; its pending events stay pending and are tried at the next dispatch.")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, string authority);

    [LoggerMessage(EventId = CafOutboxLogEvents.Purged, Level = LogLevel.Information,
        Message = "Removed {Count} delivered outbox rows older than {Retention}.")]
    public static partial void Purged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(EventId = CafOutboxLogEvents.PurgeFailed, Level = LogLevel.Error,
        Message = "Removing delivered outbox rows of authority {Authority} failed; they are removed at a later purge.")]
    public static partial void PurgeFailed(ILogger logger, Exception exception, string authority);
}
