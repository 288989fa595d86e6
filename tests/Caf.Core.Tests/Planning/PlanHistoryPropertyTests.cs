using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Planning;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Caf.Core.Tests.Planning.PlanFixtures;

namespace Caf.Core.Tests.Planning;

/// <summary>A plan can be revised at a review; every earlier version stays readable.</summary>
public class PlanHistoryPropertyTests
{
    public sealed record Revision(int DaysLater, int DropActions, bool ChangeViews);

    public static class Arbitraries
    {
        public static Arbitrary<Revision[]> Revisions() =>
            Arb.From(Gen.ArrayOf(
                from days in Gen.Choose(1, 120)
                from drop in Gen.Choose(0, 3)
                from views in ArbMap.Default.GeneratorFor<bool>()
                select new Revision(days, drop, views)).Select(a => a.Take(12).ToArray()));
    }

    [Trait("Rule", "PLAN-01")]
    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public bool Plan_revisions_never_lose_an_earlier_version(Revision[] revisions)
    {
        var added = new List<ActionPlan> { MultiAgencyPlan() };
        var history = PlanHistory.Empty.Add(added[0]);
        foreach (var r in revisions)
        {
            var current = history.Current!;
            var next = current.Revise(current.AgreedOn.AddDays(r.DaysLater)) with
            {
                Actions = [.. current.Actions.Skip(Math.Min(r.DropActions, current.Actions.Length - 1))],
                ChildsViews = r.ChildsViewsOr(current.ChildsViews, added.Count),
            };
            history = history.Add(next);
            added.Add(next);
        }

        return history.Versions.Length == added.Count
            && Enumerable.Range(1, added.Count).All(v => history.Version(v) == added[v - 1] && history.Version(v).Version == v)
            && history.Current == added[^1];
    }
}

internal static class RevisionExtensions
{
    public static string ChildsViewsOr(this PlanHistoryPropertyTests.Revision r, string views, int n) =>
        r.ChangeViews ? $"Jamie's views at revision {n}" : views;
}
