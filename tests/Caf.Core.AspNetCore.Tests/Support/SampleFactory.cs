using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Primitives;
using Caf.Core.WebSample;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.AspNetCore.Tests.Support;

/// <summary>
/// The web sample in a test server, on its own SQLite file, with the demo's two episodes. The caller comes from two
/// request headers (the host's port, <see cref="ICafCallerAccessor"/>, implemented as a host would), the clock is the
/// seeds' (2 March 2026, 09:00 UTC), and every audit entry is kept for the assertions as well as stored.
/// </summary>
public sealed class SampleFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caf-web-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(Start);

    public RecordingAuditLog Audit { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseSetting("ConnectionStrings:Caf", $"Data Source={Path.Combine(_folder, "caf.db")}");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ICafCallerAccessor, HeaderCallerAccessor>();
            services.AddSingleton<ISharingAuditLog>(sp =>
            {
                Audit.Inner = sp.GetRequiredService<EntityFrameworkSharingAuditLog<CafDbContext>>();
                return Audit;
            });
        });
    }

    /// <summary>Creates the database and the demo episodes (what Program does before it runs).</summary>
    public async Task<SampleFactory> PreparedAsync()
    {
        await WebSampleHost.PrepareAsync(Services);
        return this;
    }

    /// <summary>A client calling as a practitioner of an agency.</summary>
    public HttpClient ClientFor(DemoPractitioner who)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.PractitionerHeader, who.Id.Value);
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.AgencyHeader, who.Agency.Value);
        client.DefaultRequestHeaders.Add(HeaderCallerAccessor.AuthorityHeader, who.Authority.Value); // the sample serves two authorities
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp folder is left behind
        }
    }
}

/// <summary>The host's caller port, from three headers (a test stand-in for the host's authentication).</summary>
public sealed class HeaderCallerAccessor : ICafCallerAccessor
{
    public const string PractitionerHeader = "X-Caf-Practitioner";
    public const string AgencyHeader = "X-Caf-Agency";
    public const string AuthorityHeader = "X-Caf-Authority";

    public AuthorityId? GetAuthority(HttpContext context) =>
        context.Request.Headers[AuthorityHeader].ToString() is { Length: > 0 } authority ? new AuthorityId(authority) : null;

    public Actor? GetCaller(HttpContext context)
    {
        var practitioner = context.Request.Headers[PractitionerHeader].ToString();
        var agency = context.Request.Headers[AgencyHeader].ToString();
        return practitioner.Length == 0 || agency.Length == 0 ? null : new Actor(new PractitionerId(practitioner), new AgencyId(agency));
    }
}

/// <summary>Keeps every audit entry for the assertions and stores it in the sample's database too.</summary>
public sealed class RecordingAuditLog : ISharingAuditLog
{
    private readonly ConcurrentQueue<SharingAuditEntry> _entries = new();

    public ISharingAuditLog? Inner { get; set; }

    public IReadOnlyList<SharingAuditEntry> Entries => [.. _entries];

    public void Record(SharingAuditEntry entry)
    {
        Inner?.Record(entry);
        _entries.Enqueue(entry);
    }

    public IReadOnlyList<SharingAuditEntry> Since(int count) => [.. _entries.Skip(count)];
}
