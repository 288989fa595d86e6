using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore.Diagnostics;

/// <summary>The <see cref="CafStoreTelemetry.ActivitySourceName"/> activity source (static readonly and immutable, the .NET convention).</summary>
internal static class CafStoreActivities
{
    /// <summary>The source; starting an activity costs a check when nothing listens.</summary>
    internal static readonly ActivitySource Source = new(CafStoreTelemetry.ActivitySourceName, typeof(CafStoreActivities).Assembly.GetName().Version?.ToString());
}

/// <summary>
/// The instruments of the <see cref="CafStoreTelemetry.MeterName"/> meter, created from the host's <see cref="IMeterFactory"/>
/// (no meter without one: <see cref="None"/>). The store's instruments (saves) and the outbox gauges are created by the
/// repository, the dispatcher's counters by <see cref="EpisodeOutbox{TContext}"/>. Issue 29: each is one authority's (the
/// store's or outbox's), and every measurement carries it as <see cref="CafStoreTelemetry.AuthorityTag"/>; the gauges read
/// that authority's rows only.
/// </summary>
/// <remarks>The instruments are created once; the only state that changes is the gauges' last reading, replaced whole under a
/// lock and kept for <see cref="GaugeReadingLifetime"/>, so one collection (three gauges) costs one round of queries.
/// Thread-safe.</remarks>
[Mutable]
internal sealed class CafStoreMetrics
{
    /// <summary>How long one reading of the outbox serves the gauges.</summary>
    internal static readonly TimeSpan GaugeReadingLifetime = TimeSpan.FromSeconds(5);

    internal static readonly CafStoreMetrics None = new(null, null, null, TimeProvider.System, AuthorityId.Default);

    private readonly Counter<long>? _saves;
    private readonly Histogram<double>? _saveDuration;
    private readonly Counter<long>? _delivered;
    private readonly Counter<long>? _failed;
    private readonly Counter<long>? _deadLettered;
    private readonly Counter<long>? _purged;
    private readonly Func<DbContext>? _outboxReader;
    private readonly TimeProvider _time;
    private readonly AuthorityId _authority;
    private readonly KeyValuePair<string, object?> _authorityTag;
    private readonly object _gate = new();
    private OutboxReading? _reading;

    private CafStoreMetrics(Meter? meter, string? part, Func<DbContext>? outboxReader, TimeProvider time, AuthorityId authority)
    {
        _time = time;
        _authority = authority;
        _authorityTag = new(CafStoreTelemetry.AuthorityTag, authority.Value);
        if (meter is null)
        {
            return;
        }

        if (part == Store)
        {
            _saves = meter.CreateCounter<long>(CafStoreTelemetry.Saves, "{save}", "Saves of episodes to the EF Core store, by outcome, operation and rule id.");
            _saveDuration = meter.CreateHistogram<double>(CafStoreTelemetry.SaveDuration, "s", "How long each save to the EF Core store took.");
            if (outboxReader is not null)
            {
                _outboxReader = outboxReader;
                meter.CreateObservableGauge(CafStoreTelemetry.OutboxPending, () => Observe(r => r.Pending), "{event}",
                    "Outbox events not yet delivered and not dead-lettered.");
                meter.CreateObservableGauge(CafStoreTelemetry.OutboxDeadLetters, () => Observe(r => r.DeadLetters), "{event}",
                    "Outbox events dead-lettered, waiting for an operator.");
                meter.CreateObservableGauge(CafStoreTelemetry.OutboxOldestPendingAge, () => Observe(r => r.OldestAgeSeconds), "s",
                    "Age of the oldest undelivered outbox event (dead letters included); 0 when none waits.");
            }
        }
        else
        {
            _delivered = meter.CreateCounter<long>(CafStoreTelemetry.OutboxDelivered, "{event}", "Outbox events published and marked delivered.");
            _failed = meter.CreateCounter<long>(CafStoreTelemetry.OutboxFailed, "{event}", "Outbox publishes that threw, by error type.");
            _deadLettered = meter.CreateCounter<long>(CafStoreTelemetry.OutboxDeadLettered, "{event}", "Outbox events dead-lettered after their last attempt.");
            _purged = meter.CreateCounter<long>(CafStoreTelemetry.OutboxPurged, "{row}", "Delivered outbox rows removed after their retention.");
        }
    }

