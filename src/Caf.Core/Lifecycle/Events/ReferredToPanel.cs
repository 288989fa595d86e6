using System;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle.Events;

/// <summary>LIFE-07, PANEL-01: referred to a panel (MAF/MAAG) with written consent (CONS-04).</summary>
/// <param name="EpisodeId">The episode.</param>
/// <param name="OccurredAt">When, from the host's TimeProvider.</param>
/// <param name="Actor">Who.</param>
/// <param name="Panel">The panel's name (e.g. "MAAG North").</param>
/// <param name="Reason">Why a panel: varied or complex needs, unclear which service, multi-agency response.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ReferredToPanel(
    EpisodeId EpisodeId,
    DateTimeOffset OccurredAt,
    Actor Actor,
    string Panel,
    string Reason)
    : CafEvent(EpisodeId, OccurredAt, Actor);
