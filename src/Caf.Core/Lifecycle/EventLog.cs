using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Caf.Core.Events;
using Caf.Core.Primitives;

namespace Caf.Core.Lifecycle;

/// <summary>
/// An episode's history (<see cref="CafEpisode.Events"/>): an append-only list of events whose slots are shared between
/// an episode, its copies (<see cref="CafEpisode.Copy"/>) and a store's record of it (issue 26, docs/storage.md "Long
/// episodes"). A copy is two fields, not a copy of the history; appending writes the next slot of the shared array.
/// </summary>
/// <remarks>
/// <para>Each log sees the first <see cref="Count"/> slots of its <see cref="Slots"/>. A slot is written once: a log
/// appends by claiming the next unclaimed slot (an atomic compare-and-swap on the high-water mark), so when two logs that
/// share slots append (an episode and its copy, on two threads or one), exactly one of them gets the slot and the other
/// copies its own events into new slots first. A log therefore never sees an event another log appended, and a slot it
/// sees never changes.</para>
/// <para>That gives a proof of a prefix without comparing events: a log on the same slots as another, and at least as
/// long, extends it (<see cref="Extends"/>). Logs on different slots (an episode read back from storage) fall back to
/// comparing the events by value.</para>
/// <para>The slots also index the idempotency keys of the events in them (<see cref="IndexOfKey"/>): the events of the
/// claimed slots form one history (every log on them sees a prefix of it), so a key is in at most one slot.</para>
/// </remarks>
/// <threadsafety>One log is used by one thread at a time, like the episode that owns it; logs that share slots may
/// append and read concurrently on different threads.</threadsafety>
internal sealed class EventLog : IList<CafEvent>, IReadOnlyList<CafEvent>
{
    private const int FirstCapacity = 24;

    private Slots _slots;
    private int _count;

    /// <summary>An empty log with slots of its own.</summary>
    public EventLog()
    {
        _slots = new Slots(new CafEvent[FirstCapacity], 0, null);
    }

    private EventLog(Slots slots, int count)
    {
        _slots = slots;
        _count = count;
    }

    /// <summary>The number of events.</summary>
    public int Count => _count;

    /// <summary>True: the history cannot be changed through this list.</summary>
    public bool IsReadOnly => true;

