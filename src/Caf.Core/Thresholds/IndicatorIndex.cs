using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>
/// Indicator id to dense index, for the matcher's hot path: an open-addressing table at most a quarter full, keyed by
/// a hash of the id's length and four of its characters, with a seed chosen when the framework is compiled so that the ids
/// rarely share a first slot. A lookup hashes the id once and compares it with one or two table entries
/// (ordinal). The table never grows after it is built, so no input can lengthen a lookup beyond the framework's own clusters.
/// </summary>
[Immutable]
internal sealed class IndicatorIndex
{
    private readonly string?[] _keys;
    private readonly int[] _values;
    private readonly int _mask;
    private readonly uint _seed;

    public IndicatorIndex(IReadOnlyList<string> ids)
    {
        var size = 4;
        while (size < ids.Count * 4)
        {
            size <<= 1;
        }

        _mask = size - 1;
        _keys = new string?[size];
        _values = new int[size];

        // The seed with the fewest ids off their first slot (0 when none is): tried a bounded number of times.
        var best = (Seed: 0u, Displaced: int.MaxValue);
        var used = new bool[size];
        for (var seed = 0u; seed < 64 && best.Displaced > 0; seed++)
        {
            Array.Clear(used);
            var displaced = 0;
            foreach (var id in ids)
            {
                ref var slot = ref used[(int)Hash(id, seed * 0x9E3779B9u) & _mask];
                displaced += slot ? 1 : 0;
                slot = true;
            }

            if (displaced < best.Displaced)
            {
                best = (seed * 0x9E3779B9u, displaced);
            }
        }

        _seed = best.Seed;
        for (var i = 0; i < ids.Count; i++)
        {
            var at = (int)Hash(ids[i], _seed) & _mask;
            while (_keys[at] is not null)
            {
                at = (at + 1) & _mask;
            }

            _keys[at] = ids[i];
            _values[at] = i;
        }
    }

    /// <summary>The id's index, or false when the framework does not define it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIndex(string id, out int index)
    {
        var at = (int)Hash(id, _seed) & _mask;
        while (_keys[at] is { } key)
        {
            if (key.Length == id.Length && string.Equals(key, id, StringComparison.Ordinal))
            {
                index = _values[at];
                return true;
            }

            at = (at + 1) & _mask;
        }

        index = -1;
        return false; // an empty slot: the table is at most a quarter full, so every probe ends
    }

    // The length and four characters (first, middle, last two), mixed without a chain of dependent multiplications:
    // framework ids differ there in practice, and a collision only costs a probe (the id is always compared in full).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(string id, uint seed)
    {
        var n = id.Length;
        if (n == 0)
        {
            return seed;
        }

        ref var c = ref MemoryMarshal.GetReference(id.AsSpan());
        var h = ((uint)n * 0x9E3779B1u) + (Unsafe.Add(ref c, 0) * 0x85EBCA77u) + (Unsafe.Add(ref c, n >> 1) * 0xC2B2AE3Du)
            + (Unsafe.Add(ref c, n - 1) * 0x27D4EB2Fu) + (Unsafe.Add(ref c, Math.Max(0, n - 2)) * 0x165667B1u);
        h = (h ^ seed) * 0x01000193u;
        return h ^ (h >> 16);
    }
}
