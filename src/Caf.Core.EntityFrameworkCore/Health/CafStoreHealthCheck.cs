using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.EntityFrameworkCore.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Health of the episode store: the database answers, and every migration the package ships is applied (none pending).
/// Registered as <see cref="CafEntityFrameworkCoreHealthChecks.StoreCheckName"/> by
/// <see cref="CafEntityFrameworkCoreHealthChecks.AddCafEntityFrameworkCoreHealthChecks{TContext}"/>; in a host with
/// per-authority stores, the registered check also reads each declared authority's episodes under that authority (data
/// <c>{authority}.hasEpisodes</c>; with PostgreSQL row-level security, a scope that shows an authority nothing reads
/// <c>false</c>), and is unhealthy when an authority's rows cannot be read (docs/authorities.md "Operations").
/// </summary>
/// <typeparam name="TContext">The store's context.</typeparam>
/// <threadsafety>Thread-safe: a context per check.</threadsafety>
[Immutable]
public sealed class CafStoreHealthCheck<TContext> : IHealthCheck
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly IReadOnlyList<AuthorityStore<TContext>> _authorities = [];

    /// <summary>Creates the check.</summary>
    /// <param name="contexts">Creates a context per check.</param>
    public CafStoreHealthCheck(IDbContextFactory<TContext> contexts)
    {
        _contexts = Guard.Against.Null(contexts);
    }

    /// <summary>The check of a host of several authorities: the database, then each authority's rows under its own scope.</summary>
    internal CafStoreHealthCheck(IDbContextFactory<TContext> contexts, IReadOnlyList<AuthorityStore<TContext>> authorities)
        : this(contexts)
    {
        _authorities = Guard.Against.Null(authorities);
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
            if (pending.Count > 0)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"The episode store has {pending.Count} pending migration(s): {string.Join(", ", pending)}. Run MigrateCafDatabaseAsync.");
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The episode store's database cannot be read.", ex);
        }

        if (_authorities.Count == 0)
        {
            return HealthCheckResult.Healthy("The episode store is reachable and every migration is applied.");
        }

        // Issue 29: each authority's rows, read as that authority (one EXISTS each); one that cannot be read fails the check.
        var data = new Dictionary<string, object>();
        var unreadable = new List<string>();
        Exception? failure = null;
        foreach (var (authority, contexts) in _authorities)
        {
            try
            {
                await using var scoped = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                data[authority.Value + ".hasEpisodes"] = await scoped.Episodes(authority).AnyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                failure ??= ex;
                unreadable.Add($"'{authority}'");
            }
        }

        return unreadable.Count == 0
            ? HealthCheckResult.Healthy($"The episode store is reachable, every migration is applied, and each of the {_authorities.Count} authorities' rows can be read.", data)
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"The episode store's rows of authority {string.Join(", ", unreadable)} cannot be read.", failure, data);
    }
}
