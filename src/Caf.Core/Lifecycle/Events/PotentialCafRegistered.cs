using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-02, STEP-02: a potential CAF registered from a specialist service's step-down; the step-down document takes the place of the assessment.</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Child">The child.</param>
/// <param name="SteppingDownService">The specialist service stepping down (e.g. children's social care, YOS, CAMHS).</param>
/// <param name="StepDownDocument">The document that takes the place of the assessment (e.g. closing summary, ASSET/ONSET).</param>
/// <param name="FamilyPreferredLeadProfessional">The family's lead-professional preference recorded at step-down (LP-05), if any.</param>
/// <param name="PreviousEpisodes">Earlier, closed episodes of the same child (LIFE-03).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PotentialCafRegistered(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    ChildDetails Child,
    string SteppingDownService,
    string StepDownDocument,
    PractitionerId? FamilyPreferredLeadProfessional,
    ImmutableArray<EpisodeId> PreviousEpisodes)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(PotentialCafRegistered? other) =>
        other is not null && base.Equals(other) && Child == other.Child && SteppingDownService == other.SteppingDownService
        && StepDownDocument == other.StepDownDocument && FamilyPreferredLeadProfessional == other.FamilyPreferredLeadProfessional
        && ValueEquality.Equal(PreviousEpisodes, other.PreviousEpisodes);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), Child, SteppingDownService, StepDownDocument, FamilyPreferredLeadProfessional, ValueEquality.Hash(PreviousEpisodes));
}
