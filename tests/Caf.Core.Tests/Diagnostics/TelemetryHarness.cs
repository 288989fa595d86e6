using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Consent;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>One measurement seen by the listener: the instrument, the value and its tags.</summary>
internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var v) ? v?.ToString() : null;
}

/// <summary>
/// A host built with <c>AddMetrics()</c>, <c>AddLogging()</c> (a collecting provider) and <c>AddCafCore()</c> over an in-memory store whose loads take 250 ms of the
/// fake clock, and a <see cref="MeterListener"/> that hears only this host's <c>Caf.Core</c> meter (by the factory's
/// scope), so tests running in parallel do not mix.
/// </summary>
internal sealed class TelemetryHarness : IDisposable
{
    public static readonly TimeSpan LoadTime = TimeSpan.FromMilliseconds(250);

    private readonly ServiceProvider _provider;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public TelemetryHarness()
    {
        Clock = new FakeTimeProvider(Tests.Support.Seeds.Start);
        var services = new ServiceCollection()
            .AddMetrics()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<ISharingAuditLog>(Audit)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddSingleton(sp => new InMemoryEpisodeRepository(sp.GetRequiredService<EpisodePolicy>()))
            .AddSingleton<IEpisodeRepository>(sp => new SlowLoads(sp.GetRequiredService<InMemoryEpisodeRepository>(), Clock))
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Logs))
            .AddCafCore();
        _provider = services.BuildServiceProvider();
        var factory = _provider.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CafTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>What the host's loggers were told (AddLogging with this provider, at Debug).</summary>
    public CollectingLoggerProvider Logs { get; } = new();

    public CafLongWork LongWork => _provider.GetRequiredService<CafLongWork>();

    public IServiceProvider Services => _provider;

    public InMemorySharingAuditLog Audit { get; } = new();

    public ISharingService Sharing => _provider.GetRequiredService<ISharingService>();

    public CafRegister Register => _provider.GetRequiredService<CafRegister>();

    /// <summary>The store behind the slow loads: a concurrent writer saves here.</summary>
    public InMemoryEpisodeRepository Store => _provider.GetRequiredService<InMemoryEpisodeRepository>();

    public IReadOnlyList<Measured> Measurements => [.. _measured];

    public IReadOnlyList<Measured> Of(string instrument) => [.. _measured.Where(m => m.Instrument == instrument)];

    public void Dispose()
    {
        _listener.Dispose();
        _provider.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        _measured.Enqueue(new Measured(instrument.Name, value, map));
    }

    /// <summary>Every load takes <see cref="LoadTime"/> on the fake clock.</summary>
    private sealed class SlowLoads(IEpisodeRepository inner, FakeTimeProvider clock) : IEpisodeRepository
    {
        public ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default)
        {
            clock.Advance(LoadTime);
            return inner.GetAsync(id, cancellationToken);
        }

        public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(episode, expectedVersion, cancellationToken);

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, cancellationToken);

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);
    }
}
