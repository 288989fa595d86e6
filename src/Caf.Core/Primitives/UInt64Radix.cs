using System;
using System.Buffers;

namespace Caf.Core.Primitives;

/// <summary>
/// An LSD radix sort of 64-bit keys on a range of their bits (11 bits a pass; a pass over a digit all the keys share is
/// skipped). Stable: keys equal on the sorted bits keep their order, so the bits below the range can carry a position.
/// The numbers move, not references (no write barriers); the scratch arrays are pooled.
/// </summary>
internal static class UInt64Radix
{
    private const int Bits = 11;

    /// <summary>Sorts the first <paramref name="n"/> keys by their bits <paramref name="fromBit"/> (inclusive) to <paramref name="toBit"/> (exclusive).</summary>
    public static void Sort(ulong[] keys, int n, int fromBit, int toBit)
    {
        if (n < 2)
        {
            return;
        }

        var other = ArrayPool<ulong>.Shared.Rent(n);
        var counts = ArrayPool<int>.Shared.Rent(1 << Bits);
        var (from, to) = (keys, other);
        const ulong mask = (1UL << Bits) - 1;
        for (var shift = fromBit; shift < toBit; shift += Bits)
        {
            Array.Clear(counts, 0, 1 << Bits);
            for (var i = 0; i < n; i++)
            {
                counts[(int)((from[i] >> shift) & mask)]++;
            }

            if (counts[(int)((from[0] >> shift) & mask)] == n)
            {
                continue; // every key has the same digit here: nothing moves
            }

            var sum = 0;
            for (var d = 0; d < 1 << Bits; d++)
            {
                (counts[d], sum) = (sum, sum + counts[d]);
            }

            for (var i = 0; i < n; i++)
            {
                var key = from[i];
                to[counts[(int)((key >> shift) & mask)]++] = key;
            }

            (from, to) = (to, from);
        }

        if (!ReferenceEquals(from, keys))
        {
            Array.Copy(from, keys, n);
        }

        ArrayPool<ulong>.Shared.Return(other);
        ArrayPool<int>.Shared.Return(counts);
    }
}
