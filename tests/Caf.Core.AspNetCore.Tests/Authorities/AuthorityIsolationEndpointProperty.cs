using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.AspNetCore.Tests.Authorities;

/// <summary>
/// Issue 29, the web adapter as a property: two or three generated authorities in one test host, each with its own policy
/// (assessment timescale, retention), generated episodes in each (some episode ids held by two authorities at once), and
/// generated requests of generated callers over every GET endpoint and every POST that names an episode (the commands,
/// and opening an episode with a chosen id). No answer to a caller of authority A contains, counts or changes anything
/// of another authority B: an episode only B holds is answered exactly as an id nobody holds (404, the same problem
/// details), B's episodes, versions, sharing audit and read audit stay as they were, and nothing in the answer names an
/// episode or a child only B holds. Expected values come from the stores, read directly, never from the adapter.
/// </summary>
public sealed class AuthorityIsolationEndpointProperty
{
    private const string Episodes = "/api/episodes";
    private const string Missing = "ep-held-by-nobody";
    private static readonly AuthorityId[] Pool = [new("north"), new("south"), new("east"), new("west")];
    private static readonly Actor[] Callers = [CafCatalogue.Teacher, CafCatalogue.HealthVisitor, CafCatalogue.CamhsWorker, CafCatalogue.SocialWorker];

    /// <summary>Every endpoint that names an episode, by method and path after the id; "POST /" opens one with a chosen id.</summary>
    private static readonly string[] Endpoints =
    [
        "GET ", "GET /actions", "GET /sharing", "POST /consent", "POST /consent/withdrawal", "POST /assessment",
        "POST /next-steps-review", "POST /agency-referral", "POST /family-copy", "POST /step-down-tac/request",
        "POST /panel/rehearing", "POST /panel/rehearing-answer", "POST /panel/waiting-list-return", "POST /panel/allocation-audit",
        "POST /panel/decision-shared", "POST /panel/service-disagreement", "POST /panel/progress-report", "POST /", "GET /",
    ];

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LAW-04")]
    [Property(MaxTest = 8)]
    public Property No_answer_to_a_caller_of_one_authority_contains_counts_or_changes_anything_of_another() =>
        Prop.ForAll(Cases(), c => CheckAsync(c).GetAwaiter().GetResult());

    /// <summary>The authorities (2 or 3, each with its own policy), the episodes and who holds them, and the requests.</summary>
    private sealed record Case(
        (AuthorityId Id, int Months, int Years)[] Authorities, GeneratedEpisode[] Episodes, (int Owner, int? Also)[] Holders,
        (int Caller, int Who, int Endpoint, int Target)[] Requests)
    {
        public override string ToString() =>
            $"authorities [{string.Join(", ", Authorities.Select(a => $"{a.Id} {a.Months}m {a.Years}y"))}], holders [{string.Join(", ", Holders.Select(h => $"{h.Owner}{(h.Also is { } o ? "+" + o : "")}"))}], " +
            $"requests [{string.Join(", ", Requests.Select(r => $"{r.Caller}:{Endpoints[r.Endpoint]}:{r.Target}"))}]";
    }

    private static Arbitrary<Case> Cases() => Arb.From(
        from count in Gen.Choose(2, 3)
        from ids in Gen.Shuffle(Pool)
        from months in Gen.Shuffle(new[] { 1, 2, 3, 4 })
        from years in Gen.Elements(5, 7, 10, 12).ArrayOf(count)
        from episodes in CafGen.EpisodeGenerator().ListOf(6)
        from owners in Gen.Choose(0, count - 1).ArrayOf(6)
        from shared in Gen.Frequency((3, Gen.Constant<int?>(null)), (1, Gen.Choose(0, count - 1).Select(i => (int?)i))).ArrayOf(6)
        from requests in (
            from caller in Gen.Choose(0, count - 1)
            from who in Gen.Choose(0, Callers.Length - 1)
            from endpoint in Gen.Choose(0, Endpoints.Length - 1)
            from target in Gen.Choose(0, 6)
            select (caller, who, endpoint, target)).ArrayOf(10)
        select new Case(
            [.. Enumerable.Range(0, count).Select(i => (ids[i], months[i], years[i]))],
            [.. episodes],
            [.. owners.Select((o, i) => (o, shared[i] is { } s && s != o ? (int?)s : null))],
            requests));

