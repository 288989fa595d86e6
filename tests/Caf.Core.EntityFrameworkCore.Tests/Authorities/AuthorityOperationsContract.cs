using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

/// <summary>
/// Issue 29, the host-wide services of a host of three declared authorities (<c>AddCafAuthority</c>, <c>o.PerAuthority()</c>):
/// the hosted dispatcher and purge, the store's metrics and spans, the outbox gauges and the health checks each serve every
/// authority under its own scope, so PostgreSQL row-level security (the RLS subclass) shows each its rows. Expected values
/// are written by hand or come from what the test itself added.
/// </summary>
public abstract partial class AuthorityOperationsContract : IAsyncLifetime
{
    protected static readonly AuthorityId Leeds = new("leeds");
    protected static readonly AuthorityId York = new("york");
    protected static readonly AuthorityId Hull = new("hull");

    private TestDatabase? _database;
    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected AuthorityPublisher Publisher { get; } = new();

    protected AuthorityOutage Outage { get; } = new();

    protected CapturingLogs Logs { get; } = new();

    protected MetricRecorder Metrics { get; } = new(new TestMeterFactory());

    protected IServiceProvider Services => _services!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Further store options (the row-level-security subclass turns it on).</summary>
    protected virtual void Configure(CafEntityFrameworkCoreOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(Logs);
        services.AddLogging(); // ILogger<T> over Logs (the health checks' hosted publisher needs one)
        services.AddSingleton<System.Diagnostics.Metrics.IMeterFactory>(Metrics.Factory);
        services.AddSingleton<IEpisodeEventPublisher>(Publisher);
        services.AddCafAuthority("leeds", _ => { });
        services.AddCafAuthority("york", a => a.Options(o => o.Retention.RetentionYears = 7));
        services.AddCafAuthority("hull", a => a.Options(o => o.Retention.RetentionYears = 10));
        services.AddCafEntityFrameworkCore(o =>
        {
            _database.Use(o);
            o.PerAuthority();
            o.Outbox.MaxAttempts = 2;
            o.ConfigureDbContext(b => b.AddInterceptors(Outage));
            Configure(o);
        });
        services.AddCafOutboxDispatcher();
        services.AddCafOutboxPurge();
        services.AddHealthChecks().AddCafEntityFrameworkCoreHealthChecks(o => o.MaxPendingAge = TimeSpan.FromMinutes(10));
        _services = services.BuildServiceProvider(validateScopes: true);
        await _services.MigrateCafDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        Metrics.Dispose();
    }

    protected IEpisodeRepository Repository(AuthorityId authority) => Services.GetRequiredKeyedService<IEpisodeRepository>(authority);

    protected EpisodeOutbox<CafDbContext> Outbox(AuthorityId authority) => Services.GetRequiredKeyedService<EpisodeOutbox<CafDbContext>>(authority);

    protected CafEpisode Opened(AuthorityId authority, string id, string child = "child-001") =>
        Identified(Services.GetRequiredKeyedService<EpisodePolicy>(authority), id, child);

    private OutboxDispatcherService<CafDbContext> Dispatcher =>
        Services.GetServices<IHostedService>().OfType<OutboxDispatcherService<CafDbContext>>().Single();

    private OutboxPurgeService<CafDbContext> Purge =>
        Services.GetServices<IHostedService>().OfType<OutboxPurgeService<CafDbContext>>().Single();

    /// <summary>The context factory the stores of the authority use (contexts marked with it, for row-level security).</summary>
    protected IDbContextFactory<CafDbContext> Contexts(AuthorityId authority) =>
        CafEntityFrameworkCoreServiceCollectionExtensions.Scoped<CafDbContext>(Services, authority);

