using System;
using System.Diagnostics.Metrics;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

// Conventional namespace for registration extensions, so hosts find them without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The stores of a host of several authorities (issue 29, docs/authorities.md): keyed services for any key, the key being
/// the <see cref="AuthorityId"/>.
/// </summary>
public static class CafAuthorityStoresServiceCollectionExtensions
{
    /// <summary>
    /// Registers, for <see cref="KeyedService.AnyKey"/>, the stores of one authority per key (an <see cref="AuthorityId"/>):
    /// <see cref="IEpisodeRepository"/>, <see cref="IEpisodeReportStore"/>, <see cref="IEpisodeStoreVerifier"/>,
    /// <see cref="IChildIdentifierLookup"/> (one <see cref="EntityFrameworkEpisodeRepository{TContext}"/> per authority),
    /// <see cref="IPanelBookingStore"/>, <see cref="ISharingAuditLog"/>, <see cref="IReadAuditLog"/> and
    /// <see cref="EpisodeOutbox{TContext}"/>, each reading and writing that authority's rows only. The repository takes
    /// <c>GetRequiredKeyedService&lt;EpisodePolicy&gt;(authority)</c> (whose <see cref="EpisodePolicy.Authority"/> must be
    /// the key) and the keyed <see cref="IEpisodeReportProjector"/> when there is one (else the unkeyed one, else the
    /// default thresholds framework). <c>o.PerAuthority()</c> calls it for <see cref="CafDbContext"/>; a host with its own
    /// context calls it after <c>AddCafEntityFrameworkCore&lt;TContext&gt;()</c>. The keyed repository and outbox are metered
    /// like the single-authority ones (with the host's <see cref="IMeterFactory"/>), each measurement and span tagged with the
    /// authority (<see cref="CafStoreTelemetry.AuthorityTag"/>). The hosted dispatcher and purge
    /// (<c>AddCafOutboxDispatcher</c>, <c>AddCafOutboxPurge</c>) and the health checks then serve every authority
    /// <c>CafAuthorities</c> lists, each under its own scope (docs/authorities.md "Operations").
    /// </summary>
    /// <typeparam name="TContext">The store's context (its factory registered).</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">On resolution: a key that is not a valid <see cref="AuthorityId"/>, or a keyed
    /// policy of another authority than its key.</exception>
    public static IServiceCollection AddCafAuthorityStores<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        Guard.Against.Null(services);
        services.AddKeyedSingleton(KeyedService.AnyKey, (sp, key) =>
        {
            var authority = AuthorityOf(key);
            var policy = sp.GetRequiredKeyedService<EpisodePolicy>(key);
            if (policy.Authority != authority)
            {
                throw new ArgumentException($"The EpisodePolicy registered for authority '{authority}' belongs to authority '{policy.Authority}'.", nameof(key));
            }

            return new EntityFrameworkEpisodeRepository<TContext>(
                Contexts<TContext>(sp, authority), policy,
                sp.GetKeyedService<IEpisodeReportProjector>(key) ?? sp.GetService<IEpisodeReportProjector>()
                    ?? new EpisodeReportProjector(new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other),
                sp.GetService<CafOutboxOptions>(), sp.GetService<IMeterFactory>(), sp.GetService<ILoggerFactory>());
        });
        services.AddKeyedSingleton<IEpisodeRepository>(KeyedService.AnyKey, (sp, key) => sp.GetRequiredKeyedService<EntityFrameworkEpisodeRepository<TContext>>(key));
        services.AddKeyedSingleton<IEpisodeReportStore>(KeyedService.AnyKey, (sp, key) => sp.GetRequiredKeyedService<EntityFrameworkEpisodeRepository<TContext>>(key));
        services.AddKeyedSingleton<IEpisodeStoreVerifier>(KeyedService.AnyKey, (sp, key) => sp.GetRequiredKeyedService<EntityFrameworkEpisodeRepository<TContext>>(key));
        services.AddKeyedSingleton<IChildIdentifierLookup>(KeyedService.AnyKey, (sp, key) => sp.GetRequiredKeyedService<EntityFrameworkEpisodeRepository<TContext>>(key));
        services.AddKeyedSingleton<IPanelBookingStore>(KeyedService.AnyKey, (sp, key) =>
            new EntityFrameworkPanelBookingStore<TContext>(Contexts<TContext>(sp, AuthorityOf(key)), Declared(sp, key)));
        services.AddKeyedSingleton<ISharingAuditLog>(KeyedService.AnyKey, (sp, key) =>
            new EntityFrameworkSharingAuditLog<TContext>(Contexts<TContext>(sp, AuthorityOf(key)), Declared(sp, key)));
        services.AddKeyedSingleton<IReadAuditLog>(KeyedService.AnyKey, (sp, key) =>
            new EntityFrameworkReadAuditLog<TContext>(Contexts<TContext>(sp, AuthorityOf(key)), Declared(sp, key)));
        services.AddKeyedSingleton(KeyedService.AnyKey, (sp, key) => new EpisodeOutbox<TContext>(
            Contexts<TContext>(sp, AuthorityOf(key)), sp.GetRequiredService<IEpisodeEventPublisher>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<CafOutboxOptions>() ?? new CafOutboxOptions(),
            Declared(sp, key), sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<PerAuthorityStores<TContext>>();
        return services;
    }

    private static IDbContextFactory<TContext> Contexts<TContext>(IServiceProvider sp, AuthorityId authority)
        where TContext : DbContext =>
        CafEntityFrameworkCoreServiceCollectionExtensions.Scoped<TContext>(sp, authority);

    // The key as an authority, once a keyed policy is registered for it (so an undeclared authority resolves nothing). The
    // policy is not built here: the policy's own sharing service and read audit are these logs, so building it would be a
    // cycle (docs/authorities.md).
    private static AuthorityId Declared(IServiceProvider sp, object? key)
    {
        var authority = AuthorityOf(key);
        if (sp.GetService<IServiceProviderIsKeyedService>() is { } keyed && !keyed.IsKeyedService(typeof(EpisodePolicy), key))
        {
            throw new InvalidOperationException($"No EpisodePolicy is registered for authority '{authority}': declare it with AddCafAuthority (docs/authorities.md).");
        }

        return authority;
    }

    private static AuthorityId AuthorityOf(object? key) => key is AuthorityId { IsDefault: false } authority
        ? authority
        : throw new ArgumentException($"The Caf.Core stores are keyed by AuthorityId, not by '{key}'.", nameof(key));
}
