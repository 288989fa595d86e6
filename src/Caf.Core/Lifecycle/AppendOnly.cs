using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace Caf.Core.Lifecycle;

/// <summary>
/// A list an episode grows as it applies events, read through an immutable view built on the first read after a change
/// (issue 26: applying n events never copies the whole list per event, so a replay is linear in its history). Like the
/// history (<see cref="EventLog"/>), its slots are shared with the copies of the episode (<see cref="Copy"/> is O(1)): an
/// append claims the next slot atomically, and a list that cannot claim it (another list sharing the slots took it)
/// copies its own items into new slots first, so no list ever sees another's items.
/// </summary>
/// <typeparam name="T">The element type (immutable records).</typeparam>
/// <threadsafety>Not thread-safe, like the episode that owns it; lists that share slots (copies of one episode) may be
/// used on different threads. The view is one reference field, so a racing reader at worst builds an equal array twice.</threadsafety>
internal sealed class AppendOnly<T> : IReadOnlyList<T>
{
    private Slots _slots;
    private int _count;
    private ImmutableArray<T> _view; // default after a change until read

    public AppendOnly()
    {
        _slots = Slots.None;
        _view = [];
    }

    private AppendOnly(AppendOnly<T> other)
    {
        _slots = other._slots;
        _count = other._count;
        _view = other._view;
    }

    public int Count => _count;

    public T this[int index] => (uint)index < (uint)_count
        ? _slots.Items[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"The list holds {_count} item(s).");

    /// <summary>The elements as an immutable array (shared until the next change).</summary>
    public ImmutableArray<T> View
    {
        get
        {
            var view = _view;
            if (view.IsDefault)
            {
                _view = view = ImmutableArray.Create(_slots.Items, 0, _count);
            }

            return view;
        }
    }

    public void Add(T item)
    {
        if (!_slots.TryClaim(_count))
        {
            _slots = _slots.Copied(_count, Math.Max(4, 2 * (_count + 1)), claimed: _count + 1);
        }

        _slots.Items[_count++] = item; // a claimed slot: written once, by this list only
        _view = default;
    }

    public void AddRange(ImmutableArray<T> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <summary>Replaces an element: in slots of this list's own (copied first: other lists may see the old element).</summary>
    public void Set(int index, T item)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list holds {_count} item(s).");
        }

        _slots = _slots.Copied(_count, Math.Max(4, _slots.Items.Length), claimed: _count);
        _slots.Items[index] = item;
        _view = default;
    }

    public void Clear()
    {
        _slots = Slots.None;
        _count = 0;
        _view = [];
    }

    /// <summary>An independent copy (O(1): the slots are shared, the elements are immutable).</summary>
    public AppendOnly<T> Copy() => new(this);

    public IEnumerator<T> GetEnumerator()
    {
        var items = _slots.Items;
        var count = _count;
        for (var i = 0; i < count; i++)
        {
            yield return items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The slots behind one or more lists; the ones below the high-water mark are claimed, each by one list.</summary>
    private sealed class Slots(T[] items, int claimed)
    {
        // No slot at all, so nothing is ever claimed here: shared by every empty list, and it never changes.
        public static readonly Slots None = new([], 0);

        private int _claimed = claimed;

        public T[] Items { get; } = items;

        /// <summary>Claims slot <paramref name="at"/> when it is the next free one.</summary>
        public bool TryClaim(int at) => at < Items.Length && Interlocked.CompareExchange(ref _claimed, at + 1, at) == at;

        /// <summary>New slots holding the first <paramref name="count"/> items, claimed up to <paramref name="claimed"/>.</summary>
        public Slots Copied(int count, int capacity, int claimed)
        {
            var items = new T[capacity];
            Array.Copy(Items, items, count);
            return new Slots(items, claimed);
        }
    }
}
