using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Register;

/// <summary>
/// Issue 12, "commands that cannot be lost": <see cref="CafRegister.ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, CancellationToken)"/>
/// loads, runs the command, saves with the expected version and retries a bounded number of times on a conflict.
/// </summary>
public class ExecuteAsyncTests
{
    private static readonly EpisodeId Id = new("ep-1");
    private readonly Seeds _seeds = new();
    private readonly InMemoryEpisodeRepository _store;

    public ExecuteAsyncTests()
    {
        _store = new InMemoryEpisodeRepository(_seeds.Policy);
        Ok(_store.AddAsync(_seeds.Identified(Id)).AsTask().Result); // version 1: ConcernIdentified
    }

    private static Result ConsentAndStart(CafEpisode e)
    {
        var consent = e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family.");
        return consent.IsRefused ? consent : e.StartAssessment(Teacher, "The family agreed to an assessment.");
    }

    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task The_trap_of_issue_12_commands_run_on_a_loaded_episode_and_never_saved_leave_the_register_unchanged()
    {
        // The lower-level path without the save: the episode changes in memory only.
        var register = new CafRegister(_store, _seeds.Policy);
        var loaded = (await _store.GetAsync(Id))!;
        Ok(ConsentAndStart(loaded));
        Assert.Equal(EpisodeState.Assessing, loaded.State);

        var held = await register.FindOpenForCoordinatorAsync(TestIds.Child);
        Assert.Equal((EpisodeState.Identified, 1), (held!.State, held.Version)); // what the issue reported
    }

    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task Through_ExecuteAsync_the_register_holds_what_the_command_did()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        var result = await register.ExecuteAsync(Id, ConsentAndStart);

