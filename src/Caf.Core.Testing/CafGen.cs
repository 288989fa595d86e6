using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;
using FsCheck;
using FsCheck.Fluent;

namespace Caf.Core.Testing;

/// <summary>Siblings generated together (REG-03): one family group, two to five children.</summary>
/// <param name="FamilyGroup">The family group id the siblings' episodes are linked under.</param>
/// <param name="Children">The siblings, eldest first.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record CafFamily(string FamilyGroup, ImmutableArray<ChildDetails> Children)
{
    /// <inheritdoc />
    public bool Equals(CafFamily? other) => other is not null && FamilyGroup == other.FamilyGroup && Sequence.Equal(Children, other.Children);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FamilyGroup, Sequence.Hash(Children));
}

/// <summary>Indicators observed in an assessment, drawn from one thresholds framework (THR-03).</summary>
/// <param name="Ids">The indicator ids (distinct, in the framework's order).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record ObservedIndicators(ImmutableArray<string> Ids)
{
    /// <inheritdoc />
    public bool Equals(ObservedIndicators? other) => other is not null && Sequence.Equal(Ids, other.Ids);

    /// <inheritdoc />
    public override int GetHashCode() => Sequence.Hash(Ids);

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Ids)}]";
}

/// <summary>A lead-professional candidate pool (LP-03..LP-09): distinct practitioners.</summary>
/// <param name="Candidates">The candidates.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record CandidatePool(ImmutableArray<LeadProfessionalCandidate> Candidates)
{
    /// <inheritdoc />
    public bool Equals(CandidatePool? other) => other is not null && Sequence.Equal(Candidates, other.Candidates);

    /// <inheritdoc />
    public override int GetHashCode() => Sequence.Hash(Candidates);

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Candidates.Select(c => $"{c.Practitioner}@{c.Agency}{(c.IsLeadProfessionalTrained ? "" : " untrained")} x{c.CurrentLeadCaseload}"))}]";
}

