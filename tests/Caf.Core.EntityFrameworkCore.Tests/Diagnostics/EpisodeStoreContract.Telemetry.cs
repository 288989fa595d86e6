using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Diagnostics;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 25, the store's metrics and traces on each database (docs/operations.md "The EF Core store"): a scripted run of
/// saves (added, duplicate, REG-01, updated, stale), the outbox gauges before and after dead letters, the dispatcher's
/// counters, and the span tree under Caf.Core's <c>caf.execute</c>. Expected values are written by hand; no tag may carry
/// any id of the script.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    // Every id the scripts use: none may appear in any tag value.
    private static readonly string[] ScriptIds = ["ep-1", "ep-2", "ep-3", "child-001", "child-002", "child-003", "pr-teacher-jones", "school-oakfield-primary", "form-7f3a"];

    [StoreFact]
    public async Task Telemetry_saves_are_counted_and_timed_by_outcome_operation_and_rule_and_no_tag_carries_an_id()
    {
        using var metrics = new MetricRecorder(new TestMeterFactory());
        var host = NewHost(meters: metrics.Factory);

        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-1", "child-001")));
        Assert.Equal(StoreCodes.DuplicateId, (await host.Repository.AddAsync(Identified(Policy, "ep-1", "child-002"))).Refusal.RuleId);
        Assert.Equal("REG-01", (await host.Repository.AddAsync(Identified(Policy, "ep-2", "child-001"))).Refusal.RuleId);
        var first = (await host.Repository.GetAsync(Ep1))!;
        var stale = (await host.Repository.GetAsync(Ep1))!;
        Ok(GiveConsent(first));
        Ok(await host.Repository.UpdateAsync(first, 1));
        Ok(GiveConsent(stale));
        Assert.Equal(StoreCodes.Concurrency, (await host.Repository.UpdateAsync(stale, 1)).Refusal.RuleId);

        (string?, string?, string?)[] expected =
        [
            ("ok", "add", null),
            ("refused", "add", "STORE-DUPLICATE"),
            ("refused", "add", "REG-01"),
            ("ok", "update", null),
            ("conflict", "update", "STORE-CONCURRENCY"),
        ];
        static (string?, string?, string?) Tags(Measured m) =>
            (m.Tag(CafStoreTelemetry.OutcomeTag), m.Tag(CafStoreTelemetry.OperationTag), m.Tag(CafStoreTelemetry.RuleIdTag));
        var saves = metrics.Of(CafStoreTelemetry.Saves);
        Assert.Equal(expected, saves.Select(Tags));
        Assert.All(saves, m => Assert.Equal(1, m.Value));
        var durations = metrics.Of(CafStoreTelemetry.SaveDuration);
        Assert.Equal(expected, durations.Select(Tags)); // one per save, same tags
        Assert.All(durations, m => Assert.True(m.Value >= 0));

        metrics.Observe(); // the gauges too
        AssertNoIdInTags(metrics.All);
    }

    [StoreFact]
    public async Task Telemetry_the_outbox_gauges_report_pending_dead_letters_and_the_oldest_age_when_observed()
    {
        using var metrics = new MetricRecorder(new TestMeterFactory());
        var publisher = new RecordingPublisher();
        var host = NewHost(publisher, o => o.MaxAttempts = 1, meters: metrics.Factory);
        _ = host.Store; // the store creates the gauges

        Assert.Equal(Gauges(0, 0, 0), metrics.Observe()); // an empty outbox

        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-1", "child-001"))); // one event each, dated Start
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
        Time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(Gauges(2, 0, 90), metrics.Observe());

        publisher.Failing = true;
        Assert.Equal(2, (await host.Outbox.DispatchPendingAsync()).DeadLettered); // one attempt allowed: both dead-lettered
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(Gauges(0, 2, 100), metrics.Observe()); // dead letters still count for the age (as the health check)
        AssertNoIdInTags(metrics.All);
    }

    [StoreFact]
    public async Task Telemetry_the_dispatcher_counts_delivered_failed_and_dead_lettered_by_event_type_and_error_type_and_traces_each_publish()
    {
        using var metrics = new MetricRecorder(new TestMeterFactory());
        using var spans = new SpanCollector();
        var publisher = new RecordingPublisher();
        var host = NewHost(publisher, o => o.MaxAttempts = 2, meters: metrics.Factory);
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-1", "child-001")));
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));

        publisher.Failing = true;
        await spans.UnderRootAsync(() => host.Outbox.DispatchPendingAsync()); // attempt 1 of each fails
        Time.Advance(TimeSpan.FromSeconds(11)); // past the 10 s back-off
        await host.Outbox.DispatchPendingAsync(); // attempt 2 fails: dead-lettered
        publisher.Failing = false;
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-3", "child-003")));
        await host.Outbox.DispatchPendingAsync();

        var delivered = Assert.Single(metrics.Of(CafStoreTelemetry.OutboxDelivered));
        Assert.Equal((1.0, "concern-identified"), (delivered.Value, delivered.Tag(CafStoreTelemetry.EventTypeTag)));
        var failed = metrics.Of(CafStoreTelemetry.OutboxFailed);
        Assert.Equal(4, failed.Count);
        Assert.All(failed, m => Assert.Equal(("concern-identified", "InvalidOperationException"), (m.Tag(CafStoreTelemetry.EventTypeTag), m.Tag(CafStoreTelemetry.ErrorTypeTag))));
        Assert.Equal(2, metrics.Of(CafStoreTelemetry.OutboxDeadLettered).Sum(m => m.Value));

        // The first dispatch: one batch span of two claimed events, a publish span per event under it.
        var dispatch = Assert.Single(spans.Named(CafStoreTelemetry.DispatchActivity));
        Assert.Equal(2, dispatch.GetTagItem(CafStoreTelemetry.OutboxCountTag));
        Assert.Equal(0, dispatch.GetTagItem(CafStoreTelemetry.OutboxDeliveredTag));
        var publishes = spans.Named(CafStoreTelemetry.PublishActivity);
        Assert.Equal(2, publishes.Count);
        Assert.All(publishes, p =>
        {
            Assert.Equal(dispatch.SpanId, p.ParentSpanId);
            Assert.Equal(("concern-identified", 1, "failed"), (p.GetTagItem(CafStoreTelemetry.EventTypeTag), p.GetTagItem(CafStoreTelemetry.AttemptTag), p.GetTagItem(CafStoreTelemetry.OutcomeTag)));
            Assert.Empty(p.Links);
        });
        AssertNoIdInTags(metrics.All);
        AssertNoIdInSpans(spans.Activities);
    }

    [StoreFact]
    public async Task Telemetry_the_store_spans_nest_under_the_registers_load_and_save_and_every_database_command_runs_under_them()
    {
        using var spans = new SpanCollector();
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var register = new CafRegister(Host.Repository, Policy);

        await spans.UnderRootAsync(async () => Ok(await register.ExecuteAsync(Ep1, GiveConsent)));

        var load = Assert.Single(spans.Named(CafStoreTelemetry.LoadActivity));
        var save = Assert.Single(spans.Named(CafStoreTelemetry.SaveActivity));
        Assert.Equal(CafTelemetry.LoadActivity, spans.Parent(load)?.OperationName);
        Assert.Equal(CafTelemetry.SaveActivity, spans.Parent(save)?.OperationName);
        Assert.Equal(CafTelemetry.ExecuteActivity, spans.Parent(spans.Parent(load)!)?.OperationName);
        Assert.Equal(CafTelemetry.ExecuteActivity, spans.Parent(spans.Parent(save)!)?.OperationName);
        Assert.Equal("found", load.GetTagItem(CafStoreTelemetry.OutcomeTag));
        Assert.Equal(("ok", "update", 1), (save.GetTagItem(CafStoreTelemetry.OutcomeTag), save.GetTagItem(CafStoreTelemetry.OperationTag), save.GetTagItem(CafStoreTelemetry.EpisodeCountTag)));

        // Where EF Core's and the provider's instrumentation start their spans: every command of this trace ran with a store span current.
        var current = Host.Spans.Seen.Where(s => s.Trace == spans.Root.TraceId).Select(s => s.Span).Distinct().Order().ToList();
        Assert.Equal([CafStoreTelemetry.LoadActivity, CafStoreTelemetry.SaveActivity], current);
        await using (var db = Host.NewContext())
        {
            if (db.Database.IsNpgsql())
            {
                // Npgsql publishes a span per command: each is a child of a store span.
                var npgsql = spans.Activities.Where(a => a.Source.Name == SpanCollector.NpgsqlSource).ToList();
                Assert.NotEmpty(npgsql);
                Assert.All(npgsql, a => Assert.Contains(spans.Parent(a)?.OperationName, new[] { CafStoreTelemetry.LoadActivity, CafStoreTelemetry.SaveActivity }));
            }
        }

        AssertNoIdInSpans(spans.Activities.Where(a => a.Source.Name != SpanCollector.NpgsqlSource));
    }

    private static Dictionary<string, double> Gauges(double pending, double deadLetters, double oldestAge) => new()
    {
        [CafStoreTelemetry.OutboxPending] = pending,
        [CafStoreTelemetry.OutboxDeadLetters] = deadLetters,
        [CafStoreTelemetry.OutboxOldestPendingAge] = oldestAge,
    };

    // Every measurement carries the single-authority store's authority, "default" (issue 29), and nothing personal.
    private static void AssertNoIdInTags(IEnumerable<Measured> measured)
    {
        var list = measured.ToList();
        Assert.All(list, m => Assert.Equal("default", m.Tag(CafStoreTelemetry.AuthorityTag)));
        StoreTags.AssertNoPersonalData(list.SelectMany(m => m.Tags), ScriptIds, ["default"]);
    }

    private static void AssertNoIdInSpans(IEnumerable<System.Diagnostics.Activity> activities)
    {
        var list = activities.ToList();
        var values = list.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? "").ToList();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.DoesNotContain(ScriptIds, id => v.Contains(id, StringComparison.Ordinal)));
        // The store's own spans: documented keys only, and the authority on each.
        var store = list.Where(a => a.Source.Name == CafStoreTelemetry.ActivitySourceName).ToList();
        Assert.All(store, a => Assert.Equal("default", a.GetTagItem(CafStoreTelemetry.AuthorityTag)));
        StoreTags.AssertNoPersonalData(store.SelectMany(a => a.TagObjects), ScriptIds, ["default"]);
    }
}
