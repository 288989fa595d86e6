using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Result = Caf.Core.Primitives.Result;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Register;

/// <summary>
/// Issue 26: <see cref="InMemoryEpisodeRepository"/> keeps each saved history as a view of the episode's append-only log
/// (no copy) and proves a loaded episode extends it from the shared slots, without comparing events. It must still
/// refuse exactly the saves whose history does not extend the stored one (STORE-HISTORY), also when two instances loaded
/// from the same stored log diverge, and accept an episode read back from JSON by comparing its events by value.
/// </summary>
[Properties(Arbitrary = [typeof(EpisodeCommands)], MaxTest = 150)]
public class InMemoryHistoryTests
{
    private static readonly EpisodeId Id = new("ep-1");

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property Of_two_instances_loaded_from_one_stored_log_the_second_save_is_refused_unless_its_history_extends_the_first(
        EpisodeCommand[] before, EpisodeCommand[] onX, EpisodeCommand[] onY, bool xFirst)
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var e = seeds.Identified(Id);
        foreach (var command in before)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(e);
        }

        Ok(store.AddAsync(e).AsTask().Result);
        var x = Load(store); // the first load replays and keeps an image; both share its log
        var y = Load(store);
        var stored = x.Version;
        var xAlone = CafEpisode.Rebuild(seeds.Policy, x.Events.ToArray()); // the oracle: logs of their own
        var yAlone = CafEpisode.Rebuild(seeds.Policy, y.Events.ToArray());
        for (var i = 0; i < Math.Max(onX.Length, onY.Length); i++)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            if (i < onX.Length)
            {
                onX[i].Run(x);
                onX[i].Run(xAlone);
            }

            if (i < onY.Length)
            {
                onY[i].Run(y);
                onY[i].Run(yAlone);
            }
        }

        if (!x.Events.SequenceEqual(xAlone.Events) || !y.Events.SequenceEqual(yAlone.Events))
        {
            return false.Label("an instance loaded from the store does not hold exactly its own events");
        }

        var (first, second) = xFirst ? (x, y) : (y, x);
        var saved = store.UpdateAsync(first, stored).AsTask().Result;
        if (saved.IsRefused)
        {
            return false.Label($"the first save was refused: {saved.Refusal}");
        }

        var firstHistory = first.Events.ToArray();
        var extends = second.Version >= firstHistory.Length && second.Events.Take(firstHistory.Length).SequenceEqual(firstHistory);
        // At the version it loaded: refused as stale when the first save stored more events.
        var stale = first.Version == stored ? Result.Ok : store.UpdateAsync(second, stored).AsTask().Result;
        var claimed = store.UpdateAsync(second, firstHistory.Length).AsTask().Result; // claims the version now stored
        var reloaded = Load(store);
        return (first.Version == stored || (stale.IsRefused && stale.Refusal.RuleId == StoreCodes.Concurrency)).Label($"stale save: {stale}")
            .And(claimed.IsSuccess == extends && (extends || claimed.Refusal.RuleId == StoreCodes.HistoryMismatch))
            .Label($"save at the stored version: {claimed}, extends: {extends}")
            .And(reloaded.Events.SequenceEqual(extends ? second.Events : first.Events)).Label("the store holds the accepted history");
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public async Task An_episode_read_back_from_json_extends_its_stored_history_by_value_and_one_with_another_history_is_refused()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var e = seeds.Identified(Id);
        Ok(await store.AddAsync(e));
        var loaded = Load(store);
        Ok(loaded.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await store.UpdateAsync(loaded, 1));

        // The same history, read back from JSON: other instances in other slots, equal by value.
        var read = EpisodeJson.Deserialize(seeds.Policy, EpisodeJson.Serialize(Load(store)));
        seeds.Time.Advance(TimeSpan.FromHours(1));
        Ok(read.StartAssessment(Teacher, "Concerns about attendance: assessment agreed with the family."));
        Ok(await store.UpdateAsync(read, 2));

        // Another history of the same episode, as long, that does not start with the stored one (opened later).
        var other = seeds.Identified(Id);
        Ok(other.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(other.RecordConsent(Teacher, MotherWritten(), "Consent confirmed again."));
        var refused = await store.UpdateAsync(other, 3);

        Assert.Equal(StoreCodes.HistoryMismatch, refused.Refusal.RuleId);
        Assert.Equal(3, Load(store).Version);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public async Task A_saved_instance_that_goes_on_after_the_save_never_changes_the_stored_history()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        var e = seeds.Identified(Id);
        Ok(await store.AddAsync(e)); // the store keeps e's log, not a copy
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family, not saved."));

        var loaded = Load(store);

        Assert.Equal(1, loaded.Version);
        Ok(loaded.RecordConsent(Teacher, MotherVerbal(), "Verbal consent, saved."));
        Ok(await store.UpdateAsync(loaded, 1));
        Assert.Equal("Verbal consent, saved.", ((Caf.Core.Lifecycle.Events.ConsentRecorded)Load(store).Events[1]).Reason);
        Assert.Equal(StoreCodes.HistoryMismatch, (await store.UpdateAsync(e, 2)).Refusal.RuleId);
    }

    private static CafEpisode Load(InMemoryEpisodeRepository store) => store.GetAsync(Id).AsTask().Result!;
}