    private static async Task CheckAsync(Case c)
    {
        await using var app = await StartAsync(c.Authorities);
        var authorities = app.Services.GetRequiredService<CafAuthorities>();
        var all = c.Authorities.Select(a => authorities.Get(a.Id)).ToArray();
        var world = CafTestWorld.Create(); // one world, so every generated episode has its own id
        var ids = new List<string>();
        for (var i = 0; i < c.Episodes.Length; i++)
        {
            var events = c.Episodes[i].Script.Run(world).Episode.Events;
            ids.Add(events[0].EpisodeId.Value);
            foreach (var holder in new[] { c.Holders[i].Owner, c.Holders[i].Also }.OfType<int>())
            {
                // Each holder's own policy judges the history; REG-01 may refuse a second open episode of a child: then it is not held.
                _ = await all[holder].Repository.AddAsync(CafEpisode.Rebuild(all[holder].Policy, events));
            }
        }

        ids.Add(Missing);
        var held = await HeldAsync(all);
        Assert.True(held.Count(h => h.Value.Ids.Count > 0) >= 1, $"no authority holds an episode: {c}");

        foreach (var (caller, who, endpoint, target) in c.Requests)
        {
            var a = all[caller];
            var client = Client(app, a.Authority, Callers[who]);
            // Opening with the id nobody holds would make it held: that request opens an id of the caller's own instead.
            var id = Endpoints[endpoint] == "POST /" && ids[target] == Missing ? $"ep-opened-in-{a.Authority.Value}" : ids[target];
            var before = await HeldAsync(all);
            var others = all.Where(o => o.Authority != a.Authority).ToArray();
            var stateBefore = await StateAsync(others);

            using var answer = await SendAsync(client, Endpoints[endpoint], id, a.Authority);
            var text = await answer.Content.ReadAsStringAsync();
            var label = $"{a.Authority} {Endpoints[endpoint]} {id} → {(int)answer.StatusCode}";

            // Nothing of another authority changed, nothing of it is named (but the id the caller sent, which an answer may repeat).
            Assert.True(stateBefore == await StateAsync(others), $"{label} changed another authority: {c}");
            foreach (var other in others)
            {
                var onlyTheirs = before[other.Authority].Ids.Except(before[a.Authority].Ids)
                    .Concat(before[other.Authority].Children.Except(before[a.Authority].Children)).Where(t => t != id);
                foreach (var token in onlyTheirs)
                {
                    Assert.False(Names(text, token), $"{label} names {token} of {other.Authority}: {text}");
                }
            }

            var takesId = Endpoints[endpoint] is not ("POST /" or "GET /");
            if (takesId && !before[a.Authority].Ids.Contains(id))
            {
                // Held by another authority or by nobody: one answer, a 404, whatever the other authorities hold.
                using var nobodys = await SendAsync(client, Endpoints[endpoint], Missing, a.Authority);
                Assert.True(answer.StatusCode == HttpStatusCode.NotFound, $"{label}: {text}");
                var asMissing = await MultiAuthorityEndpointTests.WithoutTraceAsync(nobodys, Missing);
                var asGiven = await MultiAuthorityEndpointTests.WithoutTraceAsync(answer, id);
                Assert.True(asMissing == asGiven, $"{label}: answered\n{asGiven}\nbut an id nobody holds is answered\n{asMissing}\n{c}");
            }

            if (Endpoints[endpoint] == "GET /" && answer.IsSuccessStatusCode)
            {
                // The caseload counts the caller's authority's episodes only.
                var listed = System.Text.Json.JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
                Assert.All(listed, l => Assert.Contains(l, before[a.Authority].Ids));
            }
        }
    }

