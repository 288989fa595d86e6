using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
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
/// Issue 24, "idempotent commands", on the in-memory store: <see cref="CafRegister.ExecuteAsync(EpisodeId, IdempotencyKey, Func{CafEpisode, Result}, System.Threading.CancellationToken)"/>
/// records a keyed command once per episode. The seed: Amy's mother gives written consent on a form a teacher submits twice.
/// </summary>
public class IdempotencyTests
{
    private static readonly EpisodeId Id = new("ep-1");
    private static readonly IdempotencyKey K1 = new("form-7f3a");
    private static readonly IdempotencyKey K2 = new("form-9c41");
    private readonly Seeds _seeds = new();
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public IdempotencyTests()
    {
        _store = new InMemoryEpisodeRepository(_seeds.Policy);
        Ok(_store.AddAsync(_seeds.Identified(Id)).AsTask().Result); // version 1: ConcernIdentified
        _register = new CafRegister(_store, _seeds.Policy);
    }

    private static Result Consent(CafEpisode e) => e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies.");

    private static Result Start(CafEpisode e) => e.StartAssessment(Teacher, "Concerns about attendance: assessment agreed with the family.");

    private async Task<CafEpisode> StoredAsync() => (await _store.GetAsync(Id))!;

    [Fact]
    public async Task The_same_key_twice_records_one_event_and_the_second_gets_the_earlier_outcome_Ok()
    {
        Ok(await _register.ExecuteAsync(Id, K1, Consent));
        Ok(await _register.ExecuteAsync(Id, K1, Consent)); // the form submitted again

        var stored = await StoredAsync();
        Assert.Equal(2, stored.Version);
        Assert.Equal(K1, stored.Events[1].IdempotencyKey);
        Assert.Single(stored.Consent.Records);
    }

    [Fact]
    public async Task A_different_key_is_a_different_command_two_events()
    {
        Ok(await _register.ExecuteAsync(Id, K1, Consent));
        Ok(await _register.ExecuteAsync(Id, K2, Consent));

        var stored = await StoredAsync();
        Assert.Equal(3, stored.Version);
        Assert.Equal([null, K1, K2], stored.Events.Select(e => e.IdempotencyKey));
    }

    [Fact]
    public async Task Without_a_key_the_same_command_twice_records_twice_as_before()
    {
        Ok(await _register.ExecuteAsync(Id, Consent));
        Ok(await _register.ExecuteAsync(Id, Consent));

        Assert.Equal(3, (await StoredAsync()).Version);
    }

    [Fact]
    public async Task The_value_variant_with_a_key_applied_before_is_STORE_ALREADY_APPLIED_naming_the_event_and_records_nothing()
    {
        var first = await _register.ExecuteAsync(Id, K1, e => Consent(e).IsSuccess ? Result.Success(e.Version) : Result<int>.Refused(new Refusal("X", "x", "x")));
        var again = await _register.ExecuteAsync(Id, K1, e => Consent(e).IsSuccess ? Result.Success(e.Version) : Result<int>.Refused(new Refusal("X", "x", "x")));

        Assert.Equal(2, first.Value);
        Assert.Equal(StoreCodes.AlreadyApplied, again.Refusal.RuleId);
        Assert.Equal("idempotencyKey", again.Refusal.Field);
        Assert.Contains("form-7f3a", again.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("event 1 (Consent recorded)", again.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await StoredAsync()).Version);
    }

    [Fact]
    public async Task The_key_reused_with_another_command_is_STORE_IDEMPOTENCY_KEY_REUSED_and_nothing_is_recorded()
    {
        Ok(await _register.ExecuteAsync(Id, K1, Consent));

        var reused = await _register.ExecuteAsync(Id, K1, Start);

        Assert.Equal(StoreCodes.IdempotencyKeyReused, reused.Refusal.RuleId);
        Assert.Equal("idempotencyKey", reused.Refusal.Field);
        Assert.Contains("Consent recorded, event 1", reused.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("(Assessment started)", reused.Refusal.Message, StringComparison.Ordinal);
        var stored = await StoredAsync();
        Assert.Equal((EpisodeState.Identified, 2), (stored.State, stored.Version));
        Ok(await _register.ExecuteAsync(Id, K2, Start)); // with its own key it goes ahead
    }

    [Fact]
    public async Task A_replayed_key_is_answered_without_recording_or_auditing_anything()
    {
        // A review hands the review to every agency of the plan, and records each hand-over (SHARE-03). Held again with
        // its key, the command is only asked which event it records: no review, no audit entry.
        var plan = _seeds.PlanActive();
        var store = new InMemoryEpisodeRepository(_seeds.Policy);
        Ok(await store.AddAsync(plan));
        var register = new CafRegister(store, _seeds.Policy);
        Result Review(CafEpisode e) => e.HoldReview(Teacher, Caf.Core.Testing.EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient));
        Ok(await register.ExecuteAsync(plan.Id, K1, Review));
        var audited = _seeds.Audit.Entries.Count;

        Ok(await register.ExecuteAsync(plan.Id, K1, Review));

        Assert.Equal(audited, _seeds.Audit.Entries.Count);
        Assert.Equal(plan.Version + 1, (await store.GetAsync(plan.Id))!.Version);
        Assert.Single((await store.GetAsync(plan.Id))!.Events.OfType<ReviewHeld>());
    }

