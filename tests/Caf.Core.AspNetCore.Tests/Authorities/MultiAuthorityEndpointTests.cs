using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.Primitives;
using static Caf.Core.AspNetCore.Tests.Authorities.AuthoritiesHost;

namespace Caf.Core.AspNetCore.Tests.Authorities;

/// <summary>
/// Issue 29, the web adapter: three authorities in one host, each with the same agency and child ids. Every endpoint
/// serves the caller's authority only: another authority's episode is answered exactly as a missing one (404, no
/// existence leak), nothing of it is read, written, counted or audited; a caller naming no authority is refused with
/// 401, one naming an undeclared authority with 403.
/// </summary>
public sealed class MultiAuthorityEndpointTests : IAsyncLifetime
{
    private AuthoritiesHost _host = null!;

    public static TheoryData<string, string, string> PairsAndEndpoints()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var caller in All)
        {
            foreach (var owner in All.Where(o => o != caller))
            {
                foreach (var endpoint in Endpoints)
                {
                    data.Add(caller.Value, owner.Value, endpoint);
                }
            }
        }

        return data;
    }

    /// <summary>The endpoints that name an episode: a GET, or a POST with a body the command would accept.</summary>
    public static readonly string[] Endpoints = ["GET ", "GET /actions", "POST /consent", "POST /consent/withdrawal", "POST /assessment"];

    public async Task InitializeAsync()
    {
        _host = await StartAsync();
        foreach (var authority in All)
        {
            // The same child, the same agency, in every authority; each episode id names its authority.
            using var opened = await _host.ClientFor(authority).PostAsJsonAsync(Episodes, new { episodeId = EpisodeOf(authority), childId = "child-amy", dateOfBirth = "2016-05-04", concern = "Amy is often hungry at school." });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(PairsAndEndpoints))]
    [Trait("Rule", "SHARE-01")]
    public async Task A_caller_naming_another_authoritys_episode_gets_the_answer_for_a_missing_one_and_changes_nothing(string caller, string owner, string endpoint)
    {
        var from = new AuthorityId(caller);
        var of = new AuthorityId(owner);
        var client = _host.ClientFor(from);
        var storedBefore = await SnapshotAsync();
        var auditBefore = _host.Audits.ToDictionary(a => a.Key, a => a.Value.Entries.Count);

        using var other = await SendAsync(client, endpoint, EpisodeOf(of));
        using var missing = await SendAsync(client, endpoint, "ep-nowhere");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(await WithoutTraceAsync(missing, "ep-nowhere"), await WithoutTraceAsync(other, EpisodeOf(of)));
        Assert.Equal(storedBefore, await SnapshotAsync()); // nothing written anywhere
        Assert.Equal(auditBefore, _host.Audits.ToDictionary(a => a.Key, a => a.Value.Entries.Count)); // nothing judged or shown
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Each_authority_reaches_its_own_episode_on_every_endpoint(string endpoint)
    {
        foreach (var authority in All)
        {
            using var response = await SendAsync(_host.ClientFor(authority), endpoint, EpisodeOf(authority));
            // Found and judged: a success, or a rule of the guidance about this very episode (e.g. LIFE-05 before consent).
            Assert.True(
                response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.UnprocessableEntity,
                $"{authority} {endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static TheoryData<string> EveryEndpoint() => [.. Endpoints];

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public async Task The_caseload_of_one_authority_lists_its_own_episodes_only_though_the_agency_id_is_the_same_everywhere()
    {
        using (var second = await _host.ClientFor(South).PostAsJsonAsync(Episodes, new { episodeId = "ep-south-2", childId = "child-ben", dateOfBirth = "2015-01-02", concern = "Ben missed school." }))
        {
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        }

        foreach (var authority in All)
        {
            var caseload = await Json(await _host.ClientFor(authority).GetAsync(Episodes));
            var expected = authority == South ? new[] { EpisodeOf(South), "ep-south-2" } : [EpisodeOf(authority)];
            Assert.Equal(expected, caseload.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    [Trait("Rule", "LIFE-03")]
    public async Task A_concern_for_a_child_open_only_in_another_authority_opens_a_new_episode_and_names_no_one_of_the_other()
    {
        using (var south = await _host.ClientFor(South).PostAsJsonAsync(Episodes, new { episodeId = "ep-south-ben", childId = "child-ben", dateOfBirth = "2015-01-02", concern = "Ben missed school." }))
        {
            Assert.Equal(HttpStatusCode.Created, south.StatusCode);
        }

        using var north = await _host.ClientFor(North, "mr-patel", "health-visiting").PostAsJsonAsync(Episodes, new { childId = "child-ben", dateOfBirth = "2015-01-02", concern = "Ben missed his check." });

        Assert.Equal(HttpStatusCode.Created, north.StatusCode);
        var registration = await Json(north);
        Assert.True(registration.GetProperty("opened").GetBoolean());
        Assert.Equal(JsonValueKind.Null, registration.GetProperty("contactName").ValueKind);
        Assert.Equal(2, (await _host.StoredAsync(North)).Count);
        Assert.Equal(2, (await _host.StoredAsync(South)).Count); // south's own two, untouched
        Assert.All(await _host.StoredAsync(North), e => Assert.Equal(North, e.Authority));
    }

    [Fact]
    public async Task An_idempotency_key_is_kept_per_authority_a_refused_request_of_one_uses_up_nothing_of_another()
    {
        const string key = "6f1c2d3e-key";
        var north = _host.ClientFor(North);
        var south = _host.ClientFor(South);
        north.DefaultRequestHeaders.Add(CafIdempotency.HeaderName, key);
        south.DefaultRequestHeaders.Add(CafIdempotency.HeaderName, key);
        var consent = new { giverRole = "ParentWithParentalResponsibility", giverName = "Ms Smith", decision = "Given", form = "Written", sharingExplained = true, reason = "Consent to assess." };

        using var northOnSouth = await north.PostAsJsonAsync($"{Episodes}/{EpisodeOf(South)}/consent", consent);
        using var southOwn = await south.PostAsJsonAsync($"{Episodes}/{EpisodeOf(South)}/consent", consent);
        using var northOwn = await north.PostAsJsonAsync($"{Episodes}/{EpisodeOf(North)}/consent", consent);
        using var northAgain = await north.PostAsJsonAsync($"{Episodes}/{EpisodeOf(North)}/consent", consent);

        Assert.Equal(HttpStatusCode.NotFound, northOnSouth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, southOwn.StatusCode);
        Assert.Equal(2, (await Json(southOwn)).GetProperty("version").GetInt32()); // the key was free in south: recorded
        Assert.Equal(HttpStatusCode.OK, northOwn.StatusCode);
        Assert.Equal(2, (await Json(northOwn)).GetProperty("version").GetInt32()); // and free in north, though south used it
        Assert.Equal(HttpStatusCode.OK, northAgain.StatusCode);
        Assert.Equal(2, (await Json(northAgain)).GetProperty("version").GetInt32()); // replayed in north: recorded once
    }

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task A_caller_naming_no_authority_is_refused_with_401_and_one_naming_an_undeclared_authority_with_403(string endpoint)
    {
        var storedBefore = await SnapshotAsync();

        using var none = await SendAsync(_host.ClientFor(null), endpoint, EpisodeOf(North));
        using var undeclared = await SendAsync(_host.ClientForUndeclared("West"), endpoint, EpisodeOf(North));
        using var noneList = await _host.ClientFor(null).GetAsync(Episodes);
        using var undeclaredOpen = await _host.ClientForUndeclared("west").PostAsJsonAsync(Episodes, new { childId = "child-cy", concern = "Cy was upset." });

        foreach (var response in new[] { none, noneList })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(CafAuthorityRequests.NoAuthorityTitle, (await Json(response)).GetProperty("title").GetString());
        }

        foreach (var response in new[] { undeclared, undeclaredOpen })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal(CafAuthorityRequests.NotServedTitle, (await Json(response)).GetProperty("title").GetString());
        }

        foreach (var body in new[] { none, undeclared, noneList, undeclaredOpen })
        {
            var text = await body.Content.ReadAsStringAsync();
            Assert.All(All, a => Assert.DoesNotContain(a.Value, text, StringComparison.OrdinalIgnoreCase)); // no declared authority named
            Assert.DoesNotContain("child-amy", text, StringComparison.Ordinal);
        }

        Assert.Equal(storedBefore, await SnapshotAsync());
    }

    [Fact]
    public async Task The_authority_claim_compares_by_the_one_rule_North_and_north_are_the_same_authority()
    {
        using var response = await _host.ClientForUndeclared("NORTH").GetAsync($"{Episodes}/{EpisodeOf(North)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static string EpisodeOf(AuthorityId authority) => $"ep-{authority.Value}-1";

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, string episode)
    {
        var (method, path) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var uri = $"{Episodes}/{episode}{path}";
        return method == "GET"
            ? client.GetAsync(uri)
            : path switch
            {
                "/consent" => client.PostAsJsonAsync(uri, new { giverRole = "ParentWithParentalResponsibility", giverName = "Ms Smith", decision = "Given", form = "Written", reason = "Consent to assess." }),
                "/consent/withdrawal" => client.PostAsJsonAsync(uri, new { withdrawnBy = "ParentWithParentalResponsibility", reason = "The family withdrew." }),
                _ => client.PostAsJsonAsync(uri, new { reason = "The family agreed to an assessment." }),
            };
    }

    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        foreach (var authority in All)
        {
            lines.AddRange((await _host.StoredAsync(authority)).Select(e => $"{authority}:{e.Id}:{e.Version}:{e.Authority}"));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    // The answer's members but the trace id (one per request), with the episode id named the same way.
    internal static async Task<string> WithoutTraceAsync(HttpResponseMessage response, string episode)
    {
        var members = (await Json(response)).EnumerateObject().Where(m => m.Name != "traceId").Select(m => $"{m.Name}={m.Value}");
        return string.Join("\n", members).Replace(episode, "{id}", StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
