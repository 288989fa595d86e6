using System;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The database the store is kept in, as a database package supplies it: <c>o.UseSqlite(...)</c> from
/// Caf.Core.EntityFrameworkCore.Sqlite or <c>o.UseNpgsql(...)</c> from Caf.Core.EntityFrameworkCore.PostgreSQL, handed to
/// <see cref="CafEntityFrameworkCoreOptions.UseDatabase"/>. Each package brings its EF Core provider, its own context
/// type (derived from <see cref="CafDbContext"/>) and that context's migrations, so a host carries only the database it
/// uses. Hosts do not derive from it; a database package derives from <see cref="CafDatabaseProvider{TContext}"/>.
/// </summary>
/// <threadsafety>Immutable once handed to the options.</threadsafety>
[Immutable]
public abstract class CafDatabaseProvider
{
    /// <summary>For <see cref="CafDatabaseProvider{TContext}"/>: a database package derives from that one.</summary>
    protected CafDatabaseProvider()
    {
    }

    /// <summary>Registers the pooled context factory, handed out as <see cref="IDbContextFactory{CafDbContext}"/>.</summary>
    internal abstract void AddContext(IServiceCollection services, Action<DbContextOptionsBuilder>? configureDbContext);

    /// <summary>
    /// Runs in <c>MigrateCafDatabaseAsync</c> after the migrations were applied (e.g. SQLite's journal mode); nothing
    /// unless the database package says otherwise.
    /// </summary>
    /// <param name="context">A context on the migrated database.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    protected internal virtual Task AfterMigrationsAsync(CafDbContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A database package's provider over its own context type <typeparamref name="TContext"/>, whose assembly holds the
/// migrations for that database (EF Core finds a context's migrations by its type).
/// </summary>
/// <typeparam name="TContext">The package's context, derived from <see cref="CafDbContext"/>.</typeparam>
/// <threadsafety>Immutable once handed to the options.</threadsafety>
[Immutable]
public abstract class CafDatabaseProvider<TContext> : CafDatabaseProvider
    where TContext : CafDbContext
{
    /// <summary>Chooses the EF Core provider and its settings (e.g. <c>builder.UseSqlite(connectionString)</c>).</summary>
    /// <param name="builder">The context options; the host's <see cref="CafEntityFrameworkCoreOptions.ConfigureDbContext"/> runs after this.</param>
    protected abstract void Configure(DbContextOptionsBuilder builder);

    internal override void AddContext(IServiceCollection services, Action<DbContextOptionsBuilder>? configureDbContext)
    {
        services.AddPooledDbContextFactory<TContext>(b =>
        {
            // The provider always, then the host's extras (logging, interceptors, warnings).
            Configure(b);
            configureDbContext?.Invoke(b);
        });
        services.AddSingleton<IDbContextFactory<CafDbContext>>(sp =>
            new CafDbContextFactory<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()));
    }
}

/// <summary>Hands out the provider's context as a <see cref="CafDbContext"/>.</summary>
internal sealed class CafDbContextFactory<TContext> : IDbContextFactory<CafDbContext>
    where TContext : CafDbContext
{
    private readonly IDbContextFactory<TContext> _inner;

    public CafDbContextFactory(IDbContextFactory<TContext> inner)
    {
        _inner = Guard.Against.Null(inner);
    }

    public CafDbContext CreateDbContext() => _inner.CreateDbContext();
}
