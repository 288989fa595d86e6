using System;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;

namespace Caf.Core.AspNetCore;

/// <summary>
/// The default <see cref="ICafCallerAccessor"/>: an authenticated user with a <see cref="CafClaimTypes.Practitioner"/>
/// and a <see cref="CafClaimTypes.Agency"/> claim, each a valid id; anyone else is not a caller (401). The caller's
/// authority is the <see cref="CafClaimTypes.Authority"/> claim; a user whose authority claim is not a valid
/// <see cref="AuthorityId"/> (or who has two) is not a caller either.
/// </summary>
/// <threadsafety>Stateless and thread-safe.</threadsafety>
public sealed class ClaimsCafCallerAccessor : ICafCallerAccessor
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public Actor? GetCaller(HttpContext context)
    {
        Guard.Against.Null(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (!TryReadAuthority(context, out _))
        {
            return null; // an authority claim that names no authority identifies nobody
        }

        var practitioner = user.FindFirst(CafClaimTypes.Practitioner)?.Value;
        var agency = user.FindFirst(CafClaimTypes.Agency)?.Value;
        if (string.IsNullOrWhiteSpace(practitioner) || string.IsNullOrWhiteSpace(agency))
        {
            return null;
        }

        try
        {
            return new Actor(new PractitionerId(practitioner), new AgencyId(agency));
        }
        catch (ArgumentException)
        {
            return null; // a claim that is not a valid id identifies nobody
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    public AuthorityId? GetAuthority(HttpContext context)
    {
        Guard.Against.Null(context);
        return context.User.Identity?.IsAuthenticated == true && TryReadAuthority(context, out var authority) ? authority : null;
    }

    // No authority claim: true with null. One valid claim: true with it. Two claims, or one that is no AuthorityId: false.
    private static bool TryReadAuthority(HttpContext context, out AuthorityId? authority)
    {
        authority = null;
        var claims = context.User.FindAll(CafClaimTypes.Authority).ToList();
        if (claims.Count == 0)
        {
            return true;
        }

        if (claims.Count > 1 || !AuthorityId.IsValid(claims[0].Value))
        {
            return false;
        }

        authority = new AuthorityId(claims[0].Value);
        return true;
    }
}
