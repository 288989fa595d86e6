using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Primitives;

/// <summary>
/// Issue 26: the what-if's episode ids and the panel scheduler's slot ids are checked for repeats by sorting their hashes
/// (<see cref="DistinctStrings"/>), not by a set. Held to the set filled in order: the same first repeated position,
/// on lists below and above the radix sort's threshold (256), with the real hash and with hashes that collide on
/// purpose (equal hashes for different strings must be told apart by their text).
/// </summary>
public class DistinctStringsProperties
{
    private static readonly Func<string, int>[] Hashes =
    [
        s => s.GetHashCode(StringComparison.Ordinal),
        s => s.Length, // collides a lot
        _ => 7, // every string in one bucket
    ];

    public static class Arbitraries
    {
        public static Arbitrary<(string[] Ids, int Hash)> Lists() =>
            Arb.From(
                from n in Gen.Frequency((3, Gen.Choose(0, 40)), (2, Gen.Choose(250, 700)))
                from range in Gen.Choose(1, 2 * Math.Max(n, 1))
                from ids in Gen.ArrayOf(Gen.Choose(0, range).Select(i => $"id-{i}"), n)
                from hash in Gen.Choose(0, 2)
                select (ids, hash));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Finds_the_first_repeat_a_set_filled_in_order_finds((string[] Ids, int Hash) list)
    {
        var (ids, hash) = (list.Ids, Hashes[list.Hash]);
        var set = new HashSet<string>(StringComparer.Ordinal);
        var expected = -1;
        for (var i = 0; i < ids.Length && expected < 0; i++)
        {
            if (!set.Add(ids[i]))
            {
                expected = i;
            }
        }

        var distinct = new DistinctStrings(list.Ids.Length / 2); // grows past its capacity
        foreach (var id in ids)
        {
            distinct.Add(hash(new string(id.AsSpan())), new string(id.AsSpan())); // fresh copies: compared by text, not reference
        }

        Assert.Equal(expected, distinct.FirstRepeatedAt());
    }
}
