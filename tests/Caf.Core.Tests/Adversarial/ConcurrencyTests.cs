using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Xunit.Abstractions;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// The concurrency suite (issue 10): real threads against <see cref="InMemoryEpisodeRepository"/> and
/// <see cref="CafRegister"/>, started together on a <see cref="Barrier"/>. No duplicate open episode (REG-01),
/// no lost update (optimistic concurrency), no partial family link (REG-03), no undocumented exception.
/// Contenders that block on the barrier run on their own threads (LongRunning), so the suite does not wait on
/// the thread pool's slow growth on a two-core machine.
/// </summary>
public sealed class ConcurrencyTests
{
    private static readonly ChildDetails ChildA = new(new ChildId("child-a"), new DateOnly(2016, 9, 1));
    private static readonly ChildDetails ChildB = new(new ChildId("child-b"), new DateOnly(2019, 2, 1));
    private readonly ITestOutputHelper _output;

    public ConcurrencyTests(ITestOutputHelper output) => _output = output;

    [Trait("Suite", "Concurrency")]
    [Trait("Rule", "REG-01")]
    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task REG01_sixteen_practitioners_registering_one_child_at_once_open_exactly_one_episode()
    {
        const int rounds = 50;
        const int contenders = 16;
        int opened = 0, contributed = 0, refused = 0;
        var worlds = Enumerable.Range(0, rounds).Select(_ => new World()).ToArray();
        var all = await RunRounds(rounds, contenders, (round, i) =>
            worlds[round].Register.IdentifyConcernAsync(new EpisodeId($"ep-{round}-{i}"), Seeds.NineYearOld, Practitioner(i), $"Concern {i}")
                .AsTask().GetAwaiter().GetResult());
        for (var round = 0; round < rounds; round++)
        {
            var world = worlds[round];
            var registrations = all[round];
            var winner = Assert.Single(registrations, r => r.OpenedNewEpisode);
            foreach (var registration in registrations.Where(r => !r.OpenedNewEpisode))
            {
                if (registration.IsRefused)
                {
                    Assert.Equal(StoreCodes.Concurrency, registration.Refusal!.RuleId);
                    refused++;
                }
                else
                {
                    Assert.Equal(winner.Opened!.Id, registration.Existing?.Id);
                    Assert.Equal(winner.Opened.OpenedBy.Practitioner, registration.ExistingLeadProfessional);
                    contributed++;
                }
            }

            var history = await world.Register.HistoryOfAsync(Seeds.NineYearOld.Id);
            var stored = Assert.Single(history);
            Assert.True(stored.IsOpen);
            Assert.Equal(winner.Opened!.Id, stored.Id);
            opened++;
        }

        _output.WriteLine($"Concurrency (a) registrations: {rounds} rounds x {contenders}: {opened} opened, {contributed} contributed, {refused} STORE-CONCURRENCY refusals, 0 exceptions");
        Assert.Equal(rounds, opened);
        Assert.Equal(rounds * (contenders - 1), contributed + refused);
    }

