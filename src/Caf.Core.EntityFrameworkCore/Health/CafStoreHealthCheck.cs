using System;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Health of the episode store: the database answers, and every migration the package ships is applied (none pending).
/// Registered as <see cref="CafEntityFrameworkCoreHealthChecks.StoreCheckName"/> by
/// <see cref="CafEntityFrameworkCoreHealthChecks.AddCafEntityFrameworkCoreHealthChecks{TContext}"/>.
/// </summary>
/// <typeparam name="TContext">The store's context.</typeparam>
/// <threadsafety>Thread-safe: a context per check.</threadsafety>
[Immutable]
public sealed class CafStoreHealthCheck<TContext> : IHealthCheck
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the check.</summary>
    /// <param name="contexts">Creates a context per check.</param>
    public CafStoreHealthCheck(IDbContextFactory<TContext> contexts)
    {
        _contexts = Guard.Against.Null(contexts);
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(context);
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The episode store's database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The episode store is reachable and every migration is applied.")
                : new HealthCheckResult(context.Registration.FailureStatus,
                    $"The episode store has {pending.Count} pending migration(s): {string.Join(", ", pending)}. Run MigrateCafDatabaseAsync.");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The episode store's database cannot be read.", ex);
        }
    }
}
