using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Ardalis.Specification;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Command-saves through the storage port (issue 13): each operation applies one command (<c>StartAssessment</c>) to a
/// loaded episode and saves it with <c>UpdateAsync</c> (one transaction: the new event, the episode row with its snapshot,
/// the report row and the outbox row). The episodes are fresh for every iteration (added in the setup, not measured), so
/// every save is the same size. Writers save different episodes; "8 writers" runs eight concurrent loops. The in-memory
/// store with one writer is the baseline. The durability variants show what a flush per commit costs on the disk at hand:
/// SQLite's <c>synchronous=NORMAL</c> in WAL mode (<c>UseSqlite(..., sqlite =&gt; sqlite.UseSynchronousNormal())</c>) and PostgreSQL's
/// <c>synchronous_commit=off</c> (a server or connection setting of the host's choosing); "Max Auto Prepare" lets Npgsql
/// prepare the save's statements on the server once per connection (a connection-string setting of the host's choosing).
/// "loaded" saves an instance read back with <c>GetAsync</c> in the setup (the usual load, command, save: the repository
/// knows the stored hash but not the row's columns) instead of the instance it added. The "40-event history" category
/// saves the 41st event of episodes whose history is 40 events long (its own in-memory baseline).
/// Read the Mean as the time per save (1 / Mean = saves per second).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StoreSaveBenchmarks
{
    private const int Batch = 400;
    private const int LongHistory = 40;
    private BenchStore _store = null!;
    private CafEpisode[] _episodes = [];
    private int _iteration;

    [GlobalSetup(Targets = [nameof(InMemory), nameof(InMemory8), nameof(InMemoryLong)])]
    public void SetupInMemory() => _store = BenchStore.InMemory();

    [GlobalSetup(Target = nameof(Sqlite))]
    public void SetupSqlite() => _store = BenchStore.SqliteAsync().GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(SqliteNormal), nameof(SqliteNormalLoaded), nameof(SqliteNormalLong)])]
    public void SetupSqliteNormal() => _store = BenchStore.SqliteAsync(synchronousNormal: true).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(Postgres), nameof(Postgres8), nameof(Postgres8Loaded), nameof(Postgres8Long)])]
    public void SetupPostgres() => _store = BenchStore.PostgresAsync().GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(Postgres8AsyncCommit))]
    public void SetupPostgresAsyncCommit() => _store = BenchStore.PostgresAsync(asynchronousCommit: true).GetAwaiter().GetResult();

    [GlobalSetup(Target = nameof(Postgres8Prepared))]
    public void SetupPostgresPrepared() => _store = BenchStore.PostgresAsync(autoPrepare: true).GetAwaiter().GetResult();

    [IterationSetup(Targets = [nameof(InMemory), nameof(InMemory8), nameof(Sqlite), nameof(SqliteNormal), nameof(Postgres), nameof(Postgres8), nameof(Postgres8AsyncCommit), nameof(Postgres8Prepared)])]
    public void AddFreshEpisodes() => AddEpisodes(2, reload: false);

    [IterationSetup(Targets = [nameof(SqliteNormalLoaded), nameof(Postgres8Loaded)])]
    public void AddAndLoadFreshEpisodes() => AddEpisodes(2, reload: true);

    [IterationSetup(Targets = [nameof(InMemoryLong), nameof(SqliteNormalLong), nameof(Postgres8Long)])]
    public void AddFreshLongEpisodes() => AddEpisodes(LongHistory, reload: false);

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [BenchmarkCategory("save"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "in memory, 1 writer")]
    public Task InMemory() => SaveAsync(1, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "in memory, 8 writers")]
    public Task InMemory8() => SaveAsync(8, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "SQLite file (WAL, synchronous=FULL: the default), 1 writer")]
    public Task Sqlite() => SaveAsync(1, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "SQLite file (WAL, UseSqliteSynchronousNormal), 1 writer")]
    public Task SqliteNormal() => SaveAsync(1, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "SQLite file (WAL, UseSqliteSynchronousNormal), 1 writer, loaded")]
    public Task SqliteNormalLoaded() => SaveAsync(1, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL, 1 writer")]
    public Task Postgres() => SaveAsync(1, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL, 8 writers")]
    public Task Postgres8() => SaveAsync(8, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL, 8 writers, loaded")]
    public Task Postgres8Loaded() => SaveAsync(8, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL (synchronous_commit=off), 8 writers")]
    public Task Postgres8AsyncCommit() => SaveAsync(8, 2);

    [BenchmarkCategory("save"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL (Max Auto Prepare=20), 8 writers")]
    public Task Postgres8Prepared() => SaveAsync(8, 2);

    [BenchmarkCategory("save, 40-event history"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "in memory, 1 writer, 40-event history")]
    public Task InMemoryLong() => SaveAsync(1, LongHistory);

    [BenchmarkCategory("save, 40-event history"), Benchmark(OperationsPerInvoke = Batch, Description = "SQLite file (WAL, UseSqliteSynchronousNormal), 1 writer, 40-event history")]
    public Task SqliteNormalLong() => SaveAsync(1, LongHistory);

    [BenchmarkCategory("save, 40-event history"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL, 8 writers, 40-event history")]
    public Task Postgres8Long() => SaveAsync(8, LongHistory);

    // Fresh episodes of the given history length (consent recorded again until it is reached), added to the store;
    // reload: the instances saved are the ones read back, not the ones added.
    private void AddEpisodes(int history, bool reload)
    {
        _iteration++;
        _episodes = new CafEpisode[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var e = _store.Consented($"ep-{_iteration}-{i}", $"child-{_iteration}-{i}");
            while (e.Version < history)
            {
                e.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.").ThrowIfRefused();
            }

            _store.Repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
            _episodes[i] = reload ? _store.Repository.GetAsync(e.Id).AsTask().GetAwaiter().GetResult()! : e;
        }
    }

    private Task SaveAsync(int writers, int expectedVersion) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < _episodes.Length; i += writers)
            {
                var e = _episodes[i];
                e.StartAssessment(BenchStore.Teacher, "The family agreed to an assessment.").ThrowIfRefused();
                (await _store.Repository.UpdateAsync(e, expectedVersion)).ThrowIfRefused();
            }
        })));
}

/// <summary>
/// Loading one episode by id (a 4-event episode: the snapshot read and replayed through the command checks); in memory
/// (the history replayed) is the baseline.
/// </summary>
[MemoryDiagnoser]
public class StoreLoadBenchmarks
{
    private static readonly EpisodeId Id = new("ep-load");
    private BenchStore _store = null!;

    [GlobalSetup(Target = nameof(InMemory))]
    public void SetupInMemory() => Fill(BenchStore.InMemory());

    [GlobalSetup(Target = nameof(Sqlite))]
    public void SetupSqlite() => Fill(BenchStore.SqliteAsync().GetAwaiter().GetResult());

    [GlobalSetup(Target = nameof(Postgres))]
    public void SetupPostgres() => Fill(BenchStore.PostgresAsync().GetAwaiter().GetResult());

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "in memory: load by id")]
    public ValueTask<CafEpisode?> InMemory() => _store.Repository.GetAsync(Id);

    [Benchmark(Description = "SQLite file (WAL): load by id")]
    public ValueTask<CafEpisode?> Sqlite() => _store.Repository.GetAsync(Id);

    [Benchmark(Description = "PostgreSQL: load by id")]
    public ValueTask<CafEpisode?> Postgres() => _store.Repository.GetAsync(Id);

    private void Fill(BenchStore store)
    {
        _store = store;
        for (var i = 0; i < 1000; i++)
        {
            // Neighbours, so the lookup is an index seek among others.
            store.Repository.AddAsync(store.Consented($"ep-{i:0000}", $"child-{i}")).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        }

        var e = store.Consented(Id.Value, "child-load");
        e.StartAssessment(BenchStore.Teacher, "The family agreed to an assessment.").ThrowIfRefused();
        e.StepUp(BenchStore.Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm").ThrowIfRefused();
        store.Repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
    }
}

/// <summary>
/// Loading 100,000 episode summaries for a query through a specification (<c>ListAsync</c>: where, order by, in SQL on
/// the databases). The database rows are copies of one real episode's row made in SQL in the setup (seconds, also under
/// <c>--job dry</c>); the in-memory store holds 100,000 real episodes.
/// </summary>
[MemoryDiagnoser]
public class StoreQueryBenchmarks
{
    private BenchStore _store = null!;

    /// <summary>Summaries stored (and all returned by the query).</summary>
    [Params(100_000)]
    public int Episodes { get; set; }

    [GlobalSetup(Target = nameof(InMemory))]
    public void SetupInMemory()
    {
        _store = BenchStore.InMemory();
        for (var i = 0; i < Episodes; i++)
        {
            var e = CafEpisode.IdentifyConcern(_store.Policy, new EpisodeId($"ep-{i}"), new ChildDetails(new ChildId($"child-{i}"), new DateOnly(2016, 9, 1)),
                BenchStore.Teacher, "Falling attendance.");
            _store.Repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        }
    }

    [GlobalSetup(Target = nameof(Sqlite))]
    public void SetupSqlite() => Copy(BenchStore.SqliteAsync().GetAwaiter().GetResult(), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {0}) SELECT {1} FROM n, caf_episodes s WHERE s.id = 'ep-seed'");

    [GlobalSetup(Target = nameof(Postgres))]
    public void SetupPostgres() => Copy(BenchStore.PostgresAsync().GetAwaiter().GetResult(), "SELECT {1} FROM generate_series(1, {0}) AS n(i), caf_episodes s WHERE s.id = 'ep-seed'");

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "in memory: 100k summaries through a specification")]
    public async Task<int> InMemory() => (await _store.Repository.ListAsync(new OpenByOpening())).Count;

    [Benchmark(Description = "SQLite file (WAL): 100k summaries through a specification")]
    public async Task<int> Sqlite() => (await _store.Repository.ListAsync(new OpenByOpening())).Count;

    [Benchmark(Description = "PostgreSQL: 100k summaries through a specification")]
    public async Task<int> Postgres() => (await _store.Repository.ListAsync(new OpenByOpening())).Count;

    // One real episode, then Episodes - 1 copies of its row with other ids and children, in one INSERT ... SELECT.
    private void Copy(BenchStore store, string select)
    {
        _store = store;
        var seed = CafEpisode.IdentifyConcern(store.Policy, new EpisodeId("ep-seed"), new ChildDetails(new ChildId("child-seed"), new DateOnly(2016, 9, 1)),
            BenchStore.Teacher, "Falling attendance.");
        store.Repository.AddAsync(seed).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        using var db = store.NewContext();
        var columns = db.Model.FindEntityType(typeof(EpisodeSummary))!.GetProperties().Select(p => p.GetColumnName()).ToList();
        var values = columns.Select(c => c switch
        {
            "id" => "'ep-' || n.i",
            "child_id" => "'child-' || n.i",
            _ => $"s.\"{c}\"",
        });
        var sql = $"INSERT INTO caf_episodes ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " + string.Format(System.Globalization.CultureInfo.InvariantCulture, select, Episodes - 1, string.Join(", ", values));
        db.Database.SetCommandTimeout(600);
        db.Database.ExecuteSqlRaw(sql);
    }

    private sealed class OpenByOpening : Specification<EpisodeSummary>
    {
        public OpenByOpening() => Query.Where(s => s.IsOpen && s.OpenedAt >= BenchStore.Start.AddYears(-1)).OrderBy(s => s.OpenedAt);
    }
}
