using Caf.Core.Annotations;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>SQLite's own settings of the store: <c>o.UseSqlite("Data Source=caf.db", sqlite =&gt; sqlite.UseSynchronousNormal())</c>.</summary>
/// <threadsafety>Mutable while registering; not changed afterwards.</threadsafety>
[Mutable]
public sealed class CafSqliteOptions
{
    internal bool SynchronousNormal { get; private set; }

    /// <summary>
    /// Runs every connection with <c>PRAGMA synchronous=NORMAL</c> instead of SQLite's default <c>FULL</c>: in WAL
    /// mode a commit then no longer waits for the disk to flush (only checkpoints do). A committed save survives a crash of
    /// the process; after a power loss or an operating-system crash the last saves may be missing, but the file is never
    /// corrupt and never holds half a save. On a disk whose flush takes milliseconds this is what allows about a thousand
    /// saves a second (see benchmarks/RESULTS.md); leave it off where every acknowledged save must survive a power loss.
    /// </summary>
    /// <returns>These options.</returns>
    public CafSqliteOptions UseSynchronousNormal()
    {
        SynchronousNormal = true;
        return this;
    }
}
