using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

/// <summary>
/// Issue 29: one database, several authorities, each with its own policy (retention 5, 7 or 10 years); every store is
/// resolved as a keyed service per authority (<c>o.PerAuthority()</c>). Expected values are written by hand or come
/// from what the test itself added, never from the store under test.
/// </summary>
public abstract partial class AuthorityIsolationContract : IAsyncLifetime
{
    protected static readonly AuthorityId Leeds = new("leeds");
    protected static readonly AuthorityId York = new("york");
    protected static readonly AuthorityId Hull = new("hull");

    private TestDatabase? _database;
    private ServiceProvider? _services;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected RecordingPublisher Publisher { get; } = new();

    protected IServiceProvider Services => _services!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Further store options (the row-level-security subclass turns it on).</summary>
    protected virtual void Configure(CafEntityFrameworkCoreOptions options)
    {
    }

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IEpisodeEventPublisher>(Publisher);
        services.AddSingleton<IEpisodeReportProjector>(Projector);
        services.AddSingleton(PolicyFor(AuthorityId.Default));
        // By hand here (core registers one per declared authority): each authority's policy differs in retention.
        services.AddKeyedSingleton<EpisodePolicy>(KeyedService.AnyKey, (_, key) => PolicyFor((AuthorityId)key!));
        services.AddCafEntityFrameworkCore(o =>
        {
            _database.Use(o);
            o.PerAuthority();
            Configure(o);
        });
        _services = services.BuildServiceProvider(validateScopes: true);
        await _services.MigrateCafDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Leeds-like authorities keep records 5 years, York-like 7, Hull-like 10 (the default authority 5).</summary>
    protected EpisodePolicy PolicyFor(AuthorityId authority)
    {
        var years = authority.Value.StartsWith("york", StringComparison.Ordinal) ? 7
            : authority.Value.StartsWith("hull", StringComparison.Ordinal) ? 10 : 5;
        var options = new Configuration.CafOptions();
        options.Retention.RetentionYears = years;
        return new EpisodePolicy(options, Time, EpisodePolicy.Default(Time, new InMemorySharingAuditLog()).Sharing) { Authority = authority };
    }

    protected IEpisodeRepository Repository(AuthorityId authority) => Services.GetRequiredKeyedService<IEpisodeRepository>(authority);

    protected IEpisodeReportStore Reports(AuthorityId authority) => Services.GetRequiredKeyedService<IEpisodeReportStore>(authority);

    protected IEpisodeStoreVerifier Verifier(AuthorityId authority) => Services.GetRequiredKeyedService<IEpisodeStoreVerifier>(authority);

    protected EntityFrameworkSharingAuditLog<CafDbContext> Audit(AuthorityId authority) =>
        (EntityFrameworkSharingAuditLog<CafDbContext>)Services.GetRequiredKeyedService<ISharingAuditLog>(authority);

    protected IReadAuditLog Reads(AuthorityId authority) => Services.GetRequiredKeyedService<IReadAuditLog>(authority);

    protected EpisodeOutbox<CafDbContext> Outbox(AuthorityId authority) => Services.GetRequiredKeyedService<EpisodeOutbox<CafDbContext>>(authority);

    protected IPanelBookingStore Panels(AuthorityId authority) => Services.GetRequiredKeyedService<IPanelBookingStore>(authority);

    protected CafEpisode Opened(AuthorityId authority, string id, string child = "child-001") =>
        Identified(PolicyFor(authority), id, child);

    [Trait("Rule", "REG-01")]
    [StoreFact]
    public async Task Two_authorities_may_both_hold_episode_ep_1_of_the_same_child_and_REG01_holds_per_authority()
    {
        Ok(await Repository(Leeds).AddAsync(Opened(Leeds, "ep-1")));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1")));
        Ok(await Repository(AuthorityId.Default).AddAsync(Opened(AuthorityId.Default, "ep-1")));

        var second = await Repository(Leeds).AddAsync(Opened(Leeds, "ep-2"));
        var duplicate = await Repository(York).AddAsync(Opened(York, "ep-1", child: "child-002"));

        Assert.Equal("REG-01", second.Refusal!.RuleId);
        Assert.Equal(StoreCodes.DuplicateId, duplicate.Refusal!.RuleId);
        var leeds = (await Repository(Leeds).GetAsync(new EpisodeId("ep-1")))!;
        var york = (await Repository(York).GetAsync(new EpisodeId("ep-1")))!;
        Assert.Equal(Leeds, leeds.Authority);
        Assert.Equal(York, york.Authority);
        // Each authority's policy: retention 5 years (Leeds) and 7 years (York) after the same closure rules.
        var summaries = await Repository(York).ListAsync(new EpisodesOfChildSpec(new ChildId("child-001")));
        Assert.Equal([York], summaries.Select(s => s.Authority));
        Assert.Null(await Repository(Hull).GetAsync(new EpisodeId("ep-1")));
    }

