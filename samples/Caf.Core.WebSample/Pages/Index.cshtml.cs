using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.DependencyInjection;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The children, and what the register tells the signed-in practitioner about each (audited, as far as the family's
/// consent covers their agency): the stage, the lead professional and the next date due. A new concern is recorded here,
/// for a child already listed or a new child (LIFE-01, through the register, LIFE-03; one open CAF per child, REG-01).
/// </summary>
public sealed class IndexModel : PageModel
{
    private readonly ICafCallerAccessor _caller;
    private readonly ChildDirectory _children;
    private CafAuthorityServices? _authority;

    /// <summary>Creates the page.</summary>
    public IndexModel(ICafCallerAccessor caller, ChildDirectory children)
    {
        _caller = caller;
        _children = children;
    }

    /// <summary>One row per child.</summary>
    public List<ChildRow> Rows { get; } = [];

    /// <summary>Why the new concern was not recorded, if so.</summary>
    [TempData]
    public string? Problem { get; set; }

    /// <summary>Today, by the policy's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime((_authority?.Policy.Time ?? TimeProvider.System).GetUtcNow().UtcDateTime);

    /// <summary>The practitioner's local authority (issue 29): its children only are listed.</summary>
    public string AuthorityName { get; private set; } = "";

    /// <summary>Asks the register of the practitioner's authority about each of that authority's children.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!this.TryServe(_caller, out var caller, out _authority, out var refused))
        {
            return refused;
        }

        var register = _authority.Register;
        var names = _authority.Policy.Names;
        var now = _authority.Policy.Time.GetUtcNow();
        AuthorityName = DemoData.AuthorityName(_authority.Authority);
        foreach (var child in _children.Of(_authority.Authority))
        {
            var answer = await register.FindOpenAsync(child.Id, caller, HttpContext.RequestAborted);
            if (answer.Episode is { } open)
            {
                var entry = CaseloadEntryView.Of(open, names, now);
                Rows.Add(new ChildRow(child, open.Id.Value, entry.StateText, entry.LeadProfessionalName + (entry.LeadProfessionalIsInterim ? " (interim)" : ""),
                    entry.NextDueOn is { } due ? $"{entry.NextDueText} {due.ToString("d MMM yyyy", EpisodeModel.EnGb)}{(entry.Overdue ? " (overdue)" : "")}" : "", null));
            }
            else
            {
                var explanation = answer.HasOpenEpisode
                    ? $"A CAF is open. Contact {names.Name(answer.Contact!.Value)}: the family's consent does not cover your agency."
                    : "No open CAF.";
                Rows.Add(new ChildRow(child, null, "", "", "", explanation));
            }
        }

        return Page();
    }

    /// <summary>Records a new concern for a new child: the register opens an episode (the caller is its interim lead professional).</summary>
    public async Task<IActionResult> OnPostConcernAsync(string? childName, DateOnly? dateOfBirth, string? concern)
    {
        if (!this.TryServe(_caller, out var caller, out var authority, out var refused))
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(childName) || string.IsNullOrWhiteSpace(concern))
        {
            Problem = string.IsNullOrWhiteSpace(childName)
                ? "Not recorded: give the child's name."
                : "Not recorded: say what the concern is, in your words (every record says why, LIFE-11).";
            return RedirectToPage();
        }

        var child = new DemoChild(new ChildId("child-" + Guid.NewGuid().ToString("N")[..10]), childName.Trim(), dateOfBirth ?? default, EpisodeId.New()) { Authority = authority.Authority };
        var registration = await authority.Get<CafEpisodeAccess>().IdentifyConcernAsync(child.Episode, new ChildDetails(child.Id, dateOfBirth), caller, concern.Trim(), HttpContext.RequestAborted);
        if (registration.EpisodeId is { } id && registration.Opened)
        {
            _children.Add(child); // kept in the sample's database: the child is listed after a restart
            TempData["Outcome"] = "Done: " + registration.Text;
            TempData["OutcomeOk"] = true;
            return LocalRedirect($"/episodes/{id}");
        }

        Problem = registration.Text;
        return RedirectToPage();
    }

    /// <summary>
    /// Records a new concern for a child already listed. The register opens a CAF when none is open (LIFE-01, LIFE-03: the
    /// earlier ones linked); when one is open it says so and whom to contact (REG-01, REG-02), and nothing is opened.
    /// </summary>
    public async Task<IActionResult> OnPostConcernForAsync(string? childId, string? concern)
    {
        if (!this.TryServe(_caller, out var caller, out var authority, out var refused))
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(childId) || _children.Find(childId) is not { } child || child.Authority != authority.Authority)
        {
            Problem = "Not recorded: choose the child.";
            return RedirectToPage();
        }

        if (string.IsNullOrWhiteSpace(concern))
        {
            Problem = "Not recorded: say what the concern is, in your words (every record says why, LIFE-11).";
            return RedirectToPage();
        }

        var born = child.DateOfBirth == default ? (DateOnly?)null : child.DateOfBirth;
        var registration = await authority.Get<CafEpisodeAccess>().IdentifyConcernAsync(EpisodeId.New(), new ChildDetails(child.Id, born), caller, concern.Trim(), HttpContext.RequestAborted);
        if (registration.EpisodeId is { } id && registration.Opened)
        {
            TempData["Outcome"] = "Done: " + registration.Text;
            TempData["OutcomeOk"] = true;
            return LocalRedirect($"/episodes/{id}");
        }

        Problem = $"Not opened for {child.Name}: {registration.Text}";
        return RedirectToPage();
    }
}

/// <summary>A child on the index: the episode the caller may open, its stage, lead professional and next date due; or what the register says.</summary>
public sealed record ChildRow(DemoChild Child, string? EpisodeId, string Stage, string Lead, string NextDue, string? Explanation);
