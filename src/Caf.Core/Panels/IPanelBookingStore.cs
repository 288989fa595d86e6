using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Primitives;

namespace Caf.Core.Panels;

/// <summary>
/// Storage port for agenda bookings (PANEL-03), implemented by the host (a database adapter) or by
/// <see cref="InMemoryPanelBookingStore"/>. Booking is atomic and re-checks capacity, so two schedulers
/// running on stale reads cannot overfill a meeting: the loser gets a refusal and reschedules.
/// </summary>
/// <remarks>
/// Refusal codes: <c>PANEL-03</c> (field <c>meeting</c>) when the meeting has no room for the booking's kind
/// or minutes; <see cref="Caf.Core.Register.StoreCodes.DuplicateId"/> when the slot is booked already;
/// <see cref="Caf.Core.Register.StoreCodes.NotFound"/> when cancelling an unknown slot. A database adapter
/// needs: a unique key on the slot id, an index on (panel, meeting date) and on the episode, and the
/// capacity check and insert in one transaction (or a conditional insert on the meeting's counters).
/// </remarks>
public interface IPanelBookingStore
{
    /// <summary>Books one slot if the meeting still has room (re-checked atomically).</summary>
    /// <param name="booking">The booking.</param>
    /// <param name="capacity">The capacity of the booking's panel.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Ok, or the refusal.</returns>
    ValueTask<Result> BookAsync(PanelBooking booking, PanelCapacity capacity, CancellationToken cancellationToken = default);

    /// <summary>Books all of a schedule's placements, or none (all re-checked atomically).</summary>
    /// <param name="bookings">The bookings, e.g. <see cref="PanelSchedule.Placed"/>.</param>
    /// <param name="capacities">The capacity of each panel booked.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Ok, or the first refusal (nothing booked then).</returns>
    ValueTask<Result> BookAllAsync(IReadOnlyList<PanelBooking> bookings, IReadOnlyDictionary<PanelId, PanelCapacity> capacities, CancellationToken cancellationToken = default);

    /// <summary>Cancels a booking (a referral withdrawn before its meeting), freeing its room.</summary>
    /// <param name="slot">The slot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Ok, or <see cref="Caf.Core.Register.StoreCodes.NotFound"/>.</returns>
    ValueTask<Result> CancelAsync(PanelSlotId slot, CancellationToken cancellationToken = default);

    /// <summary>The booking of a slot, or null.</summary>
    /// <param name="slot">The slot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The booking, or null.</returns>
    ValueTask<PanelBooking?> GetAsync(PanelSlotId slot, CancellationToken cancellationToken = default);

    /// <summary>The bookings on meetings from <paramref name="from"/> (inclusive) to <paramref name="until"/> (exclusive): the scheduler's existing bookings.</summary>
    /// <param name="from">The first meeting date.</param>
    /// <param name="until">The day after the last meeting date.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bookings, by meeting date, panel and slot.</returns>
    ValueTask<ImmutableArray<PanelBooking>> ListAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default);

    /// <summary>The bookings of an episode (its agenda history), by meeting date.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bookings.</returns>
    ValueTask<ImmutableArray<PanelBooking>> ListForEpisodeAsync(EpisodeId episode, CancellationToken cancellationToken = default);
}
