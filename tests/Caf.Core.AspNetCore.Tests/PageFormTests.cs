using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Caf.Core.AspNetCore.Tests.Support;
using Caf.Core.Register;
using Caf.Core.WebSample;
using Caf.Core.Primitives;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// The episode page's forms posted as a careless or hostile browser would: a value out of range, a field left empty, an
/// unknown practitioner. Each answer is the page again with a specific message ("check the form" for misuse, the rule
/// for a refusal), never a server error, and the episode is unchanged. The sample's own sign-in and antiforgery apply.
/// </summary>
public sealed partial class PageFormTests : IAsyncLifetime
{
    private const string Amy = "/episodes/ep-amy-1";
    private SampleFactory _factory = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _factory = await new SampleFactory().PreparedAsync();
        // The test host reads the caller from headers (SampleFactory); the pages also want the sample's sign-in cookie.
        _browser = await SignedInAsync(DemoData.Teacher, Amy);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _factory.DisposeAsync();
    }

    public static TheoryData<string, string[], string> BadForms => new()
    {
        // handler, fields, what the page says: "check the form" where the command throws (misuse), the rule where the
        // episode's checks refuse the event's content (LIFE-11)
        { "NextStep", ["step", "99", "reason", "Agreed."], "Check the form: Choose the next step." },
        { "Consent", ["giverRole", "42", "giverName", "Ms Smith", "decision", "0", "form", "1", "sharingExplained", "true", "reason", "Consent."], "Refused: Record consent. Who decided: 42 is not a ConsentGiverRole. (LIFE-11)" },
        { "Consent", ["giverRole", "0", "giverName", "", "decision", "0", "form", "1", "sharingExplained", "true", "reason", "Consent."], "Refused: Record consent. Their name: The text must not be empty (LIFE-11: every event says why). (LIFE-11)" },
        { "Appoint", ["nominee", "somebody-else", "supervisorConfirmed", "true", "familyAgreement", "Agreed.", "reason", "Best placed."], "Check the form: Appoint the lead professional. Choose the practitioner to appoint." },
        { "Plan", ["plan.Outcomes[0].InFamilysWords", "On time", "plan.Reason", "Agreed."], "Check the form: Agree the action plan." },
        { "Plan", ["plan.Outcomes[0].InFamilysWords", "On time", "plan.Outcomes[0].WhatNeedsToChange", "Calmer mornings", "plan.Outcomes[0].HowWillYouKnow", "Attendance",
                   "plan.Actions[0].Description", "Mentor on Mondays", "plan.Actions[0].Owner", "ms-jones", "plan.ChildsViews", "OK", "plan.ActionsWithinCompetence", "true", "plan.ChildInvolvement", "She chose the actions.", "plan.Reason", "Agreed."],
          "Check the form: Agree the action plan. Give a date for 'Mentor on Mondays' (PLAN-02: every action has a timescale)." },
        { "Review", ["review.Progress[0].ActionId", "action-1", "review.OverallProgress", "0"], "Check the form: Hold a review. Give the day the review was held (REV-01)." },
        { "Close", ["criteria", "99", "outcomeCode", "resolvedMultiAgency", "howWillYouKnow", "Better."], "Check the form: Close the CAF." },
        { "Withdraw", ["withdrawnBy", "7", "reason", "They changed their mind."], "Check the form: Record a withdrawal of consent." },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    [Trait("Rule", "LIFE-12")]
    public async Task A_bad_form_gets_a_specific_message_and_changes_nothing(string handler, string[] fields, string expected)
    {
        using var answer = await Post(handler, fields);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var outcome = Outcome(await answer.Content.ReadAsStringAsync());
        Assert.StartsWith(expected, outcome, StringComparison.Ordinal);
        Assert.Equal(1, await VersionOfAmy()); // only the concern is recorded
    }

    [Fact]
    [Trait("Rule", "LIFE-12")]
    public async Task The_stage_is_judged_before_the_thresholds_framework_reads_the_form()
    {
        // Amy waits for consent: completing an assessment is refused for the stage, even with an indicator the
        // framework does not know (which it would refuse with THR-01 at the right stage).
        using var answer = await Post("Assess", ["observed", "NOT-AN-INDICATOR", "reason", "Found needs."]);

        var outcome = Outcome(await answer.Content.ReadAsStringAsync());
        Assert.StartsWith("Refused: Complete assessment.", outcome, StringComparison.Ordinal);
        Assert.EndsWith("(LIFE-12)", outcome, StringComparison.Ordinal);
        Assert.Equal(1, await VersionOfAmy());
    }

    [Fact]
    [Trait("Rule", "LIFE-05")]
    public async Task A_rule_refusal_names_its_rule_and_the_stage_stays()
    {
        using var answer = await Post("Start", ["reason", "The family agreed."]);

        var page = await answer.Content.ReadAsStringAsync();
        var outcome = Outcome(page);
        Assert.StartsWith("Refused: Start assessment. No consent from a parent with parental responsibility is recorded", outcome, StringComparison.Ordinal);
        Assert.EndsWith("(LIFE-05)", outcome, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"state\">Concern identified, assessment not started</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "LIFE-12")]
    public async Task A_form_of_an_action_the_stage_does_not_allow_is_not_on_the_page()
    {
        var page = await _browser.GetStringAsync(Amy);

        Assert.Contains("id=\"form-record-consent\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"form-start-assessment\"", page, StringComparison.Ordinal); // refused by LIFE-05, which the consent form answers
        Assert.DoesNotContain("id=\"form-complete-assessment\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"form-agree-plan\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"form-hold-review\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_changes_nothing()
    {
        using var content = new FormUrlEncodedContent([new("reason", "The family agreed.")]);
        using var answer = await _browser.PostAsync($"{Amy}?handler=Start", content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(1, await VersionOfAmy());
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-11")]
    public async Task The_forms_cannot_hand_Bens_episode_to_the_agency_his_family_excluded()
    {
        // Ben's mother consented excluding CAMHS. Mr Patel takes the episode to the plan; the page offers only the
        // practitioners the library's gate allows, and a post naming CAMHS anyway is refused as lead professional
        // (LP-11) and as an action's owner (SHARE-01).
        const string ben = "/episodes/ep-ben-1";
        using var patel = await SignedInAsync(DemoData.HealthVisitor, ben);
        Assert.StartsWith("Done", await PostOutcome(patel, ben, "Start", ["reason", "The family agreed."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(patel, ben, "Assess", ["observed", "LEI-01", "observed", "LEI-07", "observed", "BFD-09", "observed", "LEI-10", "reason", "Needs found."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(patel, ben, "NextStep", ["step", "3", "reason", "Agreed with Mrs Okafor."]), StringComparison.Ordinal);
        var before = await VersionOf("ep-ben-1");
        var offered = await patel.GetStringAsync(ben);
        Assert.Contains("<option value=\"mr-patel\">", offered, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"dr-khan\">", offered, StringComparison.Ordinal); // the gate's candidates only

        // A hand-made post naming CAMHS is still refused by the library.
        var camhsLead = await PostOutcome(patel, ben, "Appoint", ["nominee", "dr-khan", "supervisorConfirmed", "true", "familyAgreement", "Agreed.", "reason", "Specialist."]);
        Assert.StartsWith("Refused: Appoint the lead professional.", camhsLead, StringComparison.Ordinal);
        Assert.EndsWith("(LP-11)", camhsLead, StringComparison.Ordinal);
        Assert.Equal(before, await VersionOf("ep-ben-1"));

        Assert.StartsWith("Done", await PostOutcome(patel, ben, "Appoint", ["nominee", "mr-patel", "supervisorConfirmed", "true", "familyAgreement", "Mrs Okafor agreed.", "reason", "Sees Ben weekly."]), StringComparison.Ordinal);
        var appointed = await VersionOf("ep-ben-1");
        var camhsAction = await PostOutcome(patel, ben, "Plan",
        [
            "plan.Outcomes[0].InFamilysWords", "Ben feels better", "plan.Outcomes[0].WhatNeedsToChange", "Ben sleeps", "plan.Outcomes[0].HowWillYouKnow", "Ben says so",
            "plan.Actions[0].Description", "Weekly sessions with Ben", "plan.Actions[0].Owner", "dr-khan", "plan.Actions[0].DueBy", "2026-04-30", "plan.Actions[0].Serves", "1",
            "plan.Actions[1].Description", "Health visitor checks in", "plan.Actions[1].Owner", "mr-patel", "plan.Actions[1].DueBy", "2026-04-30", "plan.Actions[1].Serves", "1",
            "plan.Actions[2].Description", "Mrs Okafor keeps a bedtime routine", "plan.Actions[2].Owner", "family", "plan.Actions[2].DueBy", "2026-04-30", "plan.Actions[2].Serves", "1",
            "plan.Strengths", "Mrs Okafor knows what helps Ben settle", "plan.ChildsViews", "Ben wants to sleep better.", "plan.ActionsWithinCompetence", "true", "plan.ChildInvolvement", "Ben drew what helps.", "plan.FirstReviewDue", "2026-04-13", "plan.ReviewForm", "4", "plan.Reason", "Agreed.",
        ]);
        Assert.StartsWith("Refused: Agree the action plan.", camhsAction, StringComparison.Ordinal);
        Assert.EndsWith("(SHARE-01)", camhsAction, StringComparison.Ordinal);
        Assert.Equal(appointed, await VersionOf("ep-ben-1"));
    }

    [Fact]
    [Trait("Rule", "LIFE-11")]
    public async Task No_reason_is_pre_filled_so_nothing_unread_goes_into_the_history()
    {
        var page = await _browser.GetStringAsync(Amy);

        Assert.Matches("name=\"reason\"", page);
        Assert.DoesNotMatch("name=\"(reason|plan\\.Reason)\"[^>]*value=", page);

        // And a reason left empty is turned back naming the field in words, with no developer text.
        var outcome = Outcome(await (await Post("Consent", ["giverRole", "0", "giverName", "Ms Smith", "decision", "0", "form", "1", "sharingExplained", "true", "reason", ""])).Content.ReadAsStringAsync());
        Assert.Equal("Check the form: Record consent. The reason: fill this in.", outcome);
        Assert.Equal(1, await VersionOfAmy());
    }

    [Fact]
    [Trait("Rule", "THR-03")]
    public async Task An_assessment_with_nothing_ticked_is_turned_back_unless_the_practitioner_confirms_no_additional_needs()
    {
        Assert.StartsWith("Done", Outcome(await (await Post("Consent", ["giverRole", "0", "giverName", "Ms Smith", "decision", "0", "form", "1", "sharingExplained", "true", "reason", "To assess and share."])).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.StartsWith("Done", Outcome(await (await Post("Start", ["reason", "Ms Smith agreed."])).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var started = await VersionOfAmy();

        var nothing = Outcome(await (await Post("Assess", ["reason", "Met Amy and Ms Smith."])).Content.ReadAsStringAsync());

        Assert.StartsWith("Check the form: Complete assessment. Needs and circumstances observed: tick what the assessment found.", nothing, StringComparison.Ordinal);
        Assert.Equal(started, await VersionOfAmy());
        var confirmed = Outcome(await (await Post("Assess", ["noAdditionalNeeds", "true", "reason", "No additional needs: universal services suffice."])).Content.ReadAsStringAsync());
        Assert.Equal("Done: Complete assessment.", confirmed);
    }

    [Fact]
    public async Task An_unknown_episode_is_a_page_that_says_so_not_problem_details()
    {
        using var answer = await _browser.GetAsync("/episodes/ep-nobody");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType!.MediaType);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<h1>No such CAF</h1>", page, StringComparison.Ordinal);
        Assert.Contains("There is no CAF with the reference", page, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Post(string handler, string[] fields) => Post(_browser, Amy, handler, fields);

    private static async Task<HttpResponseMessage> Post(HttpClient client, string path, string handler, string[] fields)
    {
        var page = await client.GetStringAsync(path);
        var pairs = Enumerable.Range(0, fields.Length / 2).Select(i => (fields[2 * i], fields[(2 * i) + 1])).ToArray();
        return await client.PostAsync($"{path}?handler={handler}", Form(page, pairs));
    }

    private static async Task<string> PostOutcome(HttpClient client, string path, string handler, string[] fields)
    {
        using var answer = await Post(client, path, handler, fields);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return Outcome(await answer.Content.ReadAsStringAsync());
    }

    /// <summary>A browser-like client signed in on the sample's sign-in page (and named in the test host's caller headers).</summary>
    private async Task<HttpClient> SignedInAsync(DemoPractitioner who, string returnUrl)
    {
        var client = _factory.ClientFor(who); // follows redirects, keeps the cookies
        var login = await client.GetStringAsync("/login");
        using var signedIn = await client.PostAsync("/login", Form(login, ("practitioner", who.Id.Value), ("returnUrl", returnUrl)));
        Assert.Equal(returnUrl, signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        return client;
    }

    private Task<int> VersionOfAmy() => VersionOf("ep-amy-1");

    private async Task<int> VersionOf(string id)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var episode = await scope.ServiceProvider.GetRequiredService<IEpisodeRepository>().GetAsync(new EpisodeId(id));
        return episode!.Version;
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields)
    {
        var token = Token().Match(page);
        Assert.True(token.Success, "the page has no antiforgery token");
        var all = new List<KeyValuePair<string, string>>(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)))
        {
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)),
        };
        return new FormUrlEncodedContent(all);
    }

    private static string Outcome(string page)
    {
        var outcome = OutcomeDiv().Match(page);
        Assert.True(outcome.Success, "the page shows no outcome");
        return WebUtility.HtmlDecode(outcome.Groups[1].Value).Trim();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("id=\"outcome\" role=\"status\">([^<]*)</div>")]
    private static partial Regex OutcomeDiv();
}
