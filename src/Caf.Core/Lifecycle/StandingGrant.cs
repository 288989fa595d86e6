using System;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>What an agency holds on an episode beyond a single hand-over: a standing grant (SHARE-01).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(StrictEnumConverter<StandingGrantKind>))]
public enum StandingGrantKind
{
    /// <summary>The lead-professional role (LP-11): the current lead professional's agency, interim or appointed.</summary>
    LeadProfessionalRole = 0,

    /// <summary>Delivering actions of the current plan (SHARE-01).</summary>
    PlanDelivery = 1,

    /// <summary>The papers of the episode's current panel referral: a member of the panel (CONS-04, PANEL-02).</summary>
    PanelPapers = 2,

    /// <summary>A service a panel's decision sheet allocated (PANEL-05, PANEL-06).</summary>
    PanelAllocation = 3,
}

/// <summary>
/// One standing grant of an episode: an agency, what it holds and the sharing decision for it under the consent in force
/// (<see cref="CafEpisode.StandingGrants"/>, <see cref="CafEpisode.SuspendedGrants"/>). Always derived, never stored: a
/// consent change changes it at once, and the episode records what the change revoked or restored (SHARE-03/04).
/// </summary>
/// <param name="Agency">The agency.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Referral">For panel papers and allocations, the referral; null otherwise.</param>
/// <param name="Decision">The decision under the consent in force: granted while the grant stands.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record StandingGrant(AgencyId Agency, StandingGrantKind Kind, PanelReferralId? Referral, SharingDecision Decision)
{
    /// <summary>True while the consent in force grants it.</summary>
    public bool InForce => Decision.Granted;

    /// <summary>The purpose it is judged for.</summary>
    public SharingPurpose Purpose => Kind switch
    {
        StandingGrantKind.LeadProfessionalRole => SharingPurpose.LeadProfessional,
        StandingGrantKind.PlanDelivery => SharingPurpose.PlanDelivery,
        StandingGrantKind.PanelPapers or StandingGrantKind.PanelAllocation => SharingPurpose.Panel,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown standing grant."),
    };

    /// <summary>What the agency holds through it (SHARE-04).</summary>
    public SharedItems Items => Kind switch
    {
        StandingGrantKind.LeadProfessionalRole => SharedItems.LeadProfessionalRole,
        StandingGrantKind.PlanDelivery => SharedItems.Plan,
        StandingGrantKind.PanelPapers or StandingGrantKind.PanelAllocation => SharedItems.PanelPapers,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown standing grant."),
    };
}