    [Trait("Suite", "Concurrency")]
    [Trait("Rule", "STORE-CONCURRENCY")]
    [Fact]
    public async Task Parallel_updates_from_separately_loaded_copies_one_wins_the_rest_conflict_and_nothing_is_lost()
    {
        const int rounds = 60;
        const int copies = 4;
        var world = new World();
        var episode = world.Seeds.PlanActive();
        Seeds.Ok(await world.Store.AddAsync(episode));
        var id = episode.Id;
        var initial = episode.Version;
        int wins = 0, conflicts = 0, retries = 0;

        for (var round = 0; round < rounds; round++)
        {
            var loaded = new CafEpisode[copies];
            var version = -1;
            for (var i = 0; i < copies; i++)
            {
                loaded[i] = (await world.Store.GetAsync(id))!;
                version = loaded[i].Version;
                Seeds.Ok(Review(loaded[i], round, i));
            }

            using var barrier = new Barrier(copies);
            var results = await Task.WhenAll(Enumerable.Range(0, copies).Select(i => OnOwnThread(() =>
            {
                barrier.SignalAndWait();
                return world.Store.UpdateAsync(loaded[i], version).AsTask().GetAwaiter().GetResult();
            })));

            Assert.True(results.Count(r => r.IsSuccess) == 1, $"round {round}: " + string.Join("; ", results));
            var winner = Array.FindIndex(results, r => r.IsSuccess);
            Assert.All(results.Where(r => r.IsRefused), r => Assert.Equal(StoreCodes.Concurrency, r.Refusal.RuleId));
            wins++;
            conflicts += copies - 1;

            var stored = (await world.Store.GetAsync(id))!;
            Assert.Equal(version + 1, stored.Version);
            Assert.Equal(loaded[winner].Events, stored.Events); // value equality: the stored history is exactly the winner's
            Assert.Equal(EpisodeJson.Serialize(loaded[winner]), EpisodeJson.Serialize(stored));

            // The losers reload and redo their work; racing again, each eventually lands.
            var losers = Enumerable.Range(0, copies).Where(i => i != winner).ToArray();
            using var again = new Barrier(losers.Length);
            var attempts = await Task.WhenAll(losers.Select(i => OnOwnThread(() =>
            {
                again.SignalAndWait();
                for (var attempt = 1; attempt <= 100; attempt++)
                {
                    var copy = world.Store.GetAsync(id).AsTask().GetAwaiter().GetResult()!;
                    var expected = copy.Version;
                    Seeds.Ok(Review(copy, round, i));
                    var saved = world.Store.UpdateAsync(copy, expected).AsTask().GetAwaiter().GetResult();
                    if (saved.IsSuccess)
                    {
                        return attempt;
                    }

                    Assert.Equal(StoreCodes.Concurrency, saved.Refusal.RuleId);
                }

                throw new TimeoutException("A loser did not land in 100 attempts.");
            })));
            retries += attempts.Sum() - losers.Length;
        }

        var final = (await world.Store.GetAsync(id))!;
        var reviews = final.Events.OfType<ReviewHeld>().Select(r => r.Review.Summary).ToList();
        _output.WriteLine($"Concurrency (b) updates: {rounds} rounds x {copies} copies: {wins} wins, {conflicts} STORE-CONCURRENCY conflicts, {retries} further conflicts on retry, {reviews.Count} reviews stored");
        Assert.Equal(initial + (rounds * copies), final.Version);
        Assert.Equal(rounds * copies, reviews.Distinct().Count());
        Assert.Equal(reviews.Count, reviews.Distinct().Count());
    }

