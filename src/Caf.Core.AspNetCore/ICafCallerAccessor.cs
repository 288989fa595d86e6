using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;

namespace Caf.Core.AspNetCore;

/// <summary>
/// The port a host implements to say who is calling: the practitioner and the agency they act for, taken from the
/// host's own authentication (<see cref="HttpContext.User"/>). Every endpoint of this package asks it first; the
/// agency it gives is the one the sharing gate judges (SHARE-01) and every command records (LIFE-11).
/// </summary>
/// <remarks>
/// <see cref="ClaimsCafCallerAccessor"/> is registered unless the host registers its own: it reads the claims named
/// in <see cref="CafClaimTypes"/>. Implementations must be thread-safe (registered as a singleton).
/// </remarks>
public interface ICafCallerAccessor
{
    /// <summary>The caller of the request, or null when the request is not authenticated as a practitioner.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The practitioner and agency, or null (the endpoints answer 401).</returns>
    Actor? GetCaller(HttpContext context);

    /// <summary>
    /// The local authority the caller works for (docs/authorities.md), or null when the request names none. A host of
    /// several authorities serves a request with that authority's services only, and refuses a caller with none (401)
    /// or with an authority it does not serve (403); a single-authority host serves a caller with none, or with its
    /// own authority. The default implementation names none (a single-authority host's accessor need not change).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The caller's authority, or null.</returns>
    AuthorityId? GetAuthority(HttpContext context) => null;
}
