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
