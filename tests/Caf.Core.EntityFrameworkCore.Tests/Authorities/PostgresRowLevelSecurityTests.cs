using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Authorities;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

/// <summary>
/// Issue 29, PostgreSQL row-level security (<c>o.UsePostgresRowLevelSecurity()</c>): the tables are migrated by their
/// owner, and the stores connect as a role that is neither a superuser nor BYPASSRLS, so the policies hold: a role
/// created here when the test server's user is a superuser, else that user itself (the tables' owner, held to the
/// policies by FORCE ROW LEVEL SECURITY). The whole isolation suite runs again this way, and the database is shown to refuse what the stores never do:
/// a statement without the authority's filter, and a row stamped with another authority.
/// </summary>
[RequiresEnvironment(PostgresTestDatabase.Variable, "set it to a PostgreSQL connection string whose user may create databases and roles (.ci/run does)")]
public sealed class PostgresRowLevelSecurityTests : AuthorityIsolationContract
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await RlsTestDatabase.CreateAsync();

    protected override void Configure(CafEntityFrameworkCoreOptions options) => options.UsePostgresRowLevelSecurity();

    [StoreFact]
    public async Task Every_table_has_the_policy_and_row_level_security_enabled_and_forced()
    {
        await using var db = await Contexts(Leeds).CreateDbContextAsync();
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT c.relname AS \"Value\" FROM pg_class c JOIN pg_policies p ON p.tablename = c.relname AND p.policyname = 'caf_authority' "
            + "WHERE c.relrowsecurity AND c.relforcerowsecurity ORDER BY 1").ToListAsync();
        Assert.Equal(
            ["caf_child_identifiers", "caf_episode_events", "caf_episode_report_rows", "caf_episodes", "caf_outbox", "caf_panel_bookings",
             "caf_panel_meetings", "caf_read_audit", "caf_sharing_audit"],
            tables);
    }

    [StoreFact]
    public async Task A_query_without_the_authoritys_filter_still_returns_nothing_of_another_authority()
    {
        Ok(await Repository(Leeds).AddAsync(Opened(Leeds, "ep-1")));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1", child: "child-002")));
        Ok(await Repository(York).AddAsync(Opened(York, "ep-2", child: "child-003")));

        await using var leeds = await Contexts(Leeds).CreateDbContextAsync();
        // A DbSet with no filter, and raw SQL: Leeds's rows only.
        Assert.Equal([Leeds], await leeds.Set<EpisodeSummary>().Select(s => s.Authority).ToListAsync());
        Assert.Equal(["leeds"], await leeds.Database.SqlQueryRaw<string>("SELECT authority AS \"Value\" FROM caf_episode_events").ToListAsync());
        Assert.Equal(0, await leeds.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM caf_outbox WHERE authority = 'york'").SingleAsync());
        // A context no store made (no authority set on its connection) sees nothing at all.
        await using var unscoped = await Services.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await unscoped.Set<EpisodeSummary>().CountAsync());
        // And an update or delete aimed at another authority's rows touches none.
        Assert.Equal(0, await leeds.Database.ExecuteSqlRawAsync("UPDATE caf_outbox SET attempts = 7 WHERE authority = 'york'"));
        Assert.Equal(2, await Outbox(York).CountPendingAsync());
    }

    [StoreFact]
    public async Task A_row_stamped_with_another_authority_is_refused_by_the_database()
    {
        Ok(await Repository(York).AddAsync(Opened(York, "ep-1")));

        await using var leeds = await Contexts(Leeds).CreateDbContextAsync();
        leeds.Add(new ReadAuditRow
        {
            Authority = York, EpisodeId = new EpisodeId("ep-1"), ChildId = new ChildId("child-001"), Reader = Teacher.Practitioner,
            ReaderAgency = Teacher.Agency, ReadAt = Start, Purpose = "slipped in", What = "episode record",
        });

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => leeds.SaveChangesAsync());
        Assert.Equal("42501", Assert.IsType<PostgresException>(refused.InnerException).SqlState); // insufficient privilege: the policy
        Assert.Empty(await Reads(York).ReadersOfAsync(new ChildId("child-001")));
    }
}
