using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.WebSample;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The adapter's collection endpoints: opening an episode through the register (LIFE-01, LIFE-03) and the agency's
/// caseload (consent-gated, SHARE-01), and the SHARE-01 row every endpoint of <c>MapCafEpisodes</c> has.
/// </summary>
public sealed class EpisodeListEndpointTests : IAsyncLifetime
{
    private const string Episodes = "/api/episodes";
    private SampleFactory _factory = null!;

    /// <summary>
    /// Every endpoint MapCafEpisodes maps, with the test that shows what an agency the family excluded gets from it
    /// (SHARE-01). A new endpoint fails <see cref="SHARE_01_every_episode_endpoint_has_a_row"/> until it has a row.
    /// </summary>
    private static readonly Dictionary<string, string> Share01Rows = new(StringComparer.Ordinal)
    {
        ["GET /api/episodes/"] = nameof(SHARE_01_the_caseload_leaves_out_an_episode_whose_family_excluded_the_agency),
        ["POST /api/episodes/"] = nameof(LIFE_03_a_concern_for_a_child_with_an_open_episode_names_whom_to_contact_and_an_excluded_agency_learns_no_more),
        ["GET /api/episodes/{id}"] = "ApiTests.SHARE_01_an_excluded_agency_reading_gets_403_with_no_episode_content_and_the_refusal_is_audited",
        ["GET /api/episodes/{id}/actions"] = "ApiTests.SHARE_01_an_excluded_agency_is_refused_on_every_path_and_nothing_is_saved",
        ["GET /api/episodes/{id}/sharing"] = "ReadAuditEndpointTests.SHARE_01_an_agency_the_family_excluded_is_refused_the_family_view_and_nothing_is_recorded_as_read", // LAW-01
        ["POST /api/episodes/{id}/consent"] = "ApiTests.SHARE_01_an_excluded_agency_is_refused_on_every_path_and_nothing_is_saved",
        ["POST /api/episodes/{id}/consent/withdrawal"] = "ApiTests.SHARE_01_an_excluded_agency_is_refused_on_every_path_and_nothing_is_saved",
        ["POST /api/episodes/{id}/assessment"] = "ApiTests.SHARE_01_an_excluded_agency_is_refused_on_every_path_and_nothing_is_saved",

        // Issue 28: refused at the gate for the excluded agency; the three that hand information to an agency never reach it.
        ["POST /api/episodes/{id}/next-steps-review"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/agency-referral"] = "ParticipationEndpointTests.SHARE01_the_CAF_is_never_sent_to_CAMHS_which_the_family_excluded_and_the_refusal_is_audited",
        ["POST /api/episodes/{id}/family-copy"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/step-down-tac/request"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/panel/rehearing"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/panel/rehearing-answer"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/panel/waiting-list-return"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/panel/allocation-audit"] = "ParticipationEndpointTests.SHARE01_the_quarterly_audit_and_a_disagreement_never_reach_CAMHS_once_the_family_excluded_it",
        ["POST /api/episodes/{id}/panel/decision-shared"] = ExcludedAtNewEndpoints,
        ["POST /api/episodes/{id}/panel/service-disagreement"] = "ParticipationEndpointTests.SHARE01_the_quarterly_audit_and_a_disagreement_never_reach_CAMHS_once_the_family_excluded_it",
        ["POST /api/episodes/{id}/panel/progress-report"] = ExcludedAtNewEndpoints,
    };

    private const string ExcludedAtNewEndpoints = "ParticipationEndpointTests.SHARE01_the_excluded_agency_is_refused_at_every_endpoint_issue_28_added_and_nothing_is_saved";

    public async Task InitializeAsync() => _factory = await new SampleFactory().PreparedAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    [Trait("Rule", "LIFE-01")]
    [Trait("Rule", "LP-01")]
    public async Task LIFE_01_a_concern_for_a_new_child_opens_an_episode_whose_interim_lead_is_the_caller()
    {
        var client = _factory.ClientFor(DemoData.HealthVisitor);

        using var response = await client.PostAsJsonAsync(Episodes, new { episodeId = "ep-cara-1", childId = "child-cara", dateOfBirth = "2019-02-03", concern = "Speech delay; missed her two-year check." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/episodes/ep-cara-1", response.Headers.Location!.OriginalString);
        var registration = await Json(response);
        Assert.True(registration.GetProperty("opened").GetBoolean());
        Assert.Equal("ep-cara-1", registration.GetProperty("episodeId").GetString());

        var view = await Json(await client.GetAsync($"{Episodes}/ep-cara-1"));
        Assert.Equal("Mr Patel", view.GetProperty("leadProfessionalName").GetString());
        Assert.Equal("Health visiting", view.GetProperty("leadProfessionalAgencyName").GetString());
        Assert.True(view.GetProperty("leadProfessionalIsInterim").GetBoolean());
        Assert.Equal("No consent recorded yet.", view.GetProperty("consentText").GetString());
        Assert.Equal("Concern identified: Speech delay; missed her two-year check.", view.GetProperty("history")[0].GetProperty("text").GetString());
        Assert.Equal("Mr Patel", view.GetProperty("history")[0].GetProperty("practitionerName").GetString());
    }

    [Fact]
    [Trait("Rule", "LIFE-03")]
    [Trait("Rule", "SHARE-01")]
    public async Task LIFE_03_a_concern_for_a_child_with_an_open_episode_names_whom_to_contact_and_an_excluded_agency_learns_no_more()
    {
        var before = await CountAsync();

        using var teacher = await _factory.ClientFor(DemoData.Teacher).PostAsJsonAsync(Episodes, new { childId = "child-ben", concern = "Ben was upset in class." });
        using var camhs = await _factory.ClientFor(DemoData.Camhs).PostAsJsonAsync(Episodes, new { childId = "child-ben", concern = "Referred by the GP." });

        Assert.Equal(HttpStatusCode.OK, teacher.StatusCode);
        var contribute = await Json(teacher);
        Assert.False(contribute.GetProperty("opened").GetBoolean());
        Assert.Equal("ep-ben-1", contribute.GetProperty("episodeId").GetString());
        Assert.Equal("Mr Patel", contribute.GetProperty("contactName").GetString());

        Assert.Equal(HttpStatusCode.OK, camhs.StatusCode);
        var restricted = await Json(camhs);
        Assert.False(restricted.GetProperty("opened").GetBoolean());
        Assert.Equal(JsonValueKind.Null, restricted.GetProperty("episodeId").ValueKind); // SHARE-01: only that a CAF exists and whom to contact
        Assert.Equal("Mr Patel", restricted.GetProperty("contactName").GetString());
        Assert.Equal(before, await CountAsync()); // nothing was opened
    }

    [Fact]
    [Trait("Rule", "LIFE-11")]
    public async Task A_concern_without_words_or_a_child_is_a_400_naming_the_field_and_opens_nothing()
    {
        var client = _factory.ClientFor(DemoData.Teacher);
        var before = await CountAsync();

        using var noConcern = await client.PostAsJsonAsync(Episodes, new { childId = "child-dan", concern = " " });
        using var noChild = await client.PostAsJsonAsync(Episodes, new { concern = "Tired and hungry in class." });

        Assert.Equal(HttpStatusCode.BadRequest, noConcern.StatusCode);
        Assert.Equal("concern", (await Json(noConcern)).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noChild.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    [Trait("Rule", "LP-07")]
    public async Task The_caseload_lists_the_open_episodes_the_callers_agency_leads_with_names_and_stage()
    {
        var jones = await Json(await _factory.ClientFor(DemoData.Teacher).GetAsync(Episodes));
        var patel = await Json(await _factory.ClientFor(DemoData.HealthVisitor).GetAsync(Episodes));
        var khan = await Json(await _factory.ClientFor(DemoData.Camhs).GetAsync(Episodes));

        // The school leads Amy's and, as interim lead, the two issue-28 demo cases (Sam's step-down, Chloe's panel case).
        Assert.Equal(["ep-amy-1", "ep-chloe-1", "ep-sam-1"], jones.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var amy = jones.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "ep-amy-1");
        Assert.Equal("Concern identified, assessment not started", amy.GetProperty("stateText").GetString());
        Assert.Equal("Ms Jones", amy.GetProperty("leadProfessionalName").GetString());
        Assert.Equal("ep-ben-1", Assert.Single(patel.EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty(khan.EnumerateArray());
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-11")]
    public async Task SHARE_01_the_caseload_leaves_out_an_episode_whose_family_excluded_the_agency()
    {
        // Amy's mother consents but excludes the school, whose teacher is the interim lead professional (LP-11: the
        // role must be handed over). Until it is, the school's caseload does not show Amy at all.
        var client = _factory.ClientFor(DemoData.Teacher);
        using var consent = await client.PostAsJsonAsync("/api/episodes/ep-amy-1/consent", new
        {
            giverRole = "ParentWithParentalResponsibility", giverName = "Ms Smith", decision = "Given", form = "Written", sharingExplained = true,
            excludedAgencies = new[] { DemoData.Teacher.Agency.Value }, reason = "Ms Smith does not want the school involved.",
        });
        Assert.True(consent.IsSuccessStatusCode, await consent.Content.ReadAsStringAsync());

        using var response = await client.GetAsync(Episodes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // Only the school's other cases (the issue-28 demo's Sam and Chloe) are left.
        Assert.Equal(["ep-chloe-1", "ep-sam-1"], JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("child-amy", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ep-amy-1", body, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    public void SHARE_01_every_episode_endpoint_has_a_row()
    {
        var mapped = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(Episodes, StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(mapped.Where(m => !Share01Rows.ContainsKey(m)).Order(StringComparer.Ordinal));
        Assert.Empty(Share01Rows.Keys.Where(m => !mapped.Contains(m)).Order(StringComparer.Ordinal));
    }

    private async Task<int> CountAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<Caf.Core.Reporting.IEpisodeReportStore>();
        var n = 0;
        await foreach (var _ in store.StreamAllAsync())
        {
            n++;
        }

        return n;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
