using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Caf.Core.Lifecycle;

/// <summary>
/// A list an episode grows as it applies events, read through an immutable view built on the first read after a change
/// (issue 26: applying n events never copies the whole list per event, so a replay is linear in its history).
/// </summary>
/// <typeparam name="T">The element type (immutable records).</typeparam>
/// <threadsafety>Not thread-safe, like the episode that owns it; the view is one reference field, so a racing reader at
/// worst builds an equal array twice.</threadsafety>
internal sealed class AppendOnly<T> : IReadOnlyList<T>
{
    private readonly List<T> _items;
    private ImmutableArray<T> _view; // default after a change until read

    public AppendOnly()
    {
        _items = [];
        _view = [];
    }

    private AppendOnly(AppendOnly<T> other)
    {
        _items = new List<T>(other._items);
        _view = other._view;
    }

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    /// <summary>The elements as an immutable array (shared until the next change).</summary>
    public ImmutableArray<T> View
    {
        get
        {
            var view = _view;
            if (view.IsDefault)
            {
                _view = view = [.. _items];
            }

            return view;
        }
    }

    public void Add(T item)
    {
        _items.Add(item);
        _view = default;
    }

    public void AddRange(ImmutableArray<T> items)
    {
        _items.AddRange(items);
        _view = default;
    }

    public void Set(int index, T item)
    {
        _items[index] = item;
        _view = default;
    }

    public void Clear()
    {
        _items.Clear();
        _view = [];
    }

    /// <summary>An independent copy (the elements are shared: they are immutable).</summary>
    public AppendOnly<T> Copy() => new(this);

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
