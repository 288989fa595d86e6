using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-06: one line of the quarterly audit: an allocation with no confirmed start date. When the consent in force no
/// longer lets the service receive anything about the child (excluded since, SHARE-01; consent withdrawn, CONS-07), the
/// line is <see cref="IsSuspended"/>: the service is not asked to confirm a start, and <see cref="Suspension"/> says why.
/// </summary>
/// <param name="Decision">The decision that allocated the service.</param>
/// <param name="Allocation">The allocation.</param>
/// <param name="DaysSinceMeeting">Days from the meeting to the audit date.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record UnconfirmedAllocation(PanelDecision Decision, ServiceAllocation Allocation, int DaysSinceMeeting)
{
    /// <summary>Why the allocation stands revoked under the consent in force (with its rule), or null when the service is asked to confirm.</summary>
    public Refusal? Suspension { get; init; }

    /// <summary>True when the service must not be asked to confirm a start: the consent in force no longer covers it.</summary>
    public bool IsSuspended => Suspension is not null;
}
