using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-07: the family or the referrer disagrees with the panel's decision and asked the chair for a re-hearing
/// (003 §4h). Re-referral stays always allowed (003 §4f); the chair's answer is <see cref="PanelReHearingAnswered"/>.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose decision is disagreed with.</param>
/// <param name="RaisedBy">Who disagrees: the family or the referrer.</param>
/// <param name="Reason">Why they disagree.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelReHearingRequested(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    PanelDisagreementParty RaisedBy,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