    private static bool Names(string text, string token) =>
        Regex.IsMatch(text, $"(?<![A-Za-z0-9_-]){Regex.Escape(token)}(?![A-Za-z0-9_-])");

    /// <summary>Each authority's episode ids and children, read from its own store.</summary>
    private static async Task<Dictionary<AuthorityId, (HashSet<string> Ids, HashSet<string> Children)>> HeldAsync(IEnumerable<CafAuthorityServices> all)
    {
        var held = new Dictionary<AuthorityId, (HashSet<string>, HashSet<string>)>();
        foreach (var a in all)
        {
            var summaries = await a.Repository.ListAsync(new Everything());
            held[a.Authority] = ([.. summaries.Select(s => s.Id.Value)], [.. summaries.Select(s => s.Child.Value)]);
        }

        return held;
    }

    /// <summary>Everything of the given authorities a request could change: episodes and versions, both audits.</summary>
    private static async Task<string> StateAsync(IEnumerable<CafAuthorityServices> authorities)
    {
        var parts = new List<string>();
        foreach (var a in authorities)
        {
            var summaries = await a.Repository.ListAsync(new Everything());
            var reads = ((InMemoryReadAuditLog)a.Get<IReadAuditLog>()).Entries.Count;
            var shared = ((InMemorySharingAuditLog)a.SharingAudit).Entries.Count;
            parts.Add($"{a.Authority}: [{string.Join(", ", summaries.Select(s => $"{s.Id}@{s.Version}").Order(StringComparer.Ordinal))}] shared {shared} read {reads}");
        }

        return string.Join("; ", parts);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint, string episode, AuthorityId caller)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var (method, path) = (endpoint[..space], endpoint[(space + 1)..]);
        if (path == "/")
        {
            return method == "GET"
                ? client.GetAsync(Episodes)
                : client.PostAsJsonAsync(Episodes, new { episodeId = episode, childId = $"child-opened-in-{caller.Value}", dateOfBirth = "2016-05-04", concern = "Often hungry at school." });
        }

        var uri = $"{Episodes}/{episode}{path}";
        return method == "GET"
            ? client.GetAsync(uri)
            : path switch
            {
                "/consent" => client.PostAsJsonAsync(uri, new { giverRole = "ParentWithParentalResponsibility", giverName = "Ms Smith", decision = "Given", form = "Written", sharingExplained = true, reason = "Consent to assess." }),
                "/consent/withdrawal" => client.PostAsJsonAsync(uri, new { withdrawnBy = "ParentWithParentalResponsibility", reason = "The family withdrew." }),
                "/assessment" => client.PostAsJsonAsync(uri, new { reason = "The family agreed to an assessment." }),
                _ => client.PostAsJsonAsync(uri, new { reason = "A step of the CAF.", agency = "health-visiting", how = "In person" }),
            };
    }

    private static async Task<WebApplication> StartAsync((AuthorityId Id, int Months, int Years)[] authorities)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2046, 1, 3, 9, 0, 0, TimeSpan.Zero))); // after every generated event
        builder.Services.AddSingleton<ICafCallerAccessor, AuthorityHeaderCallerAccessor>();
        foreach (var (id, months, years) in authorities)
        {
            builder.Services.AddCafAuthority(id, a => a.Options(o =>
            {
                o.Lifecycle.AssessmentTimescaleMonths = months;
                o.Retention.RetentionYears = years;
            }));
        }

        builder.Services.AddCafAspNetCore();
        var app = builder.Build();
        app.MapCafEpisodes(Episodes);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, AuthorityId authority, Actor caller)
    {
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.PractitionerHeader, caller.Practitioner.Value);
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AgencyHeader, caller.Agency.Value);
        client.DefaultRequestHeaders.Add(AuthorityHeaderCallerAccessor.AuthorityHeader, authority.Value);
        return client;
    }

    private sealed class Everything : Ardalis.Specification.Specification<EpisodeSummary>
    {
    }
}