    /// <summary>Leeds one episode, York two, Hull one: one event each, waiting in the outbox, dated <see cref="Start"/>.</summary>
    protected async Task AddEpisodesAsync()
    {
        Ok(await Repository(Leeds).AddAsync(Opened(Leeds, "ep-1")));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1")));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-2", child: "child-002")));
        Ok(await Repository(Hull).AddAsync(Opened(Hull, "ep-1", child: "child-003")));
    }

    /// <summary>The authority's outbox rows as (episode, delivered, dead-lettered, attempts), read under its own scope.</summary>
    protected async Task<List<(string Episode, bool Delivered, bool DeadLettered, int Attempts)>> RowsAsync(AuthorityId authority)
    {
        await using var db = await Contexts(authority).CreateDbContextAsync();
        var rows = await db.Set<OutboxRow>().AsNoTracking().Where(r => r.Authority == authority).OrderBy(r => r.EpisodeId).ToListAsync();
        return [.. rows.Select(r => (r.EpisodeId.Value, r.DispatchedAt != null, r.DeadLetteredAt != null, r.Attempts))];
    }

    [StoreFact]
    public async Task The_hosted_dispatcher_delivers_every_declared_authoritys_events_each_under_its_own_authority()
    {
        await AddEpisodesAsync();

        await Dispatcher.TickAsync(CancellationToken.None);

        Assert.Equal([Leeds, York, Hull], Dispatcher.Outboxes.Select(o => o.Authority));
        Assert.Equal(["hull ep-1", "leeds ep-1", "york ep-1", "york ep-2"],
            Publisher.Delivered.Select(e => $"{e.Authority} {e.Episode}").Order(StringComparer.Ordinal));
        Assert.Equal([("ep-1", true, false, 1)], await RowsAsync(Leeds));
        Assert.Equal([("ep-1", true, false, 1), ("ep-2", true, false, 1)], await RowsAsync(York));
        Assert.Equal([("ep-1", true, false, 1)], await RowsAsync(Hull));
    }

    [StoreFact]
    public async Task One_authoritys_failing_publisher_and_another_authoritys_poisoned_event_hold_up_no_other_authority()
    {
        await AddEpisodesAsync();
        Publisher.FailingFor = Leeds; // Leeds's consumer is down
        // York's ep-2 event poisoned: a payload no reader understands (its later events would wait for it; other episodes do not).
        await using (var york = await Contexts(York).CreateDbContextAsync())
        {
            Assert.Equal(1, await york.Set<OutboxRow>().Where(r => r.Authority == York && r.EpisodeId == new EpisodeId("ep-2"))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Payload, "{\"type\":\"no-such-event\"}")));
        }

        await Dispatcher.TickAsync(CancellationToken.None);

        Assert.Equal(["hull ep-1", "york ep-1"], Publisher.Delivered.Select(e => $"{e.Authority} {e.Episode}").Order(StringComparer.Ordinal));
        Assert.Equal([("ep-1", false, false, 1)], await RowsAsync(Leeds));
        Assert.Equal([("ep-1", true, false, 1), ("ep-2", false, false, 1)], await RowsAsync(York));

        // The second attempt (MaxAttempts 2) dead-letters both; a new Hull event is delivered in the same tick.
        Time.Advance(TimeSpan.FromHours(1));
        Ok(await Repository(Hull).AddAsync(Opened(Hull, "ep-2", child: "child-002")));
        await Dispatcher.TickAsync(CancellationToken.None);

        Assert.Equal([("ep-1", false, true, 2)], await RowsAsync(Leeds));
        Assert.Equal([("ep-1", true, false, 1), ("ep-2", false, true, 2)], await RowsAsync(York));
        Assert.Equal([("ep-1", true, false, 1), ("ep-2", true, false, 1)], await RowsAsync(Hull));
    }

    [StoreFact]
    public async Task One_authoritys_database_failure_is_logged_with_its_authority_and_the_others_are_dispatched()
    {
        await AddEpisodesAsync();
        Outage.Of = Leeds; // every connection Leeds's stores open fails (Leeds is dispatched first)

        await Dispatcher.TickAsync(CancellationToken.None);

        Assert.Equal(["hull ep-1", "york ep-1", "york ep-2"], Publisher.Delivered.Select(e => $"{e.Authority} {e.Episode}").Order(StringComparer.Ordinal));
        var failed = Logs.Entries.Where(e => e.EventId is CafOutboxLogEvents.DispatchFailed or CafOutboxLogEvents.PurgeFailed).ToList();
        Assert.Equal([CafOutboxLogEvents.DispatchFailed, CafOutboxLogEvents.PurgeFailed], failed.Select(e => e.EventId));
        Assert.All(failed, e => Assert.Contains("authority leeds", e.Message, StringComparison.Ordinal));

        Outage.Of = null; // back: Leeds's event is delivered at the next tick
        await Dispatcher.TickAsync(CancellationToken.None);
        Assert.Equal([("ep-1", true, false, 1)], await RowsAsync(Leeds));
    }

    [StoreFact]
    public async Task The_hosted_purge_removes_each_authoritys_delivered_rows_past_their_retention_under_its_own_authority()
    {
        await AddEpisodesAsync();
        foreach (var authority in new[] { Leeds, York, Hull })
        {
            await Outbox(authority).DispatchPendingAsync();
        }

        Ok(await Repository(York).AddAsync(Opened(York, "ep-3", child: "child-003"))); // pending: never purged
        Assert.Equal(0, await Purge.TickAsync(CancellationToken.None)); // delivered, but not yet past the 7 days

        Time.Advance(TimeSpan.FromDays(8));
        Outage.Of = Leeds; // Leeds's purge fails, the others' go on

        Assert.Equal(3, await Purge.TickAsync(CancellationToken.None)); // York's two and Hull's one
        Assert.Equal([Leeds, York, Hull], Purge.Authorities);
        Assert.Contains(Logs.Entries, e => e.EventId == CafOutboxLogEvents.PurgeFailed && e.Message.Contains("authority leeds", StringComparison.Ordinal));
        Assert.Equal([("ep-3", false, false, 0)], await RowsAsync(York));
        Assert.Empty(await RowsAsync(Hull));

        Outage.Of = null;
        Assert.Equal(1, await Purge.TickAsync(CancellationToken.None));
        Assert.Empty(await RowsAsync(Leeds));
    }

    /// <summary>Runs one registered health check as the host's HealthCheckService would (its factory, in a scope).</summary>
    protected async Task<HealthCheckResult> CheckAsync(string name)
    {
        var registration = Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == name);
        await using var scope = Services.CreateAsyncScope();
        return await registration.Factory(scope.ServiceProvider).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }
}

