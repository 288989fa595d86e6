using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>A slot request the scheduler could not place within the horizon (PANEL-03: reported, never dropped).</summary>
/// <param name="Request">The request.</param>
/// <param name="Reason">Why it could not be placed.</param>
/// <param name="Message">The reason in words, naming the area.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelUnplacedSlot(PanelSlotRequest Request, PanelUnplacedReason Reason, string Message);
