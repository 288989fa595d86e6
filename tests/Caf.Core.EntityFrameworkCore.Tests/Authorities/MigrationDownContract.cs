using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

/// <summary>
/// Issue 29, the way back: a database at the latest migration holding the default authority's episodes (events, outbox,
/// report rows, sharing and read audit, panel bookings, child identifiers) goes Down through the authority migrations,
/// one step at a time, to the migration before them, and Up again. At every step every row is still there, unchanged
/// (the authority column aside); at the bottom the schema is the one a database created at that migration has (columns,
/// keys, indexes, checks, guards), and its guards refuse; back at the latest the episodes load, verify and take new
/// events. A database holding rows of another authority refuses to go Down, saying why, and is left as it was.
/// </summary>
public abstract class MigrationDownContract
{
    /// <summary>The migration before authorities existed.</summary>
    protected const string BeforeAuthorities = "SharingAuditCategories";

    private static readonly AuthorityId North = new("north");

    private static readonly string[] Tables =
    [
        "caf_episodes", "caf_episode_events", "caf_outbox", "caf_sharing_audit", "caf_episode_report_rows", "caf_panel_meetings",
        "caf_panel_bookings", "caf_read_audit", "caf_child_identifiers",
    ];

    private readonly FakeTimeProvider _time = new(Start);

