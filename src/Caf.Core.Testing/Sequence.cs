using System;
using System.Collections.Immutable;

namespace Caf.Core.Testing;

/// <summary>Value equality for the immutable arrays of the generated records.</summary>
internal static class Sequence
{
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefault || b.IsDefault ? a.IsDefault == b.IsDefault : a.AsSpan().SequenceEqual(b.AsSpan());

    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = new HashCode();
        if (!a.IsDefault)
        {
            foreach (var x in a)
            {
                hash.Add(x);
            }
        }

        return hash.ToHashCode();
    }
}