    [Trait("Suite", "Concurrency")]
    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_linking_two_siblings_while_one_is_updated_links_both_or_neither()
    {
        const int rounds = 500;
        int linked = 0, linkConflicts = 0, updated = 0, updateConflicts = 0, both = 0;
        var worlds = new (World World, CafEpisode A, CafEpisode B, CafEpisode? Early)[rounds];
        for (var round = 0; round < rounds; round++)
        {
            var world = new World();
            var a = Sibling(world, "ep-a", ChildA);
            var b = Sibling(world, "ep-b", ChildB);
            Seeds.Ok(await world.Store.AddAsync(a));
            Seeds.Ok(await world.Store.AddAsync(b));
            var loadFirst = round % 2 == 0; // half the rounds the updater's copy is loaded before the race, half inside it
            worlds[round] = (world, a, b, loadFirst ? (await world.Store.GetAsync(b.Id))! : null);
        }

        // Contender 0 links the siblings; contender 1 updates sibling B from its own copy.
        var results = await RunRounds(rounds, 2, (round, contender) =>
        {
            var (world, a, b, early) = worlds[round];
            if (contender == 0)
            {
                return world.Register.LinkFamilyAsync($"family-{round}", Seeds.Teacher, [a.Id, b.Id]).AsTask().GetAwaiter().GetResult();
            }

            var copy = early ?? world.Store.GetAsync(b.Id).AsTask().GetAwaiter().GetResult()!;
            var version = copy.Version;
            Seeds.Ok(copy.StartAssessment(Seeds.Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
            return world.Store.UpdateAsync(copy, version).AsTask().GetAwaiter().GetResult();
        });

        for (var round = 0; round < rounds; round++)
        {
            var (world, a, b, _) = worlds[round];
            var group = $"family-{round}";
            var (linkResult, updateResult) = (results[round][0], results[round][1]);

            Assert.True(linkResult.IsSuccess || linkResult.Refusal.RuleId == StoreCodes.Concurrency, linkResult.ToString());
            Assert.True(updateResult.IsSuccess || updateResult.Refusal.RuleId == StoreCodes.Concurrency, updateResult.ToString());
            Assert.True(linkResult.IsSuccess || updateResult.IsSuccess, "both writers lost: one of them must win");

            var family = await world.Register.FamilyAsync(group);
            var storedA = (await world.Store.GetAsync(a.Id))!;
            var storedB = (await world.Store.GetAsync(b.Id))!;
            Assert.Equal(storedA.FamilyGroup, storedB.FamilyGroup);
            Assert.Equal(linkResult.IsSuccess ? 2 : 0, family.Count);
            Assert.Equal(linkResult.IsSuccess ? group : null, storedA.FamilyGroup);
            Assert.Equal(updateResult.IsSuccess ? EpisodeState.Assessing : EpisodeState.Identified, storedB.State); // nothing lost

            linked += linkResult.IsSuccess ? 1 : 0;
            linkConflicts += linkResult.IsRefused ? 1 : 0;
            updated += updateResult.IsSuccess ? 1 : 0;
            updateConflicts += updateResult.IsRefused ? 1 : 0;
            both += linkResult.IsSuccess && updateResult.IsSuccess ? 1 : 0;
        }

        _output.WriteLine($"Concurrency (c) family links: {rounds} rounds: {linked} linked, {linkConflicts} link conflicts, {updated} updates won, {updateConflicts} update conflicts, {both} both (serialised), 0 partial links");
        Assert.Equal(rounds, linked + linkConflicts);
    }

    [Trait("Suite", "Concurrency")]
    [Trait("Rule", "REG-01")]
    [Fact]
    public async Task REG01_opening_and_closing_one_child_while_registrations_run_never_shows_two_open_episodes()
    {
        const int registrations = 400;
        const int maxCloses = 150;
        var world = new World();
        var child = Seeds.NineYearOld.Id;
        var done = 0;
        int opened = 0, contributed = 0, refused = 0, closes = 0, closeConflicts = 0, looks = 0, maxOpen = 0;
        var errors = new ConcurrentQueue<string>();

        var monitor = OnOwnThread(() =>
        {
            while (Volatile.Read(ref done) == 0)
            {
                var open = world.Register.HistoryOfAsync(child).AsTask().GetAwaiter().GetResult().Count(s => s.IsOpen);
                looks++;
                maxOpen = Math.Max(maxOpen, open);
                if (open > 1)
                {
                    errors.Enqueue($"{open} open episodes seen at look {looks}");
                }
            }

            return 0;
        });

        var closer = OnOwnThread(() =>
        {
            while (Volatile.Read(ref done) == 0 && closes < maxCloses)
            {
                if (world.Register.FindOpenForCoordinatorAsync(child).AsTask().GetAwaiter().GetResult() is not { } summary)
                {
                    Thread.Yield();
                    continue;
                }

                var episode = world.Store.GetAsync(summary.Id).AsTask().GetAwaiter().GetResult()!;
                var version = episode.Version;
                Seeds.Ok(episode.StepUp(Seeds.Teacher, new SpecialistService("Children's social care"), "Significant harm"));
                var saved = world.Store.UpdateAsync(episode, version).AsTask().GetAwaiter().GetResult();
                if (saved.IsSuccess)
                {
                    closes++;
                }
                else
                {
                    Assert.Equal(StoreCodes.Concurrency, saved.Refusal.RuleId);
                    closeConflicts++;
                }
            }

            return 0;
        });

        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, registrations), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
            {
                var registration = await world.Register.IdentifyConcernAsync(new EpisodeId($"ep-churn-{i:000}"), Seeds.NineYearOld, Practitioner(i), $"Concern {i}", ct);
                if (registration.OpenedNewEpisode)
                {
                    Interlocked.Increment(ref opened);
                }
                else if (registration.IsRefused)
                {
                    Assert.Equal(StoreCodes.Concurrency, registration.Refusal!.RuleId);
                    Interlocked.Increment(ref refused);
                }
                else
                {
                    Interlocked.Increment(ref contributed);
                }
            });
        }
        finally
        {
            Volatile.Write(ref done, 1);
            await Task.WhenAll(monitor, closer);
        }

