using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Caf.Core.EntityFrameworkCore.Providers;

/// <summary>The context used on PostgreSQL: its own type, so the PostgreSQL migrations are found for it.</summary>
internal sealed class NpgsqlCafDbContext : CafDbContext
{
    public NpgsqlCafDbContext(DbContextOptions<NpgsqlCafDbContext> options)
        : base(options)
    {
    }
}

/// <summary>For <c>dotnet ef migrations add ... --context NpgsqlCafDbContext</c> (no database is opened).</summary>
internal sealed class NpgsqlCafDbContextDesignFactory : IDesignTimeDbContextFactory<NpgsqlCafDbContext>
{
    public NpgsqlCafDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NpgsqlCafDbContext>().UseNpgsql("Host=localhost;Database=caf_design").Options);
}
