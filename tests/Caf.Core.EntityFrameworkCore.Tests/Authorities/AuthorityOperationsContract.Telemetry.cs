using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

/// <summary>
/// Issue 29: the keyed stores are metered and traced like the single-authority store, each measurement and span tagged
/// with its authority; the outbox gauges and the health checks read each authority's rows under its own scope.
/// </summary>
public abstract partial class AuthorityOperationsContract
{
    private static readonly string[] ScriptIds = ["ep-1", "ep-2", "ep-3", "child-001", "child-002", "child-003", "pr-teacher-jones", "school-oakfield-primary"];
    private static readonly string[] Declared = ["leeds", "york", "hull"];

    [StoreFact]
    public async Task The_keyed_stores_count_and_time_saves_and_deliveries_tagged_with_their_authority_and_nothing_personal()
    {
        Ok(await Repository(Leeds).AddAsync(Opened(Leeds, "ep-1")));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1")));
        Assert.Equal("REG-01", (await Repository(York).AddAsync(Opened(York, "ep-2"))).Refusal!.RuleId); // child-001 again
        Publisher.FailingFor = York;

        await Dispatcher.TickAsync(CancellationToken.None);

        static (string?, string?, string?) Tags(Measured m) =>
            (m.Tag(CafStoreTelemetry.AuthorityTag), m.Tag(CafStoreTelemetry.OutcomeTag), m.Tag(CafStoreTelemetry.RuleIdTag));
        (string?, string?, string?)[] saves = [("leeds", "ok", null), ("york", "ok", null), ("york", "refused", "REG-01")];
        Assert.Equal(saves, Metrics.Of(CafStoreTelemetry.Saves).Select(Tags));
        Assert.Equal(saves, Metrics.Of(CafStoreTelemetry.SaveDuration).Select(Tags));
        Assert.Equal([("leeds", "concern-identified")],
            Metrics.Of(CafStoreTelemetry.OutboxDelivered).Select(m => (m.Tag(CafStoreTelemetry.AuthorityTag), m.Tag(CafStoreTelemetry.EventTypeTag))));
        Assert.Equal([("york", "InvalidOperationException")],
            Metrics.Of(CafStoreTelemetry.OutboxFailed).Select(m => (m.Tag(CafStoreTelemetry.AuthorityTag), m.Tag(CafStoreTelemetry.ErrorTypeTag))));
        StoreTags.AssertNoPersonalData(Metrics.All.SelectMany(m => m.Tags), ScriptIds, Declared);
    }

    [StoreFact]
    public async Task The_keyed_stores_spans_carry_their_authority_and_nothing_personal()
    {
        using var spans = new SpanCollector();
        await spans.UnderRootAsync(async () =>
        {
            Ok(await Repository(Hull).AddAsync(Opened(Hull, "ep-1")));
            Assert.Null(await Repository(York).GetAsync(new EpisodeId("ep-1"))); // York holds no ep-1
            await Outbox(Hull).DispatchPendingAsync();
        });

        string[] Authorities(string name) => [.. spans.Named(name).Select(a => a.GetTagItem(CafStoreTelemetry.AuthorityTag) as string ?? "(none)")];
        Assert.Equal(["hull"], Authorities(CafStoreTelemetry.SaveActivity));
        Assert.Equal(["york"], Authorities(CafStoreTelemetry.LoadActivity));
        Assert.Equal(["hull"], Authorities(CafStoreTelemetry.DispatchActivity));
        Assert.Equal(["hull"], Authorities(CafStoreTelemetry.PublishActivity));
        StoreTags.AssertNoPersonalData(
            spans.Activities.Where(a => a.Source.Name == CafStoreTelemetry.ActivitySourceName).SelectMany(a => a.TagObjects), ScriptIds, Declared);
    }

