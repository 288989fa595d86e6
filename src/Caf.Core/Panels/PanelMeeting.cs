using System;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>One meeting of a panel (PANEL-03).</summary>
/// <param name="Panel">The panel.</param>
/// <param name="Area">The area it serves.</param>
/// <param name="Date">The day it meets.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public readonly record struct PanelMeeting(PanelId Panel, string Area, DateOnly Date);
