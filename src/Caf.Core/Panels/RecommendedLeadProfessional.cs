using System;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// The lead professional a panel recommends (PANEL-05; 003 §4: the group "will recommend to the agencies
/// who should act as the Lead Professional"). It feeds the selector's panel-recommendation criterion
/// (LP-08) through <see cref="ApplyTo(LeadProfessionalSelectionRequest)"/>; the appointment itself still follows LP-05/LP-06.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record RecommendedLeadProfessional
{
    /// <summary>Creates the recommendation.</summary>
    /// <param name="practitioner">The practitioner recommended.</param>
    /// <param name="agency">Their agency (checked against the sharing gate, LP-11, SHARE-01).</param>
    /// <exception cref="ArgumentException">An id is default.</exception>
    public RecommendedLeadProfessional(PractitionerId practitioner, AgencyId agency)
    {
        Practitioner = practitioner.IsDefault ? throw new ArgumentException("The practitioner id must not be default.", nameof(practitioner)) : practitioner;
        Agency = agency.IsDefault ? throw new ArgumentException("The agency id must not be default.", nameof(agency)) : agency;
    }

    /// <summary>The practitioner recommended.</summary>
    public PractitionerId Practitioner { get; }

    /// <summary>Their agency.</summary>
    public AgencyId Agency { get; }

    /// <summary>True when the candidate is the recommended practitioner at the recommended agency.</summary>
    /// <param name="candidate">A candidate from the directory.</param>
    /// <returns>True for the recommended candidate.</returns>
    public bool IsRecommended(LeadProfessionalCandidate candidate)
    {
        Guard.Against.Null(candidate);
        return candidate.Practitioner == Practitioner && candidate.Agency == Agency;
    }

    /// <summary>
    /// LP-08: the selection request with <see cref="LeadProfessionalSelectionRequest.PanelRecommendation"/>
    /// set to this practitioner, so the host does not copy it across. Refused (PANEL-05) when the request's
    /// candidates hold the practitioner at another agency: the recommendation is about a person at an agency.
    /// A recommended practitioner missing from the candidates is left for the selector to explain.
    /// </summary>
    /// <param name="request">The selection request.</param>
    /// <returns>The request with the recommendation, or the refusal.</returns>
    public Result<LeadProfessionalSelectionRequest> ApplyTo(LeadProfessionalSelectionRequest request) => ApplyTo(request, CafNames.Ids);

    /// <summary>
    /// LP-08: as <see cref="ApplyTo(LeadProfessionalSelectionRequest)"/>, naming the practitioner and the agencies in the
    /// PANEL-05 refusal through the host's naming port (ids where it knows no name).
    /// </summary>
    /// <param name="request">The selection request.</param>
    /// <param name="names">The naming port (<see cref="Lifecycle.EpisodePolicy.Names"/>).</param>
    /// <returns>The request with the recommendation, or the refusal.</returns>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    public Result<LeadProfessionalSelectionRequest> ApplyTo(LeadProfessionalSelectionRequest request, ICafNames names)
    {
        Guard.Against.Null(request);
        Guard.Against.Null(names);
        var practitioner = Practitioner;
        var same = request.Candidates.IsDefault ? null : request.Candidates.FirstOrDefault(c => c is not null && c.Practitioner == practitioner);
        if (same is not null && same.Agency != Agency)
        {
            return Result<LeadProfessionalSelectionRequest>.Refused("PANEL-05",
                $"The panel recommended {names.Name(Practitioner)} at {names.Name(Agency)}, but the directory has them at {names.Name(same.Agency)}.", "recommendedLeadProfessional");
        }

        return request with { PanelRecommendation = Practitioner };
    }
}
