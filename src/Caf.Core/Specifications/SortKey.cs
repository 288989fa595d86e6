using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using Caf.Core.Annotations;

namespace Caf.Core.Specifications;

/// <summary>One ordering key of a <see cref="Specification{T}"/>: a key selector and a direction.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public abstract class SortKey<T>
{
    private protected SortKey(bool descending)
    {
        Descending = descending;
    }

    /// <summary>The key selector as an expression, for hosts that translate specifications themselves.</summary>
    public abstract LambdaExpression KeySelector { get; }

    /// <summary>True for descending order.</summary>
    public bool Descending { get; }

    internal abstract IOrderedQueryable<T> ApplyFirst(IQueryable<T> source);

    internal abstract IOrderedQueryable<T> ApplyNext(IOrderedQueryable<T> source);

    internal abstract IOrderedEnumerable<T> ApplyFirst(IEnumerable<T> source);

    internal abstract IOrderedEnumerable<T> ApplyNext(IOrderedEnumerable<T> source);
}

/// <summary>A typed ordering key; the key type is kept so no reflection is needed to apply it.</summary>
internal sealed class SortKey<T, TKey> : SortKey<T>
{
    private readonly Expression<Func<T, TKey>> _selector;
    private readonly Func<T, TKey> _compiled;

    internal SortKey(Expression<Func<T, TKey>> selector, bool descending)
        : base(descending)
    {
        _selector = selector;
        _compiled = selector.Compile(); // once per key, never per item
    }

    public override LambdaExpression KeySelector => _selector;

    internal override IOrderedQueryable<T> ApplyFirst(IQueryable<T> source) =>
        Descending ? source.OrderByDescending(_selector) : source.OrderBy(_selector);

    internal override IOrderedQueryable<T> ApplyNext(IOrderedQueryable<T> source) =>
        Descending ? source.ThenByDescending(_selector) : source.ThenBy(_selector);

    internal override IOrderedEnumerable<T> ApplyFirst(IEnumerable<T> source) =>
        Descending ? source.OrderByDescending(_compiled) : source.OrderBy(_compiled);

    internal override IOrderedEnumerable<T> ApplyNext(IOrderedEnumerable<T> source) =>
        Descending ? source.ThenByDescending(_compiled) : source.ThenBy(_compiled);
}