/// <summary>
/// FsCheck 3 generators (<see cref="Gen{T}"/>) and arbitraries (<see cref="Arbitrary{T}"/>, with shrinking) for Caf.Core:
/// children, families, practitioners and agencies, consent histories, observed indicators, lead-professional
/// candidate pools and whole episodes. Every generated value is one the public API accepts.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public static partial class CafGen
{
    private static readonly string[] AgencyKinds = ["school", "health", "childrens-social-care", "youth-service", "camhs", "police", "housing", "early-years", "voluntary"];

    /// <summary>
    /// A child from unborn to 19 on <paramref name="today"/>: about one in twenty is unborn (CONS-08); most dates of birth
    /// fall within a week of a consent age bound (CONS-02, CONS-03: the competence lower bound and the self-consent
    /// age of <paramref name="consent"/>), the others anywhere up to 19. Shrinks towards the nine-year-old of the seeds.
    /// </summary>
    /// <param name="today">The day ages are taken on.</param>
    /// <param name="consent">The consent options whose bounds to cluster around (default: the defaults, 12 and 16).</param>
    /// <returns>The generator.</returns>
    public static Gen<ChildDetails> Child(DateOnly today, ConsentOptions? consent = null)
    {
        var bounds = consent ?? new ConsentOptions();
        var nearBound =
            from bound in Gen.Elements(bounds.CompetenceAgeExclusiveLowerBound, bounds.CompetenceAgeExclusiveLowerBound + 1, bounds.SelfConsentAge, bounds.SelfConsentAge + 1)
            from days in Gen.Choose(-7, 7)
            select (DateOnly?)today.AddYears(-bound).AddDays(days);
        var any = from days in Gen.Choose(0, (19 * 365) + 4) select (DateOnly?)today.AddDays(-days);
        var born = Gen.Frequency((1, Gen.Constant<DateOnly?>(null)), (8, nearBound), (11, any));
        return from dob in born
               from n in Gen.Choose(1, 999)
               select new ChildDetails(new ChildId($"child-{n:000}"), dob is { } d && d > today ? today : dob);
    }

    /// <summary>Children as an arbitrary, shrinking towards older-than-unborn, then towards a nine-year-old.</summary>
    /// <param name="today">The day ages are taken on.</param>
    /// <param name="consent">The consent options whose bounds to cluster around.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ChildDetails> Children(DateOnly today, ConsentOptions? consent = null) =>
        Arb.From(Child(today, consent), c => ShrinkChild(c, today));

    private static IEnumerable<ChildDetails> ShrinkChild(ChildDetails c, DateOnly today)
    {
        var nine = today.AddYears(-9);
        if (c.DateOfBirth is not { } born)
        {
            yield return c with { DateOfBirth = nine };
            yield break;
        }

        if (born != nine)
        {
            yield return c with { DateOfBirth = nine };
            var halfway = born.AddDays((nine.DayNumber - born.DayNumber) / 2);
            if (halfway != born && halfway != nine)
            {
                yield return c with { DateOfBirth = halfway };
            }
        }
    }

    /// <summary>A family (REG-03): two to five siblings, at least a year apart, sharing a family group; one may be unborn.</summary>
    /// <param name="today">The day ages are taken on.</param>
    /// <returns>The generator.</returns>
    public static Gen<CafFamily> Family(DateOnly today) =>
        from count in Gen.Choose(2, 5)
        from gaps in Gen.Choose(365, 365 * 4).ArrayOf(count)
        from unbornYoungest in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from start in Gen.Choose(0, 365 * 3)
        from n in Gen.Choose(1, 999)
        select new CafFamily($"family-{n:000}", Siblings(today, count, gaps, unbornYoungest, start, n));

    /// <summary>Families as an arbitrary that shrinks by dropping siblings (never below two).</summary>
    /// <param name="today">The day ages are taken on.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CafFamily> Families(DateOnly today) =>
        Arb.From(Family(today), f => f.Children.Length <= 2 ? [] : Enumerable.Range(0, f.Children.Length).Select(i => f with { Children = f.Children.RemoveAt(i) }));

    private static ImmutableArray<ChildDetails> Siblings(DateOnly today, int count, int[] gaps, bool unbornYoungest, int start, int family)
    {
        var children = ImmutableArray.CreateBuilder<ChildDetails>(count);
        var dob = today.AddDays(-start);
        for (var i = count - 1; i >= 0; i--)
        {
            var unborn = unbornYoungest && i == count - 1;
            children.Insert(0, new ChildDetails(new ChildId($"child-{family:000}-{i + 1}"), unborn ? null : dob));
            dob = unborn ? dob : dob.AddDays(-gaps[i]);
        }

        return children.MoveToImmutable();
    }

    /// <summary>An agency: one of the catalogue's (<see cref="CafCatalogue.Agencies"/>) or a numbered school, health team, social care team, youth service, CAMHS, police, housing, early-years or voluntary agency.</summary>
    /// <returns>The generator.</returns>
    public static Gen<AgencyId> Agency() => Gen.Frequency(
        (3, Gen.Elements(CafCatalogue.Agencies.AsEnumerable())),
        (2, from kind in Gen.Elements(AgencyKinds) from n in Gen.Choose(1, 40) select new AgencyId($"{kind}-{n:00}")));

    /// <summary>A practitioner at an agency: one of the catalogue's, or a numbered practitioner at a generated agency.</summary>
    /// <returns>The generator.</returns>
    public static Gen<Actor> Practitioner() => Gen.Frequency(
        (3, Gen.Elements(CafCatalogue.Practitioners.Select(p => p.Actor))),
        (2, from agency in Agency() from n in Gen.Choose(1, 400) select new Actor(new PractitionerId($"pr-{n:000}"), agency)));

    /// <summary>
    /// Indicators observed in an assessment: any subset of the framework's indicators (THR-03), small sets more often.
    /// Shrinks by removing indicators.
    /// </summary>
    /// <param name="framework">The loaded framework.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ObservedIndicators> Indicators(ThresholdMatcher framework)
    {
        Guard.Against.Null(framework);
        var ids = framework.Framework.Indicators.Select(i => i.Id).ToArray();
        var gen = from size in Gen.Frequency((4, Gen.Choose(0, Math.Min(6, ids.Length))), (1, Gen.Choose(0, ids.Length)))
                  from picked in Gen.Shuffle(ids)
                  select new ObservedIndicators([.. ids.Where(picked.Take(size).ToHashSet(StringComparer.Ordinal).Contains)]);
        return Arb.From(gen, o => Enumerable.Range(0, o.Ids.Length).Select(i => new ObservedIndicators(o.Ids.RemoveAt(i))));
    }

    /// <summary>
    /// A lead-professional candidate pool of one to eight distinct practitioners (LP-03..LP-08): trained or not, in the
    /// family's network or not, caseloads around the default cap, contact from occasional to daily, addressing some of
    /// <paramref name="needs"/>. Shrinks by removing candidates.
    /// </summary>
    /// <param name="needs">The plan's needs candidates may address (may be empty).</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<CandidatePool> CandidatePools(IReadOnlyList<string>? needs = null)
    {
        var plan = needs?.ToArray() ?? [];
        var candidate =
            from who in Practitioner()
            from trained in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from network in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
            from caseload in Gen.Choose(0, 12)
            from contact in Gen.Elements(Enum.GetValues<ContactFrequency>())
            from kind in Gen.Elements(Enum.GetValues<AgencyKind>())
            from addresses in plan.Length == 0 ? Gen.Constant(new List<string>()) : Gen.SubListOf(plan).Select(l => l.ToList())
            select new LeadProfessionalCandidate(who.Practitioner, who.Agency, kind, "Practitioner", trained, contact, [.. addresses], caseload, network);
        var gen = from list in candidate.ListOf(8).SelectMany(l => Gen.Choose(1, 8).Select(n => l.Take(n)))
                  select new CandidatePool([.. list.DistinctBy(c => c.Practitioner)]);
        return Arb.From(gen, p => p.Candidates.Length <= 1 ? [] : Enumerable.Range(0, p.Candidates.Length).Select(i => new CandidatePool(p.Candidates.RemoveAt(i))));
    }

    /// <summary>A selection request for a pool, with the consent and an optional family preference (LP-05).</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="consent">The consent in force (exclusions make agencies ineligible, LP-11).</param>
    /// <param name="pool">The pool.</param>
    /// <returns>The request.</returns>
    public static LeadProfessionalSelectionRequest SelectionRequest(EpisodeId episode, ConsentState consent, CandidatePool pool)
    {
        Guard.Against.Null(pool);
        return new LeadProfessionalSelectionRequest(episode, Guard.Against.Null(consent), CafCatalogue.Teacher) { Candidates = pool.Candidates };
    }

    /// <summary>The default options, changed.</summary>
    internal static CafOptions OptionsWith(Action<CafOptions>? options)
    {
        var o = new CafOptions();
        options?.Invoke(o);
        return o;
    }
}
