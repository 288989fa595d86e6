using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Issue 26: the EF store's command-saves against a dedicated event store, Marten 9's plain append, on the same PostgreSQL
/// server in the same run. 8 concurrent writers, each saving one event per save to its own streams: for the EF store
/// <c>StartAssessment</c> on a 2-event episode, then <c>UpdateAsync</c> (one transaction: the event row, the episode row
/// with its version and hash checks, the report row and the outbox row, as in <see cref="StoreSaveBenchmarks"/>); for
/// Marten a lightweight session per save, <c>session.Events.Append(stream, event)</c> (no expected version) and
/// <c>SaveChangesAsync</c>, on streams started with two events in the setup (Marten's defaults: string stream keys, the
/// rich append). 400 fresh streams or episodes per iteration, added in <c>[IterationSetup]</c> (not measured); each
/// database is new (created in the setup, dropped at the end). Mean = time per save (1 / Mean = saves per second). The
/// SQLite rows (1 writer, a WAL file) are the same EF save on the other database package. Issue 26 also: the same EF save
/// with Npgsql's automatic preparation (<c>Max Auto Prepare=20</c>) and with every save's command explicitly prepared
/// (<c>DbCommand.Prepare</c>, an interceptor); an add (<c>AddAsync</c> of a consented episode) and a 3-episode
/// <c>UpdateManyAsync</c> (<c>StartAssessment</c> on each) as one command, against the change-tracker save
/// (<c>SaveMode.Tracked</c>, what every add and multi-episode update was before) as their baselines.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PeerSaveBenchmarks
{
    private const int Batch = 400;
    private const int Writers = 8;
    private const int ManySaves = 133; // of 3 episodes each: 399 episodes an iteration
    private BenchStore? _store;
    private DocumentStore? _marten;
    private Func<ValueTask>? _dropMarten;
    private CafEpisode[] _episodes = [];
    private string[] _streams = [];
    private int _iteration;

    [GlobalSetup(Target = nameof(EfPostgres))]
    public void SetupEfPostgres() => _store = BenchStore.PostgresAsync().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(EfPostgresAutoPrepare))]
    public void SetupEfPostgresAutoPrepare() => _store = BenchStore.PostgresAsync(autoPrepare: true).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(EfPostgresExplicitPrepare))]
    public void SetupEfPostgresExplicitPrepare() => _store = BenchStore.PostgresAsync(explicitPrepare: true).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(AddTracked), nameof(AddOneCommand), nameof(ManyTracked), nameof(ManyOneCommand)])]
    public void SetupEfPostgresModes() => _store = BenchStore.PostgresAsync().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(EfSqlite))]
    public void SetupEfSqlite() => _store = BenchStore.SqliteAsync().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(EfSqliteNormal))]
    public void SetupEfSqliteNormal() => _store = BenchStore.SqliteAsync(synchronousNormal: true).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(MartenPostgres))]
    public void SetupMarten()
    {
        var admin = BenchStore.PostgresConnection ?? throw new InvalidOperationException("Set CAF_BENCH_POSTGRES or CAF_TEST_POSTGRES.");
        var name = $"caf_bench_marten_{Guid.NewGuid():N}";
        Execute(admin, $"CREATE DATABASE \"{name}\"");
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 32 }.ConnectionString;
        _marten = DocumentStore.For(o =>
        {
            o.Connection(cs);
            o.AutoCreateSchemaObjects = AutoCreate.All;
            o.Events.StreamIdentity = StreamIdentity.AsString; // the episodes' ids are strings too
        });
        _marten.Storage.ApplyAllConfiguredChangesToDatabaseAsync().GetAwaiter().GetResult();
        _dropMarten = () =>
        {
            NpgsqlConnection.ClearAllPools();
            Execute(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            return ValueTask.CompletedTask;
        };
    }

    [IterationSetup(Targets = [nameof(EfPostgres), nameof(EfPostgresAutoPrepare), nameof(EfPostgresExplicitPrepare), nameof(EfSqlite), nameof(EfSqliteNormal)])]
    public void AddEpisodes() => AddEpisodes(Batch);

    [IterationSetup(Targets = [nameof(ManyTracked), nameof(ManyOneCommand)])]
    public void AddEpisodesForMany() => AddEpisodes(3 * ManySaves);

    [IterationSetup(Targets = [nameof(AddTracked), nameof(AddOneCommand)])]
    public void BuildEpisodes()
    {
        _iteration++;
        _episodes = [.. Enumerable.Range(0, Batch).Select(i => _store!.Consented($"ep-{_iteration}-{i}", $"child-{_iteration}-{i}"))];
    }

    private void AddEpisodes(int count)
    {
        var store = _store!;
        _iteration++;
        _episodes = new CafEpisode[count];
        for (var i = 0; i < count; i++)
        {
            var e = store.Consented($"ep-{_iteration}-{i}", $"child-{_iteration}-{i}");
            store.Repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
            _episodes[i] = e;
        }
    }

    [IterationSetup(Target = nameof(MartenPostgres))]
    public void AddStreams()
    {
        _iteration++;
        _streams = new string[Batch];
        using var session = _marten!.LightweightSession();
        for (var i = 0; i < Batch; i++)
        {
            _streams[i] = $"ep-{_iteration}-{i}";
            session.Events.StartStream(_streams[i],
                new ConcernIdentified($"child-{_iteration}-{i}", "pr-teacher-jones", "Falling attendance and withdrawn in class.", BenchStore.Start),
                new ConsentRecorded("pr-teacher-jones", "Ms Smith", "Consent recorded with the family.", BenchStore.Start));
        }

        session.SaveChangesAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _marten?.Dispose();
        _dropMarten?.Invoke().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("PostgreSQL, 8 writers"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "Marten 9.62 plain append (Events.Append + SaveChangesAsync)")]
    public Task MartenPostgres() =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < _streams.Length; i += Writers)
            {
                await using var session = _marten!.LightweightSession();
                session.Events.Append(_streams[i], new AssessmentStarted("pr-teacher-jones", "The family agreed to an assessment.", BenchStore.Start));
                await session.SaveChangesAsync();
            }
        })));

    [BenchmarkCategory("PostgreSQL, 8 writers"), Benchmark(OperationsPerInvoke = Batch, Description = "EF store: StartAssessment + UpdateAsync")]
    public Task EfPostgres() => SaveAsync(Writers);

    [BenchmarkCategory("PostgreSQL, 8 writers"), Benchmark(OperationsPerInvoke = Batch, Description = "EF store, Max Auto Prepare=20: StartAssessment + UpdateAsync")]
    public Task EfPostgresAutoPrepare() => SaveAsync(Writers);

    [BenchmarkCategory("PostgreSQL, 8 writers"), Benchmark(OperationsPerInvoke = Batch, Description = "EF store, each save's command prepared (DbCommand.Prepare): StartAssessment + UpdateAsync")]
    public Task EfPostgresExplicitPrepare() => SaveAsync(Writers);

    [BenchmarkCategory("PostgreSQL add, 8 writers"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "EF store AddAsync, change tracker (before)")]
    public Task AddTracked() => AddAllAsync(SaveMode.Tracked);

    [BenchmarkCategory("PostgreSQL add, 8 writers"), Benchmark(OperationsPerInvoke = Batch, Description = "EF store AddAsync, one command")]
    public Task AddOneCommand() => AddAllAsync(SaveMode.OneCommand);

    [BenchmarkCategory("PostgreSQL 3-episode UpdateManyAsync, 8 writers"), Benchmark(Baseline = true, OperationsPerInvoke = ManySaves, Description = "EF store UpdateManyAsync of 3, change tracker (before)")]
    public Task ManyTracked() => SaveManyAsync(SaveMode.Tracked);

    [BenchmarkCategory("PostgreSQL 3-episode UpdateManyAsync, 8 writers"), Benchmark(OperationsPerInvoke = ManySaves, Description = "EF store UpdateManyAsync of 3, one command")]
    public Task ManyOneCommand() => SaveManyAsync(SaveMode.OneCommand);

    [BenchmarkCategory("SQLite, 1 writer"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "EF store on SQLite (WAL, synchronous=FULL): StartAssessment + UpdateAsync")]
    public Task EfSqlite() => SaveAsync(1);

    [BenchmarkCategory("SQLite, 1 writer"), Benchmark(OperationsPerInvoke = Batch, Description = "EF store on SQLite (WAL, UseSynchronousNormal): StartAssessment + UpdateAsync")]
    public Task EfSqliteNormal() => SaveAsync(1);

    private Task SaveAsync(int writers) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < _episodes.Length; i += writers)
            {
                var e = _episodes[i];
                e.StartAssessment(BenchStore.Teacher, "The family agreed to an assessment.").ThrowIfRefused();
                (await _store!.Repository.UpdateAsync(e, 2)).ThrowIfRefused();
            }
        })));

    private EntityFrameworkEpisodeRepository<CafDbContext> Store =>
        _store!.Services!.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>();

    private Task AddAllAsync(SaveMode mode)
    {
        var store = Store;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < _episodes.Length; i += Writers)
            {
                (await store.AddAsync(_episodes[i], mode)).ThrowIfRefused();
            }
        })));
    }

    private Task SaveManyAsync(SaveMode mode)
    {
        var store = Store;
        return Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var s = w; s < ManySaves; s += Writers)
            {
                var three = _episodes.AsSpan(3 * s, 3).ToArray();
                foreach (var e in three)
                {
                    e.StartAssessment(BenchStore.Teacher, "The family agreed to an assessment.").ThrowIfRefused();
                }

                (await store.UpdateManyAsync([.. three.Select(e => new EpisodeUpdate(e, 2))], mode)).ThrowIfRefused();
            }
        })));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Marten's events: plain records of about the size of the EF store's.</summary>
    public sealed record ConcernIdentified(string Child, string By, string Reason, DateTimeOffset At);

    /// <summary>A consent record.</summary>
    public sealed record ConsentRecorded(string By, string Giver, string Note, DateTimeOffset At);

    /// <summary>The event each measured save appends.</summary>
    public sealed record AssessmentStarted(string By, string Reason, DateTimeOffset At);
}
