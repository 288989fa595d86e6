using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 24, idempotent commands, on each database: a keyed command through <see cref="CafRegister.ExecuteAsync(EpisodeId, IdempotencyKey, Func{CafEpisode, Result}, CancellationToken)"/>
/// is recorded once per episode; the key is kept in the event row's <c>idempotency_key</c> column, unique per episode.
/// The seed: the mother's written consent, submitted twice from one form.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly IdempotencyKey FormKey = new("form-7f3a");
    private static readonly IdempotencyKey OtherFormKey = new("form-9c41");

    private static Result GiveConsent(CafEpisode e) => e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family.");

    private async Task<IdempotencyKey?[]> StoredKeysAsync(string id)
    {
        await using var db = Host.NewContext();
        var episode = new EpisodeId(id);
        return await db.Set<EpisodeEventRow>().Where(r => r.EpisodeId == episode).OrderBy(r => r.Sequence)
            .Select(r => r.IdempotencyKey).ToArrayAsync();
    }

    [StoreFact]
    public async Task The_same_key_twice_records_one_event_row_with_the_key_and_both_get_Ok()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var register = new CafRegister(Host.Repository, Policy);

        Ok(await register.ExecuteAsync(Ep1, FormKey, GiveConsent));
        Ok(await new CafRegister(NewHost().Repository, Policy).ExecuteAsync(Ep1, FormKey, GiveConsent)); // another process

        Assert.Equal([null, FormKey], await StoredKeysAsync("ep-1"));
        var loaded = (await NewHost().Repository.GetAsync(Ep1))!;
        Assert.Equal(FormKey, loaded.Events[1].IdempotencyKey); // and in the snapshot
        Assert.Equal(2, loaded.Version);
    }

    [StoreFact]
    public async Task A_different_key_records_a_second_event()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var register = new CafRegister(Host.Repository, Policy);

        Ok(await register.ExecuteAsync(Ep1, FormKey, GiveConsent));
        Ok(await register.ExecuteAsync(Ep1, OtherFormKey, GiveConsent));

        Assert.Equal([null, FormKey, OtherFormKey], await StoredKeysAsync("ep-1"));
    }

    [StoreFact]
    public async Task The_key_reused_with_another_command_is_refused_and_nothing_is_stored()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var register = new CafRegister(Host.Repository, Policy);
        Ok(await register.ExecuteAsync(Ep1, FormKey, GiveConsent));

        var reused = await register.ExecuteAsync(Ep1, FormKey, e => e.StartAssessment(Teacher, "The family agreed to an assessment."));

        Assert.Equal(StoreCodes.IdempotencyKeyReused, reused.Refusal.RuleId);
        Assert.Equal([null, FormKey], await StoredKeysAsync("ep-1"));
    }

    [StoreFact]
    public async Task Two_processes_executing_the_same_key_at_once_store_one_event()
    {
        var a = new CafRegister(NewHost().Repository, Policy);
        var b = new CafRegister(NewHost().Repository, Policy);
        for (var round = 0; round < 4; round++)
        {
            var id = $"ep-race-{round}";
            Ok(await Host.Repository.AddAsync(Identified(Policy, id, $"child-race-{round}")));
            var key = new IdempotencyKey($"form-race-{round}");
            // Both load version 1 and run before either saves (the barrier), so both saves race in the database.
            using var bothLoaded = new Barrier(2);
            Func<CafEpisode, Result> Command()
            {
                var first = true;
                return e =>
                {
                    if (first)
                    {
                        first = false;
                        Assert.True(bothLoaded.SignalAndWait(TimeSpan.FromMinutes(1)), "the other request never loaded");
                    }

                    return GiveConsent(e);
                };
            }

            var results = await Task.WhenAll(
                Task.Run(async () => await a.ExecuteAsync(new EpisodeId(id), key, Command())),
                Task.Run(async () => await b.ExecuteAsync(new EpisodeId(id), key, Command())));

            Assert.All(results, r => Ok(r));
            Assert.Equal([null, key], await StoredKeysAsync(id));
        }
    }

    [StoreFact]
    public async Task The_database_refuses_a_second_event_row_with_the_same_key_in_an_episode_and_allows_many_without()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        Ok(await new CafRegister(Host.Repository, Policy).ExecuteAsync(Ep1, FormKey, GiveConsent));
        EpisodeEventRow Row(int sequence, IdempotencyKey? key) => new()
        {
            Authority = AuthorityId.Default, EpisodeId = Ep1, Sequence = sequence, Type = "consent-recorded", OccurredAt = Start, IdempotencyKey = key, Json = "{}",
        };

        await using (var db = Host.NewContext())
        {
            db.Add(Row(2, FormKey));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = Host.NewContext())
        {
            db.AddRange(Row(2, null), Row(3, null), Row(4, OtherFormKey));
            await db.SaveChangesAsync(); // the index covers stored keys only; another episode's rows are another matter
        }
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task LIFE11_a_stored_history_holding_a_key_twice_is_refused_on_loading_and_other_episodes_still_load()
    {
        // Forged consistently, as a writer bypassing the library would: event rows, hash chain and snapshot agree, and the
        // key is in both events' JSON (the column left empty, so the unique index does not stop the forgery).
        var legit = Identified(Policy, "ep-forged");
        Ok(GiveConsent(legit));
        Ok(legit.RecordConsent(Teacher, MotherWritten() with { GiverName = "Mr Smith" }, "The mother confirmed it at the next visit."));
        var forged = legit.Events.Select((e, i) => i == 0 ? e : e with { IdempotencyKey = FormKey }).ToArray();
        var json = forged.Select(EpisodeJson.SerializeEvent).ToArray();
        var snapshot = EpisodeJson.Serialize(legit);
        snapshot = snapshot[..(snapshot.IndexOf("\"events\":[", StringComparison.Ordinal) + "\"events\":[".Length)] + string.Join(",", json.Select(j => j.Replace($",\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion}", "", StringComparison.Ordinal))) + "]}"; // a snapshot's events carry no version of their own
        var hash = json.Aggregate(EventStaging.EmptyHash, EventStaging.Next);
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-other", "child-002")));
        await using (var db = Host.NewContext())
        {
            var entry = db.Add(EpisodeSummary.Of(legit));
            entry.Property<string>("Snapshot").CurrentValue = snapshot;
            entry.Property<string>("HistoryHash").CurrentValue = hash;
            for (var i = 0; i < json.Length; i++)
            {
                db.Add(new EpisodeEventRow { Authority = AuthorityId.Default, EpisodeId = legit.Id, Sequence = i, Type = i == 0 ? "concern-identified" : "consent-recorded", OccurredAt = forged[i].OccurredAt, Json = json[i] });
            }

            await db.SaveChangesAsync();
        }

        // The store's load names the episode (tamper evidence: the snapshot cannot be read); the reader's refusal is inside.
        var unreadable = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost().Repository.GetAsync(legit.Id));
        Assert.Equal(legit.Id, unreadable.EpisodeId);
        Assert.Equal(EpisodeIntegrityProblem.SnapshotUnreadable, unreadable.Kind);
        var refused = Assert.IsType<JsonException>(unreadable.InnerException);

        Assert.Equal("$.events[2]", refused.Path);
        Assert.Contains("[LIFE-11]", refused.Message, StringComparison.Ordinal);
        Assert.Contains("form-7f3a", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await Host.Repository.GetAsync(new EpisodeId("ep-other")));
    }
}
