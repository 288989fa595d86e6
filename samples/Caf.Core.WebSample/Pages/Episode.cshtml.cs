using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The episode page: the stage, the history in plain words, what may happen next and why not the rest, and forms for
/// the main commands. Everything goes through the adapter's sharing gate (<see cref="CafEpisodeAccess"/>).
/// </summary>
public sealed class EpisodeModel : PageModel
{
    private readonly CafEpisodeAccess _access;
    private readonly ICafCallerAccessor _callers;

    /// <summary>Creates the page.</summary>
    public EpisodeModel(CafEpisodeAccess access, ICafCallerAccessor callers)
    {
        _access = access;
        _callers = callers;
    }

    /// <summary>The episode as the caller may see it; null when refused.</summary>
    public EpisodeView? View { get; private set; }

    /// <summary>The child's name (the host's directory).</summary>
    public string? ChildName { get; private set; }

    /// <summary>Why the caller may not see the episode (SHARE-01), if so.</summary>
    public string? Forbidden { get; private set; }

    /// <summary>What the last command did, or why it was refused.</summary>
    [TempData]
    public string? Outcome { get; set; }

    /// <summary>True when the last command went ahead.</summary>
    [TempData]
    public bool OutcomeOk { get; set; }

    /// <summary>An element id for an action: "start-assessment".</summary>
    public static string Slug(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var slug = new StringBuilder();
        foreach (var c in action)
        {
            if (char.IsUpper(c) && slug.Length > 0)
            {
                slug.Append('-');
            }

            slug.Append(char.ToLowerInvariant(c));
        }

        return slug.ToString();
    }

    /// <summary>The display text of an action (by its code).</summary>
    public string TextOf(string action) => View?.Actions.First(a => a.Action == action).Text ?? action;

    /// <summary>Shows the episode.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (_callers.GetCaller(HttpContext) is not { } caller)
        {
            return Challenge();
        }

        if (!TryId(id, out var episodeId))
        {
            return NotFound();
        }

        var read = await _access.ReadAsync(episodeId, caller, SharedItems.EpisodeRecord, HttpContext.RequestAborted);
        if (!read.TryGetValue(out var episode))
        {
            if (read.Refusal.RuleId == "SHARE-01")
            {
                Forbidden = $"{read.Refusal.Message} ({read.Refusal.RuleId})";
                Response.StatusCode = CafProblemDetails.StatusCodeFor(read.Refusal);
                return Page();
            }

            return NotFound();
        }

        View = EpisodeView.Of(episode);
        ChildName = DemoData.ChildOf(View.ChildId)?.Name ?? View.ChildId;
        return Page();
    }

    /// <summary>Record consent (CONS-01..05).</summary>
    public Task<IActionResult> OnPostConsentAsync(string id, int giverRole, string? giverName, int decision, int form, string? excludedAgency, string? reason) =>
        RunAsync(id, EpisodeAction.RecordConsent, (e, by) =>
        {
            var record = new ConsentRecord(
                (ConsentGiverRole)giverRole, giverName!, (ConsentDecision)decision, (ConsentForm)form,
                string.IsNullOrWhiteSpace(excludedAgency) ? [] : [new AgencyId(excludedAgency)]);
            return e.RecordConsent(by, record, reason!);
        });

    /// <summary>Start the assessment (LIFE-05).</summary>
    public Task<IActionResult> OnPostStartAsync(string id, string? reason) =>
        RunAsync(id, EpisodeAction.StartAssessment, (e, by) => e.StartAssessment(by, reason!));

    /// <summary>Record a withdrawal of consent (CONS-07).</summary>
    public Task<IActionResult> OnPostWithdrawAsync(string id, int withdrawnBy, string? reason) =>
        RunAsync(id, EpisodeAction.WithdrawConsent, (e, by) => e.WithdrawConsent(by, new ConsentWithdrawal((ConsentGiverRole)withdrawnBy, reason ?? string.Empty)));

    private async Task<IActionResult> RunAsync(string id, EpisodeAction action, Func<CafEpisode, Actor, Result> command)
    {
        if (_callers.GetCaller(HttpContext) is not { } caller)
        {
            return Challenge();
        }

        if (!TryId(id, out var episodeId))
        {
            return NotFound();
        }

        var text = LifecycleDisplayText.For(action);
        try
        {
            var done = await _access.ExecuteAsync(episodeId, caller, action, e => command(e, caller), HttpContext.RequestAborted);
            OutcomeOk = done.IsSuccess;
            Outcome = done.IsSuccess
                ? $"Done: {text}."
                : $"Refused: {text}. {done.Refusal.Message} ({done.Refusal.RuleId})";
            if (done.IsSuccess && done.Value is null)
            {
                return LocalRedirect("/"); // saved, but the family's consent no longer lets this agency see the episode
            }
        }
        catch (ArgumentException ex)
        {
            // Misuse of the command: a field left empty or out of range. Nothing was recorded.
            OutcomeOk = false;
            Outcome = $"Check the form: {text}. {ex.Message}";
        }

        return RedirectToPage(new { id });
    }

    private static bool TryId(string id, out EpisodeId episodeId)
    {
        try
        {
            episodeId = new EpisodeId(id);
            return true;
        }
        catch (ArgumentException)
        {
            episodeId = default;
            return false;
        }
    }
}
