using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Register;

/// <summary>
/// Issue 24: <see cref="InMemoryEpisodeRepository.VerifyAsync"/> replays every stored history under the repository's
/// policy and reports the ones the commands would not produce now, with progress after each episode.
/// </summary>
public class InMemoryVerifyTests
{
    [Trait("Rule", "LIFE-11")]
    [Fact]
    public async Task An_intact_store_is_reported_intact_with_progress_after_each_episode()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy);
        Ok(await store.AddAsync(seeds.Identified(new EpisodeId("ep-1"))));
        Ok(await store.AddAsync(CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-2"), new ChildDetails(new ChildId("child-2"), new DateOnly(2015, 1, 1)), Teacher, "Withdrawn in class.")));
        var seen = new List<EpisodeStoreVerificationProgress>();

        var report = await store.VerifyAsync(new Recorder(seen.Add));

        Assert.Equal(new EpisodeStoreVerification(2, []), report);
        Assert.Equal([new(1, 2, 0), new(2, 2, 0)], seen);
    }

    [Trait("Rule", "LIFE-05")]
    [Fact]
    public async Task A_history_the_repositorys_policy_would_refuse_is_reported_and_the_others_are_checked()
    {
        // Recorded under the default options (a 16-year-old's own consent suffices), stored in a repository whose policy
        // also requires a parent's consent at that age (LIFE-05).
        var recorded = new Seeds();
        var stricter = new Seeds(new CafOptions { Consent = new ConsentOptions { ParentConsentRequiredAtSelfConsentAge = true } });
        var store = new InMemoryEpisodeRepository(stricter.Policy);
        var sixteen = CafEpisode.IdentifyConcern(recorded.Policy, new EpisodeId("ep-1"), new ChildDetails(new ChildId("child-16"), new DateOnly(2010, 1, 1)), Teacher, "Missing school.");
        Ok(sixteen.RecordConsent(Teacher, new ConsentRecord(ConsentGiverRole.YoungPerson, "Sam", ConsentDecision.Given, ConsentForm.Written, []) with { SharingExplained = true }, "Sam consents."));
        Ok(sixteen.StartAssessment(Teacher, "Sam agreed to an assessment."));
        Ok(await store.AddAsync(sixteen));
        Ok(await store.AddAsync(stricter.Identified(new EpisodeId("ep-2"))));

        var report = await store.VerifyAsync();

        Assert.Equal(2, report.EpisodesChecked);
        var finding = Assert.Single(report.Findings);
        Assert.Equal((new EpisodeId("ep-1"), EpisodeIntegrityProblem.SnapshotUnreadable), (finding.EpisodeId, finding.Kind));
        Assert.Contains("LIFE-05", finding.Detail, StringComparison.Ordinal);
        Assert.False(report.IsIntact);
    }

    private sealed class Recorder(Action<EpisodeStoreVerificationProgress> report) : IProgress<EpisodeStoreVerificationProgress>
    {
        public void Report(EpisodeStoreVerificationProgress value) => report(value);
    }
}
