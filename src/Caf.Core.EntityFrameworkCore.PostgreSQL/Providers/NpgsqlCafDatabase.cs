using Microsoft.EntityFrameworkCore;

namespace Caf.Core.EntityFrameworkCore.Providers;

/// <summary>PostgreSQL for the store: <see cref="NpgsqlCafDbContext"/> and its migrations.</summary>
internal sealed class NpgsqlCafDatabase : CafDatabaseProvider<NpgsqlCafDbContext>
{
    private readonly string _connectionString;

    public NpgsqlCafDatabase(string connectionString)
    {
        _connectionString = connectionString;
    }

    protected override void Configure(DbContextOptionsBuilder builder) => builder.UseNpgsql(_connectionString);
}
