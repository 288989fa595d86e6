using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Caf.Core.AspNetCore.Tests.Authorities.AuthoritiesHost;

namespace Caf.Core.AspNetCore.Tests.Authorities;

/// <summary>
/// The gate's own authority check (a faulty store that hands out another authority's episode still shows nothing of
/// it), the authority claim (<see cref="ClaimsCafCallerAccessor"/>), and a single-authority host, unchanged.
/// </summary>
public sealed class AuthorityGateTests
{
    [Theory]
    [InlineData("GET ")]
    [InlineData("GET /actions")]
    [InlineData("POST /consent")]
    [InlineData("POST /consent/withdrawal")]
    [InlineData("POST /assessment")]
    [Trait("Rule", "SHARE-01")]
    public async Task A_store_that_hands_out_another_authoritys_episode_is_still_answered_as_missing(string endpoint)
    {
        await using var host = await StartAsync(leakyNorth: true);
        await OpenAsync(host, North);
        await OpenAsync(host, South);
        var client = host.ClientFor(North);
        var southBefore = (await host.StoredAsync(South)).Single().Version;

        using var other = await MultiAuthorityEndpointTests.SendAsync(client, endpoint, MultiAuthorityEndpointTests.EpisodeOf(South));
        using var missing = await MultiAuthorityEndpointTests.SendAsync(client, endpoint, "ep-nowhere");
        var caseload = await Json(await client.GetAsync(Episodes));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(
            await MultiAuthorityEndpointTests.WithoutTraceAsync(missing, "ep-nowhere"),
            await MultiAuthorityEndpointTests.WithoutTraceAsync(other, MultiAuthorityEndpointTests.EpisodeOf(South)));
        Assert.Equal(southBefore, (await host.StoredAsync(South)).Single().Version);
        Assert.Empty(host.Audits[South].Entries);
        Assert.Equal([MultiAuthorityEndpointTests.EpisodeOf(North)], caseload.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public void The_claims_accessor_reads_the_authority_claim_by_the_one_comparison_rule()
    {
        var accessor = new ClaimsCafCallerAccessor();

        var leeds = Request(new Claim(CafClaimTypes.Authority, "Leeds"));
        var none = Request();

        Assert.Equal(new AuthorityId("leeds"), accessor.GetAuthority(leeds));
        Assert.NotNull(accessor.GetCaller(leeds));
        Assert.Null(accessor.GetAuthority(none));
        Assert.NotNull(accessor.GetCaller(none));
    }

    [Theory]
    [InlineData("leeds city")]
    [InlineData("")]
    [InlineData("léeds")]
    public void An_authority_claim_that_names_no_authority_identifies_nobody(string value)
    {
        var accessor = new ClaimsCafCallerAccessor();

        var request = Request(new Claim(CafClaimTypes.Authority, value));

        Assert.Null(accessor.GetCaller(request));
        Assert.Null(accessor.GetAuthority(request));
    }

    [Fact]
    public void Two_authority_claims_identify_nobody()
    {
        var request = Request(new Claim(CafClaimTypes.Authority, "leeds"), new Claim(CafClaimTypes.Authority, "york"));

        Assert.Null(new ClaimsCafCallerAccessor().GetCaller(request));
    }

    [Fact]
    public async Task A_single_authority_host_serves_callers_naming_no_authority_or_its_own_and_refuses_any_other_with_403()
    {
        await using var app = await SingleAuthorityHostAsync();
        var none = Client(app, null);

        using var opened = await none.PostAsJsonAsync(Episodes, new { episodeId = "ep-amy-1", childId = "child-amy", dateOfBirth = "2016-05-04", concern = "Amy is often hungry." });
        using var own = await Client(app, "Default").GetAsync($"{Episodes}/ep-amy-1");
        using var other = await Client(app, "leeds").GetAsync($"{Episodes}/ep-amy-1");
        using var otherList = await Client(app, "leeds").GetAsync(Episodes);

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(CafAuthorityRequests.NotServedTitle, (await Json(other)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, otherList.StatusCode);
        Assert.Single((await Json(await none.GetAsync(Episodes))).EnumerateArray());
    }

    private static async Task<WebApplication> SingleAuthorityHostAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ISharingAuditLog, InMemorySharingAuditLog>();
        builder.Services.AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()); // LAW-04
        builder.Services.AddSingleton<ICafCallerAccessor, AuthorityHeaderCallerAccessor>();
        builder.Services.AddCafCore().AddCafInMemoryEpisodeStore().AddCafAspNetCore();
        var app = builder.Build();
        app.MapCafEpisodes(Episodes);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, string? authority)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.PractitionerHeader, "ms-jones");
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AgencyHeader, "school");
        if (authority is not null)
        {
            client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AuthorityHeader, authority);
        }

        return client;
    }

    private static async Task OpenAsync(AuthoritiesHost host, AuthorityId authority)
    {
        using var opened = await host.ClientFor(authority).PostAsJsonAsync(Episodes, new
        {
            episodeId = MultiAuthorityEndpointTests.EpisodeOf(authority), childId = "child-amy", dateOfBirth = "2016-05-04", concern = "Amy is often hungry.",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
    }

    private static DefaultHttpContext Request(params Claim[] extra) => new()
    {
        User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(CafClaimTypes.Practitioner, "ms-jones"), new Claim(CafClaimTypes.Agency, "school"), .. extra], "test")),
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
