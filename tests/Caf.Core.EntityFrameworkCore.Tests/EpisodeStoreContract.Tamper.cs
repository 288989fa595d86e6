using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>
/// Tamper evidence (issue 24): each kind of change made behind the library with raw SQL gives its own
/// <see cref="EpisodeIntegrityException"/> naming the episode and the event, the verifier reports the same finding, and the
/// other episode still loads, saves and is listed. ep-1 has four events (versions 1..4); version 2 is the consent, whose
/// reason holds the marker text the edits change one byte of.
/// </summary>
public abstract partial class EpisodeStoreContract
{
    private const string Marker = "tamper-marker";

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public Task Tamper_a_deleted_event_row_is_reported_missing() => AssertTamperAsync(
        EpisodeIntegrityProblem.EventMissing, 3,
        "DELETE FROM caf_episode_events WHERE episode_id = 'ep-1' AND sequence = 2");

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public Task Tamper_one_byte_changed_in_an_event_is_reported_altered() => AssertTamperAsync(
        EpisodeIntegrityProblem.EventAltered, 2,
        $"UPDATE caf_episode_events SET json = replace(json, '{Marker}', 'tamper-markes') WHERE episode_id = 'ep-1' AND sequence = 1");

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public Task Tamper_two_events_swapped_are_reported_reordered() => AssertTamperAsync(
        EpisodeIntegrityProblem.EventsReordered, 2,
        "UPDATE caf_episode_events SET sequence = 100 WHERE episode_id = 'ep-1' AND sequence = 1",
        "UPDATE caf_episode_events SET sequence = 1 WHERE episode_id = 'ep-1' AND sequence = 2",
        "UPDATE caf_episode_events SET sequence = 2 WHERE episode_id = 'ep-1' AND sequence = 100");

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public Task Tamper_a_renumbered_event_is_reported_out_of_sequence() => AssertTamperAsync(
        EpisodeIntegrityProblem.EventOutOfSequence, 4,
        "UPDATE caf_episode_events SET sequence = 7 WHERE episode_id = 'ep-1' AND sequence = 3");

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public Task Tamper_an_edited_snapshot_is_reported_against_the_events_the_hash_vouches_for() => AssertTamperAsync(
        EpisodeIntegrityProblem.SnapshotMismatch, 2,
        $"UPDATE caf_episodes SET snapshot = replace(snapshot, '{Marker}', 'tamper-markes') WHERE id = 'ep-1'");

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public Task Tamper_an_edited_history_hash_is_reported() => AssertTamperAsync(
        EpisodeIntegrityProblem.HistoryHashMismatch, null,
        $"UPDATE caf_episodes SET history_hash = '{new string('b', 64)}' WHERE id = 'ep-1'");