    [Fact]
    public async Task A_refused_command_consumes_no_key_the_same_key_goes_ahead_once_the_refusal_is_answered()
    {
        var refused = await _register.ExecuteAsync(Id, K1, Start); // no consent yet

        Assert.Equal("LIFE-05", refused.Refusal.RuleId);
        Ok(await _register.ExecuteAsync(Id, K2, Consent));
        Ok(await _register.ExecuteAsync(Id, K1, Start));
        var stored = await StoredAsync();
        Assert.Equal((EpisodeState.Assessing, 3), (stored.State, stored.Version));
        Assert.Equal(K1, stored.Events[2].IdempotencyKey);
    }

    [Fact]
    public async Task Two_executions_with_the_same_key_interleaved_record_one_event_and_both_succeed()
    {
        // The second request loads, runs and saves between the first one's load and its save: the first's save conflicts,
        // its retry reloads, finds the key, and returns the earlier outcome instead of recording again.
        var runs = 0;
        Result? inner = null;
        var outer = await _register.ExecuteAsync(Id, K1, e =>
        {
            if (runs++ == 0)
            {
                inner = _register.ExecuteAsync(Id, K1, Consent).AsTask().Result;
            }

            return Consent(e);
        });

        Ok(outer);
        Ok(inner!.Value);
        Assert.Equal(2, runs); // the retry found the key: the command was only asked which event it records (the probe)
        var stored = await StoredAsync();
        Assert.Equal(2, stored.Version);
        Assert.Single(stored.Events, e => e.IdempotencyKey == K1);
    }

    [Fact]
    public async Task A_multi_event_command_keys_its_first_event_only_and_replays_as_one()
    {
        var plan = _seeds.Assessed();
        Ok(plan.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        var store = new InMemoryEpisodeRepository(_seeds.Policy);
        Ok(await store.AddAsync(plan));
        var register = new CafRegister(store, _seeds.Policy);
        Result Appoint(CafEpisode e) => e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting),
            new PractitionerId("pr-supervisor"), new Caf.Core.LeadProfessional.FamilyAgreement("Mother agreed at the TAC meeting."), "Sees the family weekly.");

        Ok(await register.ExecuteAsync(plan.Id, K1, Appoint));
        Ok(await register.ExecuteAsync(plan.Id, K1, Appoint));