    [StoreFact]
    public async Task A_store_refuses_to_write_an_episode_of_another_authority()
    {
        var york = Opened(York, "ep-1");
        Ok(await Repository(York).AddAsync(york));

        await Assert.ThrowsAsync<ArgumentException>(async () => await Repository(Leeds).AddAsync(Opened(York, "ep-9")));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Repository(Leeds).UpdateAsync(york, 1));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Repository(Leeds).UpdateManyAsync([new EpisodeUpdate(york, 1)]));
        Assert.Null(await Repository(Leeds).GetAsync(new EpisodeId("ep-9")));
        Assert.Null(await Repository(York).GetAsync(new EpisodeId("ep-9")));
    }

    [StoreFact]
    public void An_undeclared_key_resolves_no_store()
    {
        Assert.ThrowsAny<Exception>(() => Services.GetRequiredKeyedService<IEpisodeRepository>("leeds")); // a string, not an AuthorityId
        Assert.Equal(Hull, ((EntityFrameworkEpisodeRepository<CafDbContext>)Repository(Hull)).Authority);
    }

    [StoreFact]
    public void The_default_authority_keeps_the_hash_chain_seed_of_before_and_another_authority_has_its_own()
    {
        Assert.Equal(new string('0', 64), EventStaging.Seed(AuthorityId.Default));
        Assert.NotEqual(new string('0', 64), EventStaging.Seed(Leeds));
        Assert.NotEqual(EventStaging.Seed(Leeds), EventStaging.Seed(York));
    }

    [Trait("Rule", "PANEL-03")]
    [StoreFact]
    public async Task Panel_bookings_and_meeting_capacity_are_per_authority()
    {
        var meeting = new PanelMeeting(new PanelId("panel-north"), "north", new DateOnly(2026, 3, 10));
        var capacity = new PanelCapacity(1, 1, 120);
        Ok(await Panels(Leeds).BookAsync(Booking("slot-1", "ep-1", meeting), capacity));
        // York's meeting of the same panel id and date is its own: the slot id and the capacity are free there.
        Ok(await Panels(York).BookAsync(Booking("slot-1", "ep-1", meeting), capacity));

        Assert.Equal("PANEL-03", (await Panels(Leeds).BookAsync(Booking("slot-2", "ep-2", meeting), capacity)).Refusal!.RuleId);
        Assert.Single(await Panels(York).ListAsync(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1)));
        Assert.Empty(await Panels(Hull).ListForEpisodeAsync(new EpisodeId("ep-1")));
        Ok(await Panels(York).CancelAsync(new PanelSlotId("slot-1")));
        Assert.NotNull(await Panels(Leeds).GetAsync(new PanelSlotId("slot-1")));
        Assert.Equal(StoreCodes.NotFound, (await Panels(Hull).CancelAsync(new PanelSlotId("slot-1"))).Refusal!.RuleId);
    }

    private PanelBooking Booking(string slot, string episode, PanelMeeting meeting) =>
        new(new PanelSlotRequest(new PanelSlotId(slot), new PanelReferralId("ref-" + slot), new EpisodeId(episode), "north", PanelSlotOrigin.Referral,
                Start, [School, HealthVisiting]),
            meeting, 30);

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task A_history_copied_under_another_authority_does_not_load_there_and_the_verifier_reports_it()
    {
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1")));
        Ok(await Repository(AuthorityId.Default).AddAsync(Opened(AuthorityId.Default, "ep-2")));

        await CopyRowsAsync(York, Hull, "ep-1"); // seeded chains: York's hash is not Hull's
        await CopyRowsAsync(AuthorityId.Default, Leeds, "ep-2"); // the default chain is not Leeds's either

        await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await Repository(Hull).GetAsync(new EpisodeId("ep-1")));
        await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await Repository(Leeds).GetAsync(new EpisodeId("ep-2")));
        Assert.Single((await Verifier(Hull).VerifyAsync()).Findings);
        Assert.Empty((await Verifier(York).VerifyAsync()).Findings);
        Assert.Equal(1, (await Repository(York).GetAsync(new EpisodeId("ep-1")))!.Version);
    }

    // What someone editing the tables would do: the episode row and its event rows inserted again under another authority.
    private async Task CopyRowsAsync(AuthorityId from, AuthorityId to, string id)
    {
        var episodeId = new EpisodeId(id);
        // Read as the one authority and written as the other (with row-level security, each context sees its own only).
        await using var source = await Contexts(from).CreateDbContextAsync();
        await using var db = await Contexts(to).CreateDbContextAsync();
        var row = await source.Set<EpisodeSummary>().AsNoTracking().Where(s => s.Authority == from && s.Id == episodeId)
            .Select(s => new { Summary = s, Snapshot = EF.Property<string>(s, "Snapshot"), Hash = EF.Property<string>(s, "HistoryHash") })
            .SingleAsync();
        var events = await source.Set<EpisodeEventRow>().AsNoTracking().Where(r => r.Authority == from && r.EpisodeId == episodeId).ToListAsync();
        var entry = db.Entry(row.Summary with { Authority = to });
        entry.State = EntityState.Added;
        entry.Property<string>("Snapshot").CurrentValue = row.Snapshot;
        entry.Property<string>("HistoryHash").CurrentValue = row.Hash;
        foreach (var e in events)
        {
            e.Authority = to;
            db.Add(e);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The context factory the stores of the authority use (contexts marked with it, for row-level security).</summary>
    protected IDbContextFactory<CafDbContext> Contexts(AuthorityId authority) =>
        CafEntityFrameworkCoreServiceCollectionExtensions.Scoped<CafDbContext>(Services, authority);

    /// <summary>Every episode of the authority, in id order (a caseload with no criterion).</summary>
    protected sealed class AllEpisodes : Specification<EpisodeSummary>
    {
        public AllEpisodes() => Query.OrderBy(s => s.Id);
    }

    protected static SharingAuditEntry Decision(EpisodeId episode, string reason) =>
        new(episode, HealthVisiting, SharingPurpose.Assessment, new SharingDecision(false, "CONS-05", reason), Teacher, Start);

    protected static ReadAuditEntry Read(CafEpisode episode, string purpose) =>
        new(episode.Id, episode.Child.Id, Teacher, Start, purpose, LegalBasis.Consent, ReadItems.EpisodeRecord);
}

public sealed class SqliteAuthorityIsolationTests : AuthorityIsolationContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases (.ci/run does)")]
public sealed class PostgresAuthorityIsolationTests : AuthorityIsolationContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