    /// <summary>The targets of the steps down, newest first, ending with <see cref="BeforeAuthorities"/>.</summary>
    protected abstract string[] StepsDown { get; }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>The schema as lines (tables' columns, keys, indexes, checks, foreign keys, triggers), sorted.</summary>
    protected abstract Task<List<string>> SchemaAsync(DbConnection connection);

    /// <summary>Further store options (the row-level-security subclass turns it on).</summary>
    protected virtual void Configure(CafEntityFrameworkCoreOptions options)
    {
    }

    /// <summary>Lets the test's own reads see the default authority's rows (row-level security hides them otherwise).</summary>
    protected virtual Task ReadAsDefaultAsync(DbConnection connection) => Task.CompletedTask;

    [StoreFact]
    [Trait("Rule", "LIFE-11")]
    public async Task A_populated_database_goes_down_before_authorities_and_up_again_and_its_episodes_load_and_verify_at_each_step()
    {
        var policy = EpisodePolicy.Default(_time, new InMemorySharingAuditLog());
        await using var database = await CreateDatabaseAsync();
        await using var fresh = await CreateDatabaseAsync();
        await using var host = await HostAsync(database, policy, perAuthority: false);
        var episodes = await PopulateAsync(host, policy);
        await AssertLoadsAndVerifiesAsync(host, episodes);
        var rows = await RowsAsync(host);
        Assert.All(Tables, table => Assert.Contains(rows, r => r.StartsWith(table + ":", StringComparison.Ordinal))); // every table holds rows

        foreach (var step in StepsDown)
        {
            await MigrateAsync(host, step);
            Assert.EndsWith("_" + step, (await AppliedAsync(host))[^1], StringComparison.Ordinal);
            Assert.Equal(rows, await RowsAsync(host)); // nothing lost or changed on the way down
        }

        // At the bottom: the schema of a database created at that migration, and its guards refuse.
        await using (var old = await HostAsync(fresh, policy, perAuthority: false, migrate: false))
        {
            await MigrateAsync(old, BeforeAuthorities);
            var expected = await SchemaOfAsync(old);
            var actual = await SchemaOfAsync(host);
            var differences = string.Join("\n", expected.Except(actual).Select(l => "missing: " + l).Concat(actual.Except(expected).Select(l => "extra: " + l)));
            Assert.True(differences.Length == 0, "The schema after going down differs from a database created at that migration:\n" + differences);
        }

        await using (var db = await NewContextAsync(host))
        {
            Assert.DoesNotContain("authority", await ColumnsAsync(db.Database.GetDbConnection(), "caf_episodes"));
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_episode_events SET type = 'x'"));
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM caf_episode_events"));
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_sharing_audit SET reason = 'x'"));
            await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_read_audit SET purpose = 'x'"));
        }

        // Up again: the same rows, the default authority's; they load, verify and take new events.
        await host.MigrateCafDatabaseAsync();
        Assert.Equal(rows, await RowsAsync(host));
        await AssertLoadsAndVerifiesAsync(host, episodes);
        var repository = host.GetRequiredService<IEpisodeRepository>();
        var amy = (await repository.GetAsync(episodes[0].Id))!;
        Ok(amy.StartAssessment(Teacher, "Assessment agreed with the family."));
        Ok(await repository.UpdateAsync(amy, amy.Version - 1));
        Assert.Equal(amy.Events, (await repository.GetAsync(amy.Id))!.Events);
        Assert.Empty((await host.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>().VerifyAsync()).Findings);
    }

    [StoreFact]
    public Task A_database_holding_another_authoritys_episode_refuses_to_go_down_and_stays_as_it_was() => RefusesAsync("episode");

    [StoreFact]
    public Task A_database_holding_only_a_read_audit_row_of_another_authority_refuses_to_go_down_too() => RefusesAsync("read-audit");

    private async Task RefusesAsync(string what)
    {
        var policy = EpisodePolicy.Default(_time, new InMemorySharingAuditLog());
        await using var database = await CreateDatabaseAsync();
        await using var host = await HostAsync(database, policy, perAuthority: true);
        var episodes = await PopulateAsync(host, policy);
        var northPolicy = host.GetRequiredKeyedService<EpisodePolicy>(North);
        if (what == "episode")
        {
            Ok(await host.GetRequiredKeyedService<IEpisodeRepository>(North).AddAsync(Identified(northPolicy, "ep-north-1", "child-north")));
        }
        else
        {
            await host.GetRequiredKeyedService<IReadAuditLog>(North).RecordAsync(
                [new ReadAuditEntry(new EpisodeId("ep-north-1"), new ChildId("child-north"), Teacher, Start, "Preparing the review", LegalBasis.Consent, ReadItems.EpisodeRecord)]);
        }

        var applied = await AppliedAsync(host);
        var rows = await RowsAsync(host);

        var refused = await Assert.ThrowsAnyAsync<DbException>(() => MigrateAsync(host, BeforeAuthorities));

        Assert.Contains("other than 'default'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot go back before the Authorities migration", refused.Message, StringComparison.Ordinal);
        Assert.Equal(applied, await AppliedAsync(host));
        Assert.Equal(rows, await RowsAsync(host));
        await AssertLoadsAndVerifiesAsync(host, episodes);
    }

    private async Task<List<CafEpisode>> PopulateAsync(ServiceProvider host, EpisodePolicy policy)
    {
        var repository = host.GetRequiredService<IEpisodeRepository>();
        var amy = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-amy"), Child("child-amy") with { NhsNumber = new NhsNumber("9434765919") },
            Teacher, "Falling attendance and withdrawn in class.");
        Ok(amy.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));
        Ok(await repository.AddAsync(amy));
        var ben = PlanActive(policy, "ep-ben", "child-ben", firstReviewInDays: 42);
        Ok(await repository.AddAsync(ben));
        host.GetRequiredService<ISharingAuditLog>().Record(new SharingAuditEntry(amy.Id, HealthVisiting, SharingPurpose.Assessment,
            new SharingDecision(false, "CONS-05", "The family excluded this agency."), Teacher, Start));
        await host.GetRequiredService<IReadAuditLog>().RecordAsync(
            [new ReadAuditEntry(amy.Id, amy.Child.Id, Teacher, Start, "Preparing the review", LegalBasis.Consent, ReadItems.EpisodeRecord)]);
        Ok(await host.GetRequiredService<IPanelBookingStore>().BookAsync(
            new PanelBooking(new PanelSlotRequest(new PanelSlotId("slot-1"), new PanelReferralId("ref-1"), ben.Id, "north", PanelSlotOrigin.Referral, Start, [School]),
                new PanelMeeting(new PanelId("maf"), "north", new DateOnly(2026, 3, 10)), 20),
            new PanelCapacity(2, 2, 120)));
        return [amy, ben];
    }

    private static async Task AssertLoadsAndVerifiesAsync(ServiceProvider host, List<CafEpisode> episodes)
    {
        foreach (var episode in episodes)
        {
            var loaded = (await host.GetRequiredService<IEpisodeRepository>().GetAsync(episode.Id))!;
            Assert.Equal(episode.Events, loaded.Events);
            Assert.Equal(AuthorityId.Default, loaded.Authority);
            Assert.NotNull(await host.GetRequiredService<IEpisodeReportStore>().GetReportRowAsync(episode.Id));
        }

        Assert.Empty((await host.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>().VerifyAsync()).Findings);
        Assert.Equal("The family excluded this agency.",
            Assert.Single(await host.GetRequiredService<EntityFrameworkSharingAuditLog<CafDbContext>>().ReadAsync(episodes[0].Id)).Reason);
        Assert.Single(await host.GetRequiredService<IReadAuditLog>().ReadersOfAsync(episodes[0].Child.Id));
        Assert.NotNull(await host.GetRequiredService<IPanelBookingStore>().GetAsync(new PanelSlotId("slot-1")));
    }

    private async Task<ServiceProvider> HostAsync(TestDatabase database, EpisodePolicy policy, bool perAuthority, bool migrate = true)
    {
        var services = new ServiceCollection().AddSingleton(policy).AddSingleton<TimeProvider>(_time).AddSingleton<IEpisodeReportProjector>(Projector)
            .AddSingleton<IEpisodeEventPublisher>(new RecordingPublisher());
        if (perAuthority)
        {
            services.AddKeyedSingleton<EpisodePolicy>(North, (_, _) => new EpisodePolicy(new Configuration.CafOptions(), _time, policy.Sharing) { Authority = North });
        }

        services.AddCafEntityFrameworkCore(o =>
        {
            database.Use(o);
            Configure(o);
            if (perAuthority)
            {
                o.PerAuthority();
            }
        });
        var provider = services.BuildServiceProvider();
        if (migrate)
        {
            await provider.MigrateCafDatabaseAsync();
        }

        return provider;
    }

    private static async Task MigrateAsync(IServiceProvider host, string target)
    {
        await using var db = await NewContextAsync(host);
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    private static async Task<List<string>> AppliedAsync(IServiceProvider host)
    {
        await using var db = await NewContextAsync(host);
        return [.. await db.Database.GetAppliedMigrationsAsync()];
    }

    private static Task<CafDbContext> NewContextAsync(IServiceProvider host) =>
        host.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync();

    private async Task<List<string>> SchemaOfAsync(IServiceProvider host)
    {
        await using var db = await NewContextAsync(host);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        return await SchemaAsync(connection);
    }

    // Every row of every table as "table: column=value, ...", the authority column left out, sorted.
    private async Task<List<string>> RowsAsync(IServiceProvider host)
    {
        await using var db = await NewContextAsync(host);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await ReadAsDefaultAsync(connection);
        var rows = new List<string>();
        foreach (var table in Tables)
        {
            var columns = (await ColumnsAsync(connection, table)).Where(c => c != "authority").Order(StringComparer.Ordinal).ToList();
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add($"{table}: " + string.Join(", ", columns.Select((c, i) => $"{c}={Text(reader.GetValue(i))}")));
            }
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    private static string Text(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    protected static async Task<List<string>> ColumnsAsync(DbConnection connection, string table)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }

    protected static async Task<List<string>> LinesAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i)))));
        }

        return lines;
    }
}