        var stored = (await store.GetAsync(plan.Id))!;
        Assert.Equal(plan.Version + 3, stored.Version);
        Assert.Equal([K1, null, null], stored.Events.Skip(plan.Version).Select(e => e.IdempotencyKey));
    }

    [Fact]
    public async Task Misuse_a_default_key_throws_ArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await _register.ExecuteAsync(Id, default(IdempotencyKey), Consent));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _register.ExecuteAsync(Id, default(IdempotencyKey), e => Result.Success(1)));
        Assert.Equal(1, (await StoredAsync()).Version);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void LIFE11_a_forged_history_holding_a_key_twice_is_refused_on_reading_with_the_path()
    {
        var e = _seeds.Identified();
        Ok(Consent(e));
        Ok(e.RecordConsent(Teacher, MotherVerbal() with { GiverName = "Father" }, "The father consents too."));
        var forged = e.Events.Select((x, i) => i == 0 ? x : x with { IdempotencyKey = K1 }).ToList();

        var rebuild = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(_seeds.Policy, forged));
        var json = EpisodeJson.Serialize(e).Replace("\"reason\":\"The father consents too.\"", "\"reason\":\"The father consents too.\",\"idempotencyKey\":\"form-7f3a\"", StringComparison.Ordinal)
            .Replace("\"reason\":\"Consent to assess and share with partner agencies.\"", "\"reason\":\"Consent to assess and share with partner agencies.\",\"idempotencyKey\":\"form-7f3a\"", StringComparison.Ordinal);
        var read = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, json));

        Assert.Contains("history[2]", rebuild.Message, StringComparison.Ordinal);
        Assert.Contains("LIFE-11", rebuild.Message, StringComparison.Ordinal);
        Assert.Equal("$.events[2]", read.Path);
        Assert.Contains("[LIFE-11]", read.Message, StringComparison.Ordinal);
        Assert.Contains("form-7f3a", read.Message, StringComparison.Ordinal);
        Assert.Equal(3, CafEpisode.Rebuild(_seeds.Policy, forged.Select((x, i) => i == 2 ? x with { IdempotencyKey = K2 } : x)).Version); // distinct keys read
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void LIFE11_the_pipeline_refuses_to_key_a_live_event_with_a_key_the_episode_holds()
    {
        // Beneath the register's own check: an instance asked to key its next event with a key it already holds refuses.
        var e = _seeds.Identified();
        e.KeyNextEvent(K1);
        Ok(Consent(e));
        e.KeyNextEvent(K1);

        var again = Consent(e);

        Assert.Equal(("LIFE-11", "idempotencyKey"), (again.Refusal.RuleId, again.Refusal.Field));
        Assert.Equal(2, e.Version);
    }

    [Fact]
    public void An_event_without_a_key_is_written_as_before_and_one_with_a_key_round_trips()
    {
        var e = _seeds.Identified();
        Ok(Consent(e));
        var plain = EpisodeJson.SerializeEvent(e.Events[1]);
        var keyed = EpisodeJson.SerializeEvent(e.Events[1] with { IdempotencyKey = K1 });

        Assert.DoesNotContain("idempotencyKey", plain, StringComparison.Ordinal);
        Assert.Contains("\"idempotencyKey\":\"form-7f3a\"", keyed, StringComparison.Ordinal);
        Assert.Equal(e.Events[1], EpisodeJson.DeserializeEvent(plain));
        Assert.Equal(K1, EpisodeJson.DeserializeEvent(keyed).IdempotencyKey);
        Assert.NotEqual(e.Events[1], e.Events[1] with { IdempotencyKey = K1 }); // the key is part of the event's value
        Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(keyed.Replace("form-7f3a", "form 7f3a", StringComparison.Ordinal)));
        Assert.Throws<ArgumentException>(() => EpisodeJson.SerializeEvent(e.Events[1] with { IdempotencyKey = default(IdempotencyKey) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" lead")]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("caf\u00e9")]
    [InlineData("new\nline")]
    public void A_key_that_is_empty_or_not_visible_ASCII_is_misuse(string value)
    {
        Assert.Throws<ArgumentException>(() => new IdempotencyKey(value));
        Assert.False(IdempotencyKey.TryParse(value, out _));
    }

    [Fact]
    public void A_key_is_1_to_128_visible_ASCII_characters()
    {
        Assert.Throws<ArgumentNullException>(() => new IdempotencyKey(null!));
        Assert.Throws<ArgumentException>(() => new IdempotencyKey(new string('k', 129)));
        Assert.Equal(128, new IdempotencyKey(new string('k', 128)).Value.Length);
        Assert.Equal("!~", new IdempotencyKey("!~").Value);
        Assert.True(IdempotencyKey.TryParse("3f2b8c1e-9d4a-4e6f-b1a2-7c8d9e0f1a2b", out var uuid));
        Assert.Equal("3f2b8c1e-9d4a-4e6f-b1a2-7c8d9e0f1a2b", uuid.Value);
        Assert.False(IdempotencyKey.TryParse(null, out _));
        Assert.True(default(IdempotencyKey).IsDefault);
    }

    public static class Arbitraries
    {
        public static Arbitrary<int[]> Submissions() => Arb.From(Gen.Choose(0, 4).ArrayOf());
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 100)]
    public bool Any_sequence_of_keyed_submissions_records_one_event_per_distinct_key(int[] submissions)
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        Ok(store.AddAsync(seeds.Identified(Id)).AsTask().Result);
        var register = new CafRegister(store, seeds.Policy);
        foreach (var n in submissions)
        {
            Ok(register.ExecuteAsync(Id, new IdempotencyKey($"form-{n}"), Consent).AsTask().Result);
        }

        var stored = store.GetAsync(Id).AsTask().Result!;
        var keys = stored.Events.Skip(1).Select(e => e.IdempotencyKey!.Value.Value).ToList();
        return keys.SequenceEqual(submissions.Distinct().Select(n => $"form-{n}"));
    }
}
