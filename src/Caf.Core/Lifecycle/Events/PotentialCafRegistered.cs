using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;
using Caf.Core.StepDown;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// LIFE-02, STEP-01, STEP-02: a potential CAF registered from a specialist service's step-down information,
/// which takes the place of the assessment and holds every core item.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Child">The child.</param>
/// <param name="Information">The step-down information: the specialist service, its document type and the seven core items (STEP-01, STEP-02).</param>
/// <param name="FamilyPreferredLeadProfessional">The practitioner the family prefer as lead professional (LP-05), if they named one.</param>
/// <param name="PreviousEpisodes">Earlier, closed episodes of the same child (LIFE-03).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PotentialCafRegistered(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ChildDetails Child,
    StepDownInformation Information,
    PractitionerId? FamilyPreferredLeadProfessional,
    ImmutableArray<EpisodeId> PreviousEpisodes)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(PotentialCafRegistered? other) =>
        other is not null && base.Equals(other) && Child == other.Child && Information == other.Information
        && FamilyPreferredLeadProfessional == other.FamilyPreferredLeadProfessional
        && ValueEquality.Equal(PreviousEpisodes, other.PreviousEpisodes);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), Child, Information, FamilyPreferredLeadProfessional, ValueEquality.Hash(PreviousEpisodes));
}
