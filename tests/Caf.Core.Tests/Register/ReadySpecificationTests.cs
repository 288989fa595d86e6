using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Register;

/// <summary>An ad-hoc specification for tests: the given criteria, search, ordering and paging.</summary>
internal sealed class AdHocSpec : Specification<EpisodeSummary>
{
    public AdHocSpec(Action<ISpecificationBuilder<EpisodeSummary>>? build = null) => build?.Invoke(Query);
}

/// <summary>The ready specifications of the storage port, evaluated by the in-memory store (docs/storage.md).</summary>
public class ReadySpecificationTests
{
    private static readonly DateTimeOffset Jan = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly ChildId Amy = new("child-amy");
    private static readonly ChildId Ben = new("child-ben");
    private static readonly ChildId Cal = new("child-cal");
    private static readonly AgencyId School = new("school-oakfield");
    private static readonly AgencyId Health = new("health-visiting");

    // Written by hand: ids, children, LP agencies, opening and closing times, family groups, retention dates.
    private static readonly ImmutableArray<EpisodeSummary> Register =
    [
        Summary("ep-01", Amy, School, Jan, closedAt: Jan.AddDays(40), retention: new DateOnly(2031, 2, 14)),
        Summary("ep-02", Amy, Health, Jan.AddDays(50)),
        Summary("ep-03", Ben, School, Jan.AddDays(10), family: "family-smith", review: new DateOnly(2026, 3, 9)),
        Summary("ep-04", Cal, School, Jan.AddDays(10), family: "family-smith", review: new DateOnly(2026, 2, 16)),
        Summary("ep-05", Ben, Health, Jan.AddDays(-300), closedAt: Jan.AddDays(-20), retention: new DateOnly(2030, 12, 16)),
        Summary("ep-06", Cal, Health, Jan.AddDays(-200), closedAt: Jan.AddDays(-1), retention: new DateOnly(2031, 1, 4)),
    ];

    private static EpisodeSummary Summary(
        string id, ChildId child, AgencyId lpAgency, DateTimeOffset openedAt,
        DateTimeOffset? closedAt = null, string? family = null, DateOnly? retention = null, DateOnly? review = null) =>
        new(new EpisodeId(id), child, closedAt is null ? EpisodeState.PlanActive : EpisodeState.Closed, closedAt is null,
            openedAt, School, new PractitionerId("pr-" + id), lpAgency, false, closedAt,
            closedAt is null ? null : ClosureOutcome.ResolvedMultiAgency, family, retention, 3, [], null, null, closedAt is null ? review : null);

    private static Task<string[]> List(ISpecification<EpisodeSummary> spec) =>
        Task.FromResult<string[]>([.. InMemorySpecificationEvaluator.Default.Evaluate(Register.OrderBy(s => s.Id), spec).Select(s => s.Id.Value)]);

    [Trait("Rule", "REG-01")]
    [Trait("Rule", "REG-02")]
    [Fact]
    public async Task REG02_open_episodes_of_a_child_lists_only_the_childs_open_one()
    {
        Assert.Equal(["ep-02"], await List(new OpenEpisodesOfChildSpec(Amy)));
        Assert.Equal(["ep-03"], await List(new OpenEpisodesOfChildSpec(Ben)));
        Assert.Empty(await List(new OpenEpisodesOfChildSpec(new ChildId("child-unknown"))));
    }

    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task LIFE03_episodes_of_a_child_are_listed_oldest_first_open_or_closed()
    {
        Assert.Equal(["ep-01", "ep-02"], await List(new EpisodesOfChildSpec(Amy)));
        Assert.Equal(["ep-06", "ep-04"], await List(new EpisodesOfChildSpec(Cal)));
    }

