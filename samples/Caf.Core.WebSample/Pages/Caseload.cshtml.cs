using System.Collections.Generic;
using System.Threading.Tasks;
using Caf.Core.AspNetCore;
using Caf.Core.DependencyInjection;
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
    private readonly ICafCallerAccessor _caller;

    /// <summary>Creates the page.</summary>
    public CaseloadModel(ICafCallerAccessor caller, ChildDirectory children)
    {
        _caller = caller;
        Children = children;
    }

    /// <summary>The host's children (names).</summary>
    public ChildDirectory Children { get; }

    /// <summary>The practitioner's local authority: the children are named from its directory.</summary>
    public AuthorityId Authority { get; private set; } = AuthorityId.Default;

    /// <summary>The agency's name.</summary>
    public string Agency { get; private set; } = "";

    /// <summary>The entries.</summary>
    public IReadOnlyList<CaseloadEntryView> Entries { get; private set; } = [];

    /// <summary>Lists the caseload.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!this.TryServe(_caller, out var caller, out var authority, out var refused))
        {
            return refused;
        }

        Authority = authority.Authority;
        Agency = authority.Policy.Names.Name(caller.Agency);
        Entries = await authority.Get<CafEpisodeAccess>().CaseloadAsync(caller, HttpContext.RequestAborted);
        return Page();
    }
}