    [StoreFact]
    public async Task The_outbox_gauges_report_each_authoritys_backlog_tagged_with_it()
    {
        await AddEpisodesAsync(); // Leeds 1, York 2, Hull 1 waiting
        Publisher.FailingFor = Hull;
        await Outbox(Hull).DispatchPendingAsync(); // attempt 1 of 2
        Time.Advance(TimeSpan.FromMinutes(3));
        await Outbox(Hull).DispatchPendingAsync(); // dead-lettered
        await Outbox(York).DispatchPendingAsync(); // delivered

        var gauges = Metrics.ObserveAll();

        Dictionary<string, double> Of(string instrument) =>
            gauges.Where(m => m.Instrument == instrument).ToDictionary(m => m.Tag(CafStoreTelemetry.AuthorityTag)!, m => m.Value);
        Assert.Equal(new Dictionary<string, double> { ["leeds"] = 1, ["york"] = 0, ["hull"] = 0 }, Of(CafStoreTelemetry.OutboxPending));
        Assert.Equal(new Dictionary<string, double> { ["leeds"] = 0, ["york"] = 0, ["hull"] = 1 }, Of(CafStoreTelemetry.OutboxDeadLetters));
        Assert.Equal(new Dictionary<string, double> { ["leeds"] = 180, ["york"] = 0, ["hull"] = 180 }, Of(CafStoreTelemetry.OutboxOldestPendingAge));
    }

    [StoreFact]
    public async Task The_outbox_check_reads_each_authoritys_outbox_and_names_the_one_over_its_threshold()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName)).Status);

        Ok(await Repository(Leeds).AddAsync(Opened(Leeds, "ep-1"))); // dated Start
        Time.Advance(TimeSpan.FromMinutes(9));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1"))); // dated Start + 9 min
        Time.Advance(TimeSpan.FromMinutes(2)); // Leeds's event 11 minutes old: over the 10-minute threshold; York's 2

        var check = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);

        Assert.Equal(HealthStatus.Unhealthy, check.Status);
        Assert.Equal(new Dictionary<string, object>
        {
            ["leeds.oldestPendingAgeSeconds"] = 660.0, ["leeds.dispatcherSeen"] = false,
            ["york.oldestPendingAgeSeconds"] = 120.0, ["hull.oldestPendingAgeSeconds"] = 0.0,
        }, check.Data.ToDictionary());
        Assert.StartsWith("Authority 'leeds': the oldest event waiting in its outbox is 11 min old", check.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("york", check.Description, StringComparison.Ordinal);

        await Outbox(Leeds).DispatchPendingAsync();
        var drained = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);
        Assert.Equal(HealthStatus.Healthy, drained.Status);
        Assert.Equal(120.0, drained.Data["york.oldestPendingAgeSeconds"]);

        Outage.Of = Hull; // an authority that cannot be read is unhealthy, and the others are still read
        var outage = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);
        Assert.Equal((HealthStatus.Unhealthy, "Authority 'hull': its outbox cannot be read."), (outage.Status, outage.Description));
        Assert.Equal(120.0, outage.Data["york.oldestPendingAgeSeconds"]);
    }

    [StoreFact]
    public async Task The_store_check_reads_each_authoritys_rows_under_its_own_authority()
    {
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1")));

        var check = await CheckAsync(CafEntityFrameworkCoreHealthChecks.StoreCheckName);

        Assert.Equal(HealthStatus.Healthy, check.Status);
        Assert.Equal(new Dictionary<string, object> { ["leeds.hasEpisodes"] = false, ["york.hasEpisodes"] = true, ["hull.hasEpisodes"] = false },
            check.Data.ToDictionary());

        Outage.Of = Leeds;
        var outage = await CheckAsync(CafEntityFrameworkCoreHealthChecks.StoreCheckName);
        Assert.Equal((HealthStatus.Unhealthy, "The episode store's rows of authority 'leeds' cannot be read."), (outage.Status, outage.Description));
        Assert.Equal(true, outage.Data["york.hasEpisodes"]);
    }
}
