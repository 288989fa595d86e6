using System;
using Ardalis.GuardClauses;
using Caf.Core.Primitives;
using Microsoft.AspNetCore.Http;

namespace Caf.Core.AspNetCore;

/// <summary>
/// The default <see cref="ICafCallerAccessor"/>: an authenticated user with a <see cref="CafClaimTypes.Practitioner"/>
/// and a <see cref="CafClaimTypes.Agency"/> claim, each a valid id; anyone else is not a caller (401).
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
}
