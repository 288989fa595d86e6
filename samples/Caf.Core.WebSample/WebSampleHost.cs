using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Thresholds;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.WebSample;

/// <summary>The web host: Caf.Core on the SQLite store, the adapter's API, a demo sign-in and the episode page.</summary>
public static class WebSampleHost
{
    /// <summary>
    /// Builds the app. Settings: <c>ConnectionStrings:Caf</c> (default <c>Data Source=caf-websample.db</c>), <c>--urls</c>,
    /// <c>Telemetry:Console</c> and <c>Telemetry:Page</c> (<see cref="WebSampleTelemetry"/>).
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        // The application name is this assembly's, so the Razor pages are found when a test hosts the app.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebSampleHost).Assembly.GetName().Name,
        });

        var connection = builder.Configuration.GetConnectionString("Caf") ?? "Data Source=caf-websample.db";
        // The naming port (the demo's staff directory) before AddCafCore, which would otherwise fall back to ids.
        builder.Services.AddSingleton<Caf.Core.Primitives.ICafNames, DemoNames>();
        builder.Services.AddSingleton(new ChildDirectory(connection)); // the host's children, in the same database
        // Issue 29 (docs/authorities.md): two local authorities in one host, both on the one SQLite file. Northshire is the
        // default authority (AddCafCore and the store's single-authority services); Southvale is declared with
        // AddCafAuthority, with its own thresholds framework. PerAuthority() registers the store's services per authority
        // (keyed by the AuthorityId), so Southvale's episodes, report rows, audits and outbox are rows of the same
        // database, stamped "southvale", that every query of Southvale's stores is scoped to: they survive a restart, and
        // neither authority's stores read or write the other's rows.
        builder.Services
            .AddCafCore(builder.Configuration.GetSection("Caf"))
            .AddCafEntityFrameworkCore(o => o.UseSqlite(connection).PerAuthority())
            .AddCafAspNetCore();
        builder.Services.AddCafAuthority(DemoData.Southvale, southvale => southvale.Thresholds(SouthvaleThresholds()));
        builder.AddWebSampleTelemetry(); // OpenTelemetry, health checks (WebSampleTelemetry.cs)

        // A demo sign-in: choose a practitioner from a list. A real host uses its own identity provider and puts the
        // practitioner and agency in the claims ClaimsCafCallerAccessor reads (or implements ICafCallerAccessor).
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o => { o.LoginPath = "/login"; o.Cookie.Name = "caf-websample"; });
        builder.Services.AddAuthorization();
        builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/").AllowAnonymousToPage("/Login"));

        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapCafEpisodes("/api/episodes");
        app.MapWebSampleTelemetry(); // /healthz, and the developer page /_telemetry
        return app;
    }

    /// <summary>Creates or upgrades the database and adds the demo children's episodes when the register is empty.</summary>
    public static async Task PrepareAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.MigrateCafDatabaseAsync();
        services.GetRequiredService<ChildDirectory>().EnsureCreated();
        await DemoData.SeedAsync(services);
    }

    /// <summary>
    /// Southvale's thresholds framework: the shipped illustrative one under Southvale's own id, title and version (a real
    /// authority loads its own document, <c>ThresholdsFile</c>), so the pages show which framework judged an assessment.
    /// </summary>
    public static ThresholdFramework SouthvaleThresholds()
    {
        var loader = new ThresholdFrameworkLoader();
        var shipped = loader.Load(loader.DefaultJson()).Framework!;
        return shipped with { Id = "southvale-continuum", Title = "Southvale continuum of need", Version = "2026.1" };
    }

    /// <summary>The claims of a demo practitioner (what a real identity provider would give).</summary>
    public static ClaimsPrincipal SignInAs(DemoPractitioner practitioner)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, practitioner.Name),
                new Claim(CafClaimTypes.Practitioner, practitioner.Id.Value),
                new Claim(CafClaimTypes.Agency, practitioner.Agency.Value),
                new Claim(CafClaimTypes.Authority, practitioner.Authority.Value), // whose register serves every request
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return new ClaimsPrincipal(identity);
    }
}