        Ok(result);
        var held = await register.FindOpenForCoordinatorAsync(TestIds.Child);
        Assert.Equal((EpisodeState.Assessing, 3), (held!.State, held.Version));
        Assert.Equal(EpisodeState.Assessing, (await _store.GetAsync(Id))!.State);
    }

    [Trait("Rule", "LIFE-05")]
    [Fact]
    public async Task LIFE05_a_refused_command_is_returned_and_nothing_is_saved()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        var result = await register.ExecuteAsync(Id, e => e.StartAssessment(Teacher, "The family agreed to an assessment.")); // no consent yet

        Assert.Equal("LIFE-05", result.Refusal.RuleId);
        Assert.Equal(1, (await _store.GetAsync(Id))!.Version);
    }

    [Fact]
    public async Task A_command_that_changed_the_episode_and_then_refused_saves_none_of_its_changes()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        var result = await register.ExecuteAsync(Id, e =>
        {
            Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
            return Result.Refused("HOST-01", "The host's own check failed.", "form");
        });

        Assert.Equal("HOST-01", result.Refusal.RuleId);
        Assert.Equal(1, (await _store.GetAsync(Id))!.Version);
    }

    [Fact]
    public async Task An_unknown_episode_is_STORE_NOT_FOUND_and_the_command_is_not_run()
    {
        var register = new CafRegister(_store, _seeds.Policy);
        var runs = 0;

        var result = await register.ExecuteAsync(new EpisodeId("ep-missing"), e => { runs++; return Result.Ok; });

        Assert.Equal(StoreCodes.NotFound, result.Refusal.RuleId);
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task A_concurrent_writer_makes_the_save_conflict_then_the_command_is_re_run_on_the_reloaded_episode()
    {
        var register = new CafRegister(_store, _seeds.Policy);
        var runs = 0;
        var versionsSeen = new List<int>();

        var result = await register.ExecuteAsync(Id, e =>
        {
            runs++;
            versionsSeen.Add(e.Version);
            if (runs == 1)
            {
                // Another practitioner saves the father's consent between our load and our save.
                var other = _store.GetAsync(Id).AsTask().Result!;
                Ok(other.RecordConsent(Teacher, MotherVerbal() with { GiverName = "Father" }, "Consent recorded with the family."));
                Ok(_store.UpdateAsync(other, 1).AsTask().Result);
            }

            return ConsentAndStart(e);
        });

        Ok(result);
        Assert.Equal(2, runs);
        Assert.Equal([1, 2], versionsSeen);                                   // re-run on the reloaded episode
        var stored = (await _store.GetAsync(Id))!;
        Assert.Equal((EpisodeState.Assessing, 4), (stored.State, stored.Version)); // both writers' events kept
        Assert.Equal(["Father", "Ms Smith"], stored.Consent.Records.Select(r => r.GiverName));
    }

    [Fact]
    public async Task Conflicts_are_retried_a_bounded_number_of_times_then_STORE_CONCURRENCY()
    {
        var conflicting = new AlwaysConflicting(_store);
        var register = new CafRegister(conflicting, _seeds.Policy, new StorageOptions { ConcurrencyRetries = 2 });
        var runs = 0;

        var result = await register.ExecuteAsync(Id, e => { runs++; return ConsentAndStart(e); });

        Assert.Equal(StoreCodes.Concurrency, result.Refusal.RuleId);
        Assert.Contains("3 times", result.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(3, runs);                 // the first attempt and 2 retries
        Assert.Equal(3, conflicting.Updates);
        Assert.Equal(1, (await _store.GetAsync(Id))!.Version);
    }

    [Fact]
    public async Task With_no_retries_a_conflict_is_returned_at_once()
    {
        var conflicting = new AlwaysConflicting(_store);
        var register = new CafRegister(conflicting, _seeds.Policy, new StorageOptions { ConcurrencyRetries = 0 });
        var runs = 0;

        var result = await register.ExecuteAsync(Id, e => { runs++; return ConsentAndStart(e); });

        Assert.Equal(StoreCodes.Concurrency, result.Refusal.RuleId);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_command_that_changes_nothing_is_not_saved()
    {
        var counting = new AlwaysConflicting(_store);
        var register = new CafRegister(counting, _seeds.Policy);

        Ok(await register.ExecuteAsync(Id, _ => Result.Ok));

        Assert.Equal(0, counting.Updates);
    }

    [Fact]
    public async Task A_command_that_throws_saves_nothing_and_the_exception_reaches_the_caller()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await register.ExecuteAsync(Id, e =>
        {
            Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
            throw new InvalidOperationException("host bug");
        }));

        Assert.Equal(1, (await _store.GetAsync(Id))!.Version);
    }

    [Fact]
    public async Task The_value_variant_returns_the_commands_value_once_saved()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        var result = await register.ExecuteAsync(Id, e =>
        {
            var done = ConsentAndStart(e);
            return done.IsRefused ? Result<EpisodeState>.Refused(done.Refusal) : Result.Success(e.State);
        });

        Assert.Equal(EpisodeState.Assessing, result.Value);
        Assert.Equal(3, (await _store.GetAsync(Id))!.Version);
    }

    [Fact]
    public async Task The_value_variant_returns_a_refusal_and_saves_nothing()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        var result = await register.ExecuteAsync(Id, e => Result<int>.Refused("HOST-02", "No.", "x"));

        Assert.Equal("HOST-02", result.Refusal.RuleId);
        Assert.Equal(1, (await _store.GetAsync(Id))!.Version);
    }

    [Fact]
    public async Task Misuse_throws_at_the_boundary()
    {
        var register = new CafRegister(_store, _seeds.Policy);

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await register.ExecuteAsync(Id, (Func<CafEpisode, Result>)null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await register.ExecuteAsync(default, _ => Result.Ok));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await register.ExecuteAsync<int>(Id, null!));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await register.ExecuteAsync(Id, _ => default(Result)));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await register.ExecuteAsync(Id, _ => default(Result<int>)));
        Assert.ThrowsAny<ArgumentException>(() => new CafRegister(_store, _seeds.Policy, null!));
        Assert.ThrowsAny<ArgumentException>(() => new CafRegister(_store, _seeds.Policy, new StorageOptions { ConcurrencyRetries = -1 }));
    }

    [Fact]
    public async Task The_retry_count_comes_from_configuration_through_AddCafCore()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Caf:Storage:ConcurrencyRetries", "1")]).Build();
        var conflicting = new AlwaysConflicting(_store);
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(_seeds.Time)
            .AddSingleton<ISharingAuditLog>(_seeds.Audit)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddSingleton<IEpisodeRepository>(conflicting)
            .AddCafCore(config.GetSection(CafOptions.SectionName))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var runs = 0;

        var result = await provider.GetRequiredService<CafRegister>().ExecuteAsync(Id, e => { runs++; return ConsentAndStart(e); });

        Assert.Equal(StoreCodes.Concurrency, result.Refusal.RuleId);
        Assert.Equal(2, runs);
    }

    [Fact]
    public void The_retry_option_defaults_to_3_and_is_validated()
    {
        Assert.Equal(3, new CafOptions().Storage.ConcurrencyRetries);
        var options = new CafOptions();
        options.Storage.ConcurrencyRetries = 101;
        Assert.Contains(options.Validate(), p => p.Contains("Storage.ConcurrencyRetries", StringComparison.Ordinal));
        options.Storage.ConcurrencyRetries = -1;
        Assert.Contains(options.Validate(), p => p.Contains("Storage.ConcurrencyRetries", StringComparison.Ordinal));
    }

    /// <summary>A store whose every save loses the race (someone else always saved first); counts the saves attempted.</summary>
    private sealed class AlwaysConflicting(IEpisodeRepository inner) : IEpisodeRepository
    {
        public int Updates { get; private set; }

        public ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default)
        {
            Updates++;
            return new(Result.Refused(StoreCodes.Concurrency, "Someone else saved first.", "version"));
        }

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, cancellationToken);

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);
    }
}
