using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.EntityFrameworkCore.Tests.Golden.GoldenDatabase;

namespace Caf.Core.EntityFrameworkCore.Tests.Golden;

/// <summary>
/// Every golden database (<c>tests/Golden/databases/*.sqlite</c>, one per release) is copied, migrated with the current
/// migrations, and read back: exactly the episodes of its sidecar, each loading (replayed under the current rules) with
/// the facts written by hand; the history hashes intact; and each authority's outbox, report, sharing-audit, read-audit
/// and panel-booking rows as the sidecar states them. The file itself is never opened for writing.
/// </summary>
public class GoldenDatabaseTests
{
    [Trait("Rule", "REG-01")]
    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task Every_golden_database_migrates_and_reads_back_the_facts_of_its_sidecar()
    {
        var files = Directory.GetFiles(Folder, "*.sqlite").Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(Path.Combine(Folder, Release + ".sqlite"), files); // this release's database is committed

        foreach (var file in files)
        {
            var sidecar = JsonNode.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(file, ".expected.json")))!.AsObject();
            var copy = Path.Combine(Path.GetTempPath(), $"caf-golden-{Guid.NewGuid():N}.sqlite");
            File.Copy(file, copy);
            try
            {
                await CheckAsync(Path.GetFileName(file), copy, sidecar);
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { copy, copy + "-wal", copy + "-shm" })
                {
                    File.Delete(f);
                }
            }
        }
    }

    private static async Task CheckAsync(string name, string path, JsonObject sidecar)
    {
        await using var services = Host(path, new FakeTimeProvider(WrittenAt.AddYears(1)));
        await services.MigrateCafDatabaseAsync();
        var expectedEpisodes = sidecar["episodes"]!.AsObject();
        var expectedTables = sidecar["tables"]!.AsObject();

        await using (var db = await services.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.Database.SqlQueryRaw<string>("SELECT authority || '/' || id AS \"Value\" FROM caf_episodes").ToListAsync();
            Assert.Equal(expectedEpisodes.Select(p => p.Key).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            var applied = await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync();
            Assert.All(sidecar["migrations"]!.AsArray().Select(m => m!.GetValue<string>()), m => Assert.Contains(m, applied)); // migrations are never removed
        }

        foreach (var (key, facts) in expectedEpisodes)
        {
            var (authority, episode) = (new AuthorityId(key.Split('/')[0]), new EpisodeId(key.Split('/')[1]));
            var loaded = await services.GetRequiredKeyedService<IEpisodeRepository>(authority).GetAsync(episode);
            Assert.True(loaded is not null, $"{name}: {key} does not load");
            var diff = Diff(Read(facts!), GoldenDatabase.Facts(loaded));
            Assert.True(diff.Length == 0, $"{name} {key}:\n{diff}");
        }

        foreach (var (authority, facts) in expectedTables)
        {
            var id = new AuthorityId(authority);
            var verification = await services.GetRequiredKeyedService<IEpisodeStoreVerifier>(id).VerifyAsync();
            Assert.True(verification.IsIntact, $"{name} {authority}: {string.Join("; ", verification.Findings)}");
            var keys = expectedEpisodes.Select(p => p.Key).Where(k => k.StartsWith(authority + "/", StringComparison.Ordinal)).ToArray();
            var children = keys.Select(k => expectedEpisodes[k]!["child"]!.GetValue<string>()).Distinct().Order(StringComparer.Ordinal);
            var diff = Diff(Read(facts!), await TableFactsAsync(services, id, keys.Select(k => k.Split('/')[1]), children));
            Assert.True(diff.Length == 0, $"{name} {authority} rows:\n{diff}");
        }

        // The migrated store goes on writing: a new episode under REG-01 (Leeds's child-002 has an open episode).
        var leeds = services.GetRequiredKeyedService<IEpisodeRepository>(new AuthorityId("leeds"));
        var policy = services.GetRequiredKeyedService<Caf.Core.Lifecycle.EpisodePolicy>(new AuthorityId("leeds"));
        Support.Episodes.Ok(await leeds.AddAsync(Support.Episodes.Identified(policy, "ep-new", "child-004")));
        Assert.Equal("REG-01", (await leeds.AddAsync(Support.Episodes.Identified(policy, "ep-new-2", "child-002"))).Refusal!.RuleId);
    }

    /// <summary>
    /// Writes this release's golden database and its sidecar when they are missing (<c>CAF_WRITE_GOLDEN=1 dotnet test
    /// tests/Caf.Core.EntityFrameworkCore.Tests --filter GoldenDatabaseTests</c>), only after the live store shows exactly the
    /// facts written by hand in <see cref="GoldenDatabaseExpectations"/>. An existing file is never overwritten.
    /// </summary>
    [WriteGoldenDatabaseFact]
    public async Task Write_this_releases_golden_database()
    {
        var target = Path.Combine(Folder, Release + ".sqlite");
        var scratch = Path.Combine(Path.GetTempPath(), $"caf-golden-write-{Guid.NewGuid():N}.sqlite");
        var time = new FakeTimeProvider(WrittenAt);
        JsonArray migrations;
        try
        {
            await using (var services = Host(scratch, time))
            {
                await services.MigrateCafDatabaseAsync();
                await WriteAsync(services, time);
                foreach (var (key, expected) in GoldenDatabaseExpectations.Episodes)
                {
                    var (authority, episode) = (new AuthorityId(key.Split('/')[0]), new EpisodeId(key.Split('/')[1]));
                    var live = GoldenDatabase.Facts((await services.GetRequiredKeyedService<IEpisodeRepository>(authority).GetAsync(episode))!);
                    Assert.True(Diff(expected, live).Length == 0, $"{key}:\n{Diff(expected, live)}");
                }

                foreach (var (authority, expected) in GoldenDatabaseExpectations.Tables)
                {
                    var keys = GoldenDatabaseExpectations.Episodes.Keys.Where(k => k.StartsWith(authority + "/", StringComparison.Ordinal)).ToArray();
                    var live = await TableFactsAsync(services, new AuthorityId(authority), keys.Select(k => k.Split('/')[1]),
                        keys.Select(k => GoldenDatabaseExpectations.Episodes[k]["child"]).Distinct().Order(StringComparer.Ordinal));
                    Assert.True(Diff(expected, live).Length == 0, $"{authority} rows:\n{Diff(expected, live)}");
                }

                await using var db = await services.GetRequiredService<IDbContextFactory<CafDbContext>>().CreateDbContextAsync();
                migrations = [.. (await db.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"").ToListAsync())
                    .Select(m => JsonValue.Create(m))];
            }

            if (File.Exists(target))
            {
                return; // append-only: a release's database is written once
            }

            Directory.CreateDirectory(Folder);
            SqliteConnection.ClearAllPools();
            await using (var connection = new SqliteConnection($"Data Source={scratch}"))
            {
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target"; // one self-contained file, whatever the journal held
                vacuum.Parameters.AddWithValue("$target", target);
                await vacuum.ExecuteNonQueryAsync();
            }

            var sidecar = new JsonObject
            {
                ["document"] = "A SQLite database as the EF Core store of the release wrote it (Caf.Core.EntityFrameworkCore.Sqlite, keyed per authority)",
                ["release"] = Release,
                ["schemaVersion"] = Caf.Core.Lifecycle.EpisodeJson.CurrentSchemaVersion,
                ["writtenBy"] = "tests/Caf.Core.EntityFrameworkCore.Tests/Golden/GoldenDatabase.cs (the situations); the facts written by hand in GoldenDatabaseExpectations.cs",
                ["migrations"] = migrations,
                ["episodes"] = ToJson(GoldenDatabaseExpectations.Episodes),
                ["tables"] = ToJson(GoldenDatabaseExpectations.Tables),
            };
            await File.WriteAllTextAsync(Path.ChangeExtension(target, ".expected.json"), sidecar.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { scratch, scratch + "-wal", scratch + "-shm" })
            {
                File.Delete(f);
            }
        }
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, SortedDictionary<string, string>> groups)
    {
        var o = new JsonObject();
        foreach (var (key, facts) in groups)
        {
            var inner = new JsonObject();
            foreach (var (k, v) in facts)
            {
                inner[k] = v;
            }

            o[key] = inner;
        }

        return o;
    }

    private static SortedDictionary<string, string> Read(JsonNode facts) =>
        new(facts.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()), StringComparer.Ordinal);

    private static string Diff(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        string.Join("\n", expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || e != a)
            .Select(k => $"  {k}: expected '{expected.GetValueOrDefault(k, "(missing)")}', read '{actual.GetValueOrDefault(k, "(missing)")}'"));
}

/// <summary>A fact that runs only when <c>CAF_WRITE_GOLDEN=1</c> (never in CI): it writes a golden database.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WriteGoldenDatabaseFactAttribute : FactAttribute
{
    public WriteGoldenDatabaseFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(WriteVariable) != "1")
        {
            Skip = $"writes the golden database; set {WriteVariable}=1 to add this release's ({Release}) if it is missing";
        }
    }
}
