using System;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// Strings checked for one given twice once they are all in (issue 26: the what-if's episode ids, the panel scheduler's
/// slot ids). A hash set of 100,000 ids costs a random memory access or more per id and an entry object's worth of
/// memory; here each string's hash (the caller's, e.g. kept by an episode since it was opened) is written next to its
/// position, in order, the numbers are sorted by hash with a radix sort, and only strings with equal hashes are compared.
/// </summary>
/// <param name="capacity">The expected number of strings (grows past it).</param>
[Mutable]
internal sealed class DistinctStrings(int capacity)
{
    private ulong[] _keys = new ulong[Math.Max(capacity, 16)];
    private string[] _ids = new string[Math.Max(capacity, 16)];
    private int _count;

    /// <summary>Adds <paramref name="id"/> with its ordinal hash <paramref name="hash"/> (any hash consistent with ordinal equality).</summary>
    public void Add(int hash, string id)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, 2 * _count);
            Array.Resize(ref _ids, 2 * _count);
        }

        _keys[_count] = ((ulong)(uint)hash << 32) | (uint)_count;
        _ids[_count++] = id;
    }

    /// <summary>The first id, in the order added, that was added before; null when every id is distinct.</summary>
    public string? FirstRepeated() => FirstRepeatedAt() is var at and >= 0 ? _ids[at] : null;

    /// <summary>The position (in the order added) of the first id that was added before; -1 when every id is distinct.</summary>
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
                    if (string.Equals(_ids[(int)(uint)_keys[earlier]], _ids[at], StringComparison.Ordinal))
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
