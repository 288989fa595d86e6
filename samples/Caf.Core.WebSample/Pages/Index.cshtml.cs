using System.Collections.Generic;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.Register;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Core.WebSample.Pages;

/// <summary>The demo's children, and what the register tells the signed-in practitioner about each (audited).</summary>
public sealed class IndexModel : PageModel
{
    private readonly CafRegister _register;
    private readonly ICafCallerAccessor _caller;

    /// <summary>Creates the page.</summary>
    public IndexModel(CafRegister register, ICafCallerAccessor caller)
    {
        _register = register;
        _caller = caller;
    }

    /// <summary>One row per child.</summary>
    public List<(DemoChild Child, string? EpisodeId, string Explanation)> Rows { get; } = [];

    /// <summary>Asks the register about each child.</summary>
    public async Task OnGetAsync()
    {
        if (_caller.GetCaller(HttpContext) is not { } caller)
        {
            return;
        }

        foreach (var child in DemoData.Children)
        {
            var answer = await _register.FindOpenAsync(child.Id, caller, HttpContext.RequestAborted);
            var explanation = answer.HasOpenEpisode
                ? $"A CAF is open. Contact {DemoData.Practitioner(answer.Contact!.Value.Value)?.Name ?? answer.Contact.Value.Value}: the family's consent does not cover your agency."
                : "No open CAF.";
            Rows.Add((child, answer.Episode?.Id.Value, explanation));
        }
    }
}
