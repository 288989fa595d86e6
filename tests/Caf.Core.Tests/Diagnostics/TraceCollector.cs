using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>
/// An <see cref="ActivityListener"/> on the <c>Caf.Core</c> source that keeps only the activities under a root this
/// collector starts (by trace id), so tests running in parallel do not mix.
/// </summary>
internal sealed class TraceCollector : IDisposable
{
    private const string TestSource = "Caf.Core.Tests.Diagnostics";
    private readonly ActivitySource _source = new(TestSource);
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private ActivityTraceId _trace;

    public TraceCollector()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is CafTelemetry.ActivitySourceName or TestSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => _stopped.Enqueue(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Activity Root { get; private set; } = null!;

    /// <summary>The Caf.Core activities under the root, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Activities => [.. _stopped.Where(a => a.TraceId == _trace && a.Source.Name == CafTelemetry.ActivitySourceName)];

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
