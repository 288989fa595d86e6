using System;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Caf.Core.Tests.Primitives;

/// <summary>
/// Issue 26: the what-if orders episodes by id from the ids' first eight characters packed in two numbers
/// (<see cref="OrdinalKey"/>), reading the strings only on a tie. Held to <see cref="string.CompareOrdinal(string, string)"/>:
/// keys that differ order their strings as it does, and the comparison with the fallback equals it, on strings that
/// share prefixes, differ in length or only after eight characters, and contain <c>'\0'</c> and non-ASCII characters.
/// </summary>
public class OrdinalKeyProperties
{
    private static readonly char[] Alphabet = ['a', 'b', 'A', '-', '0', '1', '9', 'é', '\0', '\uffff'];

    public static class Arbitraries
    {
        private static Gen<string> Strings() =>
            from length in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(1, 7)), (3, Gen.Choose(8, 9)), (2, Gen.Choose(10, 16)))
            from chars in Gen.ArrayOf(Gen.Elements(Alphabet), length)
            select new string(chars);

        public static Arbitrary<(string X, string Y)> Pairs() =>
            Arb.From(
                from x in Strings()
                from y in Gen.Frequency(
                    (2, Strings()),
                    (2, from cut in Gen.Choose(0, x.Length) from tail in Strings() select x[..cut] + tail)) // a shared prefix
                select (x, y));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000)]
    public void Orders_as_CompareOrdinal((string X, string Y) pair)
    {
        var (x, y) = pair;
        var expected = Math.Sign(string.CompareOrdinal(x, y));
        var keys = OrdinalKey.Of(x).CompareTo(OrdinalKey.Of(y));

        Assert.True(keys == 0 || keys == expected, $"keys {keys}, ordinal {expected}");
        Assert.Equal(expected, OrdinalKey.Compare(OrdinalKey.Of(x), x, OrdinalKey.Of(y), y));
    }
}
