using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-10: the lead professional reported the case's progress to a following meeting of the panel that allocated the
/// services (000 §1: "the latter reports progress to the next meeting"; 003 §1 about 30 reviews a meeting).
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose decision allocated the services.</param>
/// <param name="Meeting">The meeting the progress was reported to: after the one that allocated.</param>
/// <param name="Progress">The progress reported.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelProgressReported(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    PanelMeeting Meeting,
    string Progress)
    : CafEvent(EpisodeId, OccurredAt, Actor);
