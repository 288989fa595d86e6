using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Panels;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>
/// PANEL-06: an allocated service's answer to the quarterly audit (003 §5: "a feedback sheet ... to all services that
/// have been allocated via MAAG to ask for confirmation that the allocations have in fact been made and to give a start
/// date"). The sheet goes to the service through the sharing gate.
/// </summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When it was recorded, from the host's TimeProvider.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Referral">The referral whose decision allocated the service.</param>
/// <param name="Agency">The allocated service.</param>
/// <param name="AuditDate">The day of the audit.</param>
/// <param name="AllocationMade">Whether the service confirmed the allocation was made.</param>
/// <param name="StartDate">The start date the service gave, when the allocation was made.</param>
/// <param name="Note">What the service said (may be empty).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelAllocationAudited(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    PanelReferralId Referral,
    AgencyId Agency,
    DateOnly AuditDate,
    bool AllocationMade,
    DateOnly? StartDate,
    string Note)
    : CafEvent(EpisodeId, OccurredAt, Actor);
