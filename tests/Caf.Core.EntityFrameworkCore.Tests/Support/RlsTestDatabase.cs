using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>
/// Issue 29: a database for PostgreSQL row-level security (<c>o.UsePostgresRowLevelSecurity()</c>): the tables migrated
/// by their owner, and the stores connected as a role that is neither a superuser nor BYPASSRLS, so the policies hold (a
/// role created here when the test server's user is a superuser, else that user itself, held by FORCE ROW LEVEL SECURITY).
/// </summary>
public sealed class RlsTestDatabase : TestDatabase
{
    private readonly PostgresTestDatabase _database;
    private readonly string _role = $"caf_app_{Guid.NewGuid():N}";
    private bool _ownRole;

    private RlsTestDatabase(PostgresTestDatabase database)
    {
        _database = database;
    }

    private string AppConnection => _ownRole
        ? new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = _role, Password = "app" }.ConnectionString
        : _database.ConnectionString;

    public static async Task<RlsTestDatabase> CreateAsync()
    {
        var database = new RlsTestDatabase(await PostgresTestDatabase.CreateAsync());
        var owner = new ServiceCollection().AddSingleton(Caf.Core.Lifecycle.EpisodePolicy.Default(TimeProvider.System, new Caf.Core.Consent.InMemorySharingAuditLog()));
        owner.AddCafEntityFrameworkCore(o => o.UseNpgsql(database._database.ConnectionString).UsePostgresRowLevelSecurity());
        await using (var provider = owner.BuildServiceProvider())
        {
            await provider.MigrateCafDatabaseAsync();
        }

        await using var connection = new NpgsqlConnection(database._database.ConnectionString);
        await connection.OpenAsync();
        await using (var bypass = new NpgsqlCommand("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user", connection))
        {
            database._ownRole = (bool)(await bypass.ExecuteScalarAsync())!;
        }

        if (!database._ownRole)
        {
            return database; // the owner, neither superuser nor BYPASSRLS: FORCE holds it to the policies
        }

        foreach (var sql in new[]
        {
            $"CREATE ROLE {database._role} LOGIN PASSWORD 'app' NOSUPERUSER NOBYPASSRLS",
            $"GRANT USAGE ON SCHEMA public TO {database._role}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {database._role}",
            $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {database._role}",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        return database;
    }

    public override void Use(CafEntityFrameworkCoreOptions options) => options.UseNpgsql(AppConnection);

    public override async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        if (!_ownRole)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresTestDatabase.Variable));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP ROLE IF EXISTS {_role}", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
