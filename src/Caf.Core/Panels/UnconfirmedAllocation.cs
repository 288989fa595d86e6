using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>PANEL-06: one line of the quarterly audit: an allocation with no confirmed start date.</summary>
/// <param name="Decision">The decision that allocated the service.</param>
/// <param name="Allocation">The allocation.</param>
/// <param name="DaysSinceMeeting">Days from the meeting to the audit date.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record UnconfirmedAllocation(PanelDecision Decision, ServiceAllocation Allocation, int DaysSinceMeeting);
