using System;
using System.Linq;
using System.Linq.Expressions;
using Ardalis.GuardClauses;
using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Applies an Ardalis.Specification <see cref="ISpecification{T}"/> to an EF Core query: its where, order and paging
/// parts become <c>WHERE</c>, <c>ORDER BY</c> and <c>LIMIT/OFFSET</c>. Ardalis.Specification.EntityFrameworkCore is not
/// in our package source, so this small evaluator stands in for it; the parts it does not translate are refused,
/// never evaluated on the client.
/// </summary>
/// <remarks>
/// A criterion on the agencies the family's consent excludes (<see cref="Caf.Core.Register.EpisodeSummary.Excludes"/>, or
/// <c>ExcludedAgencies.Contains(agency)</c>) is rewritten to a test on the stored column (a JSON array of ids), so the
/// consent-gated specifications (SHARE-01) run in SQL on SQLite and PostgreSQL alike. The agency must not depend on the
/// row (a captured value, as in the ready specifications).
/// </remarks>
internal static class SpecificationQueryEvaluator
{
    /// <summary>Applies the specification's criteria (AND), ordering and paging.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="specification">The specification.</param>
    /// <returns>The query with the specification applied.</returns>
    /// <exception cref="NotSupportedException">The specification has search criteria, includes, a post-processing action,
    /// or more than one <c>OrderBy</c> chain.</exception>
    public static IQueryable<T> WithSpecification<T>(this IQueryable<T> source, ISpecification<T> specification)
        where T : class
        => Apply(source, specification, tieBreaker: null);

    /// <summary>
    /// As <see cref="WithSpecification{T}(IQueryable{T}, ISpecification{T})"/>, ordering last by <paramref name="tieBreaker"/>
    /// (a unique key), so equal keys and unordered results come in a stable order and pages never overlap.
    /// </summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <typeparam name="TKey">The tie-breaker's type.</typeparam>
    /// <param name="source">The query.</param>
    /// <param name="specification">The specification.</param>
    /// <param name="tieBreaker">The last ordering key (ascending).</param>
    /// <returns>The query with the specification applied.</returns>
    /// <exception cref="NotSupportedException">As for <see cref="WithSpecification{T}(IQueryable{T}, ISpecification{T})"/>.</exception>
    public static IQueryable<T> WithSpecification<T, TKey>(this IQueryable<T> source, ISpecification<T> specification, Expression<Func<T, TKey>> tieBreaker)
        where T : class
        => Apply(source, specification, Guard.Against.Null(tieBreaker));

    private static IQueryable<T> Apply<T>(IQueryable<T> source, ISpecification<T> specification, LambdaExpression? tieBreaker)
        where T : class
    {
        Guard.Against.Null(source);
        Guard.Against.Null(specification);
        Refuse(specification.SearchCriterias.Any(), "search criteria (Query.Search: LIKE patterns)");
        Refuse(specification.IncludeExpressions.Any() || specification.IncludeStrings.Any(), "includes (Query.Include)");
        Refuse(specification.PostProcessingAction is not null, "a post-processing action (Query.PostProcessingAction: it runs in memory)");

        foreach (var where in specification.WhereExpressions)
        {
            source = source.Where(typeof(T) == typeof(Caf.Core.Register.EpisodeSummary)
                ? (Expression<Func<T, bool>>)ExclusionRewriter.Instance.Visit(where.Filter)
                : where.Filter);
        }

        IOrderedQueryable<T>? ordered = null;
        foreach (var order in specification.OrderExpressions)
        {
            var key = Unbox(order.KeySelector);
            ordered = order.OrderType switch
            {
                OrderTypeEnum.OrderBy when ordered is null => Call<T>(source, nameof(Queryable.OrderBy), key),
                OrderTypeEnum.OrderByDescending when ordered is null => Call<T>(source, nameof(Queryable.OrderByDescending), key),
                OrderTypeEnum.ThenBy when ordered is not null => Call<T>(ordered, nameof(Queryable.ThenBy), key),
                OrderTypeEnum.ThenByDescending when ordered is not null => Call<T>(ordered, nameof(Queryable.ThenByDescending), key),
                _ => throw new NotSupportedException(
                    $"The specification orders by {order.OrderType} out of turn: one OrderBy/OrderByDescending, then ThenBy/ThenByDescending."),
            };
        }

        if (tieBreaker is not null)
        {
            ordered = ordered is null
                ? Call<T>(source, nameof(Queryable.OrderBy), tieBreaker)
                : Call<T>(ordered, nameof(Queryable.ThenBy), tieBreaker);
        }

        source = ordered ?? source;
        if (specification.Skip > 0)
        {
            source = source.Skip(specification.Skip);
        }

        if (specification.Take >= 0)
        {
            source = source.Take(specification.Take);
        }

        foreach (var tag in specification.QueryTags)
        {
            source = source.TagWith(tag);
        }

        return source;
    }