    /// <summary>The event at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not less than <see cref="Count"/>.</exception>
    public CafEvent this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The history holds {_count} event(s).");
            }

            return _slots.Items[index];
        }
    }

    CafEvent IList<CafEvent>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    /// <summary>The events as a span (the slots themselves: valid while nothing is appended).</summary>
    public ReadOnlySpan<CafEvent> AsSpan() => _slots.Items.AsSpan(0, _count);

    /// <summary>Appends an event: into the next slot when this log holds the high-water mark, otherwise into new slots.</summary>
    public void Add(CafEvent e)
    {
        var at = _count;
        if (!_slots.TryWrite(at, e))
        {
            _slots = _slots.CopiedWith(at, e);
        }

        _count = at + 1;
    }

    /// <summary>Another log over the same slots and events (O(1)): either may append without the other seeing it.</summary>
    public EventLog Copy() => new(_slots, _count);

    /// <summary>
    /// True when this log's first <paramref name="prefix"/>.<see cref="Count"/> events are <paramref name="prefix"/>'s:
    /// proven without reading them when both logs share slots, otherwise compared by value (events have value equality).
    /// </summary>
    public bool Extends(EventLog prefix)
    {
        var n = prefix._count;
        if (n > _count)
        {
            return false;
        }

        if (ReferenceEquals(_slots, prefix._slots))
        {
            return true; // the same slots, each written once: the same first n events
        }

        var mine = _slots.Items;
        var theirs = prefix._slots.Items;
        for (var i = 0; i < n; i++)
        {
            if (!ReferenceEquals(mine[i], theirs[i]) && !EqualityComparer<CafEvent>.Default.Equals(mine[i], theirs[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="events"/> extends this log (the same events first), compared by value.</summary>
    public bool IsPrefixOf(IReadOnlyList<CafEvent> events)
    {
        if (events is EventLog log)
        {
            return log.Extends(this);
        }

        if (events.Count < _count)
        {
            return false;
        }

        var mine = _slots.Items;
        for (var i = 0; i < _count; i++)
        {
            if (!ReferenceEquals(mine[i], events[i]) && !EqualityComparer<CafEvent>.Default.Equals(mine[i], events[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The position of the event carrying <paramref name="key"/>, or -1 (an index lookup, not a scan).</summary>
    public int IndexOfKey(IdempotencyKey key) => _slots.IndexOfKey(key, _count);

    /// <summary>The position of the event (by value), or -1.</summary>
    public int IndexOf(CafEvent item)
    {
        var items = _slots.Items;
        for (var i = 0; i < _count; i++)
        {
            if (EqualityComparer<CafEvent>.Default.Equals(items[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the history holds the event (by value).</summary>
    public bool Contains(CafEvent item) => IndexOf(item) >= 0;

    /// <summary>Copies the events into <paramref name="array"/> from <paramref name="arrayIndex"/>.</summary>
    public void CopyTo(CafEvent[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        AsSpan().CopyTo(array.AsSpan(arrayIndex));
    }

    /// <summary>Enumerates the events; like a list's, the enumerator throws when an event is appended meanwhile.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<CafEvent> IEnumerable<CafEvent>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<CafEvent>.Add(CafEvent item) => throw ReadOnly();

    void ICollection<CafEvent>.Clear() => throw ReadOnly();

    bool ICollection<CafEvent>.Remove(CafEvent item) => throw ReadOnly();

    void IList<CafEvent>.Insert(int index, CafEvent item) => throw ReadOnly();

    void IList<CafEvent>.RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("An episode's history is changed only by its commands.");

    /// <summary>Enumerates a log's events.</summary>
    public struct Enumerator : IEnumerator<CafEvent>
    {
        private readonly EventLog _log;
        private readonly int _count;
        private int _index;

        internal Enumerator(EventLog log)
        {
            _log = log;
            _count = log._count;
            _index = -1;
            Current = null!;
        }

        /// <summary>The current event.</summary>
        public CafEvent Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next event.</summary>
        /// <exception cref="InvalidOperationException">An event was appended since the enumeration started.</exception>
        public bool MoveNext()
        {
            if (_log._count != _count)
            {
                throw new InvalidOperationException("Collection was modified; enumeration operation may not execute.");
            }

            if (_index + 1 < _count)
            {
                _index++;
                Current = _log._slots.Items[_index];
                return true;
            }

            _index = _count;
            Current = null!;
            return false;
        }

        /// <summary>Starts again.</summary>
        public void Reset()
        {
            _index = -1;
            Current = null!;
        }

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose()
        {
        }
    }

    /// <summary>
    /// The slots behind one or more logs, and the high-water mark: the slots below it are claimed (each written once,
    /// by the log that claimed it). The idempotency keys of the written slots are indexed, under a lock on the index.
    /// </summary>
    private sealed class Slots(CafEvent[] items, int claimed, Dictionary<IdempotencyKey, int>? keys)
    {
        private int _claimed = claimed;
        private Dictionary<IdempotencyKey, int>? _keys = keys; // null until a keyed event is written

        public CafEvent[] Items { get; } = items;

        /// <summary>Writes the event into slot <paramref name="at"/> if it is the next one and free (claimed here), or
        /// if it already holds this very event (nothing to write); false otherwise.</summary>
        public bool TryWrite(int at, CafEvent e)
        {
            if (at < Volatile.Read(ref _claimed))
            {
                // Taken: by this very event (an equal log appended it first) the slot can be shared; by another, not.
                if (!ReferenceEquals(Volatile.Read(ref Items[at]), e))
                {
                    return false;
                }
            }
            else if (at < Items.Length && Interlocked.CompareExchange(ref _claimed, at + 1, at) == at)
            {
                Volatile.Write(ref Items[at], e);
            }
            else
            {
                return false;
            }

            if (e.IdempotencyKey is { } key)
            {
                Index(key, at); // also when shared: this log may look the key up before the log that wrote it indexes it
            }

            return true;
        }

        /// <summary>New slots holding the first <paramref name="at"/> events of these and the event, claimed up to it.</summary>
        public Slots CopiedWith(int at, CafEvent e)
        {
            var items = new CafEvent[Math.Max(FirstCapacity, 2 * (at + 1))];
            Array.Copy(Items, items, at);
            items[at] = e;
            Dictionary<IdempotencyKey, int>? keys = null;
            for (var i = Volatile.Read(ref _keys) is null ? at : 0; i <= at; i++)
            {
                if (items[i].IdempotencyKey is { } key)
                {
                    (keys ??= [])[key] = i;
                }
            }

            return new Slots(items, at + 1, keys);
        }

        /// <summary>The slot below <paramref name="count"/> whose event carries the key, or -1.</summary>
        public int IndexOfKey(IdempotencyKey key, int count)
        {
            if (Volatile.Read(ref _keys) is not { } keys)
            {
                return -1;
            }

            lock (keys)
            {
                return keys.TryGetValue(key, out var at) && at < count ? at : -1;
            }
        }

        private void Index(IdempotencyKey key, int at)
        {
            var keys = Volatile.Read(ref _keys);
            if (keys is null)
            {
                Interlocked.CompareExchange(ref _keys, new Dictionary<IdempotencyKey, int>(), null);
                keys = Volatile.Read(ref _keys)!;
            }

            lock (keys)
            {
                keys[key] = at;
            }
        }
    }
}
