using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.AspNetCore.Tests.Authorities;

/// <summary>
/// A test host of three local authorities (docs/authorities.md), each declared with <c>AddCafAuthority</c> (its policy,
/// in-memory store, register and sharing audit are keyed services, key = the AuthorityId; no <c>AddCafCore</c>), and
/// the adapter's endpoints at /api/episodes. The caller comes from three headers: practitioner, agency and authority. The same
/// agency id and the same child id exist in every authority, so nothing can be told apart by them.
/// </summary>
public sealed class AuthoritiesHost : IAsyncDisposable
{
    public const string Episodes = "/api/episodes";
    public static readonly AuthorityId North = new("north");
    public static readonly AuthorityId South = new("south");
    public static readonly AuthorityId East = new("east");
    public static readonly AuthorityId[] All = [North, South, East];
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;

    private AuthoritiesHost(WebApplication app, Dictionary<AuthorityId, InMemorySharingAuditLog> audits)
    {
        _app = app;
        Audits = audits;
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Each authority's sharing audit (SHARE-03/04).</summary>
    public IReadOnlyDictionary<AuthorityId, InMemorySharingAuditLog> Audits { get; }

    /// <summary>Builds and starts the host; <paramref name="leakyNorth"/> gives north a store that also hands out south's episodes (a faulty store).</summary>
    public static async Task<AuthoritiesHost> StartAsync(bool leakyNorth = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(Start);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ICafCallerAccessor, AuthorityHeaderCallerAccessor>();
        foreach (var authority in All)
        {
            // Different policies per authority: the assessment timescale differs, so a view shows whose policy served it.
            var months = authority == North ? 1 : authority == South ? 2 : 3;
            builder.Services.AddCafAuthority(authority, a => a.Options(o => o.Lifecycle.AssessmentTimescaleMonths = months));
        }

        if (leakyNorth)
        {
            builder.Services.AddKeyedSingleton<IEpisodeRepository>(North, (sp, _) => new LeakyRepository(
                sp.GetRequiredKeyedService<InMemoryEpisodeRepository>(North), sp.GetRequiredKeyedService<InMemoryEpisodeRepository>(South)));
        }

        builder.Services.AddCafAspNetCore();
        var app = builder.Build();
        app.MapCafEpisodes(Episodes);
        await app.StartAsync();
        var audits = All.ToDictionary(a => a, a => (InMemorySharingAuditLog)app.Services.GetRequiredKeyedService<ISharingAuditLog>(a));
        return new AuthoritiesHost(app, audits);
    }

    /// <summary>A client calling as a practitioner of an agency in an authority (no authority header when null).</summary>
    public HttpClient ClientFor(AuthorityId? authority, string practitioner = "ms-jones", string agency = "school")
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.PractitionerHeader, practitioner);
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AgencyHeader, agency);
        if (authority is { } a)
        {
            client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AuthorityHeader, a.Value);
        }

        return client;
    }

    /// <summary>A client naming an authority the host does not declare.</summary>
    public HttpClient ClientForUndeclared(string authority)
    {
        var client = ClientFor(null);
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AuthorityHeader, authority);
        return client;
    }

    /// <summary>Every episode stored in an authority's own store (read directly, not through the adapter).</summary>
    public async Task<IReadOnlyList<CafEpisode>> StoredAsync(AuthorityId authority)
    {
        var store = Services.GetRequiredKeyedService<InMemoryEpisodeRepository>(authority);
        var all = await store.ListAsync(new AllEpisodes());
        var episodes = new List<CafEpisode>();
        foreach (var summary in all)
        {
            episodes.Add((await store.GetAsync(summary.Id))!);
        }

        return episodes;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class AllEpisodes : Ardalis.Specification.Specification<EpisodeSummary>
    {
    }
}

/// <summary>The host's caller port, from three headers (a stand-in for the host's authentication).</summary>
public sealed class AuthorityHeaderCallerAccessor : ICafCallerAccessor
{
    public const string PractitionerHeader = "X-Caf-Practitioner";
    public const string AgencyHeader = "X-Caf-Agency";
    public const string AuthorityHeader = "X-Caf-Authority";

    public Actor? GetCaller(HttpContext context)
    {
        var practitioner = context.Request.Headers[PractitionerHeader].ToString();
        var agency = context.Request.Headers[AgencyHeader].ToString();
        return practitioner.Length == 0 || agency.Length == 0 ? null : new Actor(new PractitionerId(practitioner), new AgencyId(agency));
    }

    public AuthorityId? GetAuthority(HttpContext context)
    {
        var authority = context.Request.Headers[AuthorityHeader].ToString();
        return authority.Length == 0 ? null : new AuthorityId(authority);
    }
}

/// <summary>A faulty store of north that also hands out (and lists) south's episodes: the gate must still show none of them.</summary>
internal sealed class LeakyRepository(InMemoryEpisodeRepository own, InMemoryEpisodeRepository other) : IEpisodeRepository
{
    public AuthorityId Authority => own.Authority;

    public async ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) =>
        await own.GetAsync(id, cancellationToken) ?? await other.GetAsync(id, cancellationToken);

    public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => own.AddAsync(episode, cancellationToken);

    public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default) =>
        own.UpdateAsync(episode, expectedVersion, cancellationToken);

    public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default) =>
        own.UpdateManyAsync(updates, cancellationToken);

    public async ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(Ardalis.Specification.ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
        [.. await own.ListAsync(specification, cancellationToken), .. await other.ListAsync(specification, cancellationToken)];
}
