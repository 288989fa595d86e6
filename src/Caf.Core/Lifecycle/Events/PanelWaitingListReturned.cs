using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-06: an allocated service has a waiting list and the delay is not appropriate for the family, so the referrer
/// brought the referral back to the panel "for further discussion and allocation" (003 §4g): it goes back to the panel's
/// queue for a new decision sheet.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose decision allocated the service.</param>
/// <param name="Agency">The service with the waiting list.</param>
/// <param name="Reason">The expected delay and why it is not appropriate.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelWaitingListReturned(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    AgencyId Agency,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
