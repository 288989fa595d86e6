using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 26, long episodes (docs/storage.md "Long episodes"): a save appends the event rows and rewrites the snapshot only
/// once the rows after it outgrow max(32, half the snapshot); a load through another repository reads the snapshot and
/// replays the rows after it through the command checks; the repository that read or saved an episode keeps a verified
/// copy and serves the next load of the same stored version from it, reading neither the snapshot nor the events' JSON.
/// ep-1 is opened (version 1), then saved once per consent recorded, each reason naming its version.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_a_save_appends_the_events_and_rewrites_the_snapshot_only_once_the_events_after_it_outgrow_it()
    {
        await GrowAsync(33); // 32 events after the one-event snapshot: the most a snapshot of 1 event may lag (max(32, 1/2))

        Assert.Equal(1, await StoredSnapshotVersionAsync());
        Assert.Equal(33, await CountAsync<Mapping.EpisodeEventRow>());

        await GrowAsync(34, from: 33); // the 33rd event after it: rewritten whole

        Assert.Equal(34, await StoredSnapshotVersionAsync());
        Assert.True((await Host.Store.VerifyAsync()).IsIntact);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_a_load_through_another_repository_replays_the_events_after_the_snapshot_as_a_full_replay_does()
    {
        var grown = await GrowAsync(12);

        var loaded = (await NewHost().Repository.GetAsync(Ep1))!;

        Assert.Equal(1, await StoredSnapshotVersionAsync());
        Assert.Equal(12, loaded.Version);
        Assert.Equal(grown.Events, loaded.Events);
        var replayed = CafEpisode.Rebuild(Policy, grown.Events);
        Assert.Equal(replayed.State, loaded.State);
        Assert.Equal(replayed.Consent.Records.Length, loaded.Consent.Records.Length);
        Assert.Equal(replayed.LeadProfessional, loaded.LeadProfessional);
        Assert.Equal(11, loaded.Consent.Records.Length); // one per consent recorded after the opening
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_an_event_changed_after_the_snapshot_is_found_by_a_fresh_load_and_by_the_verifier()
    {
        await GrowAsync(6);
        await Attacker.RunAsync(Host.NewContext(),
            $"UPDATE caf_episode_events SET json = replace(json, '{Marker}', 'tamper-markes') WHERE episode_id = 'ep-1' AND sequence = 4");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));
        var report = await Host.Store.VerifyAsync();

        // The snapshot holds version 1 only: no second copy names the event; the hash chain over the rows still fails.
        Assert.Equal((Ep1, EpisodeIntegrityProblem.HistoryHashMismatch, (int?)null), (ex.EpisodeId, ex.Kind, ex.EventVersion));
        Assert.Contains("after version 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new EpisodeStoreVerification(1, [ex.Finding]), report);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_an_unreadable_event_after_the_snapshot_is_named()
    {
        await GrowAsync(6);
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episode_events SET json = 'garbled' WHERE episode_id = 'ep-1' AND sequence = 3");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.EventAltered, (int?)4), (ex.EpisodeId, ex.Kind, ex.EventVersion));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_the_repository_that_saved_an_episode_loads_it_without_reading_the_snapshot_or_the_events_json()
    {
        await GrowAsync(5);
        var other = NewHost();

        var warm = await LoadSqlAsync(Host);
        var cold = await LoadSqlAsync(other);

        Assert.DoesNotContain("snapshot", warm.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("json", warm.Sql, StringComparison.Ordinal);
        Assert.Contains("snapshot", cold.Sql, StringComparison.Ordinal); // a repository without a verified copy reads everything
        Assert.Contains("json", cold.Sql, StringComparison.Ordinal);
        Assert.Equal(cold.Episode.Events, warm.Episode.Events);
        Assert.Equal((cold.Episode.State, cold.Episode.Consent.Records.Length), (warm.Episode.State, warm.Episode.Consent.Records.Length));

        // The copy handed out is the caller's own: a command on it changes neither the next load nor the stored episode.
        Ok(warm.Episode.RecordConsent(Teacher, MotherWritten(), "Recorded but never saved."));
        var again = (await Host.Repository.GetAsync(Ep1))!;
        Assert.Equal(5, again.Version);
        Ok(again.RecordConsent(Teacher, MotherWritten(), "Recorded and saved."));
        Ok(await Host.Repository.UpdateAsync(again, 5));
        Assert.Equal(again.Events, (await NewHost().Repository.GetAsync(Ep1))!.Events);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_a_verified_copy_is_not_used_once_the_history_hash_changed_behind_the_library()
    {
        await GrowAsync(3);
        await Attacker.RunAsync(Host.NewContext(), $"UPDATE caf_episodes SET history_hash = '{new string('d', 64)}' WHERE id = 'ep-1'");

        // The same repository, holding a verified copy of version 3: the row no longer matches it, so everything is read and checked.
        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await Host.Repository.GetAsync(Ep1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.HistoryHashMismatch), (ex.EpisodeId, ex.Kind));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_a_verified_copy_is_not_used_once_an_event_row_was_renumbered_behind_the_library()
    {
        await GrowAsync(3);
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episode_events SET sequence = 7 WHERE episode_id = 'ep-1' AND sequence = 2");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await Host.Repository.GetAsync(Ep1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.EventOutOfSequence), (ex.EpisodeId, ex.Kind));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_a_snapshot_edited_under_a_verified_copy_is_found_by_a_fresh_load_and_the_verifier_not_by_the_copy()
    {
        await GrowAsync(3);
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episodes SET snapshot = replace(snapshot, 'withdrawn in class', 'withdrawm in class') WHERE id = 'ep-1'");

        // Amortised verification (docs/storage.md "Long episodes"): the repository that verified version 3 serves its copy,
        // which is the episode as it was stored; a repository without the copy, and the verifier, read and check everything.
        var served = (await Host.Repository.GetAsync(Ep1))!;
        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));
        var report = await Host.Store.VerifyAsync();

        Assert.Equal("Falling attendance and withdrawn in class.", ((Caf.Core.Lifecycle.Events.ConcernIdentified)served.Events[0]).Concern);
        Assert.Equal((Ep1, EpisodeIntegrityProblem.SnapshotMismatch, (int?)1), (ex.EpisodeId, ex.Kind, ex.EventVersion));
        Assert.Equal(new EpisodeStoreVerification(1, [ex.Finding]), report);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Long_a_snapshot_written_by_an_earlier_schema_is_read_with_the_events_appended_after_it()
    {
        Time.SetUtcNow(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero)); // after the golden situation's last event
        var golden = File.ReadAllText(Path.Combine(RepoRoot(), "tests", "Golden", "schema-2", "snapshots", "panel-referral.json"));
        Ok(await Host.Repository.AddAsync(EpisodeJson.Deserialize(Policy, golden)));
        // The row as the schema-2 release left it: its snapshot (the event rows are equal by value, hashed as this release writes them).
        await Attacker.RunAsync(Host.NewContext(), $"UPDATE caf_episodes SET snapshot = '{golden.Replace("'", "''", StringComparison.Ordinal)}' WHERE id = 'ep-1'");

        var host = NewHost();
        var loaded = (await host.Repository.GetAsync(Ep1))!;
        Ok(loaded.RecordConsent(Teacher, MotherWritten(), "Consent confirmed again after the panel."));
        Ok(await host.Repository.UpdateAsync(loaded, 9));
        var again = (await NewHost().Repository.GetAsync(Ep1))!;

        Assert.StartsWith("{\"schemaVersion\":2,", await StoredSnapshotAsync(), StringComparison.Ordinal); // appended after it, not rewritten
        Assert.Equal(10, again.Version);
        Assert.Equal(loaded.Events, again.Events);
        Assert.Equal(CafEpisode.Rebuild(Policy, loaded.Events).State, again.State);
        Assert.True((await Host.Store.VerifyAsync()).IsIntact);
    }

    // ep-1 grown to `to` events by the register's way of working: load, one command, save, through Host.
    private async Task<CafEpisode> GrowAsync(int to, int from = 0)
    {
        if (from == 0)
        {
            Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        }

        CafEpisode episode;
        do
        {
            episode = (await Host.Repository.GetAsync(Ep1))!;
            if (episode.Version < to)
            {
                Ok(episode.RecordConsent(Teacher, MotherWritten(), $"Consent confirmed again at the {Marker} visit (version {episode.Version + 1})."));
                Ok(await Host.Repository.UpdateAsync(episode, episode.Version - 1));
            }
        }
        while (episode.Version < to);
        return episode;
    }

    private async Task<string> StoredSnapshotAsync()
    {
        await using var db = Host.NewContext();
        return await db.Set<EpisodeSummary>().Where(s => s.Id == Ep1).Select(s => EF.Property<string>(s, CafModelBuilderExtensions.SnapshotProperty)).SingleAsync();
    }

    private async Task<int> StoredSnapshotVersionAsync() => EpisodeJson.Deserialize(Policy, await StoredSnapshotAsync()).Version;

    private static async Task<(CafEpisode Episode, string Sql)> LoadSqlAsync(StoreHost host)
    {
        host.Commands.Commands.Clear();
        host.Commands.Recording = true;
        try
        {
            var episode = (await host.Repository.GetAsync(Ep1))!;
            return (episode, string.Join("\n", host.Commands.Commands));
        }
        finally
        {
            host.Commands.Recording = false;
        }
    }
}
