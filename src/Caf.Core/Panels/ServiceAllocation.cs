using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// One service the panel allocated and its role (PANEL-05, 003 §4e: "which services have been allocated
/// and what their role is").
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ServiceAllocation
{
    /// <summary>Creates an allocation.</summary>
    /// <param name="agency">The service allocated.</param>
    /// <param name="role">What it will do (e.g. "Parenting programme, eight weeks").</param>
    /// <param name="practitioner">The named worker, if the panel named one.</param>
    /// <exception cref="ArgumentException">The agency is default, the role empty or the practitioner default.</exception>
    public ServiceAllocation(AgencyId agency, string role, PractitionerId? practitioner = null)
    {
        Agency = agency.IsDefault ? throw new ArgumentException("The agency id must not be default.", nameof(agency)) : agency;
        Role = Guard.Against.NullOrWhiteSpace(role);
        Practitioner = practitioner is { IsDefault: true } ? throw new ArgumentException("The practitioner id must not be default.", nameof(practitioner)) : practitioner;
    }

    /// <summary>The service allocated.</summary>
    public AgencyId Agency { get; }

    /// <summary>Its role.</summary>
    public string Role { get; }

    /// <summary>The named worker, if any.</summary>
    public PractitionerId? Practitioner { get; }
}
