using System;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Caf.Core.Consent;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Issue 25, "no measurable cost when nothing listens": <c>CafRegister.ExecuteAsync</c> on the in-memory store, a
/// command that is refused (LIFE-05: no consent yet), so every operation is the same (load a 1-event episode, run the
/// command, count and trace the refusal; nothing is saved and the history does not grow). Baseline: the register
/// without a meter factory (no instruments). "telemetry, nothing listens": the register's instruments created from a
/// meter factory, no listener. "telemetry, listened": a <see cref="MeterListener"/> on every Caf.Core instrument and an
/// <see cref="ActivityListener"/> recording every Caf.Core activity (what an exporter costs at least).
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private static readonly Actor Teacher = new(new PractitionerId("pr-teacher"), new AgencyId("school"));
    private static readonly EpisodeId Id = new("ep-bench");
    private readonly EpisodePolicy _policy = EpisodePolicy.Default(TimeProvider.System, new InMemorySharingAuditLog());
    private CafRegister _register = null!;
    private MeterListener? _meters;
    private ActivityListener? _activities;
    private Meter? _meter;

    [GlobalSetup(Target = nameof(NoMeterFactory))]
    public void SetupBaseline() => _register = Register(null);

    [GlobalSetup(Target = nameof(NothingListens))]
    public void SetupUnlistened() => _register = Register(new BenchMeterFactory(m => _meter = m));

    [GlobalSetup(Target = nameof(Listened))]
    public void SetupListened()
    {
        _register = Register(new BenchMeterFactory(m => _meter = m));
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CafTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _meters.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _meters.Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = s => s.Name == CafTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activities);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _meters?.Dispose();
        _activities?.Dispose();
        _meter?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "no meter factory")]
    public async Task<Result> NoMeterFactory() => await _register.ExecuteAsync(Id, Refused);

    [Benchmark(Description = "telemetry, nothing listens")]
    public async Task<Result> NothingListens() => await _register.ExecuteAsync(Id, Refused);

    [Benchmark(Description = "telemetry, listened")]
    public async Task<Result> Listened() => await _register.ExecuteAsync(Id, Refused);

    private static Result Refused(CafEpisode e) => e.StartAssessment(Teacher, "The family agreed to an assessment.");

    private CafRegister Register(IMeterFactory? factory)
    {
        var store = new InMemoryEpisodeRepository(_policy);
        var episode = CafEpisode.IdentifyConcern(_policy, Id, new ChildDetails(new ChildId("child-1"), new DateOnly(2016, 9, 1)), Teacher, "Falling attendance.");
        store.AddAsync(episode).AsTask().GetAwaiter().GetResult().ThrowIfRefused();
        return new CafRegister(store, _policy, new StorageOptions(), factory);
    }

    /// <summary>The least a meter factory does: one meter per call, handed to the benchmark to dispose.</summary>
    private sealed class BenchMeterFactory(Action<Meter> created) : IMeterFactory
    {
        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            created(meter);
            return meter;
        }

        public void Dispose()
        {
        }
    }
}