public sealed class SqliteMigrationDownTests : MigrationDownContract
{
    protected override string[] StepsDown => ["AuthorityRows", "Authorities", "AuthorityPrepare", BeforeAuthorities];

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());

    protected override async Task<List<string>> SchemaAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await LinesAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        foreach (var table in tables)
        {
            // Not the columns' defaults: a column added with ALTER TABLE keeps the default it was added with (existing rows'
            // value), a rebuilt table follows the model, which has none; the store writes every column itself.
            lines.AddRange((await LinesAsync(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')")).Select(l => $"{table} column: {l}"));
            lines.AddRange((await LinesAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')")).Select(l => $"{table} fk: {l}"));
            var sql = (await LinesAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'")).Single();
            lines.AddRange(System.Text.RegularExpressions.Regex.Matches(sql, "CONSTRAINT \"?(\\w+)\"? CHECK").Select(m => $"{table} check: {m.Groups[1].Value}"));
        }

        lines.AddRange((await LinesAsync(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL")).Select(l => $"object: {l}"));
        return [.. lines.Order(StringComparer.Ordinal)];
    }
}

[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases (.ci/run does)")]
public class PostgresMigrationDownTests : MigrationDownContract
{
    protected override string[] StepsDown => [BeforeAuthorities];

    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();

    protected override async Task ReadAsDefaultAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config('caf.authority', 'default', false)";
        await command.ExecuteScalarAsync();
    }

    protected override async Task<List<string>> SchemaAsync(DbConnection connection)
    {
        var lines = new List<string>();
        lines.AddRange((await LinesAsync(connection,
            "SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, ''), coalesce(character_maximum_length, 0) FROM information_schema.columns WHERE table_schema = 'public'"))
            .Select(l => $"column: {l}"));
        lines.AddRange((await LinesAsync(connection, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'")).Select(l => $"index: {l}"));
        lines.AddRange((await LinesAsync(connection,
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace"))
            .Select(l => $"constraint: {l}"));
        lines.AddRange((await LinesAsync(connection,
            "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal")).Select(l => $"trigger: {l}"));
        lines.AddRange((await LinesAsync(connection,
            "SELECT proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace")).Select(l => $"function: {l}"));
        lines.AddRange((await LinesAsync(connection,
            "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'")).Select(l => $"table: {l}"));
        return [.. lines.Order(StringComparer.Ordinal)];
    }
}

/// <summary>
/// The same way down and up on a database whose authority scope PostgreSQL enforces (o.UsePostgresRowLevelSecurity(),
/// the test role neither superuser nor BYPASSRLS): the Down turns row-level security off first, so its refusal sees every
/// authority's rows and the authority column can be dropped; the Up after it turns it on again (MigrateCafDatabaseAsync).
/// </summary>
public sealed class PostgresRowLevelSecurityMigrationDownTests : PostgresMigrationDownTests
{
    protected override void Configure(CafEntityFrameworkCoreOptions options) => options.UsePostgresRowLevelSecurity();
}
