using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-05: the panel's decision sheet for the episode's referral, applied to the episode: the services allocated
/// with their roles and the recommended lead professional (LP-08), or "re-present with more information", which
/// puts the case back in the panel's queue. Every allocated agency passed the sharing gate for purpose "panel" and
/// the recommended lead professional's agency for the lead-professional role (SHARE-01, LP-11).
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider (on or after the meeting day).</param>
/// <param name="Actor">Who recorded it (the chair or the panel administrator).</param>
/// <param name="Referral">The referral decided.</param>
/// <param name="Meeting">The meeting that decided.</param>
/// <param name="Chair">The chair who made the decision.</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="Allocations">The services allocated with their roles, in agency order; empty for a re-presentation.</param>
/// <param name="RecommendedLeadProfessional">The lead professional recommended, if any (LP-08).</param>
/// <param name="MoreInformationNeeded">For a re-presentation: what the panel needs to know; null otherwise.</param>
/// <remarks>Value equality covers the allocations.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelDecisionRecorded(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    PanelMeeting Meeting,
    string Chair,
    PanelDecisionOutcome Outcome,
    ImmutableArray<ServiceAllocation> Allocations,
    RecommendedLeadProfessional? RecommendedLeadProfessional,
    string? MoreInformationNeeded)
    : CafEvent(EpisodeId, OccurredAt, Actor)
{
    /// <inheritdoc />
    public bool Equals(PanelDecisionRecorded? other) =>
        other is not null && base.Equals(other) && Referral == other.Referral && Meeting == other.Meeting && Chair == other.Chair
        && Outcome == other.Outcome && ValueEquality.Equal(Allocations, other.Allocations)
        && Equals(RecommendedLeadProfessional, other.RecommendedLeadProfessional) && MoreInformationNeeded == other.MoreInformationNeeded;

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(base.GetHashCode(), Referral, Meeting, Outcome, ValueEquality.Hash(Allocations), RecommendedLeadProfessional);
}
