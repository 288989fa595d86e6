using Ardalis.GuardClauses;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.EntityFrameworkCore.Providers;

// Conventional namespace for registration extensions, so hosts find them without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Keeps the store in PostgreSQL:
/// <c>services.AddCafEntityFrameworkCore(o =&gt; o.UseNpgsql("Host=db;Database=caf;Username=caf;Password=..."))</c>.
/// </summary>
public static class CafNpgsqlEntityFrameworkCoreOptionsExtensions
{
    /// <summary>
    /// Stores in PostgreSQL, for hosts that outgrow one machine (e.g. <c>Host=db;Database=caf;Username=caf;Password=...</c>),
    /// with this package's PostgreSQL migrations.
    /// </summary>
    /// <param name="options">The store's options.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The store's options.</returns>
    /// <exception cref="System.ArgumentException">The options are null or the connection string is empty.</exception>
    public static CafEntityFrameworkCoreOptions UseNpgsql(this CafEntityFrameworkCoreOptions options, string connectionString)
    {
        Guard.Against.Null(options);
        Guard.Against.NullOrWhiteSpace(connectionString);
        return options.UseDatabase(new NpgsqlCafDatabase(connectionString));
    }
}
