using System;
using Ardalis.GuardClauses;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.EntityFrameworkCore.Providers;

// Conventional namespace for registration extensions, so hosts find them without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Keeps the store in SQLite: <c>services.AddCafEntityFrameworkCore(o =&gt; o.UseSqlite("Data Source=caf.db"))</c>.
/// </summary>
public static class CafSqliteEntityFrameworkCoreOptionsExtensions
{
    /// <summary>
    /// Stores in a SQLite database file: the embedded default, no server (e.g. <c>Data Source=caf.db</c>), with this
    /// package's SQLite migrations. <c>MigrateCafDatabaseAsync</c> switches the file to write-ahead logging (WAL), so
    /// readers never wait for a writer.
    /// </summary>
    /// <param name="options">The store's options.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string.</param>
    /// <param name="configure">SQLite's own settings (e.g. <see cref="CafSqliteOptions.UseSynchronousNormal"/>), or null.</param>
    /// <returns>The store's options.</returns>
    /// <exception cref="ArgumentException">The options are null or the connection string is empty.</exception>
    public static CafEntityFrameworkCoreOptions UseSqlite(
        this CafEntityFrameworkCoreOptions options, string connectionString, Action<CafSqliteOptions>? configure = null)
    {
        Guard.Against.Null(options);
        Guard.Against.NullOrWhiteSpace(connectionString);
        var sqlite = new CafSqliteOptions();
        configure?.Invoke(sqlite);
        return options.UseDatabase(new SqliteCafDatabase(connectionString, sqlite.SynchronousNormal));
    }
}
