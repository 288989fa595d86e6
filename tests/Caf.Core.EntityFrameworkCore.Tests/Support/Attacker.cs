using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>
/// Changes the store as someone with rights on the database would: raw SQL, with the append-only triggers of the event
/// table switched off for the statements and on again afterwards (SQLite: dropped and created again from their own SQL;
/// PostgreSQL: <c>ALTER TABLE ... DISABLE TRIGGER USER</c>).
/// </summary>
public static class Attacker
{
    public static async Task RunAsync(CafDbContext context, params string[] statements)
    {
        await using var db = context;
        await db.Database.OpenConnectionAsync();
        if (db.Database.IsSqlite())
        {
            var triggers = await db.Database
                .SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'caf_episode_events'")
                .ToListAsync();
            var names = await db.Database
                .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'caf_episode_events'")
                .ToListAsync();
            Assert.Equal(2, names.Count); // UPDATE and DELETE
            foreach (var name in names)
            {
                await ExecuteAsync(db, "DROP TRIGGER " + name);
            }

            await RunAllAsync(db, statements);
            foreach (var sql in triggers)
            {
                await ExecuteAsync(db, sql);
            }
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE caf_episode_events DISABLE TRIGGER USER");
            await RunAllAsync(db, statements);
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE caf_episode_events ENABLE TRIGGER USER");
        }
    }

    private static async Task RunAllAsync(DbContext db, IEnumerable<string> statements)
    {
        foreach (var sql in statements)
        {
            Assert.True(await ExecuteAsync(db, sql) > 0, $"The tampering changed no row: {sql}");
        }
    }

    // The SQL as written, on the context's open connection (no EF Core formatting of braces).
    private static async Task<int> ExecuteAsync(DbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
