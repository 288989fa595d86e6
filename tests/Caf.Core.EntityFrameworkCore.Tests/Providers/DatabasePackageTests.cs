using System;
using System.Linq;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Caf.Core.EntityFrameworkCore.Tests.Providers;

/// <summary>
/// Issue 29, one package per database: the neutral package references no database provider, each database package
/// only its own, each brings its own context with its own migrations, and registering without one says which to add.
/// </summary>
public sealed class DatabasePackageTests
{
    private static readonly Assembly Neutral = typeof(CafDbContext).Assembly;
    private static readonly Assembly Sqlite = typeof(CafSqliteOptions).Assembly;
    private static readonly Assembly PostgreSql = typeof(CafNpgsqlEntityFrameworkCoreOptionsExtensions).Assembly;

    [Fact]
    public void The_neutral_package_references_no_database_provider_and_each_database_package_only_its_own()
    {
        Assert.DoesNotContain(References(Neutral), IsSqlite);
        Assert.DoesNotContain(References(Neutral), IsNpgsql);
        Assert.Contains(References(Sqlite), IsSqlite);
        Assert.DoesNotContain(References(Sqlite), IsNpgsql);
        Assert.Contains(References(PostgreSql), IsNpgsql);
        Assert.DoesNotContain(References(PostgreSql), IsSqlite);
    }

    [Fact]
    public void Migrations_live_in_the_database_packages_only()
    {
        Assert.DoesNotContain(Neutral.GetTypes(), t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        Assert.Contains(Sqlite.GetTypes(), t => t.Namespace == "Caf.Core.EntityFrameworkCore.Migrations.Sqlite");
        Assert.Contains(PostgreSql.GetTypes(), t => t.Namespace == "Caf.Core.EntityFrameworkCore.Migrations.PostgreSql");
    }

    [Fact]
    public void Each_database_registers_its_own_context_with_its_own_migrations()
    {
        using var sqlite = Context(o => o.UseSqlite("Data Source=unused.db"));
        using var npgsql = Context(o => o.UseNpgsql("Host=unused;Database=unused"));

        Assert.Equal(("Microsoft.EntityFrameworkCore.Sqlite", Sqlite), (sqlite.Database.ProviderName, sqlite.GetType().Assembly));
        // The outbox tells PostgreSQL apart by this name (AuthoritySettingInterceptor.IsPostgreSql, used by the outbox and row-level security).
        Assert.Equal(("Npgsql.EntityFrameworkCore.PostgreSQL", PostgreSql), (npgsql.Database.ProviderName, npgsql.GetType().Assembly));
        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var npgsqlMigrations = npgsql.Database.GetMigrations().ToList();
        Assert.NotEmpty(sqliteMigrations);
        Assert.Empty(sqliteMigrations.Intersect(npgsqlMigrations)); // each database's own migration ids
        // The same steps, in the same order, except the steps SQLite needs to change a key by rebuilding its tables (issue 29's
        // authority column: docs/storage.md).
        string[] sqliteOnly = ["AuthorityPrepare", "AuthorityRows", "AuthorityTriggers"];
        Assert.Equal(sqliteMigrations.Select(Name).Where(n => !sqliteOnly.Contains(n)), npgsqlMigrations.Select(Name));
        Assert.Equal(sqliteOnly, sqliteMigrations.Select(Name).Where(sqliteOnly.Contains));
    }

    [Fact]
    public void The_last_database_chosen_wins()
    {
        using var context = Context(o => o.UseSqlite("Data Source=unused.db").UseNpgsql("Host=unused;Database=unused"));

        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", context.Database.ProviderName);
    }

    [Fact]
    public void Registering_without_a_database_is_refused_naming_both_packages()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCafEntityFrameworkCore(o => o.Outbox.BatchSize = 10));

        Assert.Equal("configure", ex.ParamName);
        Assert.Contains("Caf.Core.EntityFrameworkCore.Sqlite", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Caf.Core.EntityFrameworkCore.PostgreSQL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_connection_string_is_refused_at_the_call()
    {
        var options = new CafEntityFrameworkCoreOptions();

        Assert.Throws<ArgumentException>(() => options.UseSqlite(" "));
        Assert.Throws<ArgumentException>(() => options.UseNpgsql(""));
        Assert.Throws<ArgumentNullException>(() => options.UseDatabase(null!));
    }

    private static CafDbContext Context(Action<CafEntityFrameworkCoreOptions> configure)
    {
        var services = new ServiceCollection().AddCafEntityFrameworkCore(configure).BuildServiceProvider();
        return services.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContext();
    }

    private static string[] References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static bool IsSqlite(string name) =>
        name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) || name.StartsWith("SQLitePCL", StringComparison.Ordinal)
        || name == "Microsoft.EntityFrameworkCore.Sqlite";

    private static bool IsNpgsql(string name) => name.StartsWith("Npgsql", StringComparison.Ordinal);

    // "20261201200417_Initial" -> "Initial"
    private static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];
}
