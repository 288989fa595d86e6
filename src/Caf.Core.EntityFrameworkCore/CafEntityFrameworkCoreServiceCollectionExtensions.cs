using System;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

// Conventional namespace for registration extensions, so hosts find them without a using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the EF Core store: <c>services.AddCafCore().AddCafEntityFrameworkCore(o =&gt; o.UseSqlite("Data Source=caf.db"))</c>,
/// with the database chosen by a database package (Caf.Core.EntityFrameworkCore.Sqlite or Caf.Core.EntityFrameworkCore.PostgreSQL).
/// </summary>
public static class CafEntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CafDbContext"/> on the chosen database (the database package's context, with its migrations;
    /// contexts are pooled), and over it the
    /// <see cref="IEpisodeRepository"/> (which is also the <see cref="IEpisodeReportStore"/>, the report read model kept in
    /// the same save), the <see cref="IPanelBookingStore"/>, the <see cref="ISharingAuditLog"/> (and, unless the host
    /// registered its own, the <see cref="IFamilySharingViewSource"/> over the same table, LAW-01), the read audit
    /// (<see cref="Caf.Core.Reads.IReadAuditLog"/>, LAW-04, unless the host registered its own) and the
    /// <see cref="EpisodeOutbox{TContext}"/> (which needs the host's <see cref="IEpisodeEventPublisher"/> when it is used).
    /// Registered after an in-memory store, these win. The report rows are computed by the registered
    /// <see cref="IEpisodeReportProjector"/> (<c>AddCafCore</c> registers one; <c>AddCafReportReadModel</c> supplies the
    /// agencies' settings), or, without one, over the default thresholds framework with every setting
    /// <see cref="InitiatingSetting.Other"/>. Create or upgrade the database with <see cref="MigrateCafDatabaseAsync"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses the database (<c>o.UseSqlite(...)</c> from Caf.Core.EntityFrameworkCore.Sqlite or
    /// <c>o.UseNpgsql(...)</c> from Caf.Core.EntityFrameworkCore.PostgreSQL) and outbox settings.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">No database was chosen, or an outbox setting is out of range.</exception>
    public static IServiceCollection AddCafEntityFrameworkCore(this IServiceCollection services, Action<CafEntityFrameworkCoreOptions> configure)
    {
        Guard.Against.Null(services);
        Guard.Against.Null(configure);
        var options = new CafEntityFrameworkCoreOptions();
        configure(options);
        options.Outbox.Validate();
        if (options.Database is not { } database)
        {
            throw new ArgumentException(
                "Choose a database: o.UseSqlite(...) from the Caf.Core.EntityFrameworkCore.Sqlite package, or o.UseNpgsql(...) from Caf.Core.EntityFrameworkCore.PostgreSQL.",
                nameof(configure));
        }

        var extra = options.ExtraConfiguration;
        if (options.RowLevelSecurity)
        {
            // Issue 29: caf.authority on every connection (the interceptor does nothing on another database than PostgreSQL).
            var host = extra;
            extra = b =>
            {
                b.AddInterceptors(new AuthoritySettingInterceptor());
                host?.Invoke(b);
            };
        }

        database.AddContext(services, extra);
        services.AddSingleton(database);
        AddStore<CafDbContext>(services, options.Outbox);
        services.AddSingleton(new CafStoreSettings(options.RowLevelSecurity));
        if (options.PerAuthorityStores)
        {
            services.AddCafAuthorityStores<CafDbContext>();
        }

        return services;
    }

    /// <summary>
    /// Registers the store over the host's own context, whose model calls
    /// <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/> and whose <see cref="IDbContextFactory{TContext}"/>
    /// the host registers (<c>AddDbContextFactory&lt;TContext&gt;</c>). The host writes and applies its own migrations.
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCafEntityFrameworkCore<TContext>(this IServiceCollection services)
        where TContext : DbContext
        => AddCafEntityFrameworkCore<TContext>(services, _ => { });

    /// <summary>As <see cref="AddCafEntityFrameworkCore{TContext}(IServiceCollection)"/>, with outbox settings.</summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configureOutbox">Changes to the outbox settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCafEntityFrameworkCore<TContext>(this IServiceCollection services, Action<CafOutboxOptions> configureOutbox)
        where TContext : DbContext
    {
        Guard.Against.Null(services);
        Guard.Against.Null(configureOutbox);
        var outbox = new CafOutboxOptions();
        configureOutbox(outbox);
        outbox.Validate();
        AddStore<TContext>(services, outbox);
        return services;
    }

    /// <summary>
    /// Adds a hosted background service that calls <see cref="EpisodeOutbox{TContext}.DispatchPendingAsync"/> every
    /// <see cref="CafOutboxOptions.PollInterval"/> (for <see cref="CafDbContext"/>). Register an <see cref="IEpisodeEventPublisher"/>.
    /// With per-authority stores (<c>o.PerAuthority()</c>), it dispatches and purges the outbox of every authority
    /// <c>CafAuthorities</c> lists, one after the other, each under its own authority (docs/authorities.md "Operations"); one
    /// authority's failure is logged and does not hold up the others.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCafOutboxDispatcher(this IServiceCollection services) => AddCafOutboxDispatcher<CafDbContext>(services);

    /// <summary>As <see cref="AddCafOutboxDispatcher(IServiceCollection)"/>, for the host's own context.</summary>
    /// <typeparam name="TContext">The context the store was registered with.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCafOutboxDispatcher<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        Guard.Against.Null(services);
        services.AddHostedService(sp => new OutboxDispatcherService<TContext>(
            HostAuthorities.Outboxes<TContext>(sp), sp.GetRequiredService<CafOutboxOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Adds a hosted service that removes delivered outbox rows past <see cref="CafOutboxOptions.DeliveredRetention"/> every
    /// <see cref="CafOutboxOptions.PollInterval"/>, without dispatching and without a publisher (for <see cref="CafDbContext"/>):
    /// for a host whose events are dispatched by another process or by its own loop. A host that registers
    /// <see cref="AddCafOutboxDispatcher(IServiceCollection)"/> needs it not (the dispatcher purges too). With per-authority
    /// stores, it purges every authority <c>CafAuthorities</c> lists, each under its own authority.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCafOutboxPurge(this IServiceCollection services) => AddCafOutboxPurge<CafDbContext>(services);

    /// <summary>As <see cref="AddCafOutboxPurge(IServiceCollection)"/>, for the host's own context.</summary>
    /// <typeparam name="TContext">The context the store was registered with.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCafOutboxPurge<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        Guard.Against.Null(services);
        services.AddHostedService(sp => new OutboxPurgeService<TContext>(
            Scoped<TContext>(sp, AuthorityId.Default), HostAuthorities.Stores<TContext>(sp), sp.GetRequiredService<CafOutboxOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>()));
        return services;
    }

    /// <summary>
    /// Creates the database or applies the migrations it lacks (<see cref="CafDbContext"/> only), then runs the database
    /// package's own step (<see cref="CafDatabaseProvider.AfterMigrationsAsync"/>: on SQLite, the file is switched to
    /// write-ahead logging). Safe to call at every start. The migrations applied are logged
    /// (<see cref="CafStoreLogEvents.MigrationsApplied"/>) when an <see cref="ILoggerFactory"/> is registered.
    /// </summary>
    /// <param name="services">The built service provider.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public static async Task MigrateCafDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(services);
        var factory = services.GetRequiredService<IDbContextFactory<CafDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count > 0 && services.GetService<ILoggerFactory>() is { } logs)
        {
            StoreLog.MigrationsApplied(logs.CreateLogger(CafStoreLogEvents.Category), pending.Count, string.Join(", ", pending));
        }

        if (services.GetService<CafDatabaseProvider>() is { } database)
        {
            await database.AfterMigrationsAsync(db, cancellationToken).ConfigureAwait(false);
        }

        if (services.GetService<CafStoreSettings>() is { RowLevelSecurity: true } && AuthoritySettingInterceptor.IsPostgreSql(db))
        {
            await db.Database.ExecuteSqlRawAsync(RowLevelSecurity.Script(), cancellationToken).ConfigureAwait(false); // issue 29
        }
    }

    private static void AddStore<TContext>(IServiceCollection services, CafOutboxOptions outbox)
        where TContext : DbContext
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(outbox);
        // Issue 29: the single-authority stores serve the default authority (a host of several uses PerAuthority()). The audit
        // logs are built before the policy (the policy's sharing service and read audit are them), so none of these asks the
        // policy for its authority; the repository checks that the policy is the default authority's.
        services.AddSingleton(sp => new EntityFrameworkEpisodeRepository<TContext>(
            Scoped<TContext>(sp, AuthorityId.Default), DefaultAuthorityPolicy(sp),
            sp.GetService<IEpisodeReportProjector>()
                ?? new EpisodeReportProjector(new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other),
            outbox, sp.GetService<IMeterFactory>(), sp.GetService<ILoggerFactory>()));
        services.AddSingleton<IEpisodeRepository>(sp => sp.GetRequiredService<EntityFrameworkEpisodeRepository<TContext>>());
        services.AddSingleton<IEpisodeReportStore>(sp => sp.GetRequiredService<EntityFrameworkEpisodeRepository<TContext>>());
        services.AddSingleton(sp => new EntityFrameworkPanelBookingStore<TContext>(Scoped<TContext>(sp, AuthorityId.Default), AuthorityId.Default));
        services.AddSingleton<IPanelBookingStore>(sp => sp.GetRequiredService<EntityFrameworkPanelBookingStore<TContext>>());
        services.AddSingleton(sp => new EntityFrameworkSharingAuditLog<TContext>(Scoped<TContext>(sp, AuthorityId.Default), AuthorityId.Default));
        services.AddSingleton<ISharingAuditLog>(sp => sp.GetRequiredService<EntityFrameworkSharingAuditLog<TContext>>());
        // LAW-01: the family's view of the hand-overs, from the table (which the store writes whatever log the host registered).
        services.TryAddSingleton<IFamilySharingViewSource>(sp => sp.GetRequiredService<EntityFrameworkSharingAuditLog<TContext>>());
        services.AddSingleton(sp => new EntityFrameworkReadAuditLog<TContext>(Scoped<TContext>(sp, AuthorityId.Default), AuthorityId.Default));
        services.TryAddSingleton<Caf.Core.Reads.IReadAuditLog>(sp => sp.GetRequiredService<EntityFrameworkReadAuditLog<TContext>>()); // LAW-04
        services.AddSingleton(sp => new EpisodeOutbox<TContext>(
            Scoped<TContext>(sp, AuthorityId.Default), sp.GetRequiredService<IEpisodeEventPublisher>(),
            sp.GetRequiredService<TimeProvider>(), outbox, AuthorityId.Default, sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>()));
    }

    private static EpisodePolicy DefaultAuthorityPolicy(IServiceProvider sp)
    {
        var policy = sp.GetRequiredService<EpisodePolicy>();
        if (policy.Authority != AuthorityId.Default)
        {
            throw new InvalidOperationException(
                $"The registered EpisodePolicy belongs to authority '{policy.Authority}', and AddCafEntityFrameworkCore's single-authority stores serve the default authority. " +
                "Declare the authority with AddCafAuthority and register the stores with o.PerAuthority() (docs/authorities.md).");
        }

        return policy;
    }

    internal static IDbContextFactory<TContext> Scoped<TContext>(IServiceProvider sp, AuthorityId authority)
        where TContext : DbContext =>
        new AuthorityContexts<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>(), authority);
}
