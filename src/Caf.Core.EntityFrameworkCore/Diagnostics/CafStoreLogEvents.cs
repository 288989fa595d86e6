using System;
using Caf.Core.Register;
using Microsoft.Extensions.Logging;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The event ids of the EF Core store's log messages (category <c>Caf.Core.EntityFrameworkCore.EpisodeStore</c>), the range
/// 2401-2420 (the outbox's start at 2501, <see cref="CafOutboxLogEvents"/>). Messages carry no personal data: never a
/// child's name, id or details, a practitioner, an idempotency key or an event's content. Only
/// <see cref="IntegrityFailure"/> names an episode, by its id: a surrogate key that says nothing about the child without
/// the database, and the only handle an operator has on the row to investigate (docs/operations.md "The EF Core store").
/// </summary>
public static class CafStoreLogEvents
{
    /// <summary>Debug: a save was refused because another writer saved the episode first (<c>STORE-CONCURRENCY</c>); the caller reloads and retries. Counted by <see cref="CafStoreTelemetry.Saves"/> (<c>conflict</c>).</summary>
    public const int SaveConflict = 2401;

    /// <summary>Error: a stored episode failed its integrity checks (tamper evidence) on loading or while a refused save was classified; the message names the episode id and the kind of problem, never the detail.</summary>
    public const int IntegrityFailure = 2402;

    /// <summary>Information: a save lost to a concurrent save that already recorded the same idempotency key: the command is answered as already applied (the key is not logged).</summary>
    public const int IdempotencyReplay = 2403;

    /// <summary>Error: a store operation failed on a database that lacks migrations; run <c>MigrateCafDatabaseAsync</c>.</summary>
    public const int MigrationsPending = 2404;

    /// <summary>Information: <c>MigrateCafDatabaseAsync</c> applied migrations.</summary>
    public const int MigrationsApplied = 2405;

    /// <summary>Information: the store was created with <see cref="CafOutboxOptions.WriteEvents"/> off: saves write no outbox rows.</summary>
    public const int OutboxWritesOff = 2406;

    /// <summary>The log category of the store's messages.</summary>
    public const string Category = "Caf.Core.EntityFrameworkCore.EpisodeStore";
}

/// <summary>The store's source-generated log messages.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = CafStoreLogEvents.SaveConflict, Level = LogLevel.Debug,
        Message = "A save of {EpisodeCount} episode(s) was refused: another writer saved first ({RuleId}); the caller reloads and retries.")]
    public static partial void SaveConflict(ILogger logger, int episodeCount, string ruleId);

    [LoggerMessage(EventId = CafStoreLogEvents.IntegrityFailure, Level = LogLevel.Error,
        Message = "Stored episode {EpisodeId} failed its integrity check ({Problem}, event version {EventVersion}) during a {Operation}; other episodes are unaffected. Run the store verifier and restore the episode from a backup.")]
    public static partial void IntegrityFailure(ILogger logger, string episodeId, EpisodeIntegrityProblem problem, int? eventVersion, string operation);

    [LoggerMessage(EventId = CafStoreLogEvents.IdempotencyReplay, Level = LogLevel.Information,
        Message = "A save lost to a concurrent save that already recorded the same idempotency key; the command is answered as already applied.")]
    public static partial void IdempotencyReplay(ILogger logger);

    [LoggerMessage(EventId = CafStoreLogEvents.MigrationsPending, Level = LogLevel.Error,
        Message = "An episode store operation failed and the database lacks {Count} migration(s): {Migrations}. Run MigrateCafDatabaseAsync (or the host's migrations) before using the store.")]
    public static partial void MigrationsPending(ILogger logger, Exception exception, int count, string migrations);

    [LoggerMessage(EventId = CafStoreLogEvents.MigrationsApplied, Level = LogLevel.Information,
        Message = "Applied {Count} migration(s) to the episode store: {Migrations}.")]
    public static partial void MigrationsApplied(ILogger logger, int count, string migrations);

    [LoggerMessage(EventId = CafStoreLogEvents.OutboxWritesOff, Level = LogLevel.Information,
        Message = "The outbox is off (CafOutboxOptions.WriteEvents = false): saves write no outbox rows, and nothing will be published.")]
    public static partial void OutboxWritesOff(ILogger logger);
}
