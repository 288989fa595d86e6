using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.DependencyInjection;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The episode page: the stage, the history in plain words, what may happen next and why not the rest, and forms for
/// the main commands. Everything goes through the adapter's sharing gate (<see cref="CafEpisodeAccess"/>).
/// </summary>
public sealed partial class EpisodeModel : PageModel
{
    private readonly ICafCallerAccessor _callers;
    private readonly ChildDirectory _children;
    private CafAuthorityServices? _authority;

    /// <summary>Creates the page.</summary>
    public EpisodeModel(ICafCallerAccessor callers, ChildDirectory children)
    {
        _callers = callers;
        _children = children;
    }

    /// <summary>The signed-in practitioner's authority and its services (issue 29): set by each handler before it reads or runs anything.</summary>
    private CafAuthorityServices Authority => _authority ?? throw new InvalidOperationException("The page's handler has not found the caller's authority yet.");

    /// <summary>The naming port of the practitioner's authority (the demo's directory): people and agencies by name.</summary>
    public ICafNames Names => Authority.Policy.Names;

    /// <summary>Why there is no episode to show (an unknown reference), if so.</summary>
    public string? Missing { get; private set; }

    /// <summary>The practitioners the appointment form may offer: those the library's gate allows (<see cref="CafEpisode.LeadProfessionalCandidates"/>).</summary>
    public IEnumerable<DemoPractitioner> LeadCandidates =>
        Episode is { } e ? Allowed(e.LeadProfessionalCandidates(DemoData.Practitioners.Select(p => p.Actor))) : [];

    /// <summary>The practitioners the plan and review forms may offer in a role: those the gate allows (<see cref="CafEpisode.ActionOwnerCandidates"/>).</summary>
    public IEnumerable<DemoPractitioner> RoleCandidates =>
        Episode is { } e ? Allowed(e.ActionOwnerCandidates(DemoData.Practitioners.Select(p => p.Actor))) : [];

    /// <summary>The owners the plan form offers: the practitioners the gate allows, the family, the child.</summary>
    public IEnumerable<(string Value, string Text)> OwnerChoices =>
    [
        .. RoleCandidates.Select(p => (p.Id.Value, $"{p.Name}, {p.AgencyName}")),
        ("family", Caf.Core.Planning.PlanningDisplayText.For(Caf.Core.Planning.ActionOwnerKind.Family)),
        ("child", Caf.Core.Planning.PlanningDisplayText.For(Caf.Core.Planning.ActionOwnerKind.ChildOrYoungPerson)),
    ];

    private static IEnumerable<DemoPractitioner> Allowed(System.Collections.Immutable.ImmutableArray<Actor> allowed) =>
        DemoData.Practitioners.Where(p => allowed.Contains(p.Actor));

    /// <summary>The practitioner's authority's thresholds framework: the assessment form lists its indicators (THR-01..03).</summary>
    public ThresholdMatcher Thresholds => Authority.Thresholds;

    /// <summary>The practitioner's authority's episode policy: its clock dates the forms, its closure taxonomy lists the outcomes (CLOSE-10).</summary>
    public EpisodePolicy Policy => Authority.Policy;

    /// <summary>Today, by the policy's clock (the forms' default dates).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Policy.Time.GetUtcNow().UtcDateTime);

    /// <summary>The episode as the caller may see it; null when refused.</summary>
    public EpisodeView? View { get; private set; }

    /// <summary>The episode itself, once the gate let the caller through: the plan and assessment the forms show.</summary>
    public CafEpisode? Episode { get; private set; }

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

    /// <summary>
    /// A new idempotency key for a command form, generated when the form is rendered and posted in its hidden
    /// <see cref="CafIdempotency.FormField"/> field: the same form submitted twice (a double click, a resubmission after a
    /// lost answer) carries the same key, so the command is recorded once.
    /// </summary>
    public static string NewFormKey() => IdempotencyKey.New().Value;

    /// <summary>Dates as a British reader writes them.</summary>
    public static System.Globalization.CultureInfo EnGb { get; } = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Who owns an action, in words: the practitioner's name and agency from the directory, or the family or child.</summary>
    public static string OwnerText(Caf.Core.Planning.ActionOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner is { Practitioner: { } practitioner, Agency: { } agency }
            ? DemoData.NameOf(practitioner.Value, agency.Value)
            : Caf.Core.Planning.PlanningDisplayText.For(owner.Kind);
    }

