using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Caf.Core.Primitives;

/// <summary>
/// Element-wise equality for the immutable arrays records hold. <see cref="ImmutableArray{T}"/> compares
/// by reference, so a record read back from JSON would be unequal to itself without this (a reloaded
/// episode could then not be saved).
/// </summary>
internal static class ValueEquality
{
    /// <summary>True when both arrays hold equal elements in the same order (default reads as empty).</summary>
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        var x = a.IsDefault ? [] : a;
        var y = b.IsDefault ? [] : b;
        if (x.Length != y.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < x.Length; i++)
        {
            if (!comparer.Equals(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash over the elements, consistent with <see cref="Equal{T}"/>.</summary>
    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = default(HashCode);
        if (!a.IsDefault)
        {
            foreach (var item in a)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }
    /// <summary>The array, or empty for <c>default</c>; throws when an element is null (misuse).</summary>
    public static ImmutableArray<T> NoNulls<T>(ImmutableArray<T> items, string parameterName)
        where T : class
    {
        if (items.IsDefault)
        {
            return [];
        }

        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException("The list must not contain null.", parameterName);
            }
        }

        return items;
    }

    /// <summary>Default becomes empty (JSON and object initialisers may leave an array default).</summary>
    public static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
