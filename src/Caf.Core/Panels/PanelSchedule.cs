using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;

namespace Caf.Core.Panels;

/// <summary>
/// What the scheduler produced (PANEL-03): the new bookings in the order they were placed, the requests
/// that fit nowhere within the horizon, and every meeting's agenda within the horizon.
/// </summary>
/// <remarks>Value equality covers the lists.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PanelSchedule
{
    internal PanelSchedule(ImmutableArray<PanelBooking> placed, ImmutableArray<PanelUnplacedSlot> unplaced, ImmutableArray<PanelAgenda> agendas)
    {
        Placed = placed;
        Unplaced = unplaced;
        Agendas = agendas;
    }

    /// <summary>The new bookings, in request order (request time, then slot id).</summary>
    public ImmutableArray<PanelBooking> Placed { get; }

    /// <summary>The requests that fit nowhere within the horizon, in request order.</summary>
    public ImmutableArray<PanelUnplacedSlot> Unplaced { get; }

    /// <summary>Every meeting within the horizon that can still take cases, by date then panel id.</summary>
    public ImmutableArray<PanelAgenda> Agendas { get; }

    /// <inheritdoc />
    public bool Equals(PanelSchedule? other) =>
        other is not null && Placed.SequenceEqual(other.Placed) && Unplaced.SequenceEqual(other.Unplaced) && Agendas.SequenceEqual(other.Agendas);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Placed.Length, Unplaced.Length, Agendas.Length);
}
