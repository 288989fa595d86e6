using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>The provider, connection and outbox settings of <c>AddCafEntityFrameworkCore</c>.</summary>
/// <threadsafety>Mutable while registering; not changed afterwards.</threadsafety>
[Mutable]
public sealed class CafEntityFrameworkCoreOptions
{
    internal CafStoreProvider Provider { get; private set; }

    internal string? ConnectionString { get; private set; }

    internal Action<DbContextOptionsBuilder>? ExtraConfiguration { get; private set; }

    /// <summary>The outbox dispatcher's batch size and back-off.</summary>
    public CafOutboxOptions Outbox { get; } = new();

    /// <summary>
    /// Stores in a SQLite database file: the embedded default, no server (e.g. <c>Data Source=caf.db</c>).
    /// <c>MigrateCafDatabaseAsync</c> switches the file to write-ahead logging (WAL), so readers never wait for a writer.
    /// </summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions UseSqlite(string connectionString)
    {
        ConnectionString = Guard.Against.NullOrWhiteSpace(connectionString);
        Provider = CafStoreProvider.Sqlite;
        return this;
    }

    internal bool SqliteSynchronousNormal { get; private set; }

    /// <summary>
    /// On SQLite, runs every connection with <c>PRAGMA synchronous=NORMAL</c> instead of SQLite's default <c>FULL</c>: in WAL
    /// mode a commit then no longer waits for the disk to flush (only checkpoints do). A committed save survives a crash of
    /// the process; after a power loss or an operating-system crash the last saves may be missing, but the file is never
    /// corrupt and never holds half a save. On a disk whose flush takes milliseconds this is what allows about a thousand
    /// saves a second (see benchmarks/RESULTS.md); leave it off where every acknowledged save must survive a power loss.
    /// </summary>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions UseSqliteSynchronousNormal()
    {
        SqliteSynchronousNormal = true;
        return this;
    }

    /// <summary>
    /// Stores in PostgreSQL, for hosts that outgrow one machine
    /// (e.g. <c>Host=db;Database=caf;Username=caf;Password=...</c>).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions UseNpgsql(string connectionString)
    {
        ConnectionString = Guard.Against.NullOrWhiteSpace(connectionString);
        Provider = CafStoreProvider.Npgsql;
        return this;
    }

    internal bool PerAuthorityStores { get; private set; }

    /// <summary>
    /// A host of several authorities (issue 29, docs/authorities.md): besides the single-authority services, registers the
    /// stores as keyed services for any key, the key being the <see cref="Caf.Core.Primitives.AuthorityId"/>:
    /// <c>GetRequiredKeyedService&lt;IEpisodeRepository&gt;(authority)</c> and likewise <c>IEpisodeReportStore</c>,
    /// <c>IPanelBookingStore</c>, <c>ISharingAuditLog</c>, <c>IReadAuditLog</c>, <c>IEpisodeStoreVerifier</c>,
    /// <c>IChildIdentifierLookup</c> and <c>EpisodeOutbox&lt;CafDbContext&gt;</c>, each scoped to that authority. The
    /// repository takes the keyed <see cref="Caf.Core.Lifecycle.EpisodePolicy"/> of the authority, so an authority the host
    /// did not declare resolves nothing.
    /// </summary>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions PerAuthority()
    {
        PerAuthorityStores = true;
        return this;
    }

    internal bool RowLevelSecurity { get; private set; }

    /// <summary>
    /// On PostgreSQL, also enforces the authority in the database (issue 29, docs/storage.md "Row-level security"):
    /// <c>MigrateCafDatabaseAsync</c> enables and forces row-level security on every table with the policy
    /// <c>authority = current_setting('caf.authority', true)</c>, and every connection a store opens sets
    /// <c>caf.authority</c> to the store's authority. A statement built without the scope then still sees and writes only
    /// that authority's rows. Connect as a role that is neither a superuser nor <c>BYPASSRLS</c>. Ignored on SQLite.
    /// </summary>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions UsePostgresRowLevelSecurity()
    {
        RowLevelSecurity = true;
        return this;
    }

    /// <summary>Further EF Core configuration applied after the provider (logging, interceptors, warnings).</summary>
    /// <param name="configure">Changes to the context options.</param>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions ConfigureDbContext(Action<DbContextOptionsBuilder> configure)
    {
        Guard.Against.Null(configure);
        ExtraConfiguration += configure;
        return this;
    }
}

internal enum CafStoreProvider
{
    None = 0,
    Sqlite = 1,
    Npgsql = 2,
}
