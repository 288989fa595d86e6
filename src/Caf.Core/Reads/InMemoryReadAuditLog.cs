using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Reads;

/// <summary>
/// An in-memory <see cref="IReadAuditLog"/> for tests and samples (LAW-04). Not for production: the trail is lost
/// with the process.
/// </summary>
/// <threadsafety>This type is mutable and thread-safe.</threadsafety>
[Mutable]
public sealed class InMemoryReadAuditLog : IReadAuditLog
{
    private readonly object _gate = new();
    private ImmutableList<ReadAuditEntry> _entries = ImmutableList<ReadAuditEntry>.Empty;

    /// <summary>A snapshot of every read recorded so far, oldest first.</summary>
    public ImmutableList<ReadAuditEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries;
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or an entry is null.</exception>
    public ValueTask RecordAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(entries);
        foreach (var entry in entries)
        {
            Guard.Against.Null(entry, nameof(entries));
        }

        lock (_gate)
        {
            _entries = _entries.AddRange(entries);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="child"/> is default.</exception>
    public ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, CancellationToken cancellationToken = default)
    {
        if (child.IsDefault)
        {
            throw new ArgumentException("ChildId must not be default.", nameof(child));
        }

        return new ValueTask<IReadOnlyList<ReadAuditEntry>>(Entries.Where(e => e.Child == child).ToList());
    }
}