/// <summary>A publisher that records what it delivered and throws for one authority's events while told to.</summary>
public sealed class AuthorityPublisher : IEpisodeEventPublisher
{
    public AuthorityId? FailingFor { get; set; }

    public ConcurrentQueue<EpisodeEventEnvelope> Delivered { get; } = new();

    public ValueTask PublishAsync(EpisodeEventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.Authority == FailingFor)
        {
            throw new InvalidOperationException("The consumer is down.");
        }

        Delivered.Enqueue(envelope);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Fails every connection a context of one authority opens, while set (an outage of that authority's database scope).</summary>
public sealed class AuthorityOutage : DbConnectionInterceptor
{
    public AuthorityId? Of { get; set; }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Fail(eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Fail(eventData);
        return ValueTask.FromResult(result);
    }

    private void Fail(ConnectionEventData eventData)
    {
        if (Of is { } authority && eventData.Context is CafDbContext { ScopedAuthority: { } scoped } && scoped == authority)
        {
            throw new InvalidOperationException($"Simulated outage of authority '{authority}'.");
        }
    }
}

public sealed class SqliteAuthorityOperationsTests : AuthorityOperationsContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases (.ci/run does)")]
public sealed class PostgresAuthorityOperationsTests : AuthorityOperationsContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}

/// <summary>The same with row-level security on, the stores connected as a role the policies hold: a service that read
/// under no authority would see no row at all.</summary>
[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases and roles (.ci/run does)")]
public sealed class PostgresRowLevelSecurityOperationsTests : AuthorityOperationsContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await RlsTestDatabase.CreateAsync();

    protected override void Configure(CafEntityFrameworkCoreOptions options) => options.UsePostgresRowLevelSecurity();
}
