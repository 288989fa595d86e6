using System;
using System.Linq.Expressions;
using Ardalis.Specification;
using CafSpecification = Caf.Core.Specifications.Specification<Caf.Core.Register.EpisodeSummary>;
using EpisodeSummary = Caf.Core.Register.EpisodeSummary;

namespace Caf.Core.EntityFrameworkCore;

/// <summary>
/// Turns Caf.Core's own <c>Specification&lt;EpisodeSummary&gt;</c> (today's port) into an Ardalis specification, so one
/// evaluator serves both. Remove it when the port's ListAsync takes <c>ISpecification&lt;EpisodeSummary&gt;</c>.
/// </summary>
internal static class CafSpecificationAdapter
{
    public static ISpecification<EpisodeSummary> ToArdalis(CafSpecification specification) => new Adapted(specification);

    private sealed class Adapted : Specification<EpisodeSummary>
    {
        public Adapted(CafSpecification specification)
        {
            foreach (var criterion in specification.Criteria)
            {
                Query.Where(criterion);
            }

            IOrderedSpecificationBuilder<EpisodeSummary>? ordered = null;
            foreach (var key in specification.Ordering)
            {
                var selector = Expression.Lambda<Func<EpisodeSummary, object?>>(
                    Expression.Convert(key.KeySelector.Body, typeof(object)), key.KeySelector.Parameters);
                ordered = (ordered, key.Descending) switch
                {
                    (null, false) => Query.OrderBy(selector),
                    (null, true) => Query.OrderByDescending(selector),
                    (_, false) => ordered.ThenBy(selector),
                    (_, true) => ordered.ThenByDescending(selector),
                };
            }

            if (specification.Skip is { } skip)
            {
                Query.Skip(skip);
            }

            if (specification.Take is { } take)
            {
                Query.Take(take);
            }
        }
    }
}