        var history = await world.Register.HistoryOfAsync(child);
        var stillOpen = history.Count(s => s.IsOpen);
        _output.WriteLine($"Concurrency (d) churn: {registrations} registrations: {opened} opened, {contributed} contributed, {refused} refused; {closes} closes, {closeConflicts} close conflicts; {looks} looks, at most {maxOpen} open");
        Assert.Empty(errors);
        Assert.True(stillOpen <= 1, $"{stillOpen} open episodes at the end");
        Assert.Equal(opened, history.Count);
        Assert.Equal(opened, closes + stillOpen); // every episode opened was closed by the churn, or is the one open now
        Assert.True(closes > 0, "the churn closed nothing: the race was not exercised");
    }

    private static Result Review(CafEpisode episode, int round, int copy) =>
        episode.HoldReview(Seeds.Teacher, EpisodePlans.Review(episode.Plan!, episode.Plan!.AgreedOn, ReviewProgress.Sufficient) with { Summary = $"round {round} copy {copy}" });

    /// <summary>A sibling's open episode with the mother's written consent recorded (needed before linking, REG-03, SHARE-01).</summary>
    private static CafEpisode Sibling(World world, string id, ChildDetails child)
    {
        var episode = CafEpisode.IdentifyConcern(world.Seeds.Policy, new EpisodeId(id), child, Seeds.Teacher, "Siblings: attendance and weight.");
        Seeds.Ok(episode.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent to assess and share with partner agencies."));
        return episode;
    }

    private static Actor Practitioner(int i) =>
        new(new PractitionerId($"pr-{i:000}"), (i % 3) switch { 0 => TestIds.School, 1 => TestIds.HealthVisiting, _ => TestIds.YouthService });

    /// <summary>
    /// Runs <paramref name="rounds"/> races of <paramref name="contenders"/> threads, each race started together on a
    /// barrier; the threads are started once and reused for every round.
    /// </summary>
    private static async Task<T[][]> RunRounds<T>(int rounds, int contenders, Func<int, int, T> work)
    {
        var results = Enumerable.Range(0, rounds).Select(_ => new T[contenders]).ToArray();
        using var barrier = new Barrier(contenders);
        await Task.WhenAll(Enumerable.Range(0, contenders).Select(c => OnOwnThread(() =>
        {
            for (var round = 0; round < rounds; round++)
            {
                barrier.SignalAndWait();
                try
                {
                    results[round][c] = work(round, c);
                }
                catch
                {
                    barrier.RemoveParticipant(); // let the others finish; the exception fails the test
                    throw;
                }
            }

            return 0;
        })));
        return results;
    }

    private static Task<T> OnOwnThread<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private sealed class World
    {
        public World()
        {
            Seeds = new Seeds();
            Store = new InMemoryEpisodeRepository(Seeds.Policy);
            Register = new CafRegister(Store, Seeds.Policy);
        }

        public Seeds Seeds { get; }

        public InMemoryEpisodeRepository Store { get; }

        public CafRegister Register { get; }
    }
}
