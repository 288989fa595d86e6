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
}
