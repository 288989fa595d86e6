namespace Caf.Core.Register;

/// <summary>
/// Refusal codes of the storage port that are not rules of the guidance: they protect the record, not
/// the child, so they have codes of their own beside the rule ids of docs/rules.md.
/// </summary>
public static class StoreCodes
{
    /// <summary>Someone saved the episode since it was loaded: reload, re-apply, retry. Nothing was lost.</summary>
    public const string Concurrency = "STORE-CONCURRENCY";

    /// <summary>An episode with that id already exists.</summary>
    public const string DuplicateId = "STORE-DUPLICATE";

    /// <summary>No episode with that id is stored.</summary>
    public const string NotFound = "STORE-NOT-FOUND";

    /// <summary>The events being saved do not extend the stored history (a different episode instance).</summary>
    public const string HistoryMismatch = "STORE-HISTORY";

    /// <summary>
    /// The idempotency key was already used on this episode for a different command (the first event each records is of
    /// another type); nothing was recorded. Send a new key with a new command (docs/storage.md "Idempotent commands").
    /// </summary>
    public const string IdempotencyKeyReused = "STORE-IDEMPOTENCY-KEY-REUSED";

    /// <summary>
    /// The command with this idempotency key was already recorded on the episode; it was not recorded again. The answer of
    /// <c>CafRegister.ExecuteAsync&lt;T&gt;</c> with a key applied before, whose value is not stored: read the episode.
    /// </summary>
    public const string AlreadyApplied = "STORE-ALREADY-APPLIED";
}
