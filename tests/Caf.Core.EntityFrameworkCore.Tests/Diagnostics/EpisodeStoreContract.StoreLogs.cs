using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 25, the store's log messages (<see cref="CafStoreLogEvents"/>) on each database: event ids and levels, and no
/// child's or family member's name, no child id and no idempotency key in any message. Only the integrity failure names
/// the episode, by its id.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    // What must never appear in a store message: the mother's name, the consent's reason text, child ids, the form's key.
    private static readonly string[] Personal = ["Smith", "Amy", "child-001", "child-002", "form-7f3a", Marker];

    [StoreFact]
    public async Task StoreLogs_a_keyed_save_lost_to_the_same_key_logs_the_conflict_and_the_replay_without_the_key()
    {
        var logs = new CapturingLogs();
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var other = new CafRegister(NewHost().Repository, Policy);
        // Between this register's load and its save, another process applies the same keyed command.
        var interleaved = new AfterFirstLoad(NewHost(logs: logs).Repository, async () => Ok(await other.ExecuteAsync(Ep1, FormKey, GiveConsent)));

        Ok(await new CafRegister(interleaved, Policy).ExecuteAsync(Ep1, FormKey, GiveConsent)); // conflict, then already applied

        var store = StoreEntries(logs);
        Assert.Equal([(LogLevel.Debug, CafStoreLogEvents.SaveConflict), (LogLevel.Information, CafStoreLogEvents.IdempotencyReplay)],
            store.Select(e => (e.Level, e.EventId)));
        AssertNothingPersonal(logs);
    }

    [StoreFact]
    public async Task StoreLogs_a_stale_save_without_a_key_logs_the_conflict_and_no_replay()
    {
        var logs = new CapturingLogs();
        var host = NewHost(logs: logs);
        Ok(await host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var first = (await host.Repository.GetAsync(Ep1))!;
        var stale = (await host.Repository.GetAsync(Ep1))!;
        Ok(GiveConsent(first));
        Ok(await host.Repository.UpdateAsync(first, 1));
        Ok(GiveConsent(stale));

        Assert.Equal(StoreCodes.Concurrency, (await host.Repository.UpdateAsync(stale, 1)).Refusal.RuleId);

        Assert.Equal([CafStoreLogEvents.SaveConflict], StoreEntries(logs).Select(e => e.EventId));
        AssertNothingPersonal(logs);
    }

    [StoreFact]
    public async Task StoreLogs_an_integrity_failure_on_loading_is_an_error_naming_the_episode_and_the_kind_never_the_content()
    {
        await StoreTwoEpisodesAsync();
        await Attacker.RunAsync(Host.NewContext(),
            $"UPDATE caf_episode_events SET json = replace(json, '{Marker}', 'tamper-markes') WHERE episode_id = 'ep-1' AND sequence = 1");
        var logs = new CapturingLogs();

        await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await NewHost(logs: logs).Repository.GetAsync(Ep1));

        var entry = Assert.Single(StoreEntries(logs));
        Assert.Equal((LogLevel.Error, CafStoreLogEvents.IntegrityFailure), (entry.Level, entry.EventId));
        Assert.Contains("ep-1", entry.Message, StringComparison.Ordinal); // the surrogate id: the operator's handle on the row
        Assert.Contains(nameof(EpisodeIntegrityProblem.EventAltered), entry.Message, StringComparison.Ordinal);
        AssertNothingPersonal(logs);
    }

    [StoreFact]
    public async Task StoreLogs_a_database_without_the_migrations_logs_what_is_missing_and_migrating_logs_what_was_applied()
    {
        await using var fresh = await CreateDatabaseAsync(); // never migrated
        var logs = new CapturingLogs();
        await using var host = new StoreHost(fresh, Policy, Time, Publisher, logs: logs);
        int migrations;
        await using (var db = host.NewContext())
        {
            migrations = db.Database.GetMigrations().Count();
        }

        await Assert.ThrowsAnyAsync<Exception>(async () => await host.Repository.GetAsync(Ep1));
        var missing = Assert.Single(StoreEntries(logs));
        Assert.Equal((LogLevel.Error, CafStoreLogEvents.MigrationsPending), (missing.Level, missing.EventId));
        Assert.Contains($"lacks {migrations} migration(s)", missing.Message, StringComparison.Ordinal);

        await host.MigrateAsync();
        var applied = StoreEntries(logs).Last();
        Assert.Equal((LogLevel.Information, CafStoreLogEvents.MigrationsApplied), (applied.Level, applied.EventId));
        Assert.Contains($"Applied {migrations} migration(s)", applied.Message, StringComparison.Ordinal);
        Assert.Null(await host.Repository.GetAsync(Ep1)); // migrated: the store answers
        Assert.Equal(2, StoreEntries(logs).Count); // and logs nothing more
    }

    [StoreFact]
    public void StoreLogs_a_store_with_the_outbox_off_says_so_once()
    {
        var logs = new CapturingLogs();

        _ = NewHost(outbox: o => o.WriteEvents = false, logs: logs).Store;

        var entry = Assert.Single(StoreEntries(logs));
        Assert.Equal((LogLevel.Information, CafStoreLogEvents.OutboxWritesOff), (entry.Level, entry.EventId));
    }

    private static List<(string Category, LogLevel Level, int EventId, string Message)> StoreEntries(CapturingLogs logs) =>
        [.. logs.Entries.Where(e => e.Category == CafStoreLogEvents.Category)];

    private static void AssertNothingPersonal(CapturingLogs logs)
    {
        Assert.NotEmpty(logs.Entries);
        Assert.All(logs.Entries, e => Assert.DoesNotContain(Personal, p => e.Message.Contains(p, StringComparison.Ordinal)));
    }

    /// <summary>Runs <paramref name="between"/> once, after the first load returns and before the caller goes on.</summary>
    private sealed class AfterFirstLoad(IEpisodeRepository inner, Func<Task> between) : IEpisodeRepository
    {
        private Func<Task>? _between = between;

        public async ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default)
        {
            var episode = await inner.GetAsync(id, cancellationToken);
            if (Interlocked.Exchange(ref _between, null) is { } run)
            {
                await run();
            }

            return episode;
        }

        public ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(episode, expectedVersion, cancellationToken);

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, cancellationToken);

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);
    }
}