    private static void Refuse(bool present, string part)
    {
        if (present)
        {
            throw new NotSupportedException($"The EF Core store does not translate {part} to SQL; use where, order and paging only.");
        }
    }

    // Ardalis keys are Func<T, object?>: drop the boxing so the provider orders by the column's own type.
    private static LambdaExpression Unbox(LambdaExpression key) =>
        key.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert && convert.Type == typeof(object)
            ? Expression.Lambda(convert.Operand, key.Parameters)
            : key;

    private static IOrderedQueryable<T> Call<T>(IQueryable<T> source, string method, LambdaExpression key) =>
        (IOrderedQueryable<T>)source.Provider.CreateQuery<T>(Expression.Call(
            typeof(Queryable), method, [typeof(T), key.ReturnType], source.Expression, Expression.Quote(key)));

    // SHARE-01 in SQL: `s.Excludes(a)` becomes a test that the stored JSON array holds a's JSON string token. The column
    // is read as its stored text ((string)(object) makes EF Core cast the column, not convert a parameter), and the token
    // is computed on the client as a parameter with the writer the column is written with, so the escaping agrees. A
    // raw quote never occurs inside an encoded id, so the token matches exactly one element; the only id that could
    // match across two elements is "," itself, and then the episode is left out (fail closed).
    private sealed class ExclusionRewriter : ExpressionVisitor
    {
        public static readonly ExclusionRewriter Instance = new();

        private static readonly System.Reflection.MethodInfo Excludes =
            typeof(Caf.Core.Register.EpisodeSummary).GetMethod(nameof(Caf.Core.Register.EpisodeSummary.Excludes))!;

        private static readonly System.Reflection.PropertyInfo ExcludedAgencies =
            typeof(Caf.Core.Register.EpisodeSummary).GetProperty(nameof(Caf.Core.Register.EpisodeSummary.ExcludedAgencies))!;

        private static readonly System.Reflection.MethodInfo Token =
            typeof(Mapping.StoreConverters).GetMethod(nameof(Mapping.StoreConverters.AgencyToken), System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!;

        private static readonly System.Reflection.MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method == Excludes && node.Object is { } summary)
            {
                return Test(Expression.Property(Visit(summary), ExcludedAgencies), node.Arguments[0]);
            }

            // ExcludedAgencies.Contains(agency): the array's own method or Enumerable.Contains.
            if (node.Method.Name == nameof(Enumerable.Contains))
            {
                if (node.Object is MemberExpression { Member: var m } list && m == ExcludedAgencies && node.Arguments.Count == 1)
                {
                    return Test(list, node.Arguments[0]);
                }

                if (node.Object is null && node.Arguments.Count == 2 && node.Arguments[0] is MemberExpression { Member: var n } items && n == ExcludedAgencies)
                {
                    return Test(items, node.Arguments[1]);
                }
            }

            return base.VisitMethodCall(node);
        }

        private static Expression Test(Expression agencies, Expression agency) =>
            Expression.Call(
                Expression.Convert(Expression.Convert(agencies, typeof(object)), typeof(string)),
                StringContains,
                Expression.Call(Token, agency));
    }
}
