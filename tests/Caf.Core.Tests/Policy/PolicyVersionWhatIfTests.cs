using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Analysis;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Xunit;

namespace Caf.Core.Tests.Policy;

/// <summary>Before a version is adopted: which open episodes it changes, and how (<see cref="PolicyVersionWhatIf"/>).</summary>
public class PolicyVersionWhatIfTests
{
    private static readonly DateOnly Start = DateOnly.FromDateTime(CafTestWorld.DefaultStart.UtcDateTime);
    private static readonly DateOnly Adopted = Start.AddMonths(3); // the young person is still 16 then

    private static PolicyVersion Candidate(Action<CafOptions> change)
    {
        var o = new CafOptions();
        change(o);
        return new PolicyVersion("2026-06", Adopted, o);
    }

    // In one world: a 16-year-old who consented herself, a nine-year-old with two insufficient reviews, a closed episode.
    private static (CafTestWorld World, CafEpisode Young, CafEpisode Reviewed, CafEpisode Closed) Episodes()
    {
        var world = CafTestWorld.Create();
        var young = world.IdentifyConcern(new ChildDetails(new ChildId("child-16"), Start.AddYears(-16).AddMonths(-6)));
        var reviewed = world.IdentifyConcern(new ChildDetails(new ChildId("child-9"), Start.AddYears(-9)));
        var closed = world.IdentifyConcern(new ChildDetails(new ChildId("child-5"), Start.AddYears(-5)));
        Assert.True(EpisodeCommands.Named("consent: young person written (self-consent age)").Run(young, world.Today).IsSuccess);
        Assert.True(EpisodeCommands.Named("step up").Run(closed, world.Today).IsSuccess);
        foreach (var step in EpisodeCommands.HappyPath.Take(6).Concat(Enumerable.Repeat("review: insufficient", 2)))
        {
            world.Advance(TimeSpan.FromDays(7));
            Assert.True(EpisodeCommands.Named(step).Run(reviewed, world.Today).IsSuccess, step);
        }

        return (world, young, reviewed, closed);
    }

    [Fact]
    [Trait("Rule", "CONS-02")]
    public void A_higher_self_consent_age_changes_the_young_persons_consent_and_what_next_only()
    {
        var (world, young, reviewed, closed) = Episodes();
        var report = PolicyVersionWhatIf.Compare(world.Policy, Candidate(o => o.Consent.SelfConsentAge = 17), [young, reviewed, closed]);

        Assert.Equal(("default", "2026-06", 2), (report.CurrentVersion, report.CandidateVersion, report.OpenEpisodes));
        var impact = Assert.Single(report.Changed);
        Assert.Equal(young.Id, impact.Episode);
        var consent = Assert.Single(impact.Changes, c => c.Question == PolicyVersionQuestion.ConsentSufficientToStart);
        Assert.Equal("sufficient", consent.Current);
        // Under 17 her own consent no longer suffices: a parent's is needed (LIFE-05, CONS-01).
        Assert.StartsWith("not sufficient [LIFE-05] No consent from a parent", consent.Candidate, StringComparison.Ordinal);
        var start = Assert.Single(impact.Changes, c => c.Action == EpisodeAction.StartAssessment);
        Assert.Equal((PolicyVersionWhatIf.Permitted, true), (start.Current, start.Candidate.StartsWith("refused [LIFE-05]", StringComparison.Ordinal)));
        Assert.Equal([young.Id], report.Blocked.Select(b => b.Episode));
        Assert.Equal(new DateTimeOffset(Adopted.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), report.AsOf);
    }

    [Fact]
    [Trait("Rule", "REV-03")]
    public void A_lower_review_limit_says_the_next_insufficient_review_requires_reassessment()
    {
        var (world, young, reviewed, _) = Episodes();
        var report = PolicyVersionWhatIf.Compare(world.Policy, Candidate(o => o.Reviews.InsufficientProgressReviewLimit = 3), [young, reviewed]);

        var impact = Assert.Single(report.Changed);
        Assert.Equal(reviewed.Id, impact.Episode);
        var change = Assert.Single(impact.Changes);
        Assert.Equal(new PolicyVersionChange(PolicyVersionQuestion.NextInsufficientReviewRequiresReassessment, null, "no", "yes"), change);
        Assert.Empty(report.Blocked);
    }

    [Fact]
    public void An_unchanged_candidate_changes_nothing_and_the_episodes_are_only_read()
    {
        var (world, young, reviewed, closed) = Episodes();
        var audited = world.Audit.Entries.Count;
        var report = PolicyVersionWhatIf.Compare(world.Policy, Candidate(o => o.Retention.RetentionYears = 5), [young, reviewed, closed]);
        Assert.Empty(report.Changed);
        Assert.Equal(audited, world.Audit.Entries.Count);
        Assert.Throws<ArgumentException>(() => PolicyVersionWhatIf.Compare(world.Policy, Candidate(_ => { }), [young, young]));
        Assert.Throws<ArgumentException>(() => PolicyVersionWhatIf.Compare(
            world.Policy, new PolicyVersion(PolicyHistory.DefaultVersionId, Adopted, new CafOptions()), [young]));
    }

    [Fact]
    public async Task The_register_overload_reads_every_open_episode_of_the_store()
    {
        var world = CafTestWorld.Create();
        var id = new EpisodeId("ep-16");
        var registration = await world.Register.IdentifyConcernAsync(
            id, new ChildDetails(new ChildId("child-16"), Start.AddYears(-16).AddMonths(-6)), CafCatalogue.Teacher, "Attendance has fallen.");
        Assert.True(registration.OpenedNewEpisode, registration.ToString());
        Assert.True((await world.Register.ExecuteAsync(id, e => EpisodeCommands.Named("consent: young person written (self-consent age)").Run(e, world.Today))).IsSuccess);

        var report = await PolicyVersionWhatIf.CompareAsync(world.Policy, Candidate(o => o.Consent.SelfConsentAge = 17), world.Store);
        Assert.Equal(1, report.OpenEpisodes);
        Assert.Equal(id, Assert.Single(report.Changed).Episode);
    }
}
