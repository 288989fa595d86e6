using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>The database, context and outbox settings of <c>AddCafEntityFrameworkCore</c>.</summary>
/// <threadsafety>Mutable while registering; not changed afterwards.</threadsafety>
[Mutable]
public sealed class CafEntityFrameworkCoreOptions
{
    internal CafDatabaseProvider? Database { get; private set; }

    internal Action<DbContextOptionsBuilder>? ExtraConfiguration { get; private set; }

    /// <summary>The outbox dispatcher's batch size and back-off.</summary>
    public CafOutboxOptions Outbox { get; } = new();

    /// <summary>
    /// Chooses the database, as a database package supplies it: call that package's method instead, <c>o.UseSqlite(...)</c>
    /// (Caf.Core.EntityFrameworkCore.Sqlite, the embedded default) or <c>o.UseNpgsql(...)</c>
    /// (Caf.Core.EntityFrameworkCore.PostgreSQL). The last call wins.
    /// </summary>
    /// <param name="provider">The database package's provider.</param>
    /// <returns>These options.</returns>
    public CafEntityFrameworkCoreOptions UseDatabase(CafDatabaseProvider provider)
    {
        Database = Guard.Against.Null(provider);
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
