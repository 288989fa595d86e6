namespace Caf.Core.Consent;

/// <summary>
/// The audit port for sharing decisions (SHARE-03, SHARE-04: "keep a record of your decision and the
/// reasons for it — whether it is to share information or not"). The host implements it (a database
/// table, an append-only log); <see cref="InMemorySharingAuditLog"/> ships for tests and samples.
/// </summary>
/// <remarks>
/// <see cref="SharingService"/> records every decision before returning it. If <see cref="Record"/>
/// throws, the exception reaches the caller and no decision is returned: nothing is shared unaudited.
/// Implementations must be thread-safe when the sharing service is shared between threads.
/// </remarks>
public interface ISharingAuditLog
{
    /// <summary>Records one sharing decision, granted or refused.</summary>
    /// <param name="entry">The decision with its episode, agency, purpose, basis, actor and time.</param>
    void Record(SharingAuditEntry entry);
}