    [Trait("Rule", "LP-07")]
    [Fact]
    public async Task LP07_open_episodes_by_lead_professional_agency_leave_out_closed_ones_and_other_agencies()
    {
        // ep-03 and ep-04 opened at the same time: the episode id breaks the tie.
        Assert.Equal(["ep-03", "ep-04"], await List(new OpenEpisodesByLeadProfessionalAgencySpec(School)));
        Assert.Equal(["ep-02"], await List(new OpenEpisodesByLeadProfessionalAgencySpec(Health)));
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-07")]
    [Fact]
    public async Task SHARE01_an_agencys_caseload_leaves_out_an_episode_whose_consent_now_excludes_it()
    {
        // ep-04: the school still leads (until the handover), but the family excluded it since.
        var register = Register.SetItem(3, Register[3] with { ExcludedAgencies = [Health, School] });
        Assert.Equal(["ep-03"], InMemorySpecificationEvaluator.Default.Evaluate(register.OrderBy(s => s.Id), new OpenEpisodesByLeadProfessionalAgencySpec(School)).Select(s => s.Id.Value));

        // The same through the in-memory store, from real episodes: the teacher leads both (interim), Mum excludes the school on one.
        var seeds = new Caf.Core.Tests.Support.Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var kept = seeds.Identified(new EpisodeId("ep-kept"));
        var excluded = CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-excluded"), new ChildDetails(new ChildId("child-002"), new DateOnly(2015, 1, 1)), Caf.Core.Tests.Support.Seeds.Teacher, "Falling attendance.");
        Caf.Core.Tests.Support.Seeds.Ok(excluded.RecordConsent(Caf.Core.Tests.Support.Seeds.Teacher, Caf.Core.Tests.Support.Seeds.MotherWritten(Caf.Core.Tests.Support.TestIds.School), "Consent, but not the school."));
        Caf.Core.Tests.Support.Seeds.Ok(await store.AddAsync(kept));
        Caf.Core.Tests.Support.Seeds.Ok(await store.AddAsync(excluded));
        Assert.Equal(["ep-kept"], (await store.ListAsync(new OpenEpisodesByLeadProfessionalAgencySpec(Caf.Core.Tests.Support.TestIds.School))).Select(x => x.Id.Value));
    }

    [Trait("Rule", "REP-01")]
    [Fact]
    public async Task Closed_between_two_dates_includes_the_start_and_excludes_the_end()
    {
        var closedAt01 = Jan.AddDays(40);
        Assert.Equal(["ep-05", "ep-06", "ep-01"], await List(new ClosedBetweenSpec(Jan.AddYears(-1), Jan.AddYears(1))));
        Assert.Equal(["ep-01"], await List(new ClosedBetweenSpec(closedAt01, closedAt01.AddTicks(1))));
        Assert.Empty(await List(new ClosedBetweenSpec(closedAt01.AddDays(-1), closedAt01)));
        Assert.Equal(["ep-06"], await List(new ClosedBetweenSpec(Jan.AddDays(-10), Jan)));
    }

    [Fact]
    public void Closed_between_refuses_a_period_that_does_not_end_after_it_starts()
    {
        Assert.Throws<ArgumentException>(() => new ClosedBetweenSpec(Jan, Jan));
        Assert.Throws<ArgumentException>(() => new ClosedBetweenSpec(Jan, Jan.AddDays(-1)));
    }

    [Trait("Rule", "RET-01")]
    [Fact]
    public async Task RET01_due_for_disposal_lists_due_dates_on_or_before_the_date_longest_overdue_first()
    {
        Assert.Empty(await List(new DueForDisposalSpec(new DateOnly(2030, 12, 15))));
        Assert.Equal(["ep-05"], await List(new DueForDisposalSpec(new DateOnly(2030, 12, 16))));
        Assert.Equal(["ep-05", "ep-06", "ep-01"], await List(new DueForDisposalSpec(new DateOnly(2031, 2, 14))));
    }

    [Trait("Rule", "REV-05")]
    [Fact]
    public async Task REV05_review_due_before_a_date_lists_earlier_due_dates_earliest_first()
    {
        // ep-04 is due on 16 February, ep-03 on 9 March; ep-02 has no review date; closed episodes have none.
        Assert.Empty(await List(new ReviewDueBeforeSpec(new DateOnly(2026, 2, 16))));   // due on the day is not before it
        Assert.Equal(["ep-04"], await List(new ReviewDueBeforeSpec(new DateOnly(2026, 2, 17))));
        Assert.Equal(["ep-04", "ep-03"], await List(new ReviewDueBeforeSpec(new DateOnly(2026, 3, 10))));
    }

    [Trait("Rule", "REV-05")]
    [Fact]
    public async Task REV05_the_in_memory_store_lists_the_active_plans_whose_review_is_due_before_a_date()
    {
        var seeds = new Support.Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var planned = seeds.PlanActive(); // agreed on 12 March 2026, first review six weeks later: 23 April
        var assessed = CafEpisode.IdentifyConcern( // no plan yet
            seeds.Policy, new EpisodeId("ep-2"), new ChildDetails(Ben, new DateOnly(2017, 5, 1)), Support.Seeds.Teacher, "Withdrawn at nursery.");
        Support.Seeds.Ok(await store.AddAsync(planned));
        Support.Seeds.Ok(await store.AddAsync(assessed));

        Assert.Empty(await store.ListAsync(new ReviewDueBeforeSpec(new DateOnly(2026, 4, 23))));
        Assert.Equal(["ep-1"], (await store.ListAsync(new ReviewDueBeforeSpec(new DateOnly(2026, 4, 24)))).Select(s => s.Id.Value));
        Assert.True((await store.ListAsync(new ReviewDueBeforeSpec(new DateOnly(2026, 4, 24))))[0].IsReviewOverdueOn(new DateOnly(2026, 4, 24)));
    }

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_a_family_group_lists_its_siblings_by_child()
    {
        Assert.Equal(["ep-03", "ep-04"], await List(new FamilyGroupSpec("family-smith")));
        Assert.Empty(await List(new FamilyGroupSpec("family-jones")));
    }

    [Fact]
    public void Ready_specifications_refuse_default_ids_and_blank_groups_at_the_boundary()
    {
        Assert.Throws<ArgumentException>(() => new OpenEpisodesOfChildSpec(default));
        Assert.Throws<ArgumentException>(() => new EpisodesOfChildSpec(default));
        Assert.Throws<ArgumentException>(() => new OpenEpisodesByLeadProfessionalAgencySpec(default));
        Assert.ThrowsAny<ArgumentException>(() => new FamilyGroupSpec(" "));
        Assert.ThrowsAny<ArgumentException>(() => new FamilyGroupSpec(null!));
    }

    [Fact]
    public void Ready_specifications_use_criteria_and_ordering_only_so_a_database_adapter_can_translate_them()
    {
        ISpecification<EpisodeSummary>[] ready =
        [
            new OpenEpisodesOfChildSpec(Amy), new EpisodesOfChildSpec(Amy), new OpenEpisodesByLeadProfessionalAgencySpec(School),
            new ClosedBetweenSpec(Jan, Jan.AddDays(1)), new DueForDisposalSpec(new DateOnly(2031, 1, 1)), new FamilyGroupSpec("f"),
            new ReviewDueBeforeSpec(new DateOnly(2026, 3, 1)),
        ];

        Assert.All(ready, spec =>
        {
            Assert.Single(spec.WhereExpressions);
            Assert.NotEmpty(spec.OrderExpressions);
            Assert.Empty(spec.SearchCriterias);
            Assert.Null(spec.PostProcessingAction);
            Assert.Equal((-1, -1), (spec.Skip, spec.Take)); // the package's "not set"
        });
    }

    [Fact]
    public async Task The_in_memory_store_supports_every_part_of_a_specification_search_paging_and_post_processing_too()
    {
        var seeds = new Support.Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        foreach (var (id, child) in new[] { ("ep-1", "child-amy"), ("ep-2", "child-ben"), ("ep-3", "child-bella"), ("ep-4", "child-cal") })
        {
            var episode = CafEpisode.IdentifyConcern(
                seeds.Policy, new EpisodeId(id), new ChildDetails(new ChildId(child), new DateOnly(2016, 9, 1)), Support.Seeds.Teacher, "Attendance");
            Support.Seeds.Ok(await store.AddAsync(episode));
        }

        static async Task<string[]> Ids(InMemoryEpisodeRepository store, Action<ISpecificationBuilder<EpisodeSummary>> build) =>
            [.. (await store.ListAsync(new AdHocSpec(build))).Select(s => s.Id.Value)];

        Assert.Equal(["ep-1", "ep-2", "ep-3", "ep-4"], await Ids(store, _ => { }));                        // no order: the store's, by id
        Assert.Equal(["ep-2", "ep-3"], await Ids(store, q => q.Search(s => s.Child.Value, "child-b%")));    // search (LIKE pattern)
        Assert.Equal(["ep-2", "ep-3"], await Ids(store, q => q.OrderByDescending(s => s.Child).Skip(1).Take(2))); // cal, [ben, bella], amy
        Assert.Equal(["ep-4", "ep-3", "ep-2", "ep-1"], await Ids(store, q => q.PostProcessingAction(items => items.Reverse())));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.ListAsync(null!));
    }

