using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Issue 26, the cold path's breakdown: each part of a cold load (a repository that never saw the episode) of a
/// 640-event episode on SQLite, on its own, so the allocation of <see cref="LongEpisodeBenchmarks"/>' cold row can be
/// attributed. Not a target row; a probe.
/// </summary>
[MemoryDiagnoser]
public class ColdLoadProbeBenchmarks
{
    [Params(10, 640)]
    public int Events { get; set; }

    private BenchStore _store = null!;
    private EpisodeId _id;
    private byte[] _snapshot = [];
    private StoredRows _rows = null!;
    private CafEpisode _episode = null!;
    private string _text = "";
    private EpisodeSnapshot _parsed = null!;
    private StoredEpisodeRow _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        _store = BenchStore.SqliteAsync().GetAwaiter().GetResult();
        var repository = Fresh();
        var e = _store.Consented($"probe-{Events}", $"child-{Events}");
        while (e.Version < Events - 1)
        {
            e.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.").ThrowIfRefused();
        }

        repository.AddAsync(e).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        var loaded = repository.GetAsync(e.Id).AsTask().GetAwaiter().GetResult()!;
        loaded.RecordConsent(BenchStore.Teacher, BenchStore.MotherConsents, "Consent confirmed again at the review.").ThrowIfRefused();
        repository.UpdateAsync(loaded, Events - 1).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        _id = e.Id;
        using (var stored = ReadRowCore().GetAwaiter().GetResult())
        {
            _snapshot = stored.Snapshot.Span.ToArray();
            _row = new StoredEpisodeRow(ReadColumns().GetAwaiter().GetResult() as EpisodeSummary ?? throw new InvalidOperationException(), stored.Hash);
        }

        _rows = ReadEventsCore().GetAwaiter().GetResult();
        _text = System.Text.Encoding.UTF8.GetString(_snapshot);
        _episode = EpisodeJson.Deserialize(_store.Policy, _snapshot);
        _parsed = JsonSerializer.Deserialize(_snapshot, EpisodeJsonContext.Default.EpisodeSnapshot)!;

