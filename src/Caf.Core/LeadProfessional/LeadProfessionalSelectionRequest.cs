using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.LeadProfessional;

/// <summary>
/// Everything one lead-professional selection needs: the episode and its consent (LP-11), who asks, the
/// candidates (LP-03), the plan's needs and actions (LP-04), the family's preference (LP-05), a panel's
/// recommendation (LP-08) and how many LP roles each agency carries now (LP-07).
/// </summary>
/// <param name="Episode">The episode the lead professional is for.</param>
/// <param name="Consent">The episode's recorded consent, passed to the sharing service (LP-11, SHARE-01).</param>
/// <param name="RequestedBy">Who asks for the selection (recorded with each sharing decision, SHARE-03).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record LeadProfessionalSelectionRequest(EpisodeId Episode, ConsentState Consent, Actor RequestedBy)
{
    /// <summary>The practitioners to consider; practitioner ids must be unique. The order does not matter.</summary>
    public ImmutableArray<LeadProfessionalCandidate> Candidates { get; init; } = [];

    /// <summary>LP-04: keys of the plan's needs and actions (duplicates are ignored). Empty before a plan exists.</summary>
    public ImmutableArray<string> PlanNeeds { get; init; } = [];

    /// <summary>LP-05: the practitioner the family said they prefer, if any.</summary>
    public PractitionerId? FamilyPreference { get; init; }

    /// <summary>LP-08: the practitioner a panel (MAF/MAAG) recommended, if any.</summary>
    public PractitionerId? PanelRecommendation { get; init; }

    /// <summary>
    /// LP-07: how many lead-professional roles each agency holds now, across all episodes. An agency not
    /// listed holds none.
    /// </summary>
    public ImmutableDictionary<AgencyId, int> LeadRolesByAgency { get; init; } = ImmutableDictionary<AgencyId, int>.Empty;
}
