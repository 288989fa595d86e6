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
/// The string index of the threshold matcher and the panel scheduler reads an id as its length and its first and last
/// four characters, and compares strings only beyond eight characters. These properties hold it to a dictionary: every
/// listed string is found at its position, and no other string is found, including strings that differ from a listed
/// one only in a middle character, only in length, or only in case, and fresh copies of listed strings.
/// </summary>
public class OrdinalIndexProperties
{
    private static readonly char[] Alphabet = ['a', 'b', 'A', '-', '0', '1', 'é', '\0'];

    private static Gen<string> Strings() =>
        from length in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 4)), (4, Gen.Choose(5, 8)), (3, Gen.Choose(9, 20)))
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), length)
        select new string(chars);

    public static class Arbitraries
    {
        public static Arbitrary<(string[] Listed, string[] Probes)> Sets() =>
            Arb.From(
                from n in Gen.Choose(0, 40)
                from listed in Gen.ArrayOf(Strings(), n)
                from m in Gen.Choose(0, 40)
                from probes in Gen.ArrayOf(Strings(), m)
                select (listed.Distinct(StringComparer.Ordinal).ToArray(), probes));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Finds_exactly_the_listed_strings((string[] Listed, string[] Probes) set)
    {
        var (listed, probes) = set;
        var index = new OrdinalIndex(listed);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < listed.Length; i++)
        {
            expected.Add(listed[i], i);
        }

        foreach (var probe in probes.Concat(listed.SelectMany(Neighbours)))
        {
            var found = index.TryGetIndex(probe, out var at);
            Assert.Equal(expected.TryGetValue(probe, out var want), found);
            Assert.Equal(found ? want : -1, at);
        }
    }

    [Fact]
    public void Ids_alike_at_both_ends_are_told_apart()
    {
        // The same length, first four and last four characters: only the middle differs (compared in full).
        string[] listed = ["ABCD-111-WXYZ", "ABCD-222-WXYZ", "ABCD-333-WXYZ"];
        var index = new OrdinalIndex(listed);

        Assert.True(index.TryGetIndex("ABCD-222-WXYZ", out var two));
        Assert.Equal(1, two);
        Assert.False(index.TryGetIndex("ABCD-444-WXYZ", out _));
    }

    // A fresh copy, a middle character changed, one character more or less, and the case changed.
    private static IEnumerable<string> Neighbours(string s)
    {
        yield return new string(s.AsSpan());
        if (s.Length > 0)
        {
            var middle = s.ToCharArray();
            middle[s.Length / 2] = middle[s.Length / 2] == 'a' ? 'b' : 'a';
            yield return new string(middle);
            yield return s[..^1];
        }

        yield return s + "a";
        yield return s.ToUpperInvariant();
    }
}
