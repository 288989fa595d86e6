using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Xunit;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 26: an add and a multi-episode update are written as one command in one transaction too, without the change
/// tracker; the rows they write are, column for column, the change-tracker save's (SaveMode.Tracked, the reference).
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly NhsNumber ChildOneNhs = new("943 476 5919");

    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "LAW-03")]
    [StoreFact]
    public async Task An_add_is_one_command_that_reads_nothing_first_and_writes_every_row_of_the_save()
    {
        var episode = CafEpisode.IdentifyConcern(Policy, new EpisodeId("ep-1"), Child("child-1") with { NhsNumber = ChildOneNhs }, Teacher, "Attendance.");
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));

        Host.Commands.Commands.Clear();
        Host.Commands.RowsWritten = 0;
        Host.Commands.Recording = true;
        Ok(await Host.Repository.AddAsync(episode));
        Host.Commands.Recording = false;

        // The episode row, two events, two outbox rows, the child's identifier row and the report row: 7 rows, one command.
        var command = Assert.Single(Host.Commands.Commands).Replace("\"", "", StringComparison.Ordinal);
        Assert.StartsWith("INSERT INTO caf_episodes ", command, StringComparison.Ordinal);
        Assert.Equal(7, Host.Commands.RowsWritten);
        Assert.Equal(0, Host.SaveChangesCalls.Count); // no SaveChanges: a host's SaveChangesInterceptor does not see it (CHANGELOG)
        Assert.Equal(episode.Events, (await NewHost().Repository.GetAsync(episode.Id))!.Events); // read and checked in full
        Assert.Equal([new ChildId("child-1")], await NewHost().Store.ChildrenWithAsync(ChildOneNhs));
        Assert.Equal(episode.Id, (await NewHost().Reports.GetReportRowAsync(episode.Id))!.EpisodeId);
    }

    [Trait("Rule", "REG-01")]
    [StoreFact]
    public async Task REG01_an_add_the_database_refuses_leaves_no_row_of_it()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var second = CafEpisode.IdentifyConcern(Policy, new EpisodeId("ep-2"), Child("child-001") with { NhsNumber = ChildOneNhs }, Teacher, "Attendance.");
        Ok(second.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));

        Assert.Equal("REG-01", (await Host.Repository.AddAsync(second)).Refusal.RuleId);
        Assert.Equal(StoreCodes.DuplicateId, (await Host.Repository.AddAsync(Identified(Policy, "ep-1", child: "child-002"))).Refusal.RuleId);

        // The refused adds' statements after the episode row's (events, outbox, identifier, report row) left nothing.
        Assert.Equal(1, await CountAsync<EpisodeEventRow>());
        Assert.Equal(1, await CountAsync<OutboxRow>());
        Assert.Equal(0, await CountAsync<ChildIdentifierRow>());
        Assert.Equal(1, await CountAsync<ReportRowEntity>());
        Assert.Equal(1, await CountAsync<EpisodeSummary>());
    }

    [Trait("Rule", "REG-03")]
    [StoreFact]
    public async Task REG03_an_update_of_three_episodes_is_one_command_and_a_stale_one_leaves_no_row_of_any()
    {
        var loaded = await AddThreeAndLoadAsync(Host, SaveMode.OneCommand);
        await RecordConsentAgainAsync(NewHost().Repository, loaded[2].Id); // another writer saves the third first
        foreach (var e in loaded)
        {
            Ok(e.StartAssessment(Teacher, "The family agreed to an assessment."));
        }

        var (events, outbox, reports) = (await CountAsync<EpisodeEventRow>(), await CountAsync<OutboxRow>(), await ReportPayloadsAsync());
        Host.Commands.Commands.Clear();
        Host.Commands.Recording = true;
        var stale = await Host.Repository.UpdateManyAsync([.. loaded.Select(e => new EpisodeUpdate(e, 2))]);
        var written = Host.Commands.Commands.Select(c => c.Replace("\"", "", StringComparison.Ordinal)).ToList();
        Host.Commands.Recording = false;

        Assert.Equal(StoreCodes.Concurrency, stale.Refusal.RuleId);
        Assert.StartsWith("UPDATE caf_episodes SET ", written[0], StringComparison.Ordinal);
        Assert.Equal(3, written[0].Split("UPDATE caf_episodes ", StringSplitOptions.None).Length - 1); // the three episodes' statements in one command
        Assert.Equal((events, outbox), (await CountAsync<EpisodeEventRow>(), await CountAsync<OutboxRow>()));
        Assert.Equal(reports, await ReportPayloadsAsync());

        var fresh = await LoadAsync(NewHost(), loaded.Select(e => e.Id));
        foreach (var e in fresh)
        {
            Ok(e.StartAssessment(Teacher, "The family agreed to an assessment."));
        }

        Host.Commands.Commands.Clear();
        Host.Commands.RowsWritten = 0;
        Host.Commands.Recording = true;
        Ok(await Host.Repository.UpdateManyAsync([.. fresh.Select(e => new EpisodeUpdate(e, e.Version - 1))]));
        Host.Commands.Recording = false;
        Assert.Single(Host.Commands.Commands); // nothing read first; loaded by another host, so every column is written
        Assert.Equal(3 * 4, Host.Commands.RowsWritten); // per episode: its row, one event, one outbox row, its report row
        Assert.Equal(0, Host.SaveChangesCalls.Count); // not through the change tracker
    }

    [Trait("Rule", "LIFE-11")]
    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "LAW-03")]
    [StoreFact]
    public async Task The_one_command_adds_and_multi_episode_updates_write_the_rows_the_change_tracker_writes()
    {
        await using var otherDatabase = await CreateDatabaseAsync();
        await using var tracked = new StoreHost(otherDatabase, Policy, Time, null, null, null, null, null);
        await tracked.MigrateAsync();

        foreach (var (host, mode) in new[] { (Host, SaveMode.OneCommand), (tracked, SaveMode.Tracked) })
        {
            var loaded = await AddThreeAndLoadAsync(host, mode);
            // The school loses the lead-professional role it held: a revocation audit row in the same save.
            Ok(loaded[0].RecordConsent(Teacher, MotherWritten(School), "Mum no longer wants the school involved."));
            Ok(loaded[1].StartAssessment(Teacher, "The family agreed to an assessment."));
            Ok(loaded[2].StartAssessment(Teacher, "The family agreed to an assessment."));
            Ok(loaded[2].StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));
            Ok(await host.Store.UpdateManyAsync([.. loaded.Select(e => new EpisodeUpdate(e, 2))], mode));

            // An episode stored before the read model existed: its report row is added by the retry.
            await using (var db = host.NewContext())
            {
                await db.Set<ReportRowEntity>().Where(r => r.EpisodeId == loaded[1].Id).ExecuteDeleteAsync();
            }

            Ok(loaded[1].StepUp(Teacher, new SpecialistService("CSC"), "Significant harm"));
            Ok(await host.Store.UpdateManyAsync([new EpisodeUpdate(loaded[1], 3)], mode));
        }

        Assert.Contains(await RowsAsync<SharingAuditRow>(Host), r => r.Contains("Kind=Revoked", StringComparison.Ordinal));
        Assert.Equal(await RowsAsync<EpisodeSummary>(tracked), await RowsAsync<EpisodeSummary>(Host));
        Assert.Equal(await RowsAsync<EpisodeEventRow>(tracked), await RowsAsync<EpisodeEventRow>(Host));
        Assert.Equal(await RowsAsync<OutboxRow>(tracked), await RowsAsync<OutboxRow>(Host));
        Assert.Equal(await RowsAsync<SharingAuditRow>(tracked), await RowsAsync<SharingAuditRow>(Host));
        Assert.Equal(await RowsAsync<ChildIdentifierRow>(tracked), await RowsAsync<ChildIdentifierRow>(Host));
        Assert.Equal(await RowsAsync<ReportRowEntity>(tracked), await RowsAsync<ReportRowEntity>(Host));
        Assert.Equal(3, (await RowsAsync<ReportRowEntity>(Host)).Count);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task An_add_of_more_events_than_a_command_holds_is_split_by_the_change_tracker_and_stored_whole()
    {
        // An imported history: 4,500 events are about 68,000 parameters in one command, beyond both databases' caps
        // (PostgreSQL 65,535, SQLite 32,766).
        var episode = Identified(Policy, "ep-long");
        for (var i = 0; i < 4_500; i++)
        {
            Ok(episode.RecordConsent(Teacher, MotherWritten(), $"Consent confirmed with the family, visit {i}."));
        }

        Ok(await Host.Repository.AddAsync(episode));
        Assert.Equal(1, Host.SaveChangesCalls.Count);
        Assert.Equal(episode.Events, (await NewHost().Repository.GetAsync(episode.Id))!.Events);

        Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));
        Ok(await Host.Repository.UpdateAsync(episode, episode.Version - 1));
        Assert.Equal(1, Host.SaveChangesCalls.Count); // a save of a few events is one command again
        Assert.Equal(episode.Version, await CountAsync<EpisodeEventRow>());
    }

    // Three consented episodes (the first with the child's NHS number) added in this mode, then loaded through the host.
    private async Task<List<CafEpisode>> AddThreeAndLoadAsync(StoreHost host, SaveMode mode)
    {
        for (var i = 1; i <= 3; i++)
        {
            var child = Child($"child-{i}") with { NhsNumber = i == 1 ? ChildOneNhs : null };
            var e = CafEpisode.IdentifyConcern(Policy, new EpisodeId($"ep-{i}"), child, Teacher, "Falling attendance.");
            Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
            Ok(await host.Store.AddAsync(e, mode));
        }

        return await LoadAsync(host, [new("ep-1"), new("ep-2"), new("ep-3")]);
    }

    private static async Task<List<CafEpisode>> LoadAsync(StoreHost host, IEnumerable<EpisodeId> ids)
    {
        var loaded = new List<CafEpisode>();
        foreach (var id in ids)
        {
            loaded.Add((await host.Repository.GetAsync(id))!);
        }

        return loaded;
    }

    private async Task<List<string>> ReportPayloadsAsync()
    {
        await using var db = Host.NewContext();
        return await db.Set<ReportRowEntity>().OrderBy(r => r.EpisodeId).Select(r => r.Payload).ToListAsync();
    }

    // Every row of the table, each as its columns' values (shadow ones too; not the database-generated identity), sorted.
    private static async Task<List<string>> RowsAsync<T>(StoreHost host)
        where T : class
    {
        await using var db = host.NewContext();
        var rows = await db.Set<T>().ToListAsync();
        var lines = rows.Select(row => string.Join("; ", db.Entry(row).Properties
            .Where(p => p.Metadata.ValueGenerated == ValueGenerated.Never)
            .Select(p => $"{p.Metadata.Name}={p.CurrentValue}"))).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
