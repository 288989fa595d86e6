using System;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Thresholds;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Caf.Core.Benchmarks;

/// <summary>The stores the store benchmarks compare: in memory (the baseline), a SQLite file (WAL) and a PostgreSQL database.</summary>
internal sealed class BenchStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly AgencyId School = new("school-oakfield-primary");
    public static readonly Actor Teacher = new(new PractitionerId("pr-teacher-jones"), School);
    public static readonly ConsentRecord MotherConsents = new(ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, []) { SharingExplained = true }; // CONS-09

    private readonly ServiceProvider? _services;
    private readonly Func<ValueTask>? _drop;

    private BenchStore(EpisodePolicy policy, IEpisodeRepository repository, ServiceProvider? services, Func<ValueTask>? drop)
    {
        Policy = policy;
        Repository = repository;
        _services = services;
        _drop = drop;
    }

    /// <summary>The PostgreSQL server (a user that may create databases), or null: the PostgreSQL cases are then not run.</summary>
    public static string? PostgresConnection =>
        Environment.GetEnvironmentVariable("CAF_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("CAF_TEST_POSTGRES") is { Length: > 0 } test ? test : null;

    public EpisodePolicy Policy { get; }

    public IEpisodeRepository Repository { get; }

    /// <summary>The database store's services (null in memory).</summary>
    public IServiceProvider? Services => _services;

    public static EpisodePolicy NewPolicy() => EpisodePolicy.Default(new FixedClock(Start), new InMemorySharingAuditLog());

    public static BenchStore InMemory()
    {
        var policy = NewPolicy();
        // With the report rows too, as the database stores keep them.
        var projector = new EpisodeReportProjector(new ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other);
        return new BenchStore(policy, new InMemoryEpisodeRepository(policy, projector), null, null);
    }

    /// <summary>A temp SQLite file in WAL mode; <paramref name="synchronousNormal"/>: <c>UseSqlite(..., sqlite =&gt; sqlite.UseSynchronousNormal())</c>.</summary>
    public static async Task<BenchStore> SqliteAsync(bool synchronousNormal = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"caf-bench-{Guid.NewGuid():N}.db");
        return await OpenAsync(o =>
        {
            o.UseSqlite($"Data Source={path};Default Timeout=60", sqlite =>
            {
                if (synchronousNormal)
                {
                    sqlite.UseSynchronousNormal();
                }
            });
        }, () =>
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// A new database on the server; <paramref name="asynchronousCommit"/>: the connections run with <c>synchronous_commit=off</c>;
    /// <paramref name="autoPrepare"/>: <c>Max Auto Prepare=20</c> (Npgsql prepares statements it sees often, per connection);
    /// <paramref name="explicitPrepare"/>: every non-query command (the saves) is prepared (<c>DbCommand.Prepare</c>) before it runs.
    /// </summary>
    public static async Task<BenchStore> PostgresAsync(bool asynchronousCommit = false, bool autoPrepare = false, bool explicitPrepare = false)
    {
        var admin = PostgresConnection ?? throw new InvalidOperationException("Set CAF_BENCH_POSTGRES or CAF_TEST_POSTGRES.");
        var name = $"caf_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 32, MaxAutoPrepare = autoPrepare ? 20 : 0 };
        if (asynchronousCommit)
        {
            builder.Options = "-c synchronous_commit=off";
        }

        var cs = builder.ConnectionString;
        return await OpenAsync(o =>
        {
            o.UseNpgsql(cs);
            if (explicitPrepare)
            {
                o.ConfigureDbContext(b => b.AddInterceptors(new PrepareSaves()));
            }
        }, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>An opened episode with consent recorded (version 2): ready for <c>StartAssessment</c>.</summary>
    public CafEpisode Consented(string id, string child)
    {
        var e = CafEpisode.IdentifyConcern(Policy, new EpisodeId(id), new ChildDetails(new ChildId(child), new DateOnly(2016, 9, 1)), Teacher, "Falling attendance and withdrawn in class.");
        e.RecordConsent(Teacher, MotherConsents, "Consent recorded with the family.").ThrowIfRefused();
        return e;
    }

    public CafDbContext NewContext() =>
        (_services ?? throw new InvalidOperationException("Not a database store.")).GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContext();

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_drop is not null)
        {
            await _drop();
        }
    }

    private static async Task<BenchStore> OpenAsync(Action<CafEntityFrameworkCoreOptions> provider, Func<ValueTask> drop)
    {
        var policy = NewPolicy();
        // Issue 29: the stores of any authority too (keyed by AuthorityId), each authority with a policy of its own.
        var services = new ServiceCollection().AddSingleton(policy)
            .AddKeyedSingleton<EpisodePolicy>(KeyedService.AnyKey, (_, key) => new EpisodePolicy(new Caf.Core.Configuration.CafOptions(), policy.Time, policy.Sharing) { Authority = (AuthorityId)key! })
            .AddCafEntityFrameworkCore(o =>
            {
                provider(o);
                o.PerAuthority();
            })
            .BuildServiceProvider();
        await services.MigrateCafDatabaseAsync();
        return new BenchStore(policy, services.GetRequiredService<IEpisodeRepository>(), services, drop);
    }

    // Issue 26: explicit preparation of the saves' commands. Npgsql keeps a prepared statement on the physical connection,
    // keyed by its SQL, so preparing the same text again on that connection costs no round trip.
    private sealed class PrepareSaves : DbCommandInterceptor
    {
        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await command.PrepareAsync(cancellationToken);
            return result;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
