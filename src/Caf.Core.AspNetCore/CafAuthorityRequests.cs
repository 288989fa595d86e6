using System;
using System.Diagnostics.CodeAnalysis;
using Ardalis.GuardClauses;
using Caf.Core.DependencyInjection;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.AspNetCore;

/// <summary>
/// Finds the caller's local authority for a request (<see cref="ICafCallerAccessor.GetAuthority"/>) and its services
/// (<see cref="CafAuthorities"/>, docs/authorities.md). Every endpoint of this package takes the register, the sharing
/// gate (<c>Get&lt;CafEpisodeAccess&gt;()</c>) and the policy from here, never from the process-wide services, so a
/// request is served by its caller's authority only; a host's own pages do the same.
/// </summary>
public static class CafAuthorityRequests
{
    /// <summary>The title of the 401 answer to a caller who names no authority in a host of several.</summary>
    public const string NoAuthorityTitle = "Sign in to your local authority";

    /// <summary>The title of the 403 answer to a caller whose authority the host does not serve.</summary>
    public const string NotServedTitle = "This service does not serve your local authority";

    /// <summary>
    /// The caller's authority and its services. A caller who names an authority the host serves
    /// (<see cref="CafAuthorities.Serves"/>, compared by the one rule of <see cref="AuthorityId"/>) gets it; one who names
    /// another is refused with 403. A caller who names none is served only by a single-authority host (its one
    /// authority is the default one, <c>AddCafCore</c>), and refused with 401 by a host of several. The problem details
    /// name no authority.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="services">The authority's services, when found.</param>
    /// <param name="problem">The 401 or 403 problem details otherwise.</param>
    /// <returns>True when the request is served by an authority.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The host registered neither <c>AddCafCore</c> nor <c>AddCafAuthority</c>.</exception>
    public static bool TryGetCafAuthority(
        this HttpContext context, [NotNullWhen(true)] out CafAuthorityServices? services, [NotNullWhen(false)] out ProblemDetails? problem)
    {
        Guard.Against.Null(context);
        services = null;
        problem = null;
        var provider = context.RequestServices;
        var authorities = provider.GetService<CafAuthorities>()
            ?? throw new InvalidOperationException("The web adapter needs AddCafCore() or AddCafAuthority(...) (docs/authorities.md).");
        var named = provider.GetRequiredService<ICafCallerAccessor>().GetAuthority(context);
        var authority = named ?? (authorities.Ids is [var only] && only == AuthorityId.Default ? only : default);
        if (authority.IsDefault)
        {
            problem = Refusal(StatusCodes.Status401Unauthorized, NoAuthorityTitle,
                "This service serves several local authorities, and your sign-in does not say which one you work for. Sign in again through your authority.");
            return false;
        }

        if (!authorities.Serves(authority))
        {
            problem = Refusal(StatusCodes.Status403Forbidden, NotServedTitle,
                "Your sign-in names a local authority this service does not serve, so nothing here is shown to it.");
            return false;
        }

        services = authorities.Get(authority);
        return true;
    }

    private static ProblemDetails Refusal(int status, string title, string detail) => new()
    {
        Type = "about:blank",
        Title = title,
        Status = status,
        Detail = detail,
    };
}
