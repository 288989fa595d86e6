using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>An <see cref="IMeterFactory"/> of one test: its meters carry it as their scope, so a listener hears only them.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}

/// <summary>One measurement: the instrument, the value and its tags.</summary>
public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var v) ? v?.ToString() : null;
}

/// <summary>A <see cref="MeterListener"/> on the <c>Caf.Core.EntityFrameworkCore</c> meter of one <see cref="TestMeterFactory"/>.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MetricRecorder(TestMeterFactory factory)
    {
        Factory = factory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CafStoreTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public TestMeterFactory Factory { get; }

    public IReadOnlyList<Measured> All => [.. _measured];

    public IReadOnlyList<Measured> Of(string instrument) => [.. _measured.Where(m => m.Instrument == instrument)];

    /// <summary>Reads the observable gauges once and returns what they reported (instrument to value).</summary>
    public IReadOnlyDictionary<string, double> Observe()
    {
        var before = _measured.Count;
        _listener.RecordObservableInstruments();
        return _measured.Skip(before).ToDictionary(m => m.Instrument, m => m.Value);
    }

    /// <summary>Reads the observable gauges once and returns every measurement (several per instrument when several stores observe).</summary>
    public IReadOnlyList<Measured> ObserveAll()
    {
        var before = _measured.Count;
        _listener.RecordObservableInstruments();
        return [.. _measured.Skip(before)];
    }

    public void Dispose()
    {
        _listener.Dispose();
        Factory.Dispose();
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
}

/// <summary>
/// An <see cref="ActivityListener"/> on Caf.Core's, the store's and Npgsql's sources that keeps only the activities under
/// a root this collector starts (by trace id), so tests running in parallel do not mix.
/// </summary>
public sealed class SpanCollector : IDisposable
{
    public const string NpgsqlSource = "Npgsql";
    private const string TestSource = "Caf.Core.EntityFrameworkCore.Tests";
    private readonly ActivitySource _source = new(TestSource);
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private ActivityTraceId _trace;

    public SpanCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is CafTelemetry.ActivitySourceName or CafStoreTelemetry.ActivitySourceName or NpgsqlSource or TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Activity Root { get; private set; } = null!;

    /// <summary>The activities under the root (the root excluded), in the order they stopped.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped.Where(a => a.TraceId == _trace && a.Source.Name != TestSource)];

    public IReadOnlyList<Activity> Named(string name) => [.. Activities.Where(a => a.OperationName == name)];

    public Activity? Parent(Activity child) => Activities.FirstOrDefault(a => a.SpanId == child.ParentSpanId);

    public async Task UnderRootAsync(Func<Task> work)
    {
        using (var root = _source.StartActivity("test-root")!)
        {
            Root = root;
            _trace = root.TraceId;
            await work();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }
}

/// <summary>Records, for each database command, the operation name of <see cref="Activity.Current"/> when it started.</summary>
public sealed class CommandSpans : DbCommandInterceptor
{
    public ConcurrentQueue<(ActivityTraceId Trace, string? Span)> Seen { get; } = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Note();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Note();
        return ValueTask.FromResult(result);
    }

    private void Note() => Seen.Enqueue((Activity.Current?.TraceId ?? default, Activity.Current?.OperationName));
}

/// <summary>
/// The guard on the store's tags (docs/operations.md "The EF Core store"): every tag key is one of the documented ones, no
/// value carries an id of the script (child, episode, practitioner, agency), and <see cref="CafStoreTelemetry.AuthorityTag"/>
/// is an authority's id in its one spelling (lower case), never anything else.
/// </summary>
public static class StoreTags
{
    public static readonly string[] Documented =
    [
        CafStoreTelemetry.AuthorityTag, CafStoreTelemetry.OutcomeTag, CafStoreTelemetry.OperationTag, CafStoreTelemetry.RuleIdTag,
        CafStoreTelemetry.EpisodeCountTag, CafStoreTelemetry.IntegrityProblemTag, CafStoreTelemetry.EventTypeTag,
        CafStoreTelemetry.OutboxCountTag, CafStoreTelemetry.OutboxDeliveredTag, CafStoreTelemetry.AttemptTag, CafStoreTelemetry.ErrorTypeTag,
    ];

    public static void AssertNoPersonalData(IEnumerable<KeyValuePair<string, object?>> tags, IReadOnlyCollection<string> scriptIds, IReadOnlyCollection<string> authorities)
    {
        var list = tags.ToList();
        Assert.NotEmpty(list);
        Assert.All(list, t => Assert.Contains(t.Key, Documented));
        Assert.All(list.Select(t => t.Value?.ToString() ?? ""), v => Assert.DoesNotContain(scriptIds, id => v.Contains(id, StringComparison.Ordinal)));
        Assert.All(list.Where(t => t.Key == CafStoreTelemetry.AuthorityTag), t => Assert.Contains(Assert.IsType<string>(t.Value), authorities));
    }
}
