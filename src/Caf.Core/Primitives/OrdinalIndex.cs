using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// A fixed set of strings to their dense indexes (ordinal), for hot paths (indicator ids in the threshold matcher, areas in
/// the panel scheduler): an open-addressing table at most a quarter full. An id is
/// read as its length and two 64-bit words, its first four and its last four characters (overlapping when it is shorter
/// than eight; the characters themselves when shorter than four). Up to eight characters these three numbers are the
/// id itself, so a lookup hashes them and compares them with one or two table entries without comparing strings; a
/// longer id is compared in full (ordinal) once they match. The seed of the hash is chosen when the index is built
/// so that the ids rarely share a first slot; the table never grows after it is built, so no input can lengthen a
/// lookup beyond the clusters of the strings it was built from.
/// </summary>
[Immutable]
internal sealed class OrdinalIndex
{
    private const int Short = 8; // ids up to this length are their (length, first, last) words

    private readonly Entry[] _entries;
    private readonly int _shift;
    private readonly ulong _seed;

    public OrdinalIndex(IReadOnlyList<string> ids)
    {
        var bits = 2;
        while ((1 << bits) < ids.Count * 4)
        {
            bits++;
        }

        var size = 1 << bits;
        _shift = 64 - bits;
        _entries = new Entry[size];
        for (var i = 0; i < size; i++)
        {
            _entries[i].Length = -1; // empty
        }

        // The seed with the fewest ids off their first slot (0 when none is): tried a bounded number of times.
        var best = (Seed: 0UL, Displaced: int.MaxValue);
        var used = new bool[size];
        for (var attempt = 0UL; attempt < 64 && best.Displaced > 0; attempt++)
        {
            var seed = attempt * 0x9E3779B97F4A7C15UL;
            Array.Clear(used);
            var displaced = 0;
            foreach (var id in ids)
            {
                Read(id, out var first, out var last);
                ref var slot = ref used[Slot(id.Length, first, last, seed, _shift)];
                displaced += slot ? 1 : 0;
                slot = true;
            }

            if (displaced < best.Displaced)
            {
                best = (seed, displaced);
            }
        }

        _seed = best.Seed;
        var mask = size - 1;
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            Read(id, out var first, out var last);
            var at = Slot(id.Length, first, last, _seed, _shift);
            while (_entries[at].Length >= 0)
            {
                at = (at + 1) & mask;
            }

            _entries[at] = new Entry { Key = id, First = first, Last = last, Length = id.Length, Value = i };
        }
    }

    /// <summary>The id's index (its position in the list the index was built from), or false when it is not in the list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetIndex(string id, out int index)
    {
        Read(id, out var first, out var last);
        var n = id.Length;
        var entries = _entries;
        var mask = entries.Length - 1;
        var at = Slot(n, first, last, _seed, _shift);
        while (true)
        {
            ref readonly var entry = ref entries[at & mask];
            if (entry.Length == n && entry.First == first && entry.Last == last && (n <= Short || string.Equals(entry.Key, id, StringComparison.Ordinal)))
            {
                index = entry.Value;
                return true;
            }

            if (entry.Length < 0)
            {
                index = -1;
                return false; // an empty slot: the table is at most a quarter full, so every probe ends
            }

            at++;
        }
    }

    // The first four and the last four characters as two words (overlapping from four to seven characters, so that up to
    // eight they cover the whole id); below four, the characters themselves in the first word.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Read(string id, out ulong first, out ulong last)
    {
        var n = id.Length;
        ref var c = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(id.AsSpan()));
        if (n >= 4)
        {
            first = Unsafe.ReadUnaligned<ulong>(ref c);
            last = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref c, (n - 4) * sizeof(char)));
            return;
        }

        first = 0;
        for (var i = 0; i < n; i++)
        {
            first |= (ulong)id[i] << (16 * i);
        }

        last = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(int length, ulong first, ulong last, ulong seed, int shift)
    {
        // Two independent products and a sum (a short dependency chain); the top bits are the slot.
        return (int)((((first ^ seed) * 0x9E3779B97F4A7C15UL) + ((last + (ulong)length) * 0xC2B2AE3D27D4EB4FUL)) >> shift);
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Entry
    {
        public string? Key;
        public ulong First;
        public ulong Last;
        public int Length;
        public int Value;
    }
}
