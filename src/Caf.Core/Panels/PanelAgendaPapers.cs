using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// PANEL-04, SHARE-01: one agenda entry's papers as they went out (<see cref="PanelAgenda.IssuePapers"/>): the agencies
/// the consent in force allowed when the agenda was issued, or why none did.
/// </summary>
/// <param name="Entry">The agenda entry (its stored <see cref="PanelSlotRequest.PapersFor"/> is not what was sent).</param>
/// <param name="Papers">The recipients judged at issue; null when the episode's consent was not known.</param>
/// <param name="NotSent">Why no papers went out for the entry (SHARE-01, CONS-07, CONS-04, LP-11, LIFE-10), or null.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelAgendaPapers(PanelBooking Entry, PanelPapers? Papers, Refusal? NotSent)
{
    /// <summary>The agencies the entry's papers went to: empty when <see cref="NotSent"/> says why.</summary>
    public ImmutableArray<AgencyId> PapersFor => NotSent is null && Papers is { } p ? p.PapersFor : [];
}
