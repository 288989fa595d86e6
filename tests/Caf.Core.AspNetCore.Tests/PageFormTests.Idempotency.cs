using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore.Tests;

/// <summary>
/// Issue 24 in the web sample: every command form carries a hidden idempotency key generated when the page is rendered,
/// so the same form submitted twice (a double click, a resubmission after a lost answer) records once.
/// </summary>
public sealed partial class PageFormTests
{
    [Fact]
    [Trait("Rule", "REV-01")]
    public async Task The_review_form_submitted_twice_records_one_review()
    {
        // Amy's teacher takes the episode to an agreed plan through the forms.
        Assert.StartsWith("Done", await PostOutcome(_browser, Amy, "Consent", ["giverRole", "0", "giverName", "Ms Smith", "decision", "0", "form", "1", "sharingExplained", "true", "reason", "Consent to assess and share."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(_browser, Amy, "Start", ["reason", "The family agreed."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(_browser, Amy, "Assess", ["observed", "LEI-01", "observed", "LEI-07", "observed", "BFD-09", "observed", "LEI-10", "reason", "Needs found."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(_browser, Amy, "NextStep", ["step", "3", "reason", "Agreed with Ms Smith."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(_browser, Amy, "Appoint", ["nominee", "mr-patel", "supervisorConfirmed", "true", "familyAgreement", "Ms Smith agreed.", "reason", "Sees the family weekly."]), StringComparison.Ordinal);
        Assert.StartsWith("Done", await PostOutcome(_browser, Amy, "Plan",
        [
            "plan.Outcomes[0].InFamilysWords", "Amy goes to school every day", "plan.Outcomes[0].WhatNeedsToChange", "Calmer mornings", "plan.Outcomes[0].HowWillYouKnow", "Attendance above 95%",
            "plan.Actions[0].Description", "The learning mentor checks in on Mondays", "plan.Actions[0].Owner", "ms-jones", "plan.Actions[0].DueBy", "2026-04-30", "plan.Actions[0].Serves", "1",
            "plan.Actions[1].Description", "Health visitor checks in", "plan.Actions[1].Owner", "mr-patel", "plan.Actions[1].DueBy", "2026-04-30", "plan.Actions[1].Serves", "1",
            "plan.Actions[2].Description", "Mum walks Amy to school", "plan.Actions[2].Owner", "family", "plan.Actions[2].DueBy", "2026-04-30", "plan.Actions[2].Serves", "1",
            "plan.Strengths", "Mum is determined", "plan.ChildsViews", "School is OK when her friend is there.", "plan.ActionsWithinCompetence", "true", "plan.ChildInvolvement", "Amy chose the actions.", "plan.FirstReviewDue", "2026-04-13", "plan.ReviewForm", "4", "plan.Reason", "Agreed.",
        ]), StringComparison.Ordinal);
        var planned = await VersionOfAmy();

        // The review form as rendered once, submitted twice: the same fields, the same hidden key.
        var page = await _browser.GetStringAsync(Amy);
        var key = ReviewFormKey().Match(page);
        Assert.True(key.Success, "the review form has no hidden idempotency key");
        (string, string)[] review =
        [
            ("idempotencyKey", key.Groups[1].Value), ("review.HeldOn", "2026-03-02"), ("review.ChildInvolvement", "Amy told the review what helped."), ("review.Form", "0"), ("review.Chair", "mr-patel"), ("review.NoteTaker", "ms-jones"),
            ("review.ParentInvited", "true"), ("review.ChildInvited", "true"),
            ("review.Progress[0].ActionId", "action-1"), ("review.Progress[0].Progress", "1"), ("review.Progress[1].ActionId", "action-2"), ("review.Progress[1].Progress", "1"),
            ("review.Progress[2].ActionId", "action-3"), ("review.Progress[2].Progress", "1"), ("review.OverallProgress", "0"), ("review.NextReviewDue", "2026-04-13"),
            ("review.Summary", "Mornings are calmer."),
        ];
        using var first = await _browser.PostAsync($"{Amy}?handler=Review", Form(page, review));
        var firstOutcome = Outcome(await first.Content.ReadAsStringAsync());
        using var again = await _browser.PostAsync($"{Amy}?handler=Review", Form(page, review));

        Assert.StartsWith("Done: Hold a review.", firstOutcome, StringComparison.Ordinal);
        Assert.Equal(firstOutcome, Outcome(await again.Content.ReadAsStringAsync())); // the second answer is the first's
        await using var scope = _factory.Services.CreateAsyncScope();
        var stored = (await scope.ServiceProvider.GetRequiredService<IEpisodeRepository>().GetAsync(new EpisodeId("ep-amy-1")))!;
        Assert.Equal(planned + 1, stored.Version);
        Assert.Single(stored.Events.OfType<ReviewHeld>());
        Assert.Equal(key.Groups[1].Value, stored.Events[^1].IdempotencyKey?.Value);
    }

    [Fact]
    public async Task Every_command_form_carries_its_own_fresh_idempotency_key()
    {
        var page = await _browser.GetStringAsync(Amy);
        var again = await _browser.GetStringAsync(Amy);

        var forms = Regex.Matches(page, "<form method=\"post\" class=\"command\" id=\"form-[a-z-]+\"").Count;
        var keys = AnyFormKey().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.True(forms >= 2, "the page offers command forms");
        Assert.Equal(forms, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Empty(keys.Intersect(AnyFormKey().Matches(again).Select(m => m.Groups[1].Value))); // rendered again, new keys
        Assert.All(keys, k => Assert.True(IdempotencyKey.TryParse(k, out _)));
    }

    [GeneratedRegex("id=\"form-hold-review\"[^>]*>\\s*<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex ReviewFormKey();

    [GeneratedRegex("<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]+)\"")]
    private static partial Regex AnyFormKey();
}
