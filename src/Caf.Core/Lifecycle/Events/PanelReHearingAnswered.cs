using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-07: the chair's answer to a request for a re-hearing (003 §4h: "the referral can be re-heard at panel if
/// this is agreed following this discussion"). Agreed, the referral goes back to the panel's queue for a new decision sheet;
/// declined, the decision stands.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral.</param>
/// <param name="Outcome">Agreed or declined.</param>
/// <param name="Chair">The chair who answered.</param>
/// <param name="Note">The chair's note of the discussion (may be empty).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelReHearingAnswered(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    PanelReHearingOutcome Outcome,
    string Chair,
    string Note)
    : CafEvent(EpisodeId, OccurredAt, Actor);
