using System;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Issue 29: command-saves (as <see cref="StoreSaveBenchmarks"/>: <c>StartAssessment</c> on a 2-event episode, then
/// <c>UpdateAsync</c>) by one authority (the single-authority registration, the default authority: the baseline of its
/// database) and by three authorities in the same database, the saves going round-robin to the keyed repositories of
/// <c>leeds</c>, <c>york</c> and <c>hull</c> (each with its own policy, the authority in every key and query and in the
/// hash chain's seed). 400 fresh episodes per iteration, added in the setup; Mean = time per save.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class AuthoritySaveBenchmarks
{
    private const int Batch = 400;
    private static readonly AuthorityId[] Three = [new("leeds"), new("york"), new("hull")];
    private BenchStore _store = null!;
    private (IEpisodeRepository Repository, CafEpisode Episode)[] _saves = [];
    private int _iteration;

    [GlobalSetup(Targets = [nameof(SqliteOne), nameof(SqliteThree)])]
    public void SetupSqlite() => _store = BenchStore.SqliteAsync(synchronousNormal: true).GetAwaiter().GetResult();

    [GlobalSetup(Targets = [nameof(PostgresOne), nameof(PostgresThree)])]
    public void SetupPostgres() => _store = BenchStore.PostgresAsync().GetAwaiter().GetResult();

    [IterationSetup(Targets = [nameof(SqliteOne), nameof(PostgresOne)])]
    public void AddForOne() => Add(1);

    [IterationSetup(Targets = [nameof(SqliteThree), nameof(PostgresThree)])]
    public void AddForThree() => Add(3);

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [BenchmarkCategory("SQLite"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "SQLite (WAL, NORMAL), 1 writer: one authority")]
    public Task SqliteOne() => SaveAsync(1);

    [BenchmarkCategory("SQLite"), Benchmark(OperationsPerInvoke = Batch, Description = "SQLite (WAL, NORMAL), 1 writer: three authorities")]
    public Task SqliteThree() => SaveAsync(1);

    [BenchmarkCategory("PostgreSQL"), Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "PostgreSQL, 8 writers: one authority")]
    public Task PostgresOne() => SaveAsync(8);

    [BenchmarkCategory("PostgreSQL"), Benchmark(OperationsPerInvoke = Batch, Description = "PostgreSQL, 8 writers: three authorities")]
    public Task PostgresThree() => SaveAsync(8);

    private void Add(int authorities)
    {
        _iteration++;
        var services = _store.Services!;
        _saves = new (IEpisodeRepository, CafEpisode)[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var (repository, policy) = authorities == 1
                ? (_store.Repository, _store.Policy)
                : (services.GetRequiredKeyedService<IEpisodeRepository>(Three[i % 3]), services.GetRequiredKeyedService<EpisodePolicy>(Three[i % 3]));
            var e = CafEpisode.IdentifyConcern(policy, new EpisodeId($"ep-{_iteration}-{i}"),
                new ChildDetails(new ChildId($"child-{_iteration}-{i}"), new DateOnly(2016, 9, 1)), BenchStore.Teacher, "Falling attendance and withdrawn in class.");
            e.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent recorded with the family.").ThrowIfRefused();
            repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
            _saves[i] = (repository, e);
        }
    }

    private Task SaveAsync(int writers) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < _saves.Length; i += writers)
            {
                var (repository, e) = _saves[i];
                e.StartAssessment(BenchStore.Teacher, "The family agreed to an assessment.").ThrowIfRefused();
                (await repository.UpdateAsync(e, 2)).ThrowIfRefused();
            }
        })));
}
