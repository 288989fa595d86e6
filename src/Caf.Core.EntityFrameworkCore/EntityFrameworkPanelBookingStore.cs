using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// The <see cref="IPanelBookingStore"/> on EF Core (PANEL-03): bookings in <c>caf_panel_bookings</c> (unique on the slot,
/// indexed by meeting and by episode) and each meeting's taken capacity in a counter row of <c>caf_panel_meetings</c>.
/// A booking re-checks the meeting's counters and moves them in the same transaction as its insert; the counter row's
/// version is a concurrency token, so of two writers that read the same counters only one commits and the other re-reads
/// and re-checks: a meeting is never overfilled, across processes and servers.
/// </summary>
/// <remarks>Refusals are those of <see cref="InMemoryPanelBookingStore"/>: <c>PANEL-03</c> (field <c>meeting</c>),
/// <see cref="StoreCodes.DuplicateId"/> (field <c>slot</c>) and <see cref="StoreCodes.NotFound"/> on cancel. A writer that
/// keeps losing the race (more than 50 times) gets an <see cref="InvalidOperationException"/>.</remarks>
/// <typeparam name="TContext">A context whose model includes <see cref="CafModelBuilderExtensions.ApplyCafConfigurations"/>.</typeparam>
/// <threadsafety>Thread-safe: a context per call.</threadsafety>
[Immutable]
public sealed class EntityFrameworkPanelBookingStore<TContext> : IPanelBookingStore
    where TContext : DbContext
{
    private const int MaxAttempts = 50;
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly AuthorityId _authority;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates a context per call.</param>
    public EntityFrameworkPanelBookingStore(IDbContextFactory<TContext> contexts)
        : this(contexts, AuthorityId.Default)
    {
    }

    /// <summary>Creates the store of one authority (issue 29): its bookings and meeting counters are that authority's only.</summary>
    /// <param name="contexts">Creates a context per call.</param>
    /// <param name="authority">The authority whose panels it books.</param>
    /// <exception cref="ArgumentException"><paramref name="authority"/> is <c>default(AuthorityId)</c>.</exception>
    public EntityFrameworkPanelBookingStore(IDbContextFactory<TContext> contexts, AuthorityId authority)
    {
        _contexts = Guard.Against.Null(contexts);
        _authority = authority.IsDefault ? throw new ArgumentException("The store needs a valid AuthorityId, not default(AuthorityId).", nameof(authority)) : authority;
    }

    /// <summary>The authority this store is scoped to (docs/authorities.md).</summary>
    public AuthorityId Authority => _authority;

    /// <inheritdoc />
    public ValueTask<Result> BookAsync(PanelBooking booking, PanelCapacity capacity, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(booking);
        Guard.Against.Null(capacity);
        return BookAllAsync([booking], new Dictionary<PanelId, PanelCapacity> { [booking.Meeting.Panel] = capacity }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<Result> BookAllAsync(IReadOnlyList<PanelBooking> bookings, IReadOnlyDictionary<PanelId, PanelCapacity> capacities, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(bookings);
        Guard.Against.Null(capacities);
        if (bookings.Any(b => b is null))
        {
            throw new ArgumentException("Bookings must not contain null.", nameof(bookings));
        }

        var slots = new HashSet<PanelSlotId>();
        foreach (var booking in bookings)
        {
            if (!capacities.ContainsKey(booking.Meeting.Panel))
            {
                throw new ArgumentException($"No capacity given for panel {booking.Meeting.Panel}.", nameof(capacities));
            }

            if (!slots.Add(booking.Slot))
            {
                return Result.Refused(StoreCodes.DuplicateId, $"Slot {booking.Slot} is in the batch twice.", "slot");
            }
        }

        if (bookings.Count == 0)
        {
            return Result.Ok;
        }

        return await RetryAsync(db => TryBookAsync(db, _authority, bookings, capacities, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Result> CancelAsync(PanelSlotId slot, CancellationToken cancellationToken = default)
    {
        Guard.Against.Default(slot);
        return RetryAsync(async db =>
        {
            var booking = await db.Rows<PanelBookingRow>(_authority).FirstOrDefaultAsync(b => b.Slot == slot, cancellationToken).ConfigureAwait(false);
            if (booking is null)
            {
                return Result.Refused(StoreCodes.NotFound, $"Slot {slot} is not booked.", "slot");
            }

            var load = await db.Rows<PanelMeetingLoadRow>(_authority)
                .FirstAsync(m => m.Panel == booking.Panel && m.MeetingDate == booking.MeetingDate, cancellationToken).ConfigureAwait(false);
            load.Add(booking.Kind, booking.Minutes, -1);
            db.Remove(booking);
            return (Result?)null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<PanelBooking?> GetAsync(PanelSlotId slot, CancellationToken cancellationToken = default)
    {
        Guard.Against.Default(slot);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Rows<PanelBookingRow>(_authority).AsNoTracking().FirstOrDefaultAsync(b => b.Slot == slot, cancellationToken).ConfigureAwait(false);
        return row?.ToBooking();
    }

    /// <inheritdoc />
    public async ValueTask<ImmutableArray<PanelBooking>> ListAsync(DateOnly from, DateOnly until, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Ordered(db.Rows<PanelBookingRow>(_authority).AsNoTracking().Where(b => b.MeetingDate >= from && b.MeetingDate < until))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToBooking())];
    }

    /// <inheritdoc />
    public async ValueTask<ImmutableArray<PanelBooking>> ListForEpisodeAsync(EpisodeId episode, CancellationToken cancellationToken = default)
    {
        Guard.Against.Default(episode);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Ordered(db.Rows<PanelBookingRow>(_authority).AsNoTracking().Where(b => b.Episode == episode))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToBooking())];
    }

    private static IQueryable<PanelBookingRow> Ordered(IQueryable<PanelBookingRow> rows) =>
        rows.OrderBy(b => b.MeetingDate).ThenBy(b => b.Panel).ThenBy(b => b.Slot);

    // Null: the changes are staged, save them. A result: a refusal, nothing saved.
    private static async Task<Result?> TryBookAsync(DbContext db, AuthorityId authority, IReadOnlyList<PanelBooking> bookings, IReadOnlyDictionary<PanelId, PanelCapacity> capacities, CancellationToken cancellationToken)
    {
        var wanted = bookings.Select(b => b.Slot).ToList();
        var taken = await db.Rows<PanelBookingRow>(authority).AsNoTracking().Where(b => wanted.Contains(b.Slot))
            .OrderBy(b => b.Slot).Select(b => b.Slot).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (!taken.IsDefault)
        {
            return Result.Refused(StoreCodes.DuplicateId, $"Slot {taken} is booked already.", "slot");
        }

        var loads = new Dictionary<(PanelId, DateOnly), PanelMeetingLoadRow>();
        foreach (var booking in bookings)
        {
            var key = (booking.Meeting.Panel, booking.Meeting.Date);
            if (!loads.TryGetValue(key, out var load))
            {
                var (panel, date) = key;
                load = await db.Rows<PanelMeetingLoadRow>(authority).FirstOrDefaultAsync(m => m.Panel == panel && m.MeetingDate == date, cancellationToken).ConfigureAwait(false);
                if (load is null)
                {
                    load = new PanelMeetingLoadRow { Authority = authority, Panel = panel, MeetingDate = date };
                    db.Add(load); // a concurrent first booking of the same meeting makes one of the two inserts fail: retried
                }

                loads.Add(key, load);
            }

            var capacity = capacities[booking.Meeting.Panel];
            var kind = booking.Kind;
            var count = load.Count(kind);
            if (count >= capacity.SlotsFor(kind) || load.Minutes + booking.Minutes > capacity.Minutes)
            {
                return Result.Refused("PANEL-03",
                    $"The meeting of {booking.Meeting.Panel} on {booking.Meeting.Date:yyyy-MM-dd} has no room for another {PanelDisplayText.For(kind).ToLowerInvariant()} ({count} of {capacity.SlotsFor(kind)}, {load.Minutes} of {capacity.Minutes} minutes used): schedule again.",
                    "meeting");
            }

            load.Add(kind, booking.Minutes, +1);
            db.Add(PanelBookingRow.Of(booking).In(authority));
        }

        return null;
    }

    // Runs a read-check-write in a fresh context until it commits or refuses; a lost race (the counter row's version or
    // a unique key) re-reads and re-checks.
    private async ValueTask<Result> RetryAsync(Func<DbContext, Task<Result?>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxAttempts; i++)
        {
            await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await attempt(db).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return Result.Ok;
            }
            catch (DbUpdateException)
            {
                // Another writer moved the meeting's counters (or booked the slot) first: read again.
                await Task.Yield();
            }
        }

        throw new InvalidOperationException($"The booking lost the race for the meeting's capacity {MaxAttempts} times; try again later.");
    }
}
