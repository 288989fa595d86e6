using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Issue 26, "a command on a long episode costs what it costs on a short one": one command as a host runs it (load by id,
/// record consent, save) on an episode of 640 events against the same on one of 10 events (the baseline of each category),
/// through the EF Core store on a SQLite file (WAL) and in memory. "held": the repository that loaded and saved the episode
/// before runs the command (the register's way of working: its verified copy serves the load); "cold": a repository that
/// never saw the episode (another process, a restart): it reads the snapshot and the events and checks them all.
/// Each invocation works on its own episode, made afresh for every iteration, so every command meets exactly 10 or 640 events.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LongEpisodeBenchmarks
{
    private const int Pool = 16;
    private const int Short = 10;
    private const int Long = 640;

    private BenchStore _store = null!;
    private EntityFrameworkEpisodeRepository<CafDbContext> _held = null!;
    private IEpisodeRepository _memory = null!;
    private EpisodeId[] _ids = [];
    private int _next;
    private int _round;

    [GlobalSetup(Targets = [nameof(SqliteHeld10), nameof(SqliteHeld640), nameof(SqliteCold10), nameof(SqliteCold640)])]
    public void SetupSqlite()
    {
        _store = BenchStore.SqliteAsync().GetAwaiter().GetResult();
        _held = _store.Services!.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>();
    }

    [GlobalSetup(Targets = [nameof(InMemory10), nameof(InMemory640)])]
    public void SetupInMemory()
    {
        _store = BenchStore.InMemory();
        _memory = _store.Repository;
    }

    [GlobalCleanup]
    public void Cleanup() => _store.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationSetup(Targets = [nameof(SqliteHeld10), nameof(SqliteCold10)])]
    public void Short10() => Fill(Short, _held);

    [IterationSetup(Targets = [nameof(SqliteHeld640), nameof(SqliteCold640)])]
    public void Long640() => Fill(Long, _held);

    [IterationSetup(Target = nameof(InMemory10))]
    public void MemoryShort10() => Fill(Short, _memory);

    [IterationSetup(Target = nameof(InMemory640))]
    public void MemoryLong640() => Fill(Long, _memory);

    [BenchmarkCategory("SQLite, held"), Benchmark(Baseline = true, Description = "SQLite: load + command + save, 10 events, held")]
    [InvocationCount(Pool)]
    public Task<Result> SqliteHeld10() => CommandAsync(_held);

    [BenchmarkCategory("SQLite, held"), Benchmark(Description = "SQLite: load + command + save, 640 events, held")]
    [InvocationCount(Pool)]
    public Task<Result> SqliteHeld640() => CommandAsync(_held);

    [BenchmarkCategory("SQLite, cold"), Benchmark(Baseline = true, Description = "SQLite: load + command + save, 10 events, cold")]
    [InvocationCount(Pool)]
    public Task<Result> SqliteCold10() => CommandAsync(Fresh());

    [BenchmarkCategory("SQLite, cold"), Benchmark(Description = "SQLite: load + command + save, 640 events, cold")]
    [InvocationCount(Pool)]
    public Task<Result> SqliteCold640() => CommandAsync(Fresh());

    [BenchmarkCategory("In memory"), Benchmark(Baseline = true, Description = "in memory: load + command + save, 10 events")]
    [InvocationCount(Pool)]
    public Task<Result> InMemory10() => CommandAsync(_memory);

    [BenchmarkCategory("In memory"), Benchmark(Description = "in memory: load + command + save, 640 events")]
    [InvocationCount(Pool)]
    public Task<Result> InMemory640() => CommandAsync(_memory);

    private async Task<Result> CommandAsync(IEpisodeRepository repository)
    {
        var episode = (await repository.GetAsync(_ids[_next++]))!;
        var recorded = episode.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.");
        return recorded.IsRefused ? recorded : await repository.UpdateAsync(episode, episode.Version - 1);
    }

    // A repository that never saw the episodes: what another process or a restarted one does.
    private EntityFrameworkEpisodeRepository<CafDbContext> Fresh() => new(
        _store.Services!.GetRequiredService<IDbContextFactory<CafDbContext>>(), _store.Policy, Projector);

    // What AddCafEntityFrameworkCore gives the store when the host registers no projector.
    private static readonly IEpisodeReportProjector Projector =
        new EpisodeReportProjector(new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other);

    // Pool episodes of `events` events, added and then loaded and saved once by `repository` (as the register leaves them).
    private void Fill(int events, IEpisodeRepository repository)
    {
        _round++;
        _next = 0;
        _ids = new EpisodeId[Pool];
        for (var i = 0; i < Pool; i++)
        {
            var e = _store.Consented($"ep-{events}-{_round}-{i}", $"child-{events}-{_round}-{i}");
            while (e.Version < events - 1)
            {
                e.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.").ThrowIfRefused();
            }

            repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
            var loaded = repository.GetAsync(e.Id).AsTask().GetAwaiter().GetResult()!;
            loaded.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.").ThrowIfRefused();
            repository.UpdateAsync(loaded, events - 1).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
            if (loaded.Version != events)
            {
                throw new InvalidOperationException($"The episode has {loaded.Version} events, not {events}.");
            }

            _ids[i] = e.Id;
        }
    }
}
