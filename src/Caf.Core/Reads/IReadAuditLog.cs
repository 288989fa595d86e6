using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;

namespace Caf.Core.Reads;

/// <summary>
/// LAW-04: the read-audit port. Every read of episode content by a person (through <see cref="AuditedEpisodeReads"/>,
/// the register's reads with a <see cref="ReadContext"/>, and the web adapter) is recorded before the content is
/// returned; a host lists who has seen a child's record with <see cref="ReadersOfAsync"/>.
/// <see cref="InMemoryReadAuditLog"/> ships for tests and samples; the EF Core package ships a table.
/// </summary>
/// <remarks>
/// If <see cref="RecordAsync"/> throws, the exception reaches the reader and nothing is returned: nothing is read
/// unaudited. Implementations must be thread-safe.
/// </remarks>
public interface IReadAuditLog
{
    /// <summary>Records reads (several at once for a list, such as a caseload), all or none.</summary>
    /// <param name="entries">The reads.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task that completes once the reads are recorded.</returns>
    ValueTask RecordAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Who has seen the child's record: every read of any of the child's episodes, oldest first.</summary>
    /// <param name="child">The child.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The reads.</returns>
    ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, CancellationToken cancellationToken = default);
}
