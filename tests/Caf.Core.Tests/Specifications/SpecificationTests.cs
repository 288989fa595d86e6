using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Specifications;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Specifications;

public class SpecificationTests
{
    public sealed record Item(int Id, int Age, string Agency);

    private static readonly Specification<Item> OverTwelve = Specification<Item>.All.Where(i => i.Age > 12);

    public static class Arbitraries
    {
        public static Arbitrary<Item> Items() =>
            Arb.From(
                from id in Gen.Choose(0, 1000)
                from age in Gen.Choose(0, 19)
                from agency in Gen.Elements("school", "health", "youth", "camhs")
                select new Item(id, age, agency));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool IsSatisfiedBy_agrees_with_Evaluate(Item[] items)
    {
        var spec = Specification<Item>.All.Where(i => i.Age > 12).Where(i => i.Agency != "camhs");
        return spec.Evaluate(items).SequenceEqual(items.Where(spec.IsSatisfiedBy));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Evaluate_in_memory_agrees_with_Apply_to_a_queryable(Item[] items, NonNegativeInt skip, PositiveInt take)
    {
        var spec = OverTwelve.OrderBy(i => i.Agency).OrderByDescending(i => i.Age).Page(skip.Get % 10, take.Get % 10 + 1);
        return spec.Evaluate(items).SequenceEqual(spec.Apply(items.AsQueryable()));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Ordering_is_stable_and_complete(Item[] items)
    {
        var ordered = Specification<Item>.All.OrderBy(i => i.Age).Evaluate(items).ToList();
        var ages = ordered.Select(i => i.Age).ToList();
        return ordered.Count == items.Length && ages.SequenceEqual(ages.Order())
            && ordered.SequenceEqual(items.OrderBy(i => i.Age)); // LINQ's OrderBy is stable
    }

    [Fact]
    public void Builder_methods_return_new_specifications_and_leave_the_original_unchanged()
    {
        var narrowed = OverTwelve.Where(i => i.Agency == "school").Page(1, 2);

        Assert.Single(OverTwelve.Criteria);
        Assert.Null(OverTwelve.Skip);
        Assert.Equal(2, narrowed.Criteria.Count);
        Assert.Equal((1, 2), (narrowed.Skip!.Value, narrowed.Take!.Value));
    }

    [Fact]
    public void Paging_with_invalid_bounds_throws_at_the_boundary()
    {
        Assert.ThrowsAny<ArgumentException>(() => OverTwelve.Page(-1, 10));
        Assert.ThrowsAny<ArgumentException>(() => OverTwelve.Page(0, 0));
        Assert.ThrowsAny<ArgumentException>(() => OverTwelve.Where(null!));
    }

    [Fact]
    public void Sort_keys_expose_their_expressions_for_custom_translators()
    {
        var spec = Specification<Item>.All.OrderByDescending(i => i.Age);
        Assert.True(spec.Ordering[0].Descending);
        Assert.Equal(typeof(int), spec.Ordering[0].KeySelector.ReturnType);
    }

    [Fact]
    public void All_satisfies_everything()
    {
        var items = new List<Item> { new(1, 3, "school"), new(2, 17, "youth") };
        Assert.All(items, i => Assert.True(Specification<Item>.All.IsSatisfiedBy(i)));
        Assert.Equal(items, Specification<Item>.All.Evaluate(items));
    }
}
