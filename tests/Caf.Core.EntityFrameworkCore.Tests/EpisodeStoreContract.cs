using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// The store's contract, run on every provider (a subclass per provider). Each test gets a fresh database.
/// Expected values are written by hand.
/// </summary>
public abstract partial class EpisodeStoreContract : IAsyncLifetime
{
    private readonly List<StoreHost> _hosts = [];
    private TestDatabase? _database;

    protected EpisodeStoreContract()
    {
        Time = new FakeTimeProvider(Start);
        Policy = EpisodePolicy.Default(Time, new InMemorySharingAuditLog());
    }

    protected FakeTimeProvider Time { get; }

    protected EpisodePolicy Policy { get; }

    protected RecordingPublisher Publisher { get; } = new();

    protected StoreHost Host { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Host = NewHost();
        await Host.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Another "process" over the same database: its own services and connections.</summary>
    protected StoreHost NewHost(IEpisodeEventPublisher? publisher = null, Action<CafOutboxOptions>? outbox = null, ILoggerFactory? logs = null,
        IMeterFactory? meters = null, Action<IServiceCollection>? extra = null, bool noPublisher = false)
    {
        var host = new StoreHost(_database!, Policy, Time, noPublisher ? null : publisher ?? Publisher, outbox, logs, meters, extra);
        _hosts.Add(host);
        return host;
    }

    [StoreFact]
    public void The_migrations_match_the_model_no_pending_changes()
    {
        using var db = Host.NewContext();
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Equal(db.Database.GetMigrations(), db.Database.GetAppliedMigrations()); // every committed migration applied
    }

    [StoreFact]
    public async Task A_host_that_configures_only_the_provider_gets_a_working_store()
    {
        var services = new ServiceCollection().AddSingleton(Policy);
        services.AddCafEntityFrameworkCore(o => _database!.Use(o)); // no ConfigureDbContext: the provider alone
        await using var provider = services.BuildServiceProvider();
        await provider.MigrateCafDatabaseAsync();

        Ok(await provider.GetRequiredService<IEpisodeRepository>().AddAsync(Identified(Policy, "ep-plain")));

        Assert.Equal(1, (await Host.Repository.GetAsync(new EpisodeId("ep-plain")))!.Version);
    }

    [StoreFact]
    public async Task An_added_episode_loads_back_with_the_same_history()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(episode.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));
        Ok(await Host.Repository.AddAsync(episode));

        var loaded = await NewHost().Repository.GetAsync(new EpisodeId("ep-1"));

