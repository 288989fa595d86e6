using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.Consent;
using Caf.Core.WebSample;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The adapter's API in the web sample, as a client sees it: problem details per kind of refusal, and the sharing gate
/// for the calling agency (SHARE-01, audited). The seeds' situations: Amy's teacher waits for consent; Ben's mother
/// consented excluding CAMHS.
/// </summary>
public sealed class ApiTests : IAsyncLifetime
{
    private const string Amy = "/api/episodes/ep-amy-1";
    private const string Ben = "/api/episodes/ep-ben-1";
    private SampleFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await new SampleFactory().PreparedAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_snapshot_shows_the_stage_the_history_in_plain_words_and_the_actions_with_reasons()
    {
        var client = _factory.ClientFor(DemoData.Teacher);

        using var response = await client.GetAsync(Amy);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await Json(response);
        Assert.Equal("ep-amy-1", view.GetProperty("id").GetString());
        Assert.Equal("Concern identified, assessment not started", view.GetProperty("stateText").GetString());
        Assert.Equal(1, view.GetProperty("version").GetInt32());
        var history = view.GetProperty("history").EnumerateArray().Single();
        Assert.Equal("Concern identified: Often late, withdrawn in class.", history.GetProperty("text").GetString());
        Assert.Equal("ms-jones", history.GetProperty("practitioner").GetString());
        Assert.Equal(SampleFactory.Start, history.GetProperty("at").GetDateTimeOffset());
        var start = Action(view, "StartAssessment");
        Assert.Equal("Start assessment", start.GetProperty("text").GetString());
        Assert.False(start.GetProperty("permitted").GetBoolean());
        Assert.Equal("LIFE-05", start.GetProperty("refusal").GetProperty("ruleId").GetString());
        Assert.True(Action(view, "RecordConsent").GetProperty("permitted").GetBoolean());
    }

    [Fact]
    public async Task The_actions_list_has_every_action_in_order()
    {
        using var response = await _factory.ClientFor(DemoData.Teacher).GetAsync($"{Amy}/actions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var actions = (await Json(response)).EnumerateArray().Select(a => a.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(Enum.GetNames<Caf.Core.Lifecycle.EpisodeAction>(), actions);
    }

    [Fact]
    public async Task LIFE_05_a_rule_refusal_is_422_problem_details_with_type_per_rule_id_detail_ruleId_and_field()
    {
        var client = _factory.ClientFor(DemoData.Teacher);

        using var response = await client.PostAsJsonAsync($"{Amy}/assessment", new { reason = "The family agreed to an assessment." });

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Equal("https://github.com/caf-core/caf.core/blob/main/docs/rules.md#life-05", problem.GetProperty("type").GetString());
        Assert.Equal(CafProblemDetails.RuleTitle, problem.GetProperty("title").GetString());
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Equal("LIFE-05", problem.GetProperty("ruleId").GetString());
        Assert.Equal("consent", problem.GetProperty("field").GetString());
        Assert.Equal("No consent from a parent with parental responsibility is recorded; a parent's consent is always sought (CONS-01).", problem.GetProperty("detail").GetString());
        Assert.Equal($"{Amy}/assessment", problem.GetProperty("instance").GetString());
        Assert.Equal(1, (await Json(await client.GetAsync(Amy))).GetProperty("version").GetInt32()); // nothing saved
    }

    [Fact]
    public async Task Consent_then_start_runs_the_commands_and_answers_with_the_episode_after_each()
    {
        var client = _factory.ClientFor(DemoData.Teacher);

        using var consent = await client.PostAsJsonAsync($"{Amy}/consent", new
        {
            giverRole = "ParentWithParentalResponsibility", giverName = "Ms Smith", decision = "Given", form = "Written", sharingExplained = true,
            reason = "Consent to assess and share with partner agencies.",
        });
        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        Assert.True(Action(await Json(consent), "StartAssessment").GetProperty("permitted").GetBoolean());

        using var start = await client.PostAsJsonAsync($"{Amy}/assessment", new { reason = "The family agreed to an assessment." });
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var view = await Json(start);
        Assert.Equal("Assessment in progress", view.GetProperty("stateText").GetString());
        Assert.Equal(3, view.GetProperty("version").GetInt32());
        Assert.Equal(
            ["Concern identified: Often late, withdrawn in class.",
             "Consent given by Ms Smith (Parent or carer with parental responsibility, written (signed))",
             "Assessment started: The family agreed to an assessment."],
            view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("text").GetString()!).ToArray());
    }

