using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-06: a service the panel allocated confirmed its start date (003 §4g "to give an expected start date";
/// §5 the quarterly audit asks for it). A later confirmation for the same service replaces the date.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose decision allocated the service.</param>
/// <param name="Agency">The allocated service.</param>
/// <param name="StartDate">When the service starts (or started): on or after the meeting.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelServiceStartConfirmed(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    AgencyId Agency,
    DateOnly StartDate)
    : CafEvent(EpisodeId, OccurredAt, Actor);
