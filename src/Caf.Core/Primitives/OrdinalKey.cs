using System;
using Caf.Core.Annotations;

namespace Caf.Core.Primitives;

/// <summary>
/// The first eight UTF-16 characters of a string as two numbers, so that strings can be put in ordinal order mostly
/// without reading them (issue 26): when two keys differ, they order their strings as <see cref="string.CompareOrdinal(string, string)"/>
/// does; when they are equal, the strings must be compared (<see cref="Compare"/> does).
/// </summary>
/// <remarks>Characters past the end count as <c>'\0'</c>, so a string shorter than another it starts with never gets
/// a larger key: key order never contradicts ordinal order, it only leaves ties.</remarks>
[Immutable]
internal readonly record struct OrdinalKey(ulong High, ulong Low)
{
    /// <summary>The key of <paramref name="s"/>.</summary>
    public static OrdinalKey Of(string s)
    {
        ulong high = 0, low = 0;
        for (var i = 0; i < 8; i++)
        {
            ulong c = i < s.Length ? s[i] : 0u;
            if (i < 4)
            {
                high |= c << (48 - (16 * i));
            }
            else
            {
                low |= c << (48 - (16 * (i - 4)));
            }
        }

        return new OrdinalKey(high, low);
    }

    /// <summary>Orders two keys; zero means the strings must be compared.</summary>
    public int CompareTo(OrdinalKey other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);

    /// <summary>The ordinal order of <paramref name="x"/> and <paramref name="y"/>, from their keys where they differ.</summary>
    public static int Compare(OrdinalKey keyX, string x, OrdinalKey keyY, string y)
    {
        var c = keyX.CompareTo(keyY);
        return c != 0 ? c : Math.Sign(string.CompareOrdinal(x, y));
    }
}
