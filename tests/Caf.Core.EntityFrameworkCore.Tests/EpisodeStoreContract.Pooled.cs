using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Register;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 26: a cold load reads the snapshot and the rows' JSON straight from the data reader into buffers rented from the
/// shared pool (returned, cleared, once checked and parsed), through the context's own command pipeline. The buffers are
/// reused from load to load, so a load must see exactly its own bytes: a longer history read after a shorter one, a
/// shorter row read after longer ones, and one byte changed anywhere are all found as before. ep-1 is opened, then grown
/// by one consent per save (its reason naming the marker and the version), its snapshot rewritten now and then.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Pooled_a_cold_load_reads_the_snapshot_and_the_rows_through_the_contexts_command_interceptors()
    {
        await GrowAsync(4);
        var cold = NewHost();

        var (episode, sql) = await LoadSqlAsync(cold);

        Assert.Equal(4, episode.Version);
        Assert.Contains("snapshot", sql, StringComparison.Ordinal);
        Assert.Contains("caf_episode_events", sql, StringComparison.Ordinal);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Pooled_cold_loads_one_after_another_each_read_their_own_bytes_as_the_history_grows()
    {
        for (var to = 2; to <= 70; to += 17)
        {
            var grown = await GrowAsync(to, from: to == 2 ? 0 : to - 17);

            var loaded = (await NewHost().Repository.GetAsync(Ep1))!;

            Assert.Equal(grown.Events, loaded.Events);
            Assert.Equal(EpisodeJson.Serialize(grown), EpisodeJson.Serialize(loaded));
        }
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Pooled_a_row_shortened_behind_the_library_is_found_after_cold_loads_of_the_intact_history()
    {
        await GrowAsync(40); // the snapshot rewritten at 34: rows 35..40 after it
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(40, (await NewHost().Repository.GetAsync(Ep1))!.Version); // the pool's buffers now hold this history
        }

        await Attacker.RunAsync(Host.NewContext(),
            $"UPDATE caf_episode_events SET json = replace(json, '{Marker}', 'x') WHERE episode_id = 'ep-1' AND sequence = 9");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));
        Assert.Equal((Ep1, EpisodeIntegrityProblem.EventAltered, (int?)10), (ex.EpisodeId, ex.Kind, ex.EventVersion));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Pooled_one_byte_changed_in_the_last_row_after_the_snapshot_is_found_after_cold_loads_of_the_intact_history()
    {
        await GrowAsync(40);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(40, (await NewHost().Repository.GetAsync(Ep1))!.Version);
        }

        await Attacker.RunAsync(Host.NewContext(),
            $"UPDATE caf_episode_events SET json = replace(json, '{Marker}', 'tamper-markes') WHERE episode_id = 'ep-1' AND sequence = 39");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));
        Assert.Equal((Ep1, EpisodeIntegrityProblem.HistoryHashMismatch), (ex.EpisodeId, ex.Kind));
        Assert.False((await Host.Store.VerifyAsync()).IsIntact);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Pooled_one_byte_changed_in_the_snapshot_is_found_after_cold_loads_of_the_intact_history()
    {
        await GrowAsync(40);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(40, (await NewHost().Repository.GetAsync(Ep1))!.Version);
        }

        await Attacker.RunAsync(Host.NewContext(),
            $"UPDATE caf_episodes SET snapshot = replace(snapshot, '{Marker} visit (version 20)', 'tamper-markes visit (version 20)') WHERE id = 'ep-1'");

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(Ep1));
        Assert.Equal((Ep1, EpisodeIntegrityProblem.SnapshotMismatch, (int?)20), (ex.EpisodeId, ex.Kind, ex.EventVersion));
    }
}