        Assert.NotNull(loaded);
        Assert.Equal(2, loaded.Version);
        Assert.Equal(episode.Events, loaded.Events);
        Assert.Null(await Host.Repository.GetAsync(new EpisodeId("ep-none")));
    }

    [Trait("Rule", "REG-01")]
    [StoreFact]
    public async Task REG01_a_second_open_episode_for_the_child_is_refused_and_a_taken_id_too()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));

        var second = await Host.Repository.AddAsync(Identified(Policy, "ep-2"));
        var sameId = await Host.Repository.AddAsync(Identified(Policy, "ep-1", child: "child-002"));

        Assert.Equal("REG-01", second.Refusal.RuleId);
        Assert.Contains("ep-1", second.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(StoreCodes.DuplicateId, sameId.Refusal.RuleId);
    }

    [Trait("Rule", "REG-01")]
    [StoreFact]
    public async Task REG01_the_database_itself_refuses_a_second_open_row_for_a_child()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        await using var db = Host.NewContext();
        var copy = EpisodeSummary.Of(Identified(Policy, "ep-2"));
        var entry = db.Add(copy);
        entry.Property<string>("Snapshot").CurrentValue = "{}";
        entry.Property<string>("HistoryHash").CurrentValue = new string('0', 64);

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Trait("Rule", "REG-01")]
    [StoreFact]
    public async Task REG01_two_processes_registering_the_same_child_at_once_end_with_one_open_episode()
    {
        var a = NewHost();
        var b = NewHost();
        for (var round = 0; round < 8; round++)
        {
            var child = $"child-race-{round}";
            var results = await Task.WhenAll(
                Task.Run(async () => await a.Repository.AddAsync(Identified(Policy, $"ep-a-{round}", child))),
                Task.Run(async () => await b.Repository.AddAsync(Identified(Policy, $"ep-b-{round}", child))));

            Assert.Equal(1, results.Count(r => r.IsSuccess));
            Assert.Equal("REG-01", Assert.Single(results, r => r.IsRefused).Refusal.RuleId);
            await using var db = Host.NewContext();
            var id = new ChildId(child);
            Assert.Equal(1, await db.Set<EpisodeSummary>().CountAsync(s => s.Child == id && s.IsOpen));
        }
    }

    [StoreFact]
    public async Task A_stale_update_is_refused_and_the_first_writers_events_are_kept()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var first = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        var second = (await NewHost().Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(first.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(second.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));

        Ok(await Host.Repository.UpdateAsync(first, 1));
        var stale = await NewHost().Repository.UpdateAsync(second, 1);

        Assert.Equal(StoreCodes.Concurrency, stale.Refusal.RuleId);
        var stored = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        Assert.Equal(first.Events, stored.Events);
        Assert.True(stored.IsOpen);
        await using var db = Host.NewContext();
        var types = await db.Set<EpisodeEventRow>().Where(r => r.EpisodeId == new EpisodeId("ep-1")).OrderBy(r => r.Sequence).Select(r => r.Type).ToListAsync();
        Assert.Equal(["concern-identified", "consent-recorded"], types);
    }

    [StoreFact]
    public async Task An_update_of_a_missing_episode_or_of_another_history_is_refused()
    {
        var missing = Identified(Policy, "ep-missing");
        Assert.Equal(StoreCodes.NotFound, (await Host.Repository.UpdateAsync(missing, 1)).Refusal.RuleId);

        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        Time.Advance(TimeSpan.FromMinutes(5));
        var impostor = Identified(Policy, "ep-1"); // same id, same length, another history (a later concern)
        Ok(impostor.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));

        Assert.Equal(StoreCodes.HistoryMismatch, (await Host.Repository.UpdateAsync(impostor, 1)).Refusal.RuleId);
        Assert.Equal(1, (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!.Version);
    }

    [Trait("Rule", "REG-03")]
    [StoreFact]
    public async Task A_multi_episode_update_with_one_stale_episode_saves_none()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1", "child-001")));
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
        var one = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        var two = (await Host.Repository.GetAsync(new EpisodeId("ep-2")))!;
        var twoElsewhere = (await Host.Repository.GetAsync(new EpisodeId("ep-2")))!;
        Ok(twoElsewhere.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(twoElsewhere, 1));
        Ok(one.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(two.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));

        var result = await Host.Repository.UpdateManyAsync([new EpisodeUpdate(one, 1), new EpisodeUpdate(two, 1)]);

        Assert.Equal(StoreCodes.Concurrency, result.Refusal.RuleId);
        Assert.Equal(1, (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!.Version);
        Assert.Equal(3, await CountAsync<OutboxRow>());   // ep-1's opening; ep-2's opening and consent
    }

    [StoreFact]
    public async Task A_crash_after_the_events_are_written_but_before_commit_leaves_nothing()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var episode = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));

        Host.Fault.Armed = true;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Host.Repository.UpdateAsync(episode, 1));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
        Host.Fault.Armed = false;

        Assert.Equal(1, (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!.Version);
        Assert.Null(await Host.Repository.GetAsync(new EpisodeId("ep-2")));
        Assert.Equal(1, await CountAsync<EpisodeEventRow>());
        Assert.Equal(1, await CountAsync<OutboxRow>());
        Ok(await Host.Repository.UpdateAsync(episode, 1)); // and the same save succeeds afterwards
        await AssertSnapshotsMatchEventsAsync();
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task A_save_writes_only_the_new_events_the_episode_row_the_report_row_and_the_outbox_rows()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.AddAsync(episode));
        Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));
        Ok(episode.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));

        Host.Commands.Recording = true;
        Host.Commands.RowsWritten = 0;
        Ok(await Host.Repository.UpdateAsync(episode, 2)); // two new events on a stored history of two
        Host.Commands.Recording = false;

        var sql = string.Join("\n", Host.Commands.Commands).Replace("\"", "", StringComparison.Ordinal);
        // Identifiers are quoted on SQLite and bare on PostgreSQL; EF Core may batch the two rows of a table in one INSERT.
        Assert.InRange(Occurrences(sql, "INSERT INTO caf_episode_events "), 1, 2);
        Assert.InRange(Occurrences(sql, "INSERT INTO caf_outbox "), 1, 2);
        Assert.Equal(1, Occurrences(sql, "UPDATE caf_episodes "));
        Assert.Equal(1, Occurrences(sql, "UPDATE caf_episode_report_rows "));
        Assert.Equal(0, Occurrences(sql, "UPDATE caf_episode_events ") + Occurrences(sql, "DELETE") + Occurrences(sql, "UPDATE caf_outbox "));
        // Rows written: 2 events + 2 outbox rows + the episode row + the report row. The stored history is not rewritten.
        Assert.Equal(6, Host.Commands.RowsWritten);
        Assert.Equal(4, await CountAsync<EpisodeEventRow>());
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Stored_events_cannot_be_changed_in_the_database()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        await using var db = Host.NewContext();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_episode_events SET json = 'x'"));

        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task A_reader_sees_snapshots_that_agree_with_the_events_while_writers_save()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var writer = Task.Run(async () =>
        {
            var e = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
            Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
            Ok(await Host.Repository.UpdateAsync(e, 1));
            Ok(e.StartAssessment(Teacher, "The family agreed to an assessment."));
            Ok(await Host.Repository.UpdateAsync(e, 2));
        });
        var reader = NewHost();
        while (!writer.IsCompleted)
        {
            var seen = (await reader.Repository.GetAsync(new EpisodeId("ep-1")))!;
            Assert.InRange(seen.Version, 1, 3);
        }

        await writer;
        await AssertSnapshotsMatchEventsAsync();
    }

    [StoreFact]
    public async Task A_specification_becomes_WHERE_ORDER_BY_and_LIMIT_OFFSET_in_SQL()
    {
        await using var db = Host.NewContext();

        var sql = EntityFrameworkEpisodeRepository<CafDbContext>.Query(db, new OpenNewestFirst(1, 2)).ToQueryString();

        Assert.Contains("WHERE", sql, StringComparison.Ordinal);
        Assert.Contains("ORDER BY", sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", sql, StringComparison.Ordinal);
        Assert.Contains("OFFSET", sql, StringComparison.Ordinal);
    }

    [Trait("Rule", "REG-02")]
    [StoreFact]
    public async Task A_specification_lists_the_matching_summaries_in_order_and_paged()
    {
        for (var i = 1; i <= 5; i++)
        {
            Ok(await Host.Repository.AddAsync(Identified(Policy, $"ep-{i}", $"child-{i}")));
            Time.Advance(TimeSpan.FromDays(1));
        }

        var closing = (await Host.Repository.GetAsync(new EpisodeId("ep-4")))!;
        Ok(closing.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));
        Ok(await Host.Repository.UpdateAsync(closing, 1));

        var page = await Host.Store.ListAsync(new OpenNewestFirst(1, 2));
        var viaPort = await Host.Repository.ListAsync(new OpenNewestFirst(1, 2));

        // Open: 1, 2, 3, 5; newest first: 5, 3, 2, 1; skip 1, take 2.
        Assert.Equal(["ep-3", "ep-2"], page.Select(s => s.Id.Value));
        Assert.Equal(["ep-3", "ep-2"], viaPort.Select(s => s.Id.Value));
        Assert.Equal(EpisodeSummary.Of((await Host.Repository.GetAsync(new EpisodeId("ep-3")))!), page[0]);
    }

    [Trait("Rule", "REG-02")]
    [StoreFact]
    public async Task The_shipped_register_specifications_translate_and_agree_with_the_in_memory_store()
    {
        var reference = new InMemoryEpisodeRepository(Policy);
        for (var i = 1; i <= 4; i++)
        {
            var e = Identified(Policy, $"ep-{i}", $"child-{i}");
            Ok(await Host.Repository.AddAsync(e));
            Ok(await reference.AddAsync(Identified(Policy, $"ep-{i}", $"child-{i}")));
            Time.Advance(TimeSpan.FromDays(1));
        }

        foreach (var store in new IEpisodeRepository[] { Host.Repository, reference })
        {
            var closing = (await store.GetAsync(new EpisodeId("ep-3")))!;
            Ok(closing.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));
            Ok(await store.UpdateAsync(closing, 1));
        }

        ISpecification<EpisodeSummary>[] specs =
        [
            new OpenEpisodesByLeadProfessionalAgencySpec(School),
            new OpenEpisodesOfChildSpec(new ChildId("child-3")),
            new EpisodesOfChildSpec(new ChildId("child-3")),
            new ClosedBetweenSpec(Start, Start.AddDays(30)),
            new DueForDisposalSpec(new DateOnly(2200, 1, 1)),
            new ReviewDueBeforeSpec(new DateOnly(2200, 1, 1)),
        ];
        string[][] expected = [["ep-1", "ep-2", "ep-4"], [], ["ep-3"], ["ep-3"]];
        for (var i = 0; i < specs.Length; i++)
        {
            var stored = await Host.Repository.ListAsync(specs[i]);
            Assert.Equal(await reference.ListAsync(specs[i]), stored);
            if (i < expected.Length)
            {
                Assert.Equal(expected[i], stored.Select(s => s.Id.Value));
            }
        }
    }

    [Trait("Rule", "REV-05")]
    [StoreFact]
    public async Task REV05_the_review_due_specification_translates_and_agrees_with_the_in_memory_store()
    {
        var reference = new InMemoryEpisodeRepository(Policy);
        foreach (var store in new IEpisodeRepository[] { Host.Repository, reference })
        {
            Ok(await store.AddAsync(PlanActive(Policy, "ep-1", "child-1", firstReviewInDays: 42)));
            Ok(await store.AddAsync(PlanActive(Policy, "ep-2", "child-2", firstReviewInDays: 20)));
            Ok(await store.AddAsync(Identified(Policy, "ep-3", "child-3"))); // no plan: no review due
            var closed = PlanActive(Policy, "ep-4", "child-4", firstReviewInDays: 10);
            Ok(closed.StepUp(Teacher, new SpecialistService("Children's social care"), "Disclosure of significant harm."));
            Ok(await store.AddAsync(closed)); // closed: no review due any more
        }

        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        (DateOnly Before, string[] Expected)[] cases =
        [
            (today.AddDays(20), []),                 // ep-2 is due on that day, not before it
            (today.AddDays(21), ["ep-2"]),
            (today.AddDays(43), ["ep-2", "ep-1"]),  // the earliest due first
        ];
        foreach (var (before, expected) in cases)
        {
            var stored = await Host.Repository.ListAsync(new ReviewDueBeforeSpec(before));
            Assert.Equal(expected, stored.Select(s => s.Id.Value));
            Assert.Equal(await reference.ListAsync(new ReviewDueBeforeSpec(before)), stored);
        }
    }

    [StoreFact]
    public async Task A_criterion_the_database_cannot_translate_fails_instead_of_running_in_memory()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Host.Store.ListAsync(new ReviewOverdue()));
        await Assert.ThrowsAsync<NotSupportedException>(async () => await Host.Store.ListAsync(new SearchByGroup()));
    }

    [Trait("Rule", "SHARE-03")]
    [StoreFact]
    public async Task SHARE03_the_audit_log_keeps_every_decision_and_refuses_changes()
    {
        var entry = new SharingAuditEntry(new EpisodeId("ep-1"), HealthVisiting, SharingPurpose.Assessment,
            new SharingDecision(false, "CONS-05", "The family excluded this agency."), Teacher, Start);

        Host.Audit.Record(entry);
        NewHost().Audit.Record(entry with { DecidedAt = Start.AddHours(1) });

        var stored = await Host.Audit.ReadAsync(new EpisodeId("ep-1"));
        Assert.Equal(2, stored.Count);
        Assert.False(stored[0].Granted);
        Assert.Equal("CONS-05", stored[0].RuleId);
        Assert.Equal(HealthVisiting, stored[0].Agency);
        Assert.Equal(Start, stored[0].DecidedAt);
        Assert.Equal(Start.AddHours(1), stored[1].DecidedAt);
        await using var db = Host.NewContext();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_sharing_audit SET granted = TRUE"));
    }

    [StoreFact]
    public async Task The_outbox_delivers_each_saved_event_once_in_order_with_a_stable_id()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode));
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(episode, 1));

        var result = await Host.Outbox.DispatchPendingAsync();
        var again = await Host.Outbox.DispatchPendingAsync();

        Assert.Equal(new OutboxDispatchResult(2, 0, 0), result);
        Assert.Equal(new OutboxDispatchResult(0, 0, 0), again);
        Assert.Equal(["ep-1#0", "ep-1#1"], Publisher.Delivered.Select(e => e.EventId));
        Assert.Equal(["concern-identified", "consent-recorded"], Publisher.Delivered.Select(e => e.EventType));
        Assert.Equal(episode.Events, Publisher.Delivered.Select(e => e.Event));
    }

    [StoreFact]
    public async Task A_publisher_that_throws_leaves_the_event_pending_and_it_is_retried_after_the_back_off()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode));
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(episode, 1));
        Publisher.Failing = true;

        Assert.Equal(new OutboxDispatchResult(0, 1, 1), await Host.Outbox.DispatchPendingAsync());
        Publisher.Failing = false;
        Assert.Equal(new OutboxDispatchResult(0, 0, 2), await Host.Outbox.DispatchPendingAsync()); // in back-off (10 s)
        Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));
        Ok(await Host.Repository.UpdateAsync(episode, 2)); // saving is not blocked by the failing publisher
        Assert.Equal(3, await Host.Outbox.CountPendingAsync());
        Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(new OutboxDispatchResult(3, 0, 0), await Host.Outbox.DispatchPendingAsync());
        Assert.Equal(["ep-1#0", "ep-1#1", "ep-1#2"], Publisher.Delivered.Select(e => e.EventId));
        Assert.Equal(2, Publisher.Delivered.First().Attempt);
    }

    [StoreFact]
    public async Task A_process_that_stops_between_commit_and_publish_delivers_on_the_next_dispatch()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        await Host.DisposeAsync(); // the process stops: nothing was published

        var restarted = new RecordingPublisher();
        var next = NewHost(restarted);
        Assert.Equal(new OutboxDispatchResult(1, 0, 0), await next.Outbox.DispatchPendingAsync());
        Assert.Equal("ep-1#0", Assert.Single(restarted.Delivered).EventId);
        Assert.Empty(Publisher.Delivered);
    }

    protected async Task<int> CountAsync<T>()
        where T : class
    {
        await using var db = Host.NewContext();
        return await db.Set<T>().CountAsync();
    }

    private async Task AssertSnapshotsMatchEventsAsync()
    {
        await using var db = Host.NewContext();
        foreach (var id in await db.Set<EpisodeSummary>().Select(s => s.Id).ToListAsync())
        {
            var episode = (await Host.Repository.GetAsync(id))!;
            var events = await db.Set<EpisodeEventRow>().Where(r => r.EpisodeId == id).OrderBy(r => r.Sequence).Select(r => r.Json).ToListAsync();
            Assert.Equal(episode.Events, events.Select(EpisodeJson.DeserializeEvent));
        }
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class OpenNewestFirst : Specification<EpisodeSummary>
    {
        public OpenNewestFirst(int skip, int take) => Query.Where(s => s.IsOpen).OrderByDescending(s => s.OpenedAt).Skip(skip).Take(take);
    }

    private sealed class ReviewOverdue : Specification<EpisodeSummary>
    {
        public ReviewOverdue() => Query.Where(s => s.IsReviewOverdueOn(new DateOnly(2026, 1, 1)));
    }

    private sealed class SearchByGroup : Specification<EpisodeSummary>
    {
        public SearchByGroup() => Query.Search(s => s.FamilyGroup!, "%smith%");
    }
}

