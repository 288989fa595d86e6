using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>One fresh database for one test.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract void Use(CafEntityFrameworkCoreOptions options);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A temp SQLite file (WAL after migration).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"caf-ef-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={_path};Default Timeout=30";

    public override void Use(CafEntityFrameworkCoreOptions options) => options.UseSqlite(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A temp file left behind is harmless.
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A new database on the server named by CAF_TEST_POSTGRES, dropped afterwards.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "CAF_TEST_POSTGRES";
    private readonly string _admin;
    private readonly string _name = $"caf_t_{Guid.NewGuid():N}";

    private PostgresTestDatabase(string admin)
    {
        _admin = admin;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set.");
        var db = new PostgresTestDatabase(admin);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{db._name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return db;
    }

    public override void Use(CafEntityFrameworkCoreOptions options) => options.UseNpgsql(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        // A plain DROP cancels an autovacuum worker that is visiting the database; WITH (FORCE) ends our own stray
        // sessions but is refused (42501) while a worker of another role (autovacuum) is connected. So: plain first,
        // forced when a session of ours is still there, and a few short retries for the worker case.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var force = attempt % 2 == 0 ? " WITH (FORCE)" : "";
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\"{force}", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (attempt < 8 && e.SqlState is "55006" or "42501")
            {
                await Task.Delay(100 * attempt);
            }
        }
    }
}
