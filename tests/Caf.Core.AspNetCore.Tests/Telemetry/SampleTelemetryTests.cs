using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.Consent;
using Caf.Core.Diagnostics;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.WebSample;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Caf.Core.AspNetCore.Tests.Telemetry;

/// <summary>
/// Listeners on the <c>Caf.Core</c> and ASP.NET Core sources hear every host of the test process, so the tests that read
/// what the sample's exporter collected run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry (alone)";
}

/// <summary>
/// The web sample's OpenTelemetry wiring, driven through a CAF over its API: the in-memory exporter collects the
/// <c>Caf.Core</c> counters and the <c>caf.execute</c> span tree nested under the request's span, the developer page shows
/// them, and <c>/healthz</c> runs the store's checks. Amy's teacher is refused the assessment (no consent, LIFE-05), records
/// the mother's consent, then starts the assessment.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SampleTelemetryTests : IAsyncLifetime
{
    private const string Amy = "/api/episodes/ep-amy-1";
    private static readonly string[] Ids = ["ep-amy-1", "child-amy", "ms-jones", "oakfield-primary"];
    private SampleFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await new SampleFactory().PreparedAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Driving_a_CAF_counts_caf_commands_by_outcome_and_refusals_by_rule_in_the_exported_metrics()
    {
        var before = Collect().Metrics;

        await DriveAsync();

        var after = Collect().Metrics;
        // (The demo's seeding, which Program also runs, records consent for Ben: consent is not counted here.)
        Assert.Equal(1, Delta(before, after, CafTelemetry.Commands, (CafTelemetry.OutcomeTag, "ok"), (CafTelemetry.EventTypeTag, "AssessmentStarted")));
        Assert.Equal(1, Delta(before, after, CafTelemetry.Commands, (CafTelemetry.OutcomeTag, "refused"), (CafTelemetry.EventTypeTag, "none")));
        Assert.Equal(1, Delta(before, after, CafTelemetry.CommandRefusals, (CafTelemetry.RuleIdTag, "LIFE-05")));
        Assert.Contains(after, m => m.Name == "http.server.request.duration"); // ASP.NET Core's meter, through the instrumentation
        foreach (var metric in after.Where(m => m.MeterName == CafTelemetry.MeterName))
        {
            foreach (var point in metric.MetricPoints)
            {
                Assert.DoesNotContain(TelemetryRecorder.TagsOf(point).Values, v => Ids.Any(id => v.Contains(id, StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public async Task Each_command_request_has_caf_execute_nested_under_its_HTTP_span_with_load_command_and_save_beneath()
    {
        var (refused, consent, start) = await DriveAsync();

        foreach (var (trace, route, saved) in new[] { (consent, "/consent", true), (start, "/assessment", true), (refused, "/assessment", false) })
        {
            var server = await ServerSpanAsync(trace);
            Assert.Equal($"POST /api/episodes/{{id}}{route}", server.DisplayName);
            var spans = Collect().Spans.Where(s => s.TraceId == trace).ToList();
            var execute = Assert.Single(spans, s => s.OperationName == CafTelemetry.ExecuteActivity);
            Assert.Equal(CafTelemetry.ActivitySourceName, execute.Source.Name);
            Assert.Equal(server.SpanId, execute.ParentSpanId);
            string[] children = saved
                ? [CafTelemetry.LoadActivity, CafTelemetry.CommandActivity, CafTelemetry.SaveActivity]
                : [CafTelemetry.LoadActivity, CafTelemetry.CommandActivity];
            Assert.Equal(children, spans.Where(s => s.ParentSpanId == execute.SpanId).OrderBy(s => s.StartTimeUtc).Select(s => s.OperationName));
            foreach (var span in spans.Where(s => s.Source.Name == CafTelemetry.ActivitySourceName))
            {
                Assert.DoesNotContain(span.TagObjects, t => Ids.Any(id => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains(id, StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public async Task A_refusal_tags_the_request_span_and_caf_execute_with_the_rule_id()
    {
        var (refused, _, start) = await DriveAsync();

        var server = await ServerSpanAsync(refused);
        Assert.Equal("LIFE-05", server.GetTagItem(CafTelemetry.RuleIdTag));
        Assert.Equal(422, server.GetTagItem("http.response.status_code"));
        var execute = Collect().Spans.Single(s => s.TraceId == refused && s.OperationName == CafTelemetry.ExecuteActivity);
        Assert.Equal(("refused", "LIFE-05"), (execute.GetTagItem(CafTelemetry.OutcomeTag), execute.GetTagItem(CafTelemetry.RuleIdTag)));
        Assert.Null((await ServerSpanAsync(start)).GetTagItem(CafTelemetry.RuleIdTag)); // a success carries none
    }

    [Fact]
    public async Task The_developer_page_shows_the_counters_and_the_recent_spans_without_ids()
    {
        await DriveAsync();

        using var response = await _factory.CreateClient().GetAsync(WebSampleTelemetry.PagePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<td>Caf.Core</td><td>caf.commands</td><td>caf.event.type=AssessmentStarted, caf.outcome=ok</td><td>1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Caf.Core</td><td>caf.command.refusals</td><td>caf.rule.id=LIFE-05</td><td>1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>caf.execute</td><td>POST /api/episodes/{id}/assessment</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Ids, id => page.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthz_answers_Healthy_with_the_store_and_outbox_checks()
    {
        using var response = await _factory.CreateClient().GetAsync(WebSampleTelemetry.HealthPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty(CafEntityFrameworkCoreHealthChecks.StoreCheckName).GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty(CafEntityFrameworkCoreHealthChecks.OutboxCheckName).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_answers_503_Unhealthy_once_the_oldest_undelivered_event_is_older_than_5_minutes()
    {
        // The sample runs no dispatcher: the demo's events stay in the outbox, saved at the clock's start.
        _factory.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        using var response = await _factory.CreateClient().GetAsync(WebSampleTelemetry.HealthPath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty(CafEntityFrameworkCoreHealthChecks.StoreCheckName).GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty(CafEntityFrameworkCoreHealthChecks.OutboxCheckName).GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_Telemetry_Page_false_there_is_no_in_memory_exporter_and_no_page()
    {
        await using var off = _factory.WithWebHostBuilder(b => b.UseSetting("Telemetry:Page", "false"));

        using var response = await off.CreateClient().GetAsync(WebSampleTelemetry.PagePath);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(off.Services.GetService<TelemetryRecorder>());
        Assert.NotNull(off.Services.GetService<MeterProvider>()); // OpenTelemetry itself stays wired
    }

    // The three requests, each in a trace of its own (the client's traceparent, so the spans of this test are found).
    private async Task<(ActivityTraceId Refused, ActivityTraceId Consent, ActivityTraceId Start)> DriveAsync()
    {
        var client = _factory.ClientFor(DemoData.Teacher);
        var refused = await PostAsync(client, $"{Amy}/assessment", new { reason = "The family agreed to an assessment." }, (HttpStatusCode)422);
        var consent = await PostAsync(client, $"{Amy}/consent", new
        {
            giverRole = nameof(ConsentGiverRole.ParentWithParentalResponsibility),
            giverName = "Ms Smith",
            sharingExplained = true,
            decision = nameof(ConsentDecision.Given),
            form = nameof(ConsentForm.Written),
            reason = "Consent to assess and share with partner agencies.",
        }, HttpStatusCode.OK);
        var start = await PostAsync(client, $"{Amy}/assessment", new { reason = "The family agreed to an assessment." }, HttpStatusCode.OK);
        return (refused, consent, start);
    }

    private static async Task<ActivityTraceId> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        Assert.True(expected == response.StatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return trace;
    }

    // The request's span ends after its answer reaches the client: wait for the exporter to receive it (bounded).
    private async Task<Activity> ServerSpanAsync(ActivityTraceId trace)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (Collect().Spans.FirstOrDefault(s => s.TraceId == trace && s.Kind == ActivityKind.Server) is { } server)
            {
                return server;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"No server span of trace {trace} was exported.");
    }

    private (IReadOnlyList<MetricSnapshot> Metrics, IReadOnlyList<Activity> Spans) Collect() =>
        _factory.Services.GetRequiredService<TelemetryRecorder>().Collect(_factory.Services.GetRequiredService<MeterProvider>());

    private static long Delta(IReadOnlyList<MetricSnapshot> before, IReadOnlyList<MetricSnapshot> after, string name, params (string, string)[] tags) =>
        TelemetryRecorder.Count(after, name, tags) - TelemetryRecorder.Count(before, name, tags);
}
