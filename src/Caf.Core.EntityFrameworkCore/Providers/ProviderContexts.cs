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

/// <summary>The context used on PostgreSQL: its own type, so the PostgreSQL migrations are found for it.</summary>
internal sealed class NpgsqlCafDbContext : CafDbContext
{
    public NpgsqlCafDbContext(DbContextOptions<NpgsqlCafDbContext> options)
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

/// <summary>For <c>dotnet ef migrations add ... --context NpgsqlCafDbContext</c> (no database is opened).</summary>
internal sealed class NpgsqlCafDbContextDesignFactory : IDesignTimeDbContextFactory<NpgsqlCafDbContext>
{
    public NpgsqlCafDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NpgsqlCafDbContext>().UseNpgsql("Host=localhost;Database=caf_design").Options);
}

/// <summary>Hands out the provider's context as a <see cref="CafDbContext"/>.</summary>
internal sealed class CafDbContextFactory<TContext> : IDbContextFactory<CafDbContext>
    where TContext : CafDbContext
{
    private readonly IDbContextFactory<TContext> _inner;

    public CafDbContextFactory(IDbContextFactory<TContext> inner)
    {
        _inner = inner;
    }

    public CafDbContext CreateDbContext() => _inner.CreateDbContext();
}
