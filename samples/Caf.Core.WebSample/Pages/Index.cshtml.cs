using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
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
    private readonly CafRegister _register;
    private readonly CafEpisodeAccess _access;
    private readonly ICafCallerAccessor _caller;
    private readonly ICafNames _names;
    private readonly ChildDirectory _children;
    private readonly EpisodePolicy _policy;

    /// <summary>Creates the page.</summary>
    public IndexModel(CafRegister register, CafEpisodeAccess access, ICafCallerAccessor caller, ICafNames names, ChildDirectory children, EpisodePolicy policy)
    {
        _register = register;
        _access = access;
        _caller = caller;
        _names = names;
        _children = children;
        _policy = policy;
    }

    /// <summary>One row per child.</summary>
    public List<ChildRow> Rows { get; } = [];

    /// <summary>Why the new concern was not recorded, if so.</summary>
    [TempData]
    public string? Problem { get; set; }

    /// <summary>Today, by the policy's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_policy.Time.GetUtcNow().UtcDateTime);

    /// <summary>Asks the register about each child.</summary>
    public async Task OnGetAsync()
    {
        if (_caller.GetCaller(HttpContext) is not { } caller)
        {
            return;
        }

        foreach (var child in _children.All)
        {
            var answer = await _register.FindOpenAsync(child.Id, caller, HttpContext.RequestAborted);
            if (answer.Episode is { } open)
            {
                var entry = CaseloadEntryView.Of(open, _names, _policy.Time.GetUtcNow());
                Rows.Add(new ChildRow(child, open.Id.Value, entry.StateText, entry.LeadProfessionalName + (entry.LeadProfessionalIsInterim ? " (interim)" : ""),
                    entry.NextDueOn is { } due ? $"{entry.NextDueText} {due.ToString("d MMM yyyy", EpisodeModel.EnGb)}{(entry.Overdue ? " (overdue)" : "")}" : "", null));
            }
            else
            {
                var explanation = answer.HasOpenEpisode
                    ? $"A CAF is open. Contact {_names.Name(answer.Contact!.Value)}: the family's consent does not cover your agency."
                    : "No open CAF.";
                Rows.Add(new ChildRow(child, null, "", "", "", explanation));
            }
        }
    }

    /// <summary>Records a new concern for a new child: the register opens an episode (the caller is its interim lead professional).</summary>
    public async Task<IActionResult> OnPostConcernAsync(string? childName, DateOnly? dateOfBirth, string? concern)
    {
        if (_caller.GetCaller(HttpContext) is not { } caller)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(childName) || string.IsNullOrWhiteSpace(concern))
        {
            Problem = string.IsNullOrWhiteSpace(childName)
                ? "Not recorded: give the child's name."
                : "Not recorded: say what the concern is, in your words (every record says why, LIFE-11).";
            return RedirectToPage();
        }

        var child = new DemoChild(new ChildId("child-" + Guid.NewGuid().ToString("N")[..10]), childName.Trim(), dateOfBirth ?? default, EpisodeId.New());
        var registration = await _access.IdentifyConcernAsync(child.Episode, new ChildDetails(child.Id, dateOfBirth), caller, concern.Trim(), HttpContext.RequestAborted);
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
        if (_caller.GetCaller(HttpContext) is not { } caller)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(childId) || _children.Find(childId) is not { } child)
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
        var registration = await _access.IdentifyConcernAsync(EpisodeId.New(), new ChildDetails(child.Id, born), caller, concern.Trim(), HttpContext.RequestAborted);
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
