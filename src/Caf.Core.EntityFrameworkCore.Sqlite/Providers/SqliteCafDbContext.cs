using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Caf.Core.EntityFrameworkCore.Providers;

/// <summary>The context used on SQLite: its own type, so the SQLite migrations are found for it.</summary>
internal sealed class SqliteCafDbContext : CafDbContext
{
    public SqliteCafDbContext(DbContextOptions<SqliteCafDbContext> options)
        : base(options)
    {
    }
}

/// <summary>For <c>dotnet ef migrations add ... --context SqliteCafDbContext</c> (no database is opened).</summary>
internal sealed class SqliteCafDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteCafDbContext>
{
    public SqliteCafDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCafDbContext>().UseSqlite("Data Source=caf-design.db").Options);
}