        // What a loaded episode keeps (its events and state), against what reading it allocates: the floor of a cold load.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = EpisodeJson.Deserialize(_store.Policy, _snapshot);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// retained by a loaded episode of {kept.Version} events: {(after - before) / 1024.0:F1} KB; snapshot {_snapshot.Length / 1024.0:F1} KB of UTF-8");
        var (instances, all, distinct) = StringsOf(kept.Events);
        Console.WriteLine($"// strings in its events: {instances} instances, {all / 1024.0:F1} KB; their distinct values {distinct / 1024.0:F1} KB (what sharing would keep)");
        GC.KeepAlive(kept);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rows.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "whole cold load (GetAsync, new repository)")]
    public async Task<CafEpisode?> ColdLoad() => await Fresh().GetAsync(_id);

    [Benchmark(Description = "EF: snapshot (UTF-8, pooled), version, hash + columns")]
    public async Task<int> ReadRow()
    {
        await using var db = _store.NewContext();
        var columns = await db.Set<EpisodeSummary>().AsNoTracking().Where(s => s.Id == _id).Select(StoredUtf8.Columns).FirstAsync();
        using var stored = (await StoredUtf8.SnapshotAsync(db, AuthorityId.Default, _id, default))!;
        return stored.Snapshot.Length + columns.Version;
    }

    [Benchmark(Description = "EF: the event rows (UTF-8, pooled)")]
    public async Task<int> ReadEvents()
    {
        using var rows = await ReadEventsCore();
        return rows.Count;
    }

    [Benchmark(Description = "JSON: snapshot to EpisodeSnapshot (no replay)")]
    public EpisodeSnapshot? ParseSnapshot() => JsonSerializer.Deserialize(_snapshot, EpisodeJsonContext.Default.EpisodeSnapshot);

    [Benchmark(Description = "replay the parsed events (CafEpisode.Replay)")]
    public CafEpisode? Replay() => CafEpisode.Replay(_store.Policy, _parsed.Events).Episode;

    [Benchmark(Description = "EpisodeJson.Deserialize from UTF-8 (parse + replay)")]
    public CafEpisode Deserialize() => EpisodeJson.Deserialize(_store.Policy, _snapshot);

    [Benchmark(Description = "EpisodeJson.Deserialize from a string (former)")]
    public CafEpisode DeserializeString() => EpisodeJson.Deserialize(_store.Policy, _text);

    [Benchmark(Description = "StoredHistoryCheck.Find (hash chain, compare)")]
    public object? Find() => StoredHistoryCheck.Find(_id, _row.Columns.Version, _row.Hash, _snapshot, _episode, _rows, true, out _);

    [Benchmark(Description = "CafEpisode.Copy (the verified copy kept)")]
    public CafEpisode Copy() => _episode.Copy();

    [Benchmark(Description = "EF: the episode row's columns (no snapshot)")]
    public async Task<object> ReadColumns()
    {
        await using var db = _store.NewContext();
        return await db.Set<EpisodeSummary>().AsNoTracking().Where(s => s.Id == _id).Select(StoredUtf8.Columns).FirstAsync();
    }

    [Benchmark(Description = "EF (former): the snapshot as a string")]
    public async Task<object> ReadSnapshotString()
    {
        await using var db = _store.NewContext();
        return await db.Set<EpisodeSummary>().AsNoTracking().Where(s => s.Id == _id)
            .Select(s => EF.Property<string>(s, CafModelBuilderExtensions.SnapshotProperty)).FirstAsync();
    }

    [Benchmark(Description = "EF (former): the event rows as strings")]
    public async Task<object> ReadEventStrings()
    {
        await using var db = _store.NewContext();
        return await db.Set<EpisodeEventRow>().AsNoTracking().Where(r => r.EpisodeId == _id).OrderBy(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Json }).ToListAsync();
    }

    private async Task<StoredUtf8.SnapshotRow> ReadRowCore()
    {
        await using var db = _store.NewContext();
        return (await StoredUtf8.SnapshotAsync(db, AuthorityId.Default, _id, default))!;
    }

    private async Task<StoredRows> ReadEventsCore()
    {
        await using var db = _store.NewContext();
        return await StoredUtf8.EventsAsync(db, AuthorityId.Default, _id, default);
    }

    // The string instances reachable from the events (by reference), their heap size, and the size of their distinct values.
    private static (int Instances, long All, long Distinct) StringsOf(IEnumerable<CafEvent> events)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var values = new HashSet<string>(StringComparer.Ordinal);
        long all = 0;
        long distinct = 0;
        static long Size(string s) => (20 + (2 * (s.Length + 1)) + 7) / 8 * 8;
        void Walk(object? value, int depth)
        {
            if (value is null || depth > 12 || value is Type)
            {
                return;
            }

            if (value is string text)
            {
                if (seen.Add(text))
                {
                    all += Size(text);
                    if (values.Add(text))
                    {
                        distinct += Size(text);
                    }
                }

                return;
            }

            var type = value.GetType();
            if (type.IsPrimitive || type.IsEnum || value is DateTimeOffset or DateTime or DateOnly or TimeSpan or decimal || (!type.IsValueType && !seen.Add(value)))
            {
                return;
            }

            if (value is System.Collections.IEnumerable items)
            {
                foreach (var item in items)
                {
                    Walk(item, depth + 1);
                }

                return;
            }

            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
                {
                    Walk(property.GetValue(value), depth + 1);
                }
            }
        }

        foreach (var e in events)
        {
            Walk(e, 0);
        }

        return (seen.Count(o => o is string), all, distinct);
    }

    private EntityFrameworkEpisodeRepository<CafDbContext> Fresh() => new(
        _store.Services!.GetRequiredService<IDbContextFactory<CafDbContext>>(), _store.Policy,
        new EpisodeReportProjector(new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other));
}
