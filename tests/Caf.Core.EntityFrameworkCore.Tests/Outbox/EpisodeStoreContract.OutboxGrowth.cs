using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 25, the outbox of a host that never dispatches, on each database: the health check says no dispatcher drains it;
/// <see cref="CafOutboxOptions.WriteEvents"/> off writes no outbox rows; <c>AddCafOutboxPurge</c> removes delivered rows
/// past their retention without a dispatcher or a publisher.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    [StoreFact]
    public async Task OutboxGrowth_a_host_that_never_dispatches_fails_the_outbox_check_saying_no_dispatcher_drains_it()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1"))); // waits from Start; nothing ever claims it
        Time.Advance(TimeSpan.FromMinutes(11)); // over the 10-minute threshold

        var none = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);

        Assert.Equal(HealthStatus.Unhealthy, none.Status);
        Assert.Contains("no dispatcher is draining the outbox", none.Description, StringComparison.Ordinal);
        Assert.Equal(false, none.Data["dispatcherSeen"]);

        // A dispatcher that runs but cannot publish is told apart: the event was tried.
        Publisher.Failing = true;
        await Host.Outbox.DispatchPendingAsync();
        var failing = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);
        Assert.Equal(HealthStatus.Unhealthy, failing.Status);
        Assert.DoesNotContain("no dispatcher", failing.Description, StringComparison.Ordinal);
        Assert.Contains("is a dispatcher running and can it publish?", failing.Description, StringComparison.Ordinal);
        Assert.Equal(true, failing.Data["dispatcherSeen"]);
    }

    [StoreFact]
    public async Task OutboxGrowth_a_delivery_within_the_threshold_counts_as_a_dispatcher_draining_the_outbox()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        Publisher.Failing = true;
        await Host.Outbox.DispatchPendingAsync(); // ep-1 tried once, in back-off
        await using (var db = Host.NewContext()) // as if never tried: only the delivery below can show a dispatcher
        {
            await db.Set<OutboxRow>().ExecuteUpdateAsync(s => s.SetProperty(r => r.Attempts, 0).SetProperty(r => r.LockedBy, (string?)null).SetProperty(r => r.NextAttemptAt, Start.AddHours(1)));
        }

        Time.Advance(TimeSpan.FromMinutes(11));
        Publisher.Failing = false;
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
        Assert.Equal(1, (await Host.Outbox.DispatchPendingAsync()).Delivered); // ep-2 delivered now; ep-1 still waits

        var check = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);

        Assert.Equal(HealthStatus.Unhealthy, check.Status);
        Assert.Equal(true, check.Data["dispatcherSeen"]);
        Assert.DoesNotContain("no dispatcher", check.Description, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task OutboxGrowth_with_WriteEvents_off_saves_write_their_events_but_no_outbox_rows_and_the_check_stays_healthy()
    {
        using var metrics = new MetricRecorder(new TestMeterFactory());
        var host = NewHost(outbox: o => o.WriteEvents = false, meters: metrics.Factory, noPublisher: true);
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var loaded = (await host.Repository.GetAsync(Ep1))!;
        Ok(GiveConsent(loaded));
        Ok(await host.Repository.UpdateAsync(loaded, 1));
        Time.Advance(TimeSpan.FromHours(1));

        await using (var db = host.NewContext())
        {
            Assert.Equal(0, await db.Set<OutboxRow>().CountAsync());
            Assert.Equal(2, await db.Set<EpisodeEventRow>().CountAsync());
        }

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName)).Status);
        Assert.Empty(metrics.Observe()); // no outbox gauges on a store that writes no outbox
        Assert.Equal(2, metrics.Of(CafStoreTelemetry.Saves).Count); // the saves are still counted
    }

    [StoreFact]
    public async Task OutboxGrowth_the_hosted_purge_removes_delivered_rows_past_their_retention_without_a_dispatcher_or_a_publisher()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        Assert.Equal(1, (await Host.Outbox.DispatchPendingAsync()).Delivered); // delivered at Start (by another process, say)
        Time.Advance(TimeSpan.FromDays(8)); // past the 7-day default retention
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002"))); // pending: never purged
        using var metrics = new MetricRecorder(new TestMeterFactory());
        var host = NewHost(noPublisher: true, meters: metrics.Factory, extra: s => s.AddCafOutboxPurge());
        Assert.Null(host.Services.GetService<IEpisodeEventPublisher>());
        var purge = host.Services.GetServices<IHostedService>().OfType<OutboxPurgeService<CafDbContext>>().Single();

        Assert.Equal(1, await purge.TickAsync(default));
        Assert.Equal(0, await purge.TickAsync(default));

        await using var db = host.NewContext();
        Assert.Equal([("ep-2", (DateTimeOffset?)null)], (await db.Set<OutboxRow>().ToListAsync()).Select(r => (r.EpisodeId.Value, r.DispatchedAt)));
        Assert.Equal(1, Assert.Single(metrics.Of(CafStoreTelemetry.OutboxPurged)).Value);
    }
}
