using System.Linq;
using System;
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
/// <param name="Consent">
/// The consent the sharing service judges each candidate's agency against (LP-11, SHARE-01). A request made by
/// <see cref="Caf.Core.Lifecycle.CafEpisode.SelectionRequest"/> is bound to its episode: the selector judges the
/// episode's consent in force at the moment it selects (<see cref="ConsentInForce"/>), so an agency the family
/// excluded after the request was made is refused, never granted. A request built by hand is judged against this
/// value as given (for analysis of a recorded state); a host selecting for a live episode asks the episode.
/// </param>
/// <param name="RequestedBy">Who asks for the selection (recorded with each sharing decision, SHARE-03).</param>
/// <threadsafety>This type is immutable. A request bound to an episode reads that episode's consent when selected, so
/// use it where the episode is used (an episode is not thread-safe).</threadsafety>
[Immutable]
public sealed record LeadProfessionalSelectionRequest(EpisodeId Episode, ConsentState Consent, Actor RequestedBy)
{
    /// <summary>Value equality: the collections are compared element by element (the compiler's would compare them by reference).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(LeadProfessionalSelectionRequest? other) =>
        other is not null && Episode == other.Episode && Consent == other.Consent && RequestedBy == other.RequestedBy && ReferenceEquals(Source, other.Source)
        && FamilyPreference == other.FamilyPreference && PanelRecommendation == other.PanelRecommendation
        && ValueEquality.Equal(Candidates, other.Candidates) && ValueEquality.Equal(PlanNeeds, other.PlanNeeds)
        && LeadRolesByAgency.Count == other.LeadRolesByAgency.Count
        && LeadRolesByAgency.All(p => other.LeadRolesByAgency.TryGetValue(p.Key, out var n) && n == p.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Episode, Consent, RequestedBy, FamilyPreference, PanelRecommendation, ValueEquality.Hash(Candidates), ValueEquality.Hash(PlanNeeds), LeadRolesByAgency.Count);


    /// <summary>The episode the request was made by, whose consent in force the selector judges; null for a request built by hand.</summary>
    internal Caf.Core.Lifecycle.CafEpisode? Source { get; init; }

    /// <summary>
    /// The consent the selector judges now: the episode's consent in force for a request made by
    /// <see cref="Caf.Core.Lifecycle.CafEpisode.SelectionRequest"/> (read when asked, so never stale), otherwise
    /// <see cref="Consent"/>.
    /// </summary>
    public ConsentState ConsentInForce => Source?.Consent ?? Consent;

    /// <summary>True when the request was made by an episode and is judged against its consent in force.</summary>
    public bool IsBoundToEpisode => Source is not null;

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