    /// <summary>The display text of an action.</summary>
    public static string TextOf(EpisodeAction action) => LifecycleDisplayText.For(action);

    /// <summary>
    /// Whether the page offers the form of an action: it is permitted now, or refused by a rule the form can answer
    /// (consent missing, no lead professional yet...). An action the stage does not allow at all (a refusal about the
    /// state: LIFE-10, LIFE-12, RET-02) gets no form; the table above says why.
    /// </summary>
    public bool Offers(params EpisodeAction[] actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return View is { } view && actions.Any(action =>
            view.Actions.FirstOrDefault(a => a.Action == action.ToString()) is { } a && (a.Permitted || (!a.NotAtThisStage && !IsForTheCaller(a.Refusal!))));
    }

    /// <summary>
    /// A refusal about who is signed in (SHARE-01 on the caller's agency, CLOSE-08 on who closes): no form answers it,
    /// so the page does not offer the form; the table says why.
    /// </summary>
    public static bool IsForTheCaller(RefusalView refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Field is "by" or "closingBy";
    }

    /// <summary>Shows the episode.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!this.TryServe(_callers, out var caller, out _authority, out var refused))
        {
            return refused;
        }

        if (!TryId(id, out var episodeId))
        {
            return NotOnTheRegister(id);
        }

        var read = await Authority.Get<CafEpisodeAccess>().ReadAsync(episodeId, caller, SharedItems.EpisodeRecord, HttpContext.RequestAborted);
        if (!read.TryGetValue(out var episode))
        {
            if (read.Refusal.RuleId == "SHARE-01")
            {
                Forbidden = $"{read.Refusal.Message} ({read.Refusal.RuleId})";
                Response.StatusCode = CafProblemDetails.StatusCodeFor(read.Refusal);
                return Page();
            }

            return NotOnTheRegister(id);
        }

        Episode = episode;
        View = EpisodeView.Of(episode, caller, Names);
        ChildName = _children.NameOf(View.ChildId, Authority.Authority);
        return Page();
    }

    // An unknown reference: a page that says so (404), not a status code or problem details.
    private PageResult NotOnTheRegister(string id)
    {
        Missing = $"There is no CAF with the reference \u201c{id}\u201d on the register. Check the link, or find the child on the list of children.";
        Response.StatusCode = 404;
        return Page();
    }

    // A form the page itself turns back before the library sees it (nothing was recorded).
    private RedirectToPageResult Refuse(string id, string text, string message)
    {
        OutcomeOk = false;
        Outcome = $"Check the form: {text}. {message}";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> RunAsync(string id, EpisodeAction action, Func<CafEpisode, Actor, Result> command, string? text = null)
    {
        if (!this.TryServe(_callers, out var caller, out _authority, out var refused))
        {
            return refused;
        }

        if (!TryId(id, out var episodeId))
        {
            return NotFound();
        }

        text ??= LifecycleDisplayText.For(action);
        if (!CafIdempotency.TryRead(Request, out var key, out var keyProblem))
        {
            OutcomeOk = false;
            Outcome = $"Check the form: {text}. {keyProblem}";
            return RedirectToPage(new { id });
        }

        try
        {
            // The form's key: submitted twice, the command is recorded once and the second answer is the first's.
            var done = await Authority.Get<CafEpisodeAccess>().ExecuteAsync(episodeId, caller, action, key, e => command(e, caller), HttpContext.RequestAborted);
            OutcomeOk = done.IsSuccess;
            Outcome = done.IsSuccess
                ? $"Done: {text}."
                : $"Refused: {text}. {FormFields.Prefix(done.Refusal.Field)}{done.Refusal.Message} ({done.Refusal.RuleId})";
            if (done.IsSuccess && done.Value is null)
            {
                return LocalRedirect("/"); // saved, but the family's consent no longer lets this agency see the episode
            }
        }
        catch (ArgumentException ex)
        {
            // Misuse of the command: a field left empty or out of range. Nothing was recorded.
            OutcomeOk = false;
            Outcome = $"Check the form: {text}. {FormFields.Explain(ex)}";
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
