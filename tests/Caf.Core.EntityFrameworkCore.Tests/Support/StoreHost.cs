using System;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>One "process": its own service provider, so its own connections, over a shared database.</summary>
public sealed class StoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public StoreHost(TestDatabase database, EpisodePolicy policy, FakeTimeProvider time, IEpisodeEventPublisher? publisher,
        Action<CafOutboxOptions>? outbox = null, ILoggerFactory? logs = null, IMeterFactory? meters = null, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddSingleton(logs);
        }

        if (meters is not null)
        {
            services.AddSingleton(meters);
        }

        services.AddSingleton(policy);
        services.AddSingleton<TimeProvider>(time);
        if (publisher is not null)
        {
            services.AddSingleton(publisher); // none: a host with no consumer of the events
        }

        services.AddSingleton<IEpisodeReportProjector>(Episodes.Projector);
        services.AddCafEntityFrameworkCore(o =>
        {
            database.Use(o);
            o.Outbox.RetryBaseDelay = TimeSpan.FromSeconds(10);
            o.Outbox.RetryMaxDelay = TimeSpan.FromMinutes(1);
            outbox?.Invoke(o.Outbox);
            o.ConfigureDbContext(b => b
                .AddInterceptors(Fault, Commands, Spans, SaveChangesCalls)
                // Anything EF Core would do in memory or nondeterministically is an error in the tests.
                .ConfigureWarnings(w => w.Throw(
                    CoreEventId.RowLimitingOperationWithoutOrderByWarning,
                    CoreEventId.FirstWithoutOrderByAndFilterWarning,
                    CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning,
                    RelationalEventId.MultipleCollectionIncludeWarning,
                    RelationalEventId.PendingModelChangesWarning)));
        });
        extra?.Invoke(services);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public CommitFault Fault { get; } = new();

    public CommandLog Commands { get; } = new();

    /// <summary>The SaveChanges calls of this host's contexts (issue 26: no save of the episode store makes one).</summary>
    public SaveChangesCount SaveChangesCalls { get; } = new();

    /// <summary>The activity current when each database command ran (where the provider's spans would start).</summary>
    public CommandSpans Spans { get; } = new();

    public IServiceProvider Services => _services;

    public IEpisodeRepository Repository => _services.GetRequiredService<IEpisodeRepository>();

    public EntityFrameworkEpisodeRepository<CafDbContext> Store => _services.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>();

    public EntityFrameworkSharingAuditLog<CafDbContext> Audit => _services.GetRequiredService<EntityFrameworkSharingAuditLog<CafDbContext>>();

    public IEpisodeReportStore Reports => _services.GetRequiredService<IEpisodeReportStore>();

    public IPanelBookingStore Bookings => _services.GetRequiredService<IPanelBookingStore>();

    public EpisodeOutbox<CafDbContext> Outbox => _services.GetRequiredService<EpisodeOutbox<CafDbContext>>();

    public CafDbContext NewContext() => _services.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContext();

    public Task MigrateAsync() => _services.MigrateCafDatabaseAsync();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
