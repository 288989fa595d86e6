using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using OpenTelemetry.Metrics;

namespace Caf.Core.WebSample;

/// <summary>
/// What the in-memory exporter gave the sample (<see cref="WebSampleTelemetry.PagePath"/>): the latest value of each
/// instrument and the most recent spans, bounded (<see cref="SpanCapacity"/>), so the sample never grows.
/// </summary>
/// <threadsafety>Thread-safe: the exporters add while the page reads.</threadsafety>
public sealed class TelemetryRecorder
{
    /// <summary>How many finished spans are kept (the oldest is dropped first).</summary>
    public const int SpanCapacity = 500;

    /// <summary>The metric exporter's collection: the latest snapshot of each instrument (exports are cumulative).</summary>
    internal LatestMetrics Metrics { get; } = new();

    /// <summary>The trace exporter's collection: the most recent finished spans.</summary>
    internal RecentSpans Spans { get; } = new(SpanCapacity);

    /// <summary>Exports the metrics now (<paramref name="meterProvider"/>'s <c>ForceFlush</c>), then reads what the exporters hold.</summary>
    /// <param name="meterProvider">The host's meter provider, if registered.</param>
    /// <returns>The latest value of each instrument, and the spans, oldest first.</returns>
    public (IReadOnlyList<MetricSnapshot> Metrics, IReadOnlyList<Activity> Spans) Collect(MeterProvider? meterProvider)
    {
        meterProvider?.ForceFlush();
        return (Metrics.ToList(), Spans.ToList());
    }

    /// <summary>The value of a counter's (or up-down counter's) point with exactly these tag values, 0 when none was recorded.</summary>
    /// <param name="metrics">The snapshots <see cref="Collect"/> returned.</param>
    /// <param name="name">The instrument, e.g. <c>caf.commands</c>.</param>
    /// <param name="tags">Tag key and value pairs the point must carry (other tags are ignored).</param>
    /// <returns>The sum.</returns>
    public static long Count(IEnumerable<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(tags);
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (var point in metric.MetricPoints)
            {
                var pointTags = TagsOf(point);
                if (tags.All(t => pointTags.TryGetValue(t.Key, out var v) && v == t.Value))
                {
                    sum += metric.MetricType is MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic ? (long)point.GetSumDouble() : point.GetSumLong();
                }
            }
        }

