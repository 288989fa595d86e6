using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// REG-03, SHARE-01: the episode left its family group because a consent or team change means the link would now be
/// refused: the family information of one sibling may no longer reach an agency on another sibling's team (an
/// exclusion, a withdrawal, no consent in force, or an excluded agency joining a team). Recorded by the register on
/// every episode that leaves, in the same save as the change (docs/consent.md, "Revocation").
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who made the change that ended the link.</param>
/// <param name="FamilyGroup">The family group the episode left.</param>
/// <param name="Agency">The agency the link may no longer share with.</param>
/// <param name="RuleId">The rule of the refusal that ended the link (e.g. <c>SHARE-01</c>, <c>CONS-07</c>).</param>
/// <param name="Reason">Why, for a practitioner.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record UnlinkedFromFamilyGroup(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string FamilyGroup,
    AgencyId Agency,
    string RuleId,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
