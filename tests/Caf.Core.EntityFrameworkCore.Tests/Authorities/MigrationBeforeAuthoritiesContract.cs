using System;
using System.Collections.Generic;
using System.Data.Common;
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
/// Issue 29: a database at the migration before authorities existed, holding rows in every table, upgrades and its data
/// reads back as the default authority's (the history hashes stored then stay valid), with the database's guards intact.
/// The rows are written by the current store into another database and copied, column by column, into the old schema.
/// </summary>
public abstract class MigrationBeforeAuthoritiesContract
{
    private static readonly string[] Tables =
    [
        "caf_episodes", "caf_episode_events", "caf_outbox", "caf_sharing_audit", "caf_episode_report_rows", "caf_panel_meetings",
        "caf_panel_bookings", "caf_read_audit", "caf_child_identifiers",
    ];

    private readonly FakeTimeProvider _time = new(Start);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [StoreFact]
    public async Task A_database_of_before_authorities_with_rows_migrates_and_its_rows_load_as_the_default_authoritys()
    {
        var policy = EpisodePolicy.Default(_time, new InMemorySharingAuditLog());
        await using var current = await CreateDatabaseAsync();
        await using var old = await CreateDatabaseAsync();
        await using var written = await HostAsync(current, policy, null);
        var episode = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-old"), Child("child-001") with { NhsNumber = new NhsNumber("9434765919") },
            Teacher, "Falling attendance and withdrawn in class.");
        Ok(episode.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));
        var store = written.GetRequiredService<IEpisodeRepository>();
        Ok(await store.AddAsync(episode));
        written.GetRequiredService<ISharingAuditLog>().Record(new SharingAuditEntry(episode.Id, HealthVisiting, SharingPurpose.Assessment,
            new SharingDecision(false, "CONS-05", "The family excluded this agency."), Teacher, Start));
        await written.GetRequiredService<IReadAuditLog>().RecordAsync(
            [new ReadAuditEntry(episode.Id, episode.Child.Id, Teacher, Start, "Preparing the review", LegalBasis.Consent, ReadItems.EpisodeRecord)]);
        Ok(await written.GetRequiredService<IPanelBookingStore>().BookAsync(
            new PanelBooking(new PanelSlotRequest(new PanelSlotId("slot-1"), new PanelReferralId("ref-1"), episode.Id, "north", PanelSlotOrigin.Referral, Start, [School]),
                new PanelMeeting(new PanelId("maf"), "north", new DateOnly(2026, 3, 10)), 20),
            new PanelCapacity(2, 2, 120)));

        await using (var before = await HostAsync(old, policy, "SharingAuditCategories"))
        {
            await CopyAsync(written, before);
        }

        await using var upgraded = await HostAsync(old, policy, null);

        var loaded = (await upgraded.GetRequiredService<IEpisodeRepository>().GetAsync(episode.Id))!;
        Assert.Equal(episode.Events, loaded.Events);
        Assert.Equal(AuthorityId.Default, loaded.Authority);
        Assert.Empty((await upgraded.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>().VerifyAsync()).Findings);
        Assert.Equal("The family excluded this agency.",
            Assert.Single(await upgraded.GetRequiredService<EntityFrameworkSharingAuditLog<CafDbContext>>().ReadAsync(episode.Id)).Reason);
        Assert.Equal("Preparing the review", Assert.Single(await upgraded.GetRequiredService<IReadAuditLog>().ReadersOfAsync(episode.Child.Id)).Purpose);
        Assert.NotNull(await upgraded.GetRequiredService<IPanelBookingStore>().GetAsync(new PanelSlotId("slot-1")));
        Assert.Equal(2, await upgraded.GetRequiredService<EpisodeOutbox<CafDbContext>>().CountPendingAsync());
        Assert.NotNull(await upgraded.GetRequiredService<IEpisodeReportStore>().GetReportRowAsync(episode.Id));
        // Saving goes on from the stored history; REG-01 and the append-only guards still hold.
        Ok(loaded.StartAssessment(Teacher, "Assessment agreed with the family."));
        Ok(await upgraded.GetRequiredService<IEpisodeRepository>().UpdateAsync(loaded, 2));
        Assert.Equal("REG-01", (await upgraded.GetRequiredService<IEpisodeRepository>().AddAsync(Identified(policy, "ep-new"))).Refusal!.RuleId);
        var factory = upgraded.GetRequiredService<IDbContextFactory<CafDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_episode_events SET type = 'x'"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM caf_episode_events"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_sharing_audit SET reason = 'x'"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_read_audit SET purpose = 'x'"));
        Assert.Equal(["default"], await db.Database.SqlQueryRaw<string>("SELECT DISTINCT authority AS \"Value\" FROM caf_episode_events").ToListAsync());
    }

    private async Task<ServiceProvider> HostAsync(TestDatabase database, EpisodePolicy policy, string? migration)
    {
        var services = new ServiceCollection().AddSingleton(policy).AddSingleton<TimeProvider>(_time).AddSingleton<IEpisodeReportProjector>(Projector)
            .AddSingleton<IEpisodeEventPublisher>(new RecordingPublisher());
        services.AddCafEntityFrameworkCore(database.Use);
        var provider = services.BuildServiceProvider();
        if (migration is null)
        {
            await provider.MigrateCafDatabaseAsync();
        }
        else
        {
            await using var db = await provider.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync();
            await db.GetService<IMigrator>().MigrateAsync(migration);
        }

        return provider;
    }

    // Every row of every table, the columns the old schema has (all but the authority).
    private static async Task CopyAsync(IServiceProvider from, IServiceProvider to)
    {
        await using var source = await from.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync();
        await using var target = await to.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync();
        var read = source.Database.GetDbConnection();
        var write = target.Database.GetDbConnection();
        await read.OpenAsync();
        await write.OpenAsync();
        foreach (var table in Tables)
        {
            var columns = await ColumnsAsync(write, table);
            Assert.DoesNotContain("authority", columns);
            await using var select = read.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
            var rows = new List<object[]>();
            await using (var reader = await select.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var values = new object[columns.Count];
                    reader.GetValues(values);
                    rows.Add(values);
                }
            }

            Assert.NotEmpty(rows); // every table holds something to migrate
            foreach (var values in rows)
            {
                await using var insert = write.CreateCommand();
                insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
                for (var i = 0; i < values.Length; i++)
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = "@p" + i;
                    parameter.Value = values[i];
                    insert.Parameters.Add(parameter);
                }

                await insert.ExecuteNonQueryAsync();
            }
        }
    }

    private static async Task<List<string>> ColumnsAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }
}

public sealed class SqliteMigrationBeforeAuthoritiesTests : MigrationBeforeAuthoritiesContract
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase());
}

[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases (.ci/run does)")]
public sealed class PostgresMigrationBeforeAuthoritiesTests : MigrationBeforeAuthoritiesContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
