using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Issue 26: an update of one episode is written as one command (every row of the save in one round trip) in one
/// transaction, without the change tracker; what it stores and refuses is the change-tracker save's.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task An_update_of_one_episode_is_one_command_that_writes_every_row_of_the_save()
    {
        var episode = Identified(Policy, "ep-1");
        Ok(episode.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await Host.Repository.AddAsync(episode));
        Ok(episode.StartAssessment(Teacher, "The family agreed to an assessment."));
        Ok(episode.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));

        Host.Commands.Commands.Clear();
        Host.Commands.RowsWritten = 0;
        Host.Commands.Recording = true;
        Ok(await Host.Repository.UpdateAsync(episode, 2));
        Host.Commands.Recording = false;

        // One command: the episode row, two events, two outbox rows and the report row (6 rows) in one round trip.
        var command = Assert.Single(Host.Commands.Commands).Replace("\"", "", StringComparison.Ordinal);
        Assert.StartsWith("UPDATE caf_episodes SET ", command, StringComparison.Ordinal);
        Assert.Equal(6, Host.Commands.RowsWritten);
        var reloaded = (await NewHost().Repository.GetAsync(new EpisodeId("ep-1")))!; // read and checked in full
        Assert.Equal(episode.Events, reloaded.Events);
        Assert.Equal(episode.Id, (await NewHost().Reports.GetReportRowAsync(episode.Id))!.EpisodeId);
    }

    [StoreFact]
    public async Task A_one_command_save_the_database_refuses_leaves_no_row_of_it()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var reportBefore = await Host.Reports.GetReportRowAsync(new EpisodeId("ep-1"));
        Time.Advance(TimeSpan.FromMinutes(5));
        // The same id and version, another history: the episode row's UPDATE matches no row (its hash differs) while the
        // event, outbox and report statements would succeed on their own. The whole command is rolled back.
        var impostor = Identified(Policy, "ep-1");
        Ok(impostor.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));

        Assert.Equal(StoreCodes.HistoryMismatch, (await Host.Repository.UpdateAsync(impostor, 1)).Refusal.RuleId);

        Assert.Equal(1, await CountAsync<EpisodeEventRow>());
        Assert.Equal(1, await CountAsync<OutboxRow>());
        Assert.Equal(reportBefore, await NewHost().Reports.GetReportRowAsync(new EpisodeId("ep-1")));
        await using var db = Host.NewContext();
        Assert.Equal(1, await db.Set<Caf.Core.Register.EpisodeSummary>().Select(s => s.Version).SingleAsync());
    }

    [StoreFact]
    public async Task A_one_command_save_that_loses_a_race_leaves_only_the_winner_rows()
    {
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1")));
        var first = (await Host.Repository.GetAsync(new EpisodeId("ep-1")))!;
        var second = (await NewHost().Repository.GetAsync(new EpisodeId("ep-1")))!;
        Ok(first.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(second.RecordConsent(Teacher, MotherWritten(), "Consent recorded again by a colleague."));
        Ok(second.StartAssessment(Teacher, "The family agreed to an assessment."));

        Ok(await Host.Repository.UpdateAsync(first, 1));
        Assert.Equal(StoreCodes.Concurrency, (await Host.Repository.UpdateAsync(second, 1)).Refusal.RuleId);

        Assert.Equal(2, await CountAsync<EpisodeEventRow>());
        Assert.Equal(2, await CountAsync<OutboxRow>());
        var stored = (await NewHost().Repository.GetAsync(new EpisodeId("ep-1")))!;
        Assert.Equal(first.Events, stored.Events);
    }
}
