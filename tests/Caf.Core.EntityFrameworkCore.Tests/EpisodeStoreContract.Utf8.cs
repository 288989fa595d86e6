using System;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 26: a cold load reads the snapshot and the event rows as the UTF-8 the database holds (docs/storage.md "Long
/// episodes"), hashes and compares those bytes and parses the snapshot from them. Text outside ASCII (written escaped, as
/// <c>\u00EB</c>, by this release) must read back exactly, and a change to such a character behind the library is still
/// found by a cold load. ep-1: opened, consent whose reason holds the text, then
/// consents appended (rows after the snapshot, each reason holding the text too).
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private const string Accented = "Zoë’s mother — agreed ✓ 😀";

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Utf8_text_outside_ascii_in_the_snapshot_and_in_the_rows_after_it_loads_cold_as_saved_and_verifies_intact()
    {
        var saved = await GrowAccentedAsync(5);

        var loaded = (await NewHost().Repository.GetAsync(Ep1))!;

        Assert.Equal(saved.Events, loaded.Events);
        Assert.Equal(EpisodeJson.Serialize(saved), EpisodeJson.Serialize(loaded));
        Assert.True((await NewHost().Store.VerifyAsync()).IsIntact);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Utf8_a_character_outside_ascii_changed_in_an_event_row_is_found_by_a_cold_load()
    {
        await GrowAccentedAsync(5);
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episode_events SET json = replace(json, 'Zo\\u00EB', 'Zo\\u00EC') WHERE episode_id = 'ep-1' AND sequence = 1");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.EventAltered, (int?)2), (ex.EpisodeId, ex.Kind, ex.EventVersion));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Utf8_a_character_outside_ascii_changed_in_a_row_after_the_snapshot_is_found_by_a_cold_load()
    {
        await GrowAccentedAsync(5);
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episode_events SET json = replace(json, '\\uDE00', '\\uDE01') WHERE episode_id = 'ep-1' AND sequence = 3");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.HistoryHashMismatch), (ex.EpisodeId, ex.Kind));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Utf8_a_character_outside_ascii_changed_in_the_snapshot_is_found_by_a_cold_load()
    {
        await GrowAccentedAsync(5);
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episodes SET snapshot = replace(snapshot, '\\u2713', '\\u2717') WHERE id = 'ep-1'");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.SnapshotMismatch, (int?)2), (ex.EpisodeId, ex.Kind, ex.EventVersion));
    }

    // ep-1 added with the consent of version 2 in its snapshot, then saved once per further consent (appended rows).
    private async Task<CafEpisode> GrowAccentedAsync(int to)
    {
        var e = Identified(Policy, "ep-1");
        Ok(e.RecordConsent(Teacher, MotherWritten(), $"Consent: {Accented}."));
        Ok(await Host.Repository.AddAsync(e));
        CafEpisode episode;
        do
        {
            episode = (await Host.Repository.GetAsync(Ep1))!;
            if (episode.Version < to)
            {
                Ok(episode.RecordConsent(Teacher, MotherWritten(), $"Confirmed again (version {episode.Version + 1}): {Accented}."));
                Ok(await Host.Repository.UpdateAsync(episode, episode.Version - 1));
            }
        }
        while (episode.Version < to);
        return episode;
    }
}
