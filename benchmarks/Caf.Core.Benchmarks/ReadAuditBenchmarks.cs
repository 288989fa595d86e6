using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.Benchmarks;

/// <summary>
/// LAW-04: the cost of the read audit on the read path, with and without it in the same run: the register's audited
/// read of one episode (<see cref="CafRegister.ReadAsync"/>) from the in-memory store and from SQLite, with no read
/// audit (the baseline), with an in-memory log (bounded: cleared every 4,096 entries so the run does not grow memory),
/// and, on SQLite, with the EF Core table (one INSERT committed per read).
/// </summary>
[MemoryDiagnoser]
public class ReadAuditBenchmarks
{
    private static readonly ReadContext Reader = new(BenchStore.Teacher, "Preparing the review meeting", LegalBasis.Consent);
    private static readonly EpisodeId Id = new("ep-read");

    private BenchStore _memory = null!;
    private BenchStore _sqlite = null!;
    private CafRegister _memoryPlain = null!;
    private CafRegister _memoryAudited = null!;
    private CafRegister _sqlitePlain = null!;
    private CafRegister _sqliteAudited = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _memory = BenchStore.InMemory();
        (await _memory.Repository.AddAsync(_memory.Consented(Id.Value, "child-read"))).ThrowIfRefused();
        _memoryPlain = new CafRegister(_memory.Repository, _memory.Policy);
        _memoryAudited = new CafRegister(_memory.Repository, With(_memory.Policy, new BoundedLog()));

        _sqlite = await BenchStore.SqliteAsync();
        (await _sqlite.Repository.AddAsync(_sqlite.Consented(Id.Value, "child-read"))).ThrowIfRefused();
        _sqlitePlain = new CafRegister(_sqlite.Repository, _sqlite.Policy);
        var table = _sqlite.Services!.GetRequiredService<EntityFrameworkReadAuditLog<CafDbContext>>();
        _sqliteAudited = new CafRegister(_sqlite.Repository, With(_sqlite.Policy, table));
        if ((await _sqliteAudited.ReadAsync(Id, Reader)).IsRefused || (await table.ReadersOfAsync(new ChildId("child-read"))).Count != 1)
        {
            throw new InvalidOperationException("The audited read did not record one entry.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _memory.DisposeAsync();
        await _sqlite.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "in-memory store, no read audit")]
    public async Task<CafEpisode> MemoryPlain() => (await _memoryPlain.ReadAsync(Id, Reader)).Value;

    [Benchmark(Description = "in-memory store, in-memory read audit")]
    public async Task<CafEpisode> MemoryAudited() => (await _memoryAudited.ReadAsync(Id, Reader)).Value;

    [Benchmark(Description = "SQLite store, no read audit")]
    public async Task<CafEpisode> SqlitePlain() => (await _sqlitePlain.ReadAsync(Id, Reader)).Value;

    [Benchmark(Description = "SQLite store, EF Core read-audit table")]
    public async Task<CafEpisode> SqliteAudited() => (await _sqliteAudited.ReadAsync(Id, Reader)).Value;

    private static EpisodePolicy With(EpisodePolicy policy, IReadAuditLog log) => new(policy.History, policy.Time, policy.Sharing) { Reads = log };

    private sealed class BoundedLog : IReadAuditLog
    {
        private readonly List<ReadAuditEntry> _entries = new(4096);

        public ValueTask RecordAsync(IReadOnlyList<ReadAuditEntry> entries, CancellationToken cancellationToken = default)
        {
            if (_entries.Count >= 4096)
            {
                _entries.Clear();
            }

            _entries.AddRange(entries);
            return ValueTask.CompletedTask;
        }

        public ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, CancellationToken cancellationToken = default) =>
            new((IReadOnlyList<ReadAuditEntry>)[.. _entries]);
    }
}