    [Fact]
    public async Task LIFE_12_a_state_refusal_is_409()
    {
        var client = _factory.ClientFor(DemoData.HealthVisitor);
        using (await client.PostAsJsonAsync($"{Ben}/assessment", new { reason = "Assessment agreed." }))
        {
        }

        using var again = await client.PostAsJsonAsync($"{Ben}/assessment", new { reason = "Assessment agreed." });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await Json(again);
        Assert.Equal("LIFE-12", problem.GetProperty("ruleId").GetString());
        Assert.Equal("state", problem.GetProperty("field").GetString());
        Assert.Equal(CafProblemDetails.StateTitle, problem.GetProperty("title").GetString());
        Assert.Equal("https://github.com/caf-core/caf.core/blob/main/docs/rules.md#life-12", problem.GetProperty("type").GetString());
        Assert.Equal(
            "Start assessment is not possible while the episode is at \"Assessment in progress\"; it is possible at \"Concern identified, assessment not started\" or \"Potential CAF from step-down\".",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SHARE_01_an_excluded_agency_reading_gets_403_with_no_episode_content_and_the_refusal_is_audited()
    {
        var before = _factory.Audit.Entries.Count;

        using var response = await _factory.ClientFor(DemoData.Camhs).GetAsync(Ben);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("SHARE-01", problem.GetProperty("ruleId").GetString());
        Assert.Equal("caller", problem.GetProperty("field").GetString());
        Assert.Equal(CafProblemDetails.SharingTitle, problem.GetProperty("title").GetString());
        Assert.Equal(
            "The family excluded CAMHS (partial consent, CONS-05): a practitioner of that agency neither sees nor records work on this episode.",
            problem.GetProperty("detail").GetString());
        AssertNoEpisodeContent(body);

        var entry = Assert.Single(_factory.Audit.Since(before));
        Assert.Equal("ep-ben-1", entry.Episode.Value);
        Assert.Equal("camhs", entry.Agency.Value);
        Assert.Equal(SharingPurpose.EpisodeWork, entry.Purpose);
        Assert.False(entry.Decision.Granted);
        Assert.Equal("SHARE-01", entry.Decision.RuleId);
        Assert.Equal(SharedItems.None, entry.Items);
        Assert.Equal("dr-khan", entry.RequestedBy.Practitioner.Value);
        Assert.Equal(SampleFactory.Start, entry.DecidedAt);
    }

    [Theory]
    [InlineData("/actions")]
    [InlineData("/assessment")]
    [InlineData("/consent/withdrawal")]
    [InlineData("/consent")]
    public async Task SHARE_01_an_excluded_agency_is_refused_on_every_path_and_nothing_is_saved(string path)
    {
        var before = _factory.Audit.Entries.Count;
        var client = _factory.ClientFor(DemoData.Camhs);

        using var response = path == "/actions"
            ? await client.GetAsync(Ben + path)
            : await client.PostAsJsonAsync(Ben + path, new { reason = "Assessment agreed.", withdrawnBy = "ParentWithParentalResponsibility" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNoEpisodeContent(await response.Content.ReadAsStringAsync());
        var refusal = Assert.Single(_factory.Audit.Since(before));
        Assert.False(refusal.Decision.Granted);
        Assert.Equal("camhs", refusal.Agency.Value);
        var view = await Json(await _factory.ClientFor(DemoData.HealthVisitor).GetAsync(Ben));
        Assert.Equal(2, view.GetProperty("version").GetInt32()); // opened, consent: nothing more
    }

    [Fact]
    public async Task SHARE_03_a_granted_read_is_audited_with_what_was_shown()
    {
        var before = _factory.Audit.Entries.Count;

        using var response = await _factory.ClientFor(DemoData.HealthVisitor).GetAsync(Ben);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(_factory.Audit.Since(before));
        Assert.True(entry.Decision.Granted);
        Assert.Equal("health-visiting", entry.Agency.Value);
        Assert.Equal(SharedItems.EpisodeRecord, entry.Items);
        Assert.Equal(SharingPurpose.EpisodeWork, entry.Purpose);
    }

    [Fact]
    public async Task SHARE_01_a_consent_that_excludes_the_callers_own_agency_is_saved_and_answered_without_content()
    {
        var client = _factory.ClientFor(DemoData.Teacher);

        using var consent = await client.PostAsJsonAsync($"{Amy}/consent", new
        {
            giverRole = "ParentWithParentalResponsibility", giverName = "Ms Smith", decision = "Given", form = "Verbal", sharingExplained = true,
            excludedAgencies = new[] { "oakfield-primary" }, reason = "Consent, but not the school.",
        });

        Assert.Equal(HttpStatusCode.NoContent, consent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Amy)).StatusCode);
        var view = await Json(await _factory.ClientFor(DemoData.HealthVisitor).GetAsync(Amy));
        Assert.Equal(2, view.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_request_with_no_caller_is_401_an_unknown_episode_404_and_a_bad_body_400()
    {
        using var anonymous = await _factory.CreateClient().GetAsync(Amy);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var client = _factory.ClientFor(DemoData.Teacher);
        using var missing = await client.GetAsync("/api/episodes/ep-nobody");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = await Json(missing);
        Assert.Equal("STORE-NOT-FOUND", problem.GetProperty("ruleId").GetString());
        Assert.Equal(CafProblemDetails.NotFoundTitle, problem.GetProperty("title").GetString());

        using var noReason = await client.PostAsJsonAsync($"{Amy}/assessment", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal("reason", (await Json(noReason)).GetProperty("field").GetString());

        using var badEnum = await client.PostAsJsonAsync($"{Amy}/consent", new { giverRole = "Uncle", giverName = "X", reason = "Consent." });
        Assert.Equal(HttpStatusCode.BadRequest, badEnum.StatusCode);
        Assert.Equal(1, (await Json(await client.GetAsync(Amy))).GetProperty("version").GetInt32());
    }

    private static void AssertNoEpisodeContent(string body)
    {
        foreach (var content in new[] { "child-ben", "Missed health appointments", "Okafor", "mr-patel", "health-visiting", "Identified", "Concern identified", "history", "version" })
        {
            Assert.DoesNotContain(content, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static JsonElement Action(JsonElement view, string action) =>
        view.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == action);

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