    private const string Store = "store";

    /// <summary>The store's instruments, with the outbox gauges when <paramref name="outboxReader"/> is given (the store writes the outbox).</summary>
    internal static CafStoreMetrics ForStore(IMeterFactory? factory, Func<DbContext>? outboxReader, TimeProvider time, AuthorityId authority) =>
        factory is null ? None : new CafStoreMetrics(factory.Create(new MeterOptions(CafStoreTelemetry.MeterName)), Store, outboxReader, time, authority);

    /// <summary>The dispatcher's counters of one authority's outbox.</summary>
    internal static CafStoreMetrics ForDispatcher(IMeterFactory? factory, TimeProvider time, AuthorityId authority) =>
        factory is null ? None : new CafStoreMetrics(factory.Create(new MeterOptions(CafStoreTelemetry.MeterName)), "dispatcher", null, time, authority);

    /// <summary>Whether the save duration is listened to (so the clock is read only then).</summary>
    internal bool TimesSaves => _saveDuration?.Enabled == true;

    internal void Save(string outcome, string operation, string? ruleId, double? seconds)
    {
        var tags = new TagList
        {
            _authorityTag,
            { CafStoreTelemetry.OutcomeTag, outcome },
            { CafStoreTelemetry.OperationTag, operation },
            { CafStoreTelemetry.RuleIdTag, ruleId },
        };
        if (_saves?.Enabled == true)
        {
            _saves.Add(1, tags);
        }

        if (seconds is { } s && _saveDuration?.Enabled == true)
        {
            _saveDuration.Record(s, tags);
        }
    }

    internal void Delivered(string eventType)
    {
        if (_delivered?.Enabled == true)
        {
            _delivered.Add(1, _authorityTag, new KeyValuePair<string, object?>(CafStoreTelemetry.EventTypeTag, eventType));
        }
    }

    internal void Failed(string eventType, string errorType, bool deadLettered)
    {
        var tags = new TagList { _authorityTag, { CafStoreTelemetry.EventTypeTag, eventType }, { CafStoreTelemetry.ErrorTypeTag, errorType } };
        if (_failed?.Enabled == true)
        {
            _failed.Add(1, tags);
        }

        if (deadLettered && _deadLettered?.Enabled == true)
        {
            _deadLettered.Add(1, tags);
        }
    }

    internal void Purged(int rows)
    {
        if (rows > 0 && _purged?.Enabled == true)
        {
            _purged.Add(rows, _authorityTag);
        }
    }

    // One reading (two queries) serves the three gauges for GaugeReadingLifetime; a database that cannot be read gives no measurement.
    private IEnumerable<Measurement<T>> Observe<T>(Func<OutboxReading, T> pick)
        where T : struct
    {
        var reading = Read();
        return reading is null ? [] : [new Measurement<T>(pick(reading), _authorityTag)];
    }

    private OutboxReading? Read()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_reading is { } cached && now - cached.At < GaugeReadingLifetime && now >= cached.At)
            {
                return cached;
            }

            try
            {
                using var db = _outboxReader!();
                var counts = db.Rows<OutboxRow>(_authority).AsNoTracking().Where(r => r.DispatchedAt == null)
                    .GroupBy(r => r.DeadLetteredAt == null)
                    .Select(g => new { Waiting = g.Key, Count = g.LongCount() })
                    .ToList();
                var oldest = CafOutboxHealthCheck<DbContext>.OldestPendingQuery(db, _authority).Take(1).ToList() is [var first] ? first : (DateTimeOffset?)null;
                _reading = new OutboxReading(now,
                    counts.Where(c => c.Waiting).Sum(c => c.Count),
                    counts.Where(c => !c.Waiting).Sum(c => c.Count),
                    oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
                return _reading;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                return null;
            }
        }
    }

    private sealed record OutboxReading(DateTimeOffset At, long Pending, long DeadLetters, double OldestAgeSeconds);
}
