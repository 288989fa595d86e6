namespace Caf.Core.AspNetCore;

/// <summary>The claim types <see cref="ClaimsCafCallerAccessor"/> reads from the authenticated user.</summary>
public static class CafClaimTypes
{
    /// <summary>The practitioner's id (<see cref="Caf.Core.Primitives.PractitionerId"/>).</summary>
    public const string Practitioner = "caf:practitioner";

    /// <summary>The id of the agency the practitioner acts for (<see cref="Caf.Core.Primitives.AgencyId"/>).</summary>
    public const string Agency = "caf:agency";

    /// <summary>
    /// The local authority the practitioner works for (<see cref="Caf.Core.Primitives.AuthorityId"/>, docs/authorities.md):
    /// in a host of several authorities, every request is served by that authority's services only. Optional in a
    /// single-authority host.
    /// </summary>
    public const string Authority = "caf:authority";
}
