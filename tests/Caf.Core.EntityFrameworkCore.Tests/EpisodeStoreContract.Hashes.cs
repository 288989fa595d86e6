using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Thresholds;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// The history hash a save stores (h(0) = 64 zeros, h(n+1) = SHA-256 over the UTF-8 of h(n) followed by event n's
/// stored JSON), whichever way the save computed it: resumed from the hash the repository remembered for the episode
/// instance, or over the whole history. The expected hashes are computed here, from the stored event rows.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly EpisodeId Ep1 = new("ep-1");

    // Commands applied in turn, each followed by a save; the third adds two events in one save, the last closes.
    private static readonly Action<CafEpisode>[] Steps =
    [
        e => Ok(e.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family.")),
        e => Ok(e.StartAssessment(Teacher, "The family agreed to an assessment.")),
        e =>
        {
            Ok(e.CompleteAssessment(Teacher, new AssessmentSummary("default", "1.0.0", ThresholdLevel.Additional, ThresholdRoute.CafSingleAgency, ["attendance"]), AbsentParentInvolvement.WasInvolved, "Needs at school."));
            Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school can meet the needs with Mum."));
        },
        e => Ok(e.StepUp(Teacher, new SpecialistService("Children's social care"), "Disclosure of significant harm.")),
    ];

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task The_hash_resumed_from_a_remembered_one_is_the_hash_of_the_whole_chain()
    {
        // Three databases, the same episode saved step by step: (1) one repository, one instance throughout (each save
        // resumes from the hash it remembered and sets only the changed columns); (2) a copy never seen by the repository
        // it is saved through (the whole chain, every column); (3) loaded again through a new host before each step.
        await using var wholeDb = await CreateDatabaseAsync();
        await using var loadedDb = await CreateDatabaseAsync();
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode));
        await using (var host = await HostOverAsync(wholeDb))
        {
            Ok(await host.Repository.AddAsync(Copy(episode)));
        }

        await using (var host = await HostOverAsync(loadedDb))
        {
            Ok(await host.Repository.AddAsync(Copy(episode)));
        }

        foreach (var step in Steps)
        {
            Time.Advance(TimeSpan.FromHours(5));
            var expected = episode.Version;
            step(episode);
            var sql = await EpisodeUpdateSqlAsync(() => Host.Repository.UpdateAsync(episode, expected));
            Assert.Equal(1, Occurrences(sql, "UPDATE caf_episodes ")); // accepted at once: the resumed hash was the stored one
            await using (var whole = await HostOverAsync(wholeDb))
            {
                Ok(await whole.Repository.UpdateAsync(Copy(episode), expected));
            }

            await using (var loadedHost = await HostOverAsync(loadedDb))
            {
                var loaded = (await loadedHost.Repository.GetAsync(Ep1))!;
                step(loaded);
                Assert.Equal(episode.Events, loaded.Events);
                var loadedSql = await EpisodeUpdateSqlAsync(loadedHost, () => loadedHost.Repository.UpdateAsync(loaded, expected));
                Assert.Equal(1, Occurrences(loadedSql, "UPDATE caf_episodes ")); // resumed from the hash read with the snapshot
                Assert.DoesNotContain("child_id = ", EpisodeRowSet(loadedSql), StringComparison.Ordinal); // compared with the columns read
            }

            var (hash, json) = await StoredHistoryAsync(Host.NewContext());
            Assert.Equal(episode.Version, json.Count);
            Assert.Equal(Chain(EmptyHash, json), hash);
            await using (var whole = await HostOverAsync(wholeDb))
            {
                AssertSameHistory((hash, json), await StoredHistoryAsync(whole.NewContext()));
                Assert.Equal(await StoredRowsAsync(Host), await StoredRowsAsync(whole));
            }

            await using (var loadedHost = await HostOverAsync(loadedDb))
            {
                AssertSameHistory((hash, json), await StoredHistoryAsync(loadedHost.NewContext()));
                Assert.Equal(await StoredRowsAsync(Host), await StoredRowsAsync(loadedHost));
            }

            var (summary, report) = await StoredRowsAsync(Host);
            Assert.Equal(EpisodeSummary.Of(episode), summary);
            Assert.Equal(Projector.Project(episode, null), report);
        }

        Assert.False((await StoredRowsAsync(Host)).Summary.IsOpen); // the last step closed it: the closure columns were written
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task A_save_through_the_instance_the_repository_wrote_sets_only_the_columns_that_changed()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode));
        Ok(episode.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));

        var written = EpisodeRowSet(await EpisodeUpdateSqlAsync(() => Host.Repository.UpdateAsync(episode, 1)));
        var copy = Copy(episode);
        Ok(copy.StartAssessment(Teacher, "The family agreed to an assessment."));
        var full = EpisodeRowSet(await EpisodeUpdateSqlAsync(() => Host.Repository.UpdateAsync(copy, 2)));

        foreach (var column in new[] { "excluded_agencies", "version", "history_hash" })
        {
            Assert.Contains(column + " = ", written, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("snapshot = ", written, StringComparison.Ordinal); // issue 26: the save appends; the snapshot lags
        Assert.Contains("snapshot = ", full, StringComparison.Ordinal);          // what an unknown instance's row holds is not known

        Assert.DoesNotContain("child_id = ", written, StringComparison.Ordinal);      // unchanged since the add
        Assert.DoesNotContain("opened_at = ", written, StringComparison.Ordinal);
        Assert.DoesNotContain(" state = ", written, StringComparison.Ordinal);         // consent leaves the state as it was
        Assert.Contains("child_id = ", full, StringComparison.Ordinal);               // an instance it never wrote: every column
        Assert.Contains("opened_at = ", full, StringComparison.Ordinal);
    }

    [Trait("Rule", "REG-02")]
    [StoreFact]
    public async Task A_loaded_episode_is_saved_against_its_columns_as_stored_not_as_this_release_would_write_them()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        await using (var db = Host.NewContext())
        {
            // As if another release had written the row: a column no command below changes.
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE caf_episodes SET lead_professional = 'pr-written-elsewhere'"));
        }

        var host = NewHost();
        var episode = (await host.Repository.GetAsync(Ep1))!;
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        var sql = await EpisodeUpdateSqlAsync(host, () => host.Repository.UpdateAsync(episode, 1));

        Assert.Contains("lead_professional = ", EpisodeRowSet(sql), StringComparison.Ordinal);
        Assert.DoesNotContain("child_id = ", EpisodeRowSet(sql), StringComparison.Ordinal);
        Assert.Equal(EpisodeSummary.Of(episode), (await StoredRowsAsync(Host)).Summary);
        Assert.Equal(Teacher.Practitioner, (await StoredRowsAsync(Host)).Summary.LeadProfessional);
    }

    [Trait("Rule", "STORE-CONCURRENCY")]
    [StoreFact]
    public async Task A_stale_remembered_hash_is_refused_by_the_database_and_changes_nothing()
    {
        var mine = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(mine)); // remembered: version 1
        var other = NewHost();
        var theirs = (await other.Repository.GetAsync(Ep1))!;
        Ok(theirs.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));
        Ok(await other.Repository.UpdateAsync(theirs, 1));
        var before = await StoredHistoryAsync(Host.NewContext());

        Ok(mine.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        var stale = await Host.Repository.UpdateAsync(mine, 1);
        Ok(mine.StartAssessment(Teacher, "The family agreed to an assessment."));
        var claimsTheirs = await Host.Repository.UpdateAsync(mine, 2); // the stored length, but another event at sequence 1

        Assert.Equal(StoreCodes.Concurrency, stale.Refusal.RuleId);
        Assert.Equal(StoreCodes.HistoryMismatch, claimsTheirs.Refusal.RuleId);
        AssertSameHistory(before, await StoredHistoryAsync(Host.NewContext()));
        Assert.Equal(theirs.Events, (await NewHost().Repository.GetAsync(Ep1))!.Events);
        Assert.Equal(2, await CountAsync<OutboxRow>());
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task A_stored_hash_the_repository_did_not_remember_is_compared_by_value_and_the_chain_extends_it()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode)); // remembered: version 1 with this release's hash
        // As if another release had written the stored event: other JSON for the same value (a space after the brace),
        // and the stored hash the chain over that JSON.
        var otherJson = (await StoredHistoryAsync(Host.NewContext())).Json[0].Replace("{\"type\"", "{ \"type\"", StringComparison.Ordinal);
        var otherRelease = Chain(EmptyHash, [otherJson]);
        await Attacker.RunAsync(Host.NewContext(), $"UPDATE caf_episode_events SET json = '{otherJson.Replace("'", "''", StringComparison.Ordinal)}'");
        await using (var db = Host.NewContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE caf_episodes SET history_hash = {0}", otherRelease));
        }

        Assert.Equal(episode.Events, (await NewHost().Repository.GetAsync(Ep1))!.Events); // it loads: the chain over the JSON as stored holds

        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(episode, 1)); // refused by the hash column, the events equal by value: re-based
        var (hash, json) = await StoredHistoryAsync(Host.NewContext());
        Assert.Equal(Chain(otherRelease, json.Skip(1)), hash);

        Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));
        var next = await EpisodeUpdateSqlAsync(() => Host.Repository.UpdateAsync(episode, 2));
        (hash, json) = await StoredHistoryAsync(Host.NewContext());
        Assert.Equal(Chain(otherRelease, json.Skip(1)), hash);
        Assert.Equal(1, Occurrences(next, "UPDATE caf_episodes ")); // the re-based hash was remembered: no second attempt
        Assert.True((await Host.Store.VerifyAsync()).IsIntact);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task A_stored_hash_that_is_not_the_chain_of_the_stored_events_is_not_re_based_but_reported()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode)); // remembered: version 1 with this release's hash
        await using (var db = Host.NewContext())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE caf_episodes SET history_hash = {0}", new string('a', 64)));
        }

        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await Host.Repository.UpdateAsync(episode, 1));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.HistoryHashMismatch), (ex.EpisodeId, ex.Kind));
        Assert.Equal(1, await CountAsync<EpisodeEventRow>());
    }

    [Trait("Rule", "REP-01")]
    [StoreFact]
    public async Task REP01_a_report_row_removed_behind_the_repository_is_written_again_at_the_next_save_of_the_same_instance()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(await Host.Repository.AddAsync(episode)); // remembered with its report row
        await using (var db = Host.NewContext())
        {
            await db.Set<ReportRowEntity>().ExecuteDeleteAsync();
        }

        Ok(episode.RecordConsent(Teacher, MotherWritten(HealthVisiting), "Consent recorded with the family."));
        Ok(await Host.Repository.UpdateAsync(episode, 1));

        Assert.Equal(Projector.Project(episode, null), await Host.Reports.GetReportRowAsync(Ep1));
        Assert.Equal([HealthVisiting], (await Host.Reports.GetReportRowAsync(Ep1))!.ExcludedAgencies.ToArray());
    }

    private static readonly string EmptyHash = new('0', 64);

    // The chain computed here from the stored JSON, not by the store.
    private static string Chain(string start, IEnumerable<string> json)
    {
        var hash = start;
        foreach (var e in json)
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hash + e)));
        }

        return hash;
    }

    // An instance equal by value that no repository has seen.
    private CafEpisode Copy(CafEpisode episode) => EpisodeJson.Deserialize(Policy, EpisodeJson.Serialize(episode));

    private static void AssertSameHistory((string Hash, List<string> Json) expected, (string Hash, List<string> Json) actual)
    {
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected.Json, actual.Json);
    }

    private async Task<StoreHost> HostOverAsync(TestDatabase database)
    {
        var host = new StoreHost(database, Policy, Time, Publisher);
        await host.MigrateAsync();
        return host;
    }

    private static async Task<(string Hash, List<string> Json)> StoredHistoryAsync(CafDbContext context)
    {
        await using var db = context;
        var hash = await db.Set<EpisodeSummary>().Where(s => s.Id == Ep1)
            .Select(s => EF.Property<string>(s, CafModelBuilderExtensions.HistoryHashProperty)).SingleAsync();
        var json = await db.Set<EpisodeEventRow>().Where(r => r.EpisodeId == Ep1).OrderBy(r => r.Sequence).Select(r => r.Json).ToListAsync();
        return (hash, json);
    }

    private static async Task<(EpisodeSummary Summary, Caf.Core.Reporting.EpisodeReportRow Report)> StoredRowsAsync(StoreHost host)
    {
        await using var db = host.NewContext();
        var summary = await db.Set<EpisodeSummary>().AsNoTracking().SingleAsync(s => s.Id == Ep1);
        return (summary, (await host.Reports.GetReportRowAsync(Ep1))!);
    }

    // The SET list of the save's UPDATE of the episode row.
    private static string EpisodeRowSet(string sql)
    {
        var update = sql[sql.IndexOf("UPDATE caf_episodes SET ", StringComparison.Ordinal)..];
        return update[..update.IndexOf("WHERE", StringComparison.Ordinal)];
    }

    // The SQL of the save through Host (identifiers unquoted), which must succeed.
    private Task<string> EpisodeUpdateSqlAsync(Func<ValueTask<Result>> save) => EpisodeUpdateSqlAsync(Host, save);

    private static async Task<string> EpisodeUpdateSqlAsync(StoreHost host, Func<ValueTask<Result>> save)
    {
        host.Commands.Commands.Clear();
        host.Commands.Recording = true;
        try
        {
            Ok(await save());
        }
        finally
        {
            host.Commands.Recording = false;
        }

        return string.Join("\n", host.Commands.Commands).Replace("\"", "", StringComparison.Ordinal);
    }
}
