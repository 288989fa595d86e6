using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Caf.Core.Primitives;

/// <summary>
/// Value equality over immutable arrays for records that hold them: <see cref="ImmutableArray{T}"/>
/// compares by reference, so a record's generated equality would call two equal plans different.
/// </summary>
internal static class Sequences
{
    internal static bool Equal<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        if (left.IsDefault || right.IsDefault)
        {
            return left.IsDefault == right.IsDefault;
        }

        if (left.Length != right.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Length; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static int Hash<T>(ImmutableArray<T> items)
    {
        var hash = new HashCode();
        if (!items.IsDefault)
        {
            hash.Add(items.Length);
            foreach (var item in items)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>The array, or empty for <c>default</c>; throws when an element is null (misuse).</summary>
    internal static ImmutableArray<T> NoNulls<T>(ImmutableArray<T> items, string parameterName)
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
    internal static ImmutableArray<T> OrEmpty<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
