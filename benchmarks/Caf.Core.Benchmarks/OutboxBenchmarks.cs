using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Caf.Core.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Outbox dispatch throughput (issue 25) on a SQLite file (WAL, <c>UseSynchronousNormal</c>) and, when
/// CAF_BENCH_POSTGRES or CAF_TEST_POSTGRES is set, on a fresh PostgreSQL database (the <c>Postgres*</c> cases; left out
/// otherwise, see <see cref="Program"/>): each operation is one
/// event claimed, published to a publisher that does nothing, and marked delivered. Every iteration starts with
/// <see cref="Events"/> fresh pending events (100 episodes of 2 events, added in the setup, not measured); the dispatchers
/// (each its own <see cref="EpisodeOutbox{TContext}"/>, as separate hosts over one database) dispatch until none is
/// pending. Read the Mean as the time per delivered event (1 / Mean = events per second).
/// </summary>
[MemoryDiagnoser]
public class OutboxDispatchBenchmarks
{
    private const int Episodes = 100;
    private const int Events = Episodes * 2;
    private BenchStore _store = null!;
    private int _iteration;

    [GlobalSetup(Targets = [nameof(OneDispatcher), nameof(FourDispatchers)])]
    public void Setup() => _store = BenchStore.SqliteAsync(synchronousNormal: true).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(PostgresOneDispatcher), nameof(PostgresFourDispatchers)])]
    public void SetupPostgres() => _store = BenchStore.PostgresAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void AddPendingEvents()
    {
        _iteration++;
        for (var i = 0; i < Episodes; i++)
        {
            _store.Repository.AddAsync(_store.Consented($"ep-{_iteration}-{i}", $"child-{_iteration}-{i}")).GetAwaiter().GetResult().ThrowIfRefused();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "SQLite (WAL, NORMAL): 1 dispatcher")]
    public Task OneDispatcher() => DispatchAllAsync(1);

    [Benchmark(OperationsPerInvoke = Events, Description = "SQLite (WAL, NORMAL): 4 dispatchers at once")]
    public Task FourDispatchers() => DispatchAllAsync(4);

    [Benchmark(OperationsPerInvoke = Events, Description = "PostgreSQL: 1 dispatcher")]
    public Task PostgresOneDispatcher() => DispatchAllAsync(1);

    [Benchmark(OperationsPerInvoke = Events, Description = "PostgreSQL: 4 dispatchers at once")]
    public Task PostgresFourDispatchers() => DispatchAllAsync(4);

    private Task DispatchAllAsync(int dispatchers)
    {
        var services = _store.Services!;
        var contexts = services.GetRequiredService<IDbContextFactory<CafDbContext>>();
        var runs = Enumerable.Range(0, dispatchers).Select(_ => Task.Run(async () =>
        {
            var outbox = new EpisodeOutbox<CafDbContext>(contexts, NothingPublisher.Instance, TimeProvider.System, new CafOutboxOptions());
            while (await outbox.CountPendingAsync() > 0)
            {
                await outbox.DispatchPendingAsync();
            }
        }));
        return Task.WhenAll(runs);
    }

    private sealed class NothingPublisher : IEpisodeEventPublisher
    {
        public static readonly NothingPublisher Instance = new();

        public ValueTask PublishAsync(EpisodeEventEnvelope envelope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
