using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>One referral of the episode to a panel (MAF/MAAG), as the read model keeps it (REP-04).</summary>
/// <remarks>Bedfordshire (003 §5) reports "how many MAAG referrals there have been, from which agencies and how many allocations".</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct ReportPanelReferral
{
    /// <summary>Creates a panel referral.</summary>
    /// <param name="referredOn">The date of the referral.</param>
    /// <param name="referringAgency">The agency of the practitioner who referred.</param>
    /// <param name="allocations">Services the panel allocated for this referral (PANEL-05); 0 while undecided or when re-presented.</param>
    /// <exception cref="ArgumentException"><paramref name="referringAgency"/> is default or <paramref name="allocations"/> is negative.</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public ReportPanelReferral(DateOnly referredOn, AgencyId referringAgency, int allocations)
    {
        if (referringAgency.IsDefault)
        {
            throw new ArgumentException("A panel referral needs the referring agency.", nameof(referringAgency));
        }

        if (allocations < 0)
        {
            throw new ArgumentException("Allocations cannot be negative.", nameof(allocations));
        }

        ReferredOn = referredOn;
        ReferringAgency = referringAgency;
        Allocations = allocations;
    }

    /// <summary>The date of the referral.</summary>
    public DateOnly ReferredOn { get; }

    /// <summary>The agency of the practitioner who referred.</summary>
    public AgencyId ReferringAgency { get; }

    /// <summary>Services allocated by the panel for this referral (PANEL-05).</summary>
    public int Allocations { get; }
}