    private sealed class TwoCriteriaSpec : EpisodeSummarySpecification
    {
        public TwoCriteriaSpec() => Query.Where(s => s.IsOpen).Where(s => s.FamilyGroup == "family-smith");
    }

    private sealed class SearchSpec : EpisodeSummarySpecification
    {
        public SearchSpec() => Query.Where(s => s.IsOpen).Search(s => s.Child.Value, "child-b%");
    }

    [Fact]
    public void The_cached_IsSatisfiedBy_ands_every_criterion_leaves_search_to_the_package_and_refuses_null()
    {
        var satisfying = Register.Where(new TwoCriteriaSpec().IsSatisfiedBy).Select(s => s.Id.Value);
        var searched = Register.Where(new SearchSpec().IsSatisfiedBy).Select(s => s.Id.Value);

        Assert.Equal(["ep-03", "ep-04"], satisfying);
        Assert.Equal(["ep-03"], searched); // open, and the child matches child-b%
        Assert.Throws<ArgumentNullException>(() => new OpenEpisodesOfChildSpec(Amy).IsSatisfiedBy(null!));
    }

    public static class Arbitraries
    {
        public static Arbitrary<EpisodeSummary> Summaries() => Arb.From(
            from id in Gen.Choose(1, 40)
            from child in Gen.Elements(Amy, Ben, Cal)
            from lp in Gen.Elements(School, Health)
            from openedDays in Gen.Choose(-400, 400)
            from closedDays in Gen.Choose(-1, 400)
            from family in Gen.Elements<string?>(null, "family-smith", "family-jones")
            from reviewDays in Gen.Choose(-1, 120)
            select Summary($"ep-{id:00}", child, lp, Jan.AddDays(openedDays),
                closedDays < 0 ? null : Jan.AddDays(openedDays + closedDays), family,
                closedDays < 0 ? null : DateOnly.FromDateTime(Jan.AddDays(openedDays + closedDays).DateTime).AddYears(5),
                reviewDays < 0 ? null : DateOnly.FromDateTime(Jan.DateTime).AddDays(reviewDays)));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool IsSatisfiedBy_agrees_with_the_in_memory_evaluator_and_the_evaluator_keeps_the_order(EpisodeSummary[] summaries, int days)
    {
        ISpecification<EpisodeSummary>[] specs =
        [
            new OpenEpisodesOfChildSpec(Amy), new EpisodesOfChildSpec(Ben), new OpenEpisodesByLeadProfessionalAgencySpec(School),
            new ClosedBetweenSpec(Jan, Jan.AddDays(Math.Abs(days % 500) + 1)), new DueForDisposalSpec(new DateOnly(2031, 1, 1).AddDays(days % 500)),
            new FamilyGroupSpec("family-smith"), new ReviewDueBeforeSpec(DateOnly.FromDateTime(Jan.DateTime).AddDays(Math.Abs(days % 120))),
        ];

        return specs.All(spec =>
        {
            var evaluated = InMemorySpecificationEvaluator.Default.Evaluate(summaries, spec).ToList();
            var satisfying = summaries.Where(spec.IsSatisfiedBy).ToList();
            return evaluated.Count == satisfying.Count && evaluated.All(satisfying.Contains)
                && evaluated.Zip(evaluated.Skip(1)).All(pair => Ordered(spec, pair.First, pair.Second));
        });
    }

    // The ordering keys by hand: each ready specification's first key, then the episode id.
    private static bool Ordered(ISpecification<EpisodeSummary> spec, EpisodeSummary a, EpisodeSummary b)
    {
        var first = spec switch
        {
            ClosedBetweenSpec => Nullable.Compare(a.ClosedAt, b.ClosedAt),
            DueForDisposalSpec => Nullable.Compare(a.RetentionDueOn, b.RetentionDueOn),
            ReviewDueBeforeSpec => Nullable.Compare(a.NextReviewDue, b.NextReviewDue),
            FamilyGroupSpec => a.Child.CompareTo(b.Child),
            _ => a.OpenedAt.CompareTo(b.OpenedAt),
        };
        return first < 0 || (first == 0 && a.Id.CompareTo(b.Id) <= 0);
    }
}