        return sum;
    }

    /// <summary>A metric point's tags as text (a tag without a value, e.g. <c>error.type</c> of a success, is left out).</summary>
    /// <param name="point">The point.</param>
    /// <returns>Each tag's value by its key.</returns>
    public static Dictionary<string, string> TagsOf(MetricPoint point)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in point.Tags)
        {
            if (Convert.ToString(tag.Value, CultureInfo.InvariantCulture) is { Length: > 0 } value)
            {
                tags[tag.Key] = value;
            }
        }

        return tags;
    }

    /// <summary>Keeps the latest snapshot of each instrument (by meter and name).</summary>
    internal sealed class LatestMetrics : ICollection<MetricSnapshot>
    {
        private readonly Dictionary<(string Meter, string Name), MetricSnapshot> _latest = [];
        private readonly Lock _lock = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _latest.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(MetricSnapshot item)
        {
            ArgumentNullException.ThrowIfNull(item);
            lock (_lock)
            {
                _latest[(item.MeterName, item.Name)] = item;
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _latest.Clear();
            }
        }

        public bool Contains(MetricSnapshot item) => Snapshot().Contains(item);

        public void CopyTo(MetricSnapshot[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(MetricSnapshot item)
        {
            ArgumentNullException.ThrowIfNull(item);
            lock (_lock)
            {
                return _latest.Remove((item.MeterName, item.Name));
            }
        }

        public IEnumerator<MetricSnapshot> GetEnumerator() => ((IEnumerable<MetricSnapshot>)Snapshot()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private MetricSnapshot[] Snapshot()
        {
            lock (_lock)
            {
                return [.. _latest.Values.OrderBy(m => m.MeterName, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Keeps the most recent finished spans, dropping the oldest beyond the capacity.</summary>
    internal sealed class RecentSpans(int capacity) : ICollection<Activity>
    {
        private readonly Queue<Activity> _spans = new();
        private readonly Lock _lock = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _spans.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            ArgumentNullException.ThrowIfNull(item);
            lock (_lock)
            {
                _spans.Enqueue(item);
                while (_spans.Count > capacity)
                {
                    _spans.Dequeue();
                }
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _spans.Clear();
            }
        }

        public bool Contains(Activity item) => Snapshot().Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException("Spans leave in the order they came.");

        public IEnumerator<Activity> GetEnumerator() => ((IEnumerable<Activity>)Snapshot()).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private Activity[] Snapshot()
        {
            lock (_lock)
            {
                return [.. _spans];
            }
        }
    }
}

/// <summary>The developer page: two tables, the instruments' values by tags and the recent spans, newest first.</summary>
internal static class TelemetryPage
{
    private const int SpansShown = 60;

    // Only these span tags are shown: the low-cardinality ones (never url.path or url.query, which carry ids).
    private static readonly string[] ShownTags = ["http.request.method", "http.route", "http.response.status_code", "error.type"];

    public static string Render((IReadOnlyList<MetricSnapshot> Metrics, IReadOnlyList<Activity> Spans) recent)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Telemetry - CAF web sample</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse;margin-bottom:2rem}")
            .Append("td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}code{font-size:.9em}</style></head><body>")
            .Append("<h1>Telemetry of this host</h1><p>What the OpenTelemetry in-memory exporter holds: the meters <code>Caf.Core</code> and ")
            .Append("ASP.NET Core's, and the spans of <code>Caf.Core</code> and of the requests. A developer page of the sample (docs/operations.md); ")
            .Append("tags carry no ids.</p>");

        html.Append("<h2>Instruments</h2><table><thead><tr><th>Meter</th><th>Instrument</th><th>Tags</th><th>Value</th></tr></thead><tbody>");
        foreach (var metric in recent.Metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = string.Join(", ", TelemetryRecorder.TagsOf(point).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
                Row(html, metric.MeterName, metric.Name, tags, ValueOf(metric, point));
            }
        }

        html.Append("</tbody></table><h2>Recent spans</h2><table><thead><tr><th>Trace</th><th>Span</th><th>Parent</th><th>Kind</th>")
            .Append("<th>Duration (ms)</th><th>Status</th><th>Tags</th></tr></thead><tbody>");
        var byId = recent.Spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.Last());
        foreach (var span in recent.Spans.Reverse().Take(SpansShown))
        {
            var parent = span.ParentSpanId != default && byId.TryGetValue(span.ParentSpanId, out var p) ? p.DisplayName : "";
            var tags = string.Join(", ", span.TagObjects
                .Where(t => t.Key.StartsWith("caf.", StringComparison.Ordinal) || ShownTags.Contains(t.Key))
                .Select(t => $"{t.Key}={Convert.ToString(t.Value, CultureInfo.InvariantCulture)}"));
            Row(html, span.TraceId.ToHexString()[..8], span.DisplayName, parent, span.Kind.ToString(),
                span.Duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture), span.Status.ToString(), tags);
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }

    private static string ValueOf(MetricSnapshot metric, MetricPoint point) => metric.MetricType switch
    {
        MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong().ToString(CultureInfo.InvariantCulture),
        MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble().ToString("G6", CultureInfo.InvariantCulture),
        MetricType.LongGauge => point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture),
        MetricType.DoubleGauge => point.GetGaugeLastValueDouble().ToString("G6", CultureInfo.InvariantCulture),
        MetricType.Histogram => string.Create(CultureInfo.InvariantCulture, $"count {point.GetHistogramCount()}, sum {point.GetHistogramSum():G6} {metric.Unit}"),
        _ => metric.MetricType.ToString(),
    };

    private static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
        }

        html.Append("</tr>");
    }
}
