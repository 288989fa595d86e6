using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore.Providers;

/// <summary>SQLite for the store: <see cref="SqliteCafDbContext"/> and its migrations, WAL after migrating.</summary>
internal sealed class SqliteCafDatabase : CafDatabaseProvider<SqliteCafDbContext>
{
    private readonly string _connectionString;
    private readonly bool _synchronousNormal;

    public SqliteCafDatabase(string connectionString, bool synchronousNormal)
    {
        _connectionString = connectionString;
        _synchronousNormal = synchronousNormal;
    }

    protected override void Configure(DbContextOptionsBuilder builder)
    {
        builder.UseSqlite(_connectionString);
        if (_synchronousNormal)
        {
            builder.AddInterceptors(SqliteSynchronousNormal.Instance);
        }
    }

    protected override async Task AfterMigrationsAsync(CafDbContext context, CancellationToken cancellationToken)
    {
        // Write-ahead logging is a property of the file: set once, kept by every later connection.
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }
}
