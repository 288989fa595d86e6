using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Consent;

/// <summary>
/// An in-memory <see cref="ISharingAuditLog"/> for tests and samples (SHARE-03). Not for production:
/// the trail is lost with the process, and a host must keep it as long as the episode's records.
/// </summary>
/// <threadsafety>This type is mutable and thread-safe: entries may be recorded and read from any thread.</threadsafety>
[Mutable]
public sealed class InMemorySharingAuditLog : ISharingAuditLog, IFamilySharingViewSource
{
    private readonly object _gate = new();
    private ImmutableList<SharingAuditEntry> _entries = ImmutableList<SharingAuditEntry>.Empty;

    /// <summary>A snapshot of every entry recorded so far, oldest first.</summary>
    public ImmutableList<SharingAuditEntry> Entries
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
    public void Record(SharingAuditEntry entry)
    {
        lock (_gate)
        {
            _entries = _entries.Add(entry);
        }
    }

    /// <inheritdoc />
    /// <exception cref="System.ArgumentException"><paramref name="episode"/> is default.</exception>
    public Task<ImmutableArray<FamilySharingLine>> FamilyViewAsync(EpisodeId episode, CancellationToken cancellationToken = default) =>
        Task.FromResult(FamilySharingView.Of(episode, Entries));
}
