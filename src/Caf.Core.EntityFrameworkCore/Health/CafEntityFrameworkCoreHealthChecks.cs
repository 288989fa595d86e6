using System;
using System.Collections.Generic;
using Ardalis.GuardClauses;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Registers the episode store's health checks on a host's <see cref="IHealthChecksBuilder"/>
/// (<c>services.AddHealthChecks().AddCafEntityFrameworkCoreHealthChecks()</c>): <see cref="StoreCheckName"/>, the database
/// reachable with every migration applied, and <see cref="OutboxCheckName"/>, the oldest undelivered event under a threshold.
/// In a host with per-authority stores (<c>o.PerAuthority()</c>), both read every authority <c>CafAuthorities</c> lists, each
/// under its own scope, with one data item per authority (docs/authorities.md "Operations").
/// </summary>
public static class CafEntityFrameworkCoreHealthChecks
{
    /// <summary>The name of the store check (<see cref="CafStoreHealthCheck{TContext}"/>).</summary>
    public const string StoreCheckName = "caf-store";

    /// <summary>The name of the outbox check (<see cref="CafOutboxHealthCheck{TContext}"/>).</summary>
    public const string OutboxCheckName = "caf-outbox";

    /// <summary>The tag both checks carry (filter on it, e.g. for a readiness endpoint).</summary>
    public const string Tag = "caf";

    /// <summary>Adds both checks over the package's <see cref="CafDbContext"/> (registered by <c>AddCafEntityFrameworkCore</c>).</summary>
    /// <param name="builder">The host's health-checks builder.</param>
    /// <param name="configure">Sets the outbox threshold (<see cref="CafOutboxHealthOptions.MaxPendingAge"/>, 5 minutes unless set).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddCafEntityFrameworkCoreHealthChecks(this IHealthChecksBuilder builder, Action<CafOutboxHealthOptions>? configure = null) =>
        AddCafEntityFrameworkCoreHealthChecks<CafDbContext>(builder, configure);

    /// <summary>Adds both checks over a host's own context (one registered with <c>AddCafEntityFrameworkCore&lt;TContext&gt;</c>).</summary>
    /// <typeparam name="TContext">The store's context; its <see cref="IDbContextFactory{TContext}"/> must be registered.</typeparam>
    /// <param name="builder">The host's health-checks builder.</param>
    /// <param name="configure">Sets the outbox threshold (<see cref="CafOutboxHealthOptions.MaxPendingAge"/>, 5 minutes unless set).</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The threshold set is not positive.</exception>
    public static IHealthChecksBuilder AddCafEntityFrameworkCoreHealthChecks<TContext>(this IHealthChecksBuilder builder, Action<CafOutboxHealthOptions>? configure = null)
        where TContext : DbContext
    {
        Guard.Against.Null(builder);
        var options = new CafOutboxHealthOptions();
        configure?.Invoke(options);
        Guard.Against.NegativeOrZero(options.MaxPendingAge, nameof(configure));
        IEnumerable<string> tags = [Tag];
        // Issue 29: with per-authority stores, every declared authority, each read under its own scope (row-level security);
        // a single-authority host's checks read as the default authority (the same rows as before authorities).
        builder.Add(new HealthCheckRegistration(StoreCheckName,
            sp => HostAuthorities.Stores<TContext>(sp) is { } authorities
                ? new CafStoreHealthCheck<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>(), authorities)
                : new CafStoreHealthCheck<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>()),
            HealthStatus.Unhealthy, tags));
        builder.Add(new HealthCheckRegistration(OutboxCheckName,
            sp => HostAuthorities.Stores<TContext>(sp) is { } authorities
                ? new CafOutboxHealthCheck<TContext>(authorities, sp.GetService<TimeProvider>() ?? TimeProvider.System, options)
                : new CafOutboxHealthCheck<TContext>(
                    CafEntityFrameworkCoreServiceCollectionExtensions.Scoped<TContext>(sp, AuthorityId.Default), sp.GetService<TimeProvider>() ?? TimeProvider.System, options),
            HealthStatus.Unhealthy, tags));
        return builder;
    }
}