public sealed class SqliteEpisodeStoreTests : EpisodeStoreContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());

    [Fact]
    public async Task The_file_is_in_WAL_mode_with_FULL_sync_by_default_and_NORMAL_when_asked()
    {
        await using var database = new SqliteTestDatabase();
        var relaxed = new ServiceCollection().AddSingleton(Policy)
            .AddCafEntityFrameworkCore(o => o.UseSqlite(database.ConnectionString, sqlite => sqlite.UseSynchronousNormal())).BuildServiceProvider();
        await using (relaxed)
        {
            await relaxed.MigrateCafDatabaseAsync();
            Assert.Equal((1L, "wal"), await PragmasAsync(relaxed.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContext()));
        }

        Assert.Equal((2L, "wal"), await PragmasAsync(Host.NewContext())); // SQLite's default, FULL
    }

    private static async Task<(long Synchronous, string JournalMode)> PragmasAsync(CafDbContext db)
    {
        await using (db)
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var sync = connection.CreateCommand();
            sync.CommandText = "PRAGMA synchronous;";
            var synchronous = (long)(await sync.ExecuteScalarAsync())!;
            await using var journal = connection.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode;";
            return (synchronous, (string)(await journal.ExecuteScalarAsync())!);
        }
    }
}

[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases (.ci/run does)")]
public sealed class PostgresEpisodeStoreTests : EpisodeStoreContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
