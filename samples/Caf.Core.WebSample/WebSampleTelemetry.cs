using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.EntityFrameworkCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Caf.Core.WebSample;

/// <summary>
/// The sample's operability wiring (docs/operations.md "Wiring OpenTelemetry"): OpenTelemetry on the <c>Caf.Core</c>
/// meter and activity source and on ASP.NET Core's requests, the console exporter when <c>Telemetry:Console</c> is true
/// (off by default: noise in tests and CI), the in-memory exporter behind the developer page <see cref="PagePath"/> unless
/// <c>Telemetry:Page</c> is false, and the store's health checks at <see cref="HealthPath"/>.
/// </summary>
public static class WebSampleTelemetry
{
    /// <summary>The developer page: the counters and the recent spans the in-memory exporter holds.</summary>
    public const string PagePath = "/_telemetry";

    /// <summary>The health endpoint: the store reachable with its migrations applied, the outbox's oldest event young enough.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Registers OpenTelemetry, the exporters the configuration asks for, and the health checks.</summary>
    /// <param name="builder">The sample's builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddWebSampleTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // snippet
        var console = builder.Configuration.GetValue("Telemetry:Console", false);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("Caf.Core.WebSample"))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(CafTelemetry.MeterName)   // caf.commands, caf.command.refusals, caf.sharing.decisions, ...
                    .AddAspNetCoreInstrumentation();    // http.server.request.duration
                if (console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000);
                }
            })
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(CafTelemetry.ActivitySourceName)   // caf.execute > caf.episode.load, caf.command, caf.episode.save
                    .AddAspNetCoreInstrumentation();              // the request's span, which caf.execute nests under
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });
        builder.Services.AddHealthChecks().AddCafEntityFrameworkCoreHealthChecks();
        // end snippet

        if (builder.Configuration.GetValue("Telemetry:Page", true))
        {
            var recent = new TelemetryRecorder();
            builder.Services.AddSingleton(recent);
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(recent.Metrics));
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(recent.Spans));
        }

        return builder;
    }

    /// <summary>Maps the health endpoint and, when the page is on, the developer page.</summary>
    /// <param name="app">The sample's app.</param>
    /// <returns>The app.</returns>
    public static WebApplication MapWebSampleTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // snippet
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });   // the store, the outbox
        // end snippet

        if (app.Services.GetService<TelemetryRecorder>() is { } recent)
        {
            app.MapGet(PagePath, (HttpContext http) =>
                Results.Content(TelemetryPage.Render(recent.Collect(http.RequestServices.GetService<MeterProvider>())), "text/html; charset=utf-8"));
        }

        return app;
    }

    // The overall status and each check's status and description, as JSON (the default writer gives the status alone).
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
