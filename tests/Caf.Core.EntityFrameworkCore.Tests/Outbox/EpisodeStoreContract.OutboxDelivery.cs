using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 25, the outbox: several dispatchers over one database deliver each event once, in order per episode; the
/// attempt count survives a crash between publish and mark; failures back off, then dead-letter with the reason and a
/// log entry that names no episode; delivered rows are purged after their retention.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private const string OutboxCategory = "Caf.Core.EntityFrameworkCore.EpisodeOutbox";

    [StoreFact]
    public Task Two_dispatchers_at_once_deliver_each_event_exactly_once_in_order_per_episode() => DispatchersAtOnceAsync(2);

    [StoreFact]
    public Task Four_dispatchers_at_once_deliver_each_event_exactly_once_in_order_per_episode() => DispatchersAtOnceAsync(4);

    [StoreFact]
    public async Task A_dispatcher_killed_between_publish_and_mark_redelivers_with_attempt_2_after_its_lease()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        using var kill = new CancellationTokenSource();
        var killed = new KilledAfterPublish(kill);
        var first = NewHost(killed);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Outbox.DispatchPendingAsync(kill.Token));
        Assert.Equal(1, Assert.Single(killed.Published).Attempt); // it was published, never marked
        await first.DisposeAsync();

        var restarted = new RecordingPublisher();
        var next = NewHost(restarted);
        Assert.Equal(new OutboxDispatchResult(0, 0, 1), await next.Outbox.DispatchPendingAsync()); // still leased (2 minutes)
        Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(new OutboxDispatchResult(1, 0, 0), await next.Outbox.DispatchPendingAsync());

        var again = Assert.Single(restarted.Delivered);
        Assert.Equal("ep-1#0", again.EventId);
        Assert.Equal(2, again.Attempt);
    }

    [StoreFact]
    public async Task After_MaxAttempts_failures_an_event_is_dead_lettered_with_the_reason_logged_without_the_episode_and_holds_back_its_episode()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode));
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(episode, 1));
        var logs = new CapturingLogs();
        var failing = new RecordingPublisher { Failing = true };
        var host = NewHost(failing, o => o.MaxAttempts = 3, logs);

        Assert.Equal(new OutboxDispatchResult(0, 1, 1), await host.Outbox.DispatchPendingAsync()); // attempt 1, back-off 10 s
        Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(new OutboxDispatchResult(0, 1, 1), await host.Outbox.DispatchPendingAsync()); // attempt 2, back-off 20 s
        Time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(new OutboxDispatchResult(0, 1, 1) { DeadLettered = 1 }, await host.Outbox.DispatchPendingAsync()); // attempt 3

        await using (var db = Host.NewContext())
        {
            var row = await db.Set<OutboxRow>().SingleAsync(r => r.Sequence == 0);
            Assert.Equal(3, row.Attempts);
            Assert.Equal(Time.GetUtcNow(), row.DeadLetteredAt);
            Assert.Equal("InvalidOperationException: The warehouse is down.", row.LastError);
            Assert.Null(row.DispatchedAt);
        }

        // Not retried, and the episode's next event waits behind it; another episode is not held back.
        failing.Failing = false;
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new OutboxDispatchResult(1, 0, 1), await host.Outbox.DispatchPendingAsync());
        Assert.Equal("ep-2#0", Assert.Single(failing.Delivered).EventId);
        Assert.Equal(1, await host.Outbox.CountPendingAsync()); // ep-1#1; the dead letter is not pending

        var outbox = logs.Entries.Where(e => e.Category == OutboxCategory).ToList();
        Assert.Equal(
            [(LogLevel.Warning, CafOutboxLogEvents.PublishFailed), (LogLevel.Warning, CafOutboxLogEvents.PublishFailed), (LogLevel.Error, CafOutboxLogEvents.DeadLettered)],
            outbox.Select(e => (e.Level, e.EventId)));
        Assert.All(outbox, e => Assert.Contains("concern-identified", e.Message, StringComparison.Ordinal));
        Assert.All(outbox, e => Assert.DoesNotContain("ep-1", e.Message, StringComparison.Ordinal));
        Assert.All(outbox, e => Assert.DoesNotContain("child-001", e.Message, StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task The_purge_removes_only_delivered_rows_older_than_the_retention()
    {
        var host = NewHost(outbox: o => o.DeliveredRetention = TimeSpan.FromDays(1));
        var old = Identified(Policy, "ep-old");
        Ok(await host.Repository.AddAsync(old));
        Ok(old.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await host.Repository.UpdateAsync(old, 1));
        Assert.Equal(2, (await host.Outbox.DispatchPendingAsync()).Delivered); // delivered at T
        Time.Advance(TimeSpan.FromHours(12));
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-recent", "child-002")));
        Assert.Equal(1, (await host.Outbox.DispatchPendingAsync()).Delivered); // delivered at T + 12 h
        Time.Advance(TimeSpan.FromHours(13));
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-pending", "child-003"))); // never delivered

        Assert.Equal(2, await host.Outbox.PurgeDeliveredAsync()); // at T + 25 h: only ep-old's two rows are past a day
        Assert.Equal(0, await host.Outbox.PurgeDeliveredAsync());

        await using var db = Host.NewContext();
        var left = (await db.Set<OutboxRow>().Select(r => new { r.EpisodeId, r.Sequence }).ToListAsync())
            .Select(r => EpisodeEventEnvelope.FormatEventId(r.EpisodeId, r.Sequence)).Order(StringComparer.Ordinal);
        Assert.Equal(["ep-pending#0", "ep-recent#0"], left);
    }

    private async Task DispatchersAtOnceAsync(int dispatchers)
    {
        // 16 episodes of 3 events each, written by hand: ep-0#0..ep-15#2.
        for (var i = 0; i < 16; i++)
        {
            var episode = Identified(Policy, $"ep-{i}", $"child-{i:000}");
            Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
            Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));
            Ok(await Host.Repository.AddAsync(episode));
        }

        var shared = new YieldingPublisher(); // gives the other dispatchers a turn while an event is being published
        var hosts = Enumerable.Range(0, dispatchers).Select(_ => NewHost(shared, o => o.BatchSize = 4)).ToList();
        using var start = new ManualResetEventSlim();
        var runs = hosts.Select(h => Task.Run(async () =>
        {
            start.Wait();
            for (var round = 0; round < 500 && await h.Outbox.CountPendingAsync() > 0; round++)
            {
                await h.Outbox.DispatchPendingAsync();
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(runs);

        var delivered = shared.Delivered.ToList();
        var ids = delivered.Select(e => e.EventId).ToList();
        Assert.Equal(0, ids.Count - ids.Distinct().Count()); // duplicates
        var expected = Enumerable.Range(0, 16).SelectMany(i => new[] { $"ep-{i}#0", $"ep-{i}#1", $"ep-{i}#2" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, ids.Order(StringComparer.Ordinal));
        foreach (var episode in delivered.GroupBy(e => e.Episode))
        {
            Assert.Equal([0, 1, 2], episode.Select(e => e.Sequence)); // in the order they were published
        }

        Assert.All(delivered, e => Assert.Equal(1, e.Attempt));
    }

    /// <summary>Records the event, then yields the thread before returning, as a publisher awaiting I/O would.</summary>
    private sealed class YieldingPublisher : IEpisodeEventPublisher
    {
        public ConcurrentQueue<EpisodeEventEnvelope> Delivered { get; } = new();

        public async ValueTask PublishAsync(EpisodeEventEnvelope envelope, CancellationToken cancellationToken)
        {
            Delivered.Enqueue(envelope);
            await Task.Yield();
        }
    }

    /// <summary>Publishes, then the process is "killed" before the dispatcher can mark the event delivered.</summary>
    private sealed class KilledAfterPublish(CancellationTokenSource kill) : IEpisodeEventPublisher
    {
        public ConcurrentQueue<EpisodeEventEnvelope> Published { get; } = new();

        public ValueTask PublishAsync(EpisodeEventEnvelope envelope, CancellationToken cancellationToken)
        {
            Published.Enqueue(envelope);
            kill.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }
    }
}
