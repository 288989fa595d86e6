using System.Diagnostics.CodeAnalysis;
using Caf.Core.AspNetCore;
using Caf.Core.DependencyInjection;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Caf.Core.WebSample;

/// <summary>
/// How every page finds who is signed in and their local authority's services (issue 29, docs/web.md): the caller port,
/// then <see cref="CafAuthorityRequests.TryGetCafAuthority"/>. A page never takes a register, a policy or a thresholds
/// framework from the process-wide services: each request is served by the practitioner's authority only.
/// </summary>
internal static class SampleAuthority
{
    /// <summary>The caller and their authority's services; otherwise what the page answers (sign in again, or 403).</summary>
    public static bool TryServe(
        this PageModel page, ICafCallerAccessor callers, out Actor caller,
        [NotNullWhen(true)] out CafAuthorityServices? authority, [NotNullWhen(false)] out IActionResult? refused)
    {
        authority = null;
        refused = null;
        caller = default;
        if (callers.GetCaller(page.HttpContext) is not { } who)
        {
            refused = page.Challenge();
            return false;
        }

        if (!page.HttpContext.TryGetCafAuthority(out authority, out var problem))
        {
            // No authority in the sign-in: sign in again. An authority this host does not serve: 403, saying so.
            refused = problem.Status == StatusCodes.Status401Unauthorized
                ? page.Challenge()
                : new ContentResult { StatusCode = problem.Status, Content = problem.Detail, ContentType = "text/plain; charset=utf-8" };
            return false;
        }

        caller = who;
        return true;
    }
}
