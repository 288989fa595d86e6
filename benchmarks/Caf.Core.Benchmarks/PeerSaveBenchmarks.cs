using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caf.Core.Lifecycle;
using JasperFx;
using JasperFx.Events;
using Marten;
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
/// SQLite rows (1 writer, a WAL file) are the same EF save on the other database package.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PeerSaveBenchmarks
{
    private const int Batch = 400;
    private const int Writers = 8;
    private BenchStore? _store;
    private DocumentStore? _marten;
    private Func<ValueTask>? _dropMarten;
    private CafEpisode[] _episodes = [];
    private string[] _streams = [];
    private int _iteration;

    [GlobalSetup(Target = nameof(EfPostgres))]
    public void SetupEfPostgres() => _store = BenchStore.PostgresAsync().GetAwaiter().GetResult();

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

    [IterationSetup(Targets = [nameof(EfPostgres), nameof(EfSqlite), nameof(EfSqliteNormal)])]
    public void AddEpisodes()
    {
        var store = _store!;
        _iteration++;
        _episodes = new CafEpisode[Batch];
        for (var i = 0; i < Batch; i++)
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
