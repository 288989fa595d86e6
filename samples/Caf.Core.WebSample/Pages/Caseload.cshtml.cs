using System.Collections.Generic;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Core.WebSample.Pages;

/// <summary>
/// The signed-in practitioner's agency's caseload: the open episodes whose lead professional works for it, with the
/// stage and the next date due (<see cref="CafEpisodeAccess.CaseloadAsync"/>; an episode whose family excluded the
/// agency is not listed, SHARE-01).
/// </summary>
public sealed class CaseloadModel : PageModel
{
    private readonly CafEpisodeAccess _access;
    private readonly ICafCallerAccessor _caller;
    private readonly ICafNames _names;

    /// <summary>Creates the page.</summary>
    public CaseloadModel(CafEpisodeAccess access, ICafCallerAccessor caller, ICafNames names, ChildDirectory children)
    {
        _access = access;
        _caller = caller;
        _names = names;
        Children = children;
    }

    /// <summary>The host's children (names).</summary>
    public ChildDirectory Children { get; }

    /// <summary>The agency's name.</summary>
    public string Agency { get; private set; } = "";

    /// <summary>The entries.</summary>
    public IReadOnlyList<CaseloadEntryView> Entries { get; private set; } = [];

    /// <summary>Lists the caseload.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (_caller.GetCaller(HttpContext) is not { } caller)
        {
            return Challenge();
        }

        Agency = _names.Name(caller.Agency);
        Entries = await _access.CaseloadAsync(caller, HttpContext.RequestAborted);
        return Page();
    }
}
