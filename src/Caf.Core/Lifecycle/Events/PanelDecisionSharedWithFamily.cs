using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-08: the referrer shared the panel's decision sheet with the family (003 §4f: "the referrer will be expected
/// to share this with the family").
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose latest decision sheet was shared.</param>
/// <param name="How">How and with whom it was shared.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelDecisionSharedWithFamily(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    string How)
    : CafEvent(EpisodeId, OccurredAt, Actor);
