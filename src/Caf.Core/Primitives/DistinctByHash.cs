using System;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Items checked for two with the same string key once they are all in (issue 26: the what-if's episodes by id, the
/// panel scheduler's slot ids). A hash set of 100,000 keys costs a random memory access or more per key and an entry
/// object's worth of memory; here each item's key hash (the caller's, e.g. kept by an episode since it was opened) is
/// written next to its position, in order, the numbers are sorted by hash with a radix sort, and only items with equal
/// hashes have their keys read and compared (so an item's key is read only on a tie of hashes).
/// </summary>
/// <typeparam name="T">The items kept.</typeparam>
/// <param name="capacity">The expected number of items (grows past it).</param>
/// <param name="key">An item's key, compared ordinally.</param>
[Mutable]
internal class DistinctByHash<T>(int capacity, Func<T, string?> key)
{
    private ulong[] _keys = new ulong[Math.Max(capacity, 16)];
    private T[] _items = new T[Math.Max(capacity, 16)];
    private int _count;

    /// <summary>Adds <paramref name="item"/>, whose key's ordinal hash is <paramref name="hash"/> (any hash consistent with ordinal equality).</summary>
    public void Add(int hash, T item)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, 2 * _count);
            Array.Resize(ref _items, 2 * _count);
        }

        _keys[_count] = ((ulong)(uint)hash << 32) | (uint)_count;
        _items[_count++] = item;
    }

    /// <summary>The first item, in the order added, whose key was added before; default when every key is distinct.</summary>
    public T? FirstRepeated() => FirstRepeatedAt() is var at and >= 0 ? _items[at] : default;

    /// <summary>The position (in the order added) of the first item whose key was added before; -1 when every key is distinct.</summary>
    /// <remarks>Sorts the numbers: call once, after every <see cref="Add"/>.</remarks>
    public int FirstRepeatedAt()
    {
        if (_count < 256)
        {
            Array.Sort(_keys, 0, _count); // hash, then position
        }
        else
        {
            UInt64Radix.Sort(_keys, _count, 32, 64); // stable: equal hashes stay in the order added
        }

        var first = int.MaxValue;
        for (var i = 0; i < _count;)
        {
            var hash = _keys[i] >> 32;
            var end = i + 1;
            while (end < _count && _keys[end] >> 32 == hash)
            {
                end++;
            }

            for (var later = i + 1; later < end; later++)
            {
                var at = (int)(uint)_keys[later];
                for (var earlier = i; earlier < later && at < first; earlier++)
                {
                    if (string.Equals(key(_items[(int)(uint)_keys[earlier]]), key(_items[at]), StringComparison.Ordinal))
                    {
                        first = at;
                    }
                }
            }

            i = end;
        }

        return first == int.MaxValue ? -1 : first;
    }
}

/// <summary>Strings checked for one given twice (<see cref="DistinctByHash{T}"/> keyed by the string itself).</summary>
/// <param name="capacity">The expected number of strings (grows past it).</param>
[Mutable]
internal sealed class DistinctStrings(int capacity) : DistinctByHash<string>(capacity, static id => id);
