using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Benchmarks;

/// <summary>
/// The price of tamper evidence (issue 24): loading one episode by id with the checks (<c>GetAsync</c>: the episode row,
/// then its event rows, the hash chain over them and each compared with the snapshot's event) against the load before
/// them (the snapshot only, replayed through the command checks: the baseline), for histories of 10, 40 and 160 events,
/// among 200 other episodes. Per database, each in its own category with its own baseline. Since issue 26 a repository
/// serves repeated loads of an episode it verified from a copy; the checked case here always reads and checks in full
/// (what a repository that never saw the episode does; <c>LongEpisodeBenchmarks</c> measures the copies).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class StoreLoadVerificationBenchmarks
{
    private static readonly EpisodeId Id = new("ep-load");
    private BenchStore _store = null!;
    private EntityFrameworkEpisodeRepository<CafDbContext> _repository = null!;

    [Params(10, 40, 160)]
    public int Events { get; set; }

    [GlobalSetup(Targets = [nameof(SqliteUnchecked), nameof(SqliteChecked)])]
    public void SetupSqlite() => Fill(BenchStore.SqliteAsync().GetAwaiter().GetResult());

    [GlobalSetup(Targets = [nameof(PostgresUnchecked), nameof(PostgresChecked)])]
    public void SetupPostgres() => Fill(BenchStore.PostgresAsync().GetAwaiter().GetResult());

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [BenchmarkCategory("SQLite"), Benchmark(Baseline = true, Description = "SQLite file (WAL): load by id, snapshot only (before)")]
    public ValueTask<CafEpisode?> SqliteUnchecked() => _repository.GetUncheckedAsync(Id);

    [BenchmarkCategory("SQLite"), Benchmark(Description = "SQLite file (WAL): load by id, checked")]
    public ValueTask<CafEpisode?> SqliteChecked() => _repository.GetCheckedInFullAsync(Id);

    [BenchmarkCategory("PostgreSQL"), Benchmark(Baseline = true, Description = "PostgreSQL: load by id, snapshot only (before)")]
    public ValueTask<CafEpisode?> PostgresUnchecked() => _repository.GetUncheckedAsync(Id);

    [BenchmarkCategory("PostgreSQL"), Benchmark(Description = "PostgreSQL: load by id, checked")]
    public ValueTask<CafEpisode?> PostgresChecked() => _repository.GetCheckedInFullAsync(Id);

    private void Fill(BenchStore store)
    {
        _store = store;
        _repository = (store.Services ?? throw new InvalidOperationException("A database store.")).GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>();
        for (var i = 0; i < 200; i++)
        {
            store.Repository.AddAsync(store.Consented($"ep-{i:0000}", $"child-{i}")).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        }

        var e = store.Consented(Id.Value, "child-load");
        while (e.Version < Events)
        {
            e.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.").ThrowIfRefused();
        }

        store.Repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        var loaded = _repository.GetAsync(Id).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("The episode was not stored.");
        if (loaded.Version != Events || !System.Linq.Enumerable.SequenceEqual(loaded.Events, e.Events))
        {
            throw new InvalidOperationException($"The checked load read {loaded.Version} events, not the {Events} stored.");
        }
    }
}
