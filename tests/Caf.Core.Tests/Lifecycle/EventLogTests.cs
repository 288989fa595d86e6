using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using EpisodePlans = Caf.Core.Testing.EpisodePlans;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// Issue 26: an episode's history is an append-only log whose slots an episode and its copies share
/// (<see cref="CafEpisode.Copy"/> costs the same at any length). The copies must still evolve independently, on one
/// thread or two, <see cref="CafEpisode.Events"/> must read as the list it was, and the index of idempotency keys must
/// answer what a scan of the events answers.
/// </summary>
[Properties(Arbitrary = [typeof(EpisodeCommands)], MaxTest = 150)]
public class EventLogTests
{
    private static readonly IdempotencyKey[] Keys = [new("k-0"), new("k-1"), new("k-2"), new("k-3")];

    private static CafEpisode Open(Seeds seeds, bool fromStepDown) => fromStepDown
        ? CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-p"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown("CSC"))
        : seeds.Identified();

    private static Caf.Core.Primitives.Result Consent(CafEpisode e, string reason) => e.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), reason);

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property A_copy_and_its_original_each_go_on_as_a_replay_of_its_own_history_and_a_copy_left_alone_keeps_the_prefix(
        bool fromStepDown, EpisodeCommand[] before, EpisodeCommand[] onOriginal, EpisodeCommand[] onCopy)
    {
        var seeds = new Seeds();
        var original = Open(seeds, fromStepDown);
        foreach (var command in before)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(original);
        }

        var prefix = original.Events.ToArray();
        var copy = original.Copy();
        var untouched = copy.Copy(); // shares the same slots too; nothing is ever run on it
        var originalAlone = CafEpisode.Rebuild(seeds.Policy, prefix); // its own log: the oracle of each side
        var copyAlone = CafEpisode.Rebuild(seeds.Policy, prefix);
        for (var i = 0; i < Math.Max(onOriginal.Length, onCopy.Length); i++)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            if (i < onOriginal.Length && !Same(onOriginal[i].Run(original), onOriginal[i].Run(originalAlone)))
            {
                return false.Label($"'{onOriginal[i]}' on the original answered otherwise than alone");
            }

            if (i < onCopy.Length && !Same(onCopy[i].Run(copy), onCopy[i].Run(copyAlone)))
            {
                return false.Label($"'{onCopy[i]}' on the copy answered otherwise than alone");
            }
        }

        return original.Events.SequenceEqual(originalAlone.Events).Label("the original's history is its own")
            .And(copy.Events.SequenceEqual(copyAlone.Events)).Label("the copy's history is its own")
            .And(EpisodeJson.Serialize(original) == EpisodeJson.Serialize(originalAlone)).Label("the original's state is its own")
            .And(EpisodeJson.Serialize(copy) == EpisodeJson.Serialize(copyAlone)).Label("the copy's state is its own")
            .And(SameLists(original, originalAlone)).Label("the original's lists (lead professionals, plans, reviews, ...) are its own")
            .And(SameLists(copy, copyAlone)).Label("the copy's lists are its own")
            .And(untouched.Version == prefix.Length && untouched.Events.SequenceEqual(prefix)).Label("a copy nothing ran on keeps the prefix")
            .And(untouched.Events.Zip(prefix).All(p => ReferenceEquals(p.First, p.Second))).Label("the same event instances, not copies");
    }

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property The_index_of_idempotency_keys_answers_what_a_scan_of_the_events_answers_on_an_episode_and_two_copies(
        EpisodeCommand[] before, EpisodeCommand[] onA, EpisodeCommand[] onB, byte[] keyChoices)
    {
        var seeds = new Seeds();
        var original = seeds.Identified();
        original.KeyNextEvent(Keys[0]);
        Seeds.Ok(Consent(original, "Consent recorded with the family.")); // keyed before the copies share the log
        foreach (var command in before)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(original);
        }

        var a = original.Copy();
        var b = original.Copy();
        var step = 0;
        for (var i = 0; i < Math.Max(onA.Length, onB.Length); i++)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            foreach (var (episode, commands) in new[] { (a, onA), (b, onB) })
            {
                if (i < commands.Length)
                {
                    var choice = keyChoices.Length == 0 ? 0 : keyChoices[step++ % keyChoices.Length];
                    if (choice % 2 == 0)
                    {
                        episode.KeyNextEvent(Keys[choice / 2 % Keys.Length]); // keys repeat: some are refused (LIFE-11)
                    }

                    commands[i].Run(episode);
                }
            }

            foreach (var (name, episode) in new[] { ("original", original), ("a", a), ("b", b) })
            {
                foreach (var key in Keys)
                {
                    var scanned = episode.Events.ToList().FindIndex(e => e.IdempotencyKey == key);
                    if (episode.IndexOfKey(key) != scanned)
                    {
                        return false.Label($"step {i}, {name}: key {key.Value} indexed at {episode.IndexOfKey(key)}, found at {scanned}");
                    }
                }

                if (episode.Events.Select(e => e.IdempotencyKey).OfType<IdempotencyKey>().GroupBy(k => k).Any(g => g.Count() > 1))
                {
                    return false.Label($"step {i}, {name}: a key recorded twice");
                }
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public void A_key_recorded_on_one_copy_is_not_on_the_other_and_keys_from_before_the_split_stay_refused_after_it()
    {
        var seeds = new Seeds();
        var original = seeds.Identified();
        original.KeyNextEvent(Keys[0]);
        Seeds.Ok(Consent(original, "Consent recorded with the family."));
        var a = original.Copy();
        var b = original.Copy();

        a.KeyNextEvent(Keys[1]);
        Seeds.Ok(Consent(a, "Consent confirmed on copy a.")); // a takes the next shared slot
        Assert.Equal(2, a.IndexOfKey(Keys[1]));
        Assert.Equal(-1, b.IndexOfKey(Keys[1]));
        Assert.Equal(-1, original.IndexOfKey(Keys[1]));

        b.KeyNextEvent(Keys[1]);
        Seeds.Ok(Consent(b, "Consent confirmed on copy b.")); // b's own history has no k-1: accepted, in slots of its own
        Assert.Equal(2, b.IndexOfKey(Keys[1]));
        Assert.Equal("Consent confirmed on copy a.", ((ConsentRecorded)a.Events[2]).Reason);
        Assert.Equal("Consent confirmed on copy b.", ((ConsentRecorded)b.Events[2]).Reason);

        b.KeyNextEvent(Keys[0]);
        var again = Consent(b, "The form sent again.");
        Assert.True(again.IsRefused);
        Assert.Equal("LIFE-11", again.Refusal.RuleId);
        a.KeyNextEvent(Keys[1]);
        Assert.Equal("LIFE-11", Consent(a, "The form sent again.").Refusal.RuleId);
        Assert.Equal((2, 3, 3), (original.Version, a.Version, b.Version));
    }

    [Fact]
    public async Task Two_copies_appending_at_the_same_time_on_two_threads_each_see_only_their_own_events()
    {
        const int Appends = 40;
        for (var round = 0; round < 30; round++)
        {
            var seeds = new Seeds();
            var original = seeds.Identified(new EpisodeId($"ep-{round}"));
            Seeds.Ok(Consent(original, "Consent recorded with the family."));
            var prefix = original.Events.ToArray();
            var a = original.Copy();
            var b = original.Copy();
            using var start = new Barrier(2);
            var onA = Task.Run(() => Append(a, "a", start));
            var onB = Task.Run(() => Append(b, "b", start));
            await Task.WhenAll(onA, onB);

            foreach (var (name, copy) in new[] { ("a", a), ("b", b) })
            {
                Assert.Equal(prefix.Length + Appends, copy.Version);
                Assert.True(copy.Events.Take(prefix.Length).Zip(prefix).All(p => ReferenceEquals(p.First, p.Second)));
                var reasons = copy.Events.Skip(prefix.Length).Select(e => ((ConsentRecorded)e).Reason).ToArray();
                Assert.Equal(Enumerable.Range(0, Appends).Select(i => $"{name} {i}"), reasons);
                Assert.Equal(copy.Version - 1, copy.Consent.Records.Length); // every event after the opening records consent
            }

            Assert.Equal(prefix, original.Events);
            Assert.Equal(prefix.Length - 1, original.Consent.Records.Length);
        }

        static void Append(CafEpisode copy, string name, Barrier start)
        {
            start.SignalAndWait();
            for (var i = 0; i < Appends; i++)
            {
                Seeds.Ok(copy.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), $"{name} {i}"));
            }
        }
    }

    [Fact]
    public void The_history_reads_as_a_read_only_list_that_grows_with_the_episode()
    {
        var seeds = new Seeds();
        var e = seeds.Identified();
        var events = e.Events;
        Seeds.Ok(Consent(e, "Consent recorded with the family."));

        Assert.Equal(2, events.Count); // a live view, as the list was
        Assert.IsType<ConsentRecorded>(events[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => events[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => events[-1]);
        var list = Assert.IsAssignableFrom<IList<CafEvent>>(events);
        Assert.True(list.IsReadOnly);
        Assert.Throws<NotSupportedException>(() => list.Add(events[1]));
        Assert.Throws<NotSupportedException>(() => list[0] = events[1]);
        Assert.Equal(1, list.IndexOf(events[1]));
        Assert.Equal(new[] { events[0], events[1] }, events.ToArray());
        Assert.Same(events[1], events.Last());

        // Like a list's enumerator, one running while the episode grows stops with an exception, never a torn read.
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in e.Events)
            {
                Seeds.Ok(Consent(e, "Consent confirmed again."));
            }
        });
    }

    // The lists an episode grows (AppendOnly, sharing slots between copies too), element by element.
    private static bool SameLists(CafEpisode x, CafEpisode y) =>
        x.LeadProfessionalHistory.SequenceEqual(y.LeadProfessionalHistory)
        && x.Plans.Versions.SequenceEqual(y.Plans.Versions)
        && x.ReviewsOfCurrentPlan.SequenceEqual(y.ReviewsOfCurrentPlan)
        && x.Escalations.SequenceEqual(y.Escalations)
        && x.PanelReferrals.SequenceEqual(y.PanelReferrals)
        && x.OutcomesCompletions.SequenceEqual(y.OutcomesCompletions)
        && x.LeadProfessional == y.LeadProfessional && x.Plan == y.Plan;

    private static bool Same(Caf.Core.Primitives.Result x, Caf.Core.Primitives.Result y) =>
        x.IsSuccess == y.IsSuccess && (x.IsSuccess || x.Refusal == y.Refusal);
}