    [Trait("Rule", "STORE-CONCURRENCY")]
    [StoreFact]
    public Task Tamper_an_edited_version_column_is_reported_not_taken_for_someone_elses_save() => AssertTamperAsync(
        EpisodeIntegrityProblem.VersionMismatch, null,
        "UPDATE caf_episodes SET version = 9 WHERE id = 'ep-1'");

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Tamper_a_truncated_snapshot_names_the_episode()
    {
        var ex = await AssertTamperAsync(EpisodeIntegrityProblem.SnapshotUnreadable, null,
            "UPDATE caf_episodes SET snapshot = substr(snapshot, 1, 120) WHERE id = 'ep-1'");

        Assert.IsType<JsonException>(ex.InnerException);
        Assert.Contains("ep-1", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "STORE-CONCURRENCY")]
    [StoreFact]
    public async Task Tamper_a_save_of_an_instance_loaded_before_the_version_column_was_edited_throws_instead_of_refusing_as_stale()
    {
        await StoreTwoEpisodesAsync();
        var loaded = (await Host.Repository.GetAsync(Ep1))!;
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episodes SET version = 9 WHERE id = 'ep-1'");
        Ok(loaded.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "The school can meet the needs."));

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await Host.Repository.UpdateAsync(loaded, 4));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.VersionMismatch), (ex.EpisodeId, ex.Kind));
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Tamper_the_register_throws_the_integrity_error_for_that_episode_and_runs_commands_on_the_others()
    {
        await StoreTwoEpisodesAsync();
        await Attacker.RunAsync(Host.NewContext(), "DELETE FROM caf_episode_events WHERE episode_id = 'ep-1' AND sequence = 1");
        var register = new CafRegister(Host.Repository, Policy);

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () =>
            await register.ExecuteAsync(Ep1, e => e.StartAssessment(Teacher, "Agreed.")));
        var other = await register.ExecuteAsync(Ep2, e => e.RecordConsent(Teacher, MotherWritten(), "Consent recorded."));

        Assert.Equal((Ep1, EpisodeIntegrityProblem.EventMissing, 2), (ex.EpisodeId, ex.Kind, ex.EventVersion));
        Ok(other);
        Assert.Equal(2, (await NewHost().Repository.GetAsync(Ep2))!.Version);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Stored_events_cannot_be_deleted_in_the_database_but_go_with_their_episode()
    {
        await StoreTwoEpisodesAsync();
        await using (var db = Host.NewContext())
        {
            var ex = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM caf_episode_events WHERE episode_id = 'ep-1'"));
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        }

        Assert.Equal(5, await CountAsync<EpisodeEventRow>());
        await using (var db = Host.NewContext())
        {
            // Disposal after the retention period (RET-01): the episode row goes, and its events with it (the foreign key cascades).
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("DELETE FROM caf_episodes WHERE id = 'ep-1'"));
        }

        Assert.Equal(1, await CountAsync<EpisodeEventRow>());
        Assert.Null(await NewHost().Repository.GetAsync(Ep1));
        Assert.True((await Host.Store.VerifyAsync()).IsIntact);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Verify_reports_an_intact_store_with_progress_after_each_episode()
    {
        await StoreTwoEpisodesAsync();
        var seen = new List<EpisodeStoreVerificationProgress>();

        var report = await Host.Store.VerifyAsync(new SynchronousProgress<EpisodeStoreVerificationProgress>(seen.Add));

        Assert.Equal(new EpisodeStoreVerification(2, []), report);
        Assert.True(report.IsIntact);
        Assert.Equal([new(1, 2, 0), new(2, 2, 0)], seen);
    }

    [Trait("Rule", "LIFE-11")]
    [StoreFact]
    public async Task Verify_reports_every_tampered_episode_and_goes_on()
    {
        await StoreTwoEpisodesAsync();
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-3", "child-003")));
        await Attacker.RunAsync(Host.NewContext(),
            $"UPDATE caf_episodes SET history_hash = '{new string('c', 64)}' WHERE id = 'ep-1'",
            "UPDATE caf_episodes SET snapshot = 'garbled' WHERE id = 'ep-3'");
        var seen = new List<EpisodeStoreVerificationProgress>();

        var report = await Host.Store.VerifyAsync(new SynchronousProgress<EpisodeStoreVerificationProgress>(seen.Add));

        Assert.Equal(3, report.EpisodesChecked);
        Assert.Equal(
            [(Ep1, EpisodeIntegrityProblem.HistoryHashMismatch, (int?)null), (new EpisodeId("ep-3"), EpisodeIntegrityProblem.SnapshotUnreadable, null)],
            report.Findings.Select(f => (f.EpisodeId, f.Kind, f.EventVersion)));
        Assert.Equal([new(1, 3, 1), new(2, 3, 1), new(3, 3, 2)], seen);
    }

    [StoreFact]
    public async Task The_verifier_snippet_of_docs_storage_md_compiles_and_reports_a_finding()
    {
        await StoreTwoEpisodesAsync();
        await Attacker.RunAsync(Host.NewContext(), "UPDATE caf_episodes SET version = 7 WHERE id = 'ep-1'");
        var services = Host.Services;
        var logger = new ListLogger();
        var cancellationToken = System.Threading.CancellationToken.None;

        // Verbatim from docs/storage.md "Tamper evidence" (the block is compared below).
        var verifier = services.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>();
        var progress = new Progress<EpisodeStoreVerificationProgress>(p => logger.LogInformation("{Checked}/{Total} episodes, {Problems} problems", p.Checked, p.Total, p.Problems));
        EpisodeStoreVerification report = await verifier.VerifyAsync(progress, cancellationToken);
        foreach (EpisodeIntegrityFinding finding in report.Findings)
        {
            logger.LogError("{Episode}: {Kind} at event version {Version}: {Detail}", finding.EpisodeId, finding.Kind, finding.EventVersion, finding.Detail);
        }

        var error = Assert.Single(logger.Errors);
        Assert.StartsWith("ep-1: VersionMismatch at event version ", error, StringComparison.Ordinal);
        Assert.Contains("the version column says 7", error, StringComparison.Ordinal);
        var docs = System.IO.File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "docs", "storage.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(DocsSnippet, docs, StringComparison.Ordinal);
    }

    private const string DocsSnippet = """
        ```csharp
        var verifier = services.GetRequiredService<EntityFrameworkEpisodeRepository<CafDbContext>>();
        var progress = new Progress<EpisodeStoreVerificationProgress>(p => logger.LogInformation("{Checked}/{Total} episodes, {Problems} problems", p.Checked, p.Total, p.Problems));
        EpisodeStoreVerification report = await verifier.VerifyAsync(progress, cancellationToken);
        foreach (EpisodeIntegrityFinding finding in report.Findings)
        {
            logger.LogError("{Episode}: {Kind} at event version {Version}: {Detail}", finding.EpisodeId, finding.Kind, finding.EventVersion, finding.Detail);
        }
        ```
        """;

    private static string RepoRoot()
    {
        var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "docs", "storage.md")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("docs/storage.md not found above the test's directory.");
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Errors { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Error)
            {
                Errors.Add(formatter(state, exception));
            }
        }
    }

    private static readonly EpisodeId Ep2 = new("ep-2");

    // ep-1: identified, consent (with the marker), assessment started, assessment completed; ep-2: identified.
    private async Task StoreTwoEpisodesAsync()
    {
        var e = Identified(Policy, "ep-1");
        Ok(e.RecordConsent(Teacher, MotherWritten(), $"Consent recorded at the {Marker} visit."));
        Ok(e.StartAssessment(Teacher, "The family agreed to an assessment."));
        Ok(e.CompleteAssessment(Teacher, new AssessmentSummary("default", "1.0.0", Caf.Core.Thresholds.ThresholdLevel.Additional,
            Caf.Core.Thresholds.ThresholdRoute.CafSingleAgency, ["attendance"]), AbsentParentInvolvement.WasInvolved, "Needs at school."));
        Ok(await Host.Repository.AddAsync(e));
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
    }

    // Tampers with ep-1, then: a load through a new host throws the expected finding; the verifier reports exactly it;
    // ep-2 loads, saves and is listed.
    private async Task<EpisodeIntegrityException> AssertTamperAsync(EpisodeIntegrityProblem kind, int? eventVersion, params string[] sql)
    {
        await StoreTwoEpisodesAsync();
        Assert.True((await Host.Store.VerifyAsync()).IsIntact);
        await Attacker.RunAsync(Host.NewContext(), sql);
        var host = NewHost();

        var ex = await Assert.ThrowsAsync<EpisodeIntegrityException>(async () => await host.Repository.GetAsync(Ep1));
        var report = await host.Store.VerifyAsync();

        Assert.Equal((Ep1, kind, eventVersion), (ex.EpisodeId, ex.Kind, ex.EventVersion));
        Assert.Contains("ep-1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new EpisodeStoreVerification(2, [ex.Finding]), report);
        var other = (await host.Repository.GetAsync(Ep2))!;
        Ok(other.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        Ok(await host.Repository.UpdateAsync(other, 1));
        Assert.Equal(2, (await NewHost().Repository.GetAsync(Ep2))!.Version);
        Assert.Equal([Ep1, Ep2], (await host.Repository.ListAsync(new AllEpisodes())).Select(s => s.Id));
        return ex;
    }

    private sealed class AllEpisodes : Specification<EpisodeSummary>
    {
        public AllEpisodes() => Query.OrderBy(s => s.Id);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
