using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Xunit;
using static Caf.Core.Tests.Policy.PolicyVersionSupport;

namespace Caf.Core.Tests.Policy;

/// <summary>
/// The three (episode, change) pairs measured on main before policy versions (issue 24): recorded under the default
/// options, then read after the authority changed one option, each failed with a JsonException. Each test shows the
/// failure still happens when the changed options replace the old ones, and that the history of versions reads it back.
/// </summary>
public class PolicyChangeRegressionTests
{
    private static readonly DateOnly Start = DateOnly.FromDateTime(CafTestWorld.DefaultStart.UtcDateTime);

    // A young person of 16 and a half who consents herself (CONS-02), then assessed.
    private static GeneratedEpisode SixteenYearOldsEpisode() => new EpisodeScript(
        new ChildDetails(new ChildId("child-16"), Start.AddYears(-16).AddMonths(-6)),
        false,
        [new("consent: young person written (self-consent age)", 0), new("start assessment", 1), new("complete assessment", 3)]).Run();

    // A multi-agency plan reviewed four times, each finding progress insufficient (REV-03: the fourth requires reassessment).
    private static GeneratedEpisode FourInsufficientReviews() => new EpisodeScript(
        new ChildDetails(new ChildId("child-9"), Start.AddYears(-9)),
        false,
        [
            .. EpisodeCommands.HappyPath.Take(6).Select(c => new EpisodeStep(c, 1)),
            new("review: insufficient", 28), new("review: insufficient", 28), new("review: insufficient", 28), new("review: insufficient", 28),
        ]).Run();

    [Fact]
    [Trait("Rule", "CONS-02")]
    public void CONS_02_a_sixteen_year_olds_episode_reads_after_the_self_consent_age_moves_to_17() =>
        ReadsOnlyUnderTheHistory(SixteenYearOldsEpisode(), o => o.Consent.SelfConsentAge = 17, "CONS-02");

    [Fact]
    [Trait("Rule", "LIFE-05")]
    public void LIFE_05_a_sixteen_year_olds_episode_reads_after_a_parents_consent_is_also_required() =>
        ReadsOnlyUnderTheHistory(SixteenYearOldsEpisode(), o => o.Consent.ParentConsentRequiredAtSelfConsentAge = true, null);

    [Fact]
    [Trait("Rule", "REV-03")]
    public void REV_03_a_plan_with_four_insufficient_reviews_reads_after_the_limit_moves_from_4_to_3() =>
        ReadsOnlyUnderTheHistory(FourInsufficientReviews(), o => o.Reviews.InsufficientProgressReviewLimit = 3, "REV-03");

    private static void ReadsOnlyUnderTheHistory(GeneratedEpisode g, Action<CafOptions> change, string? rule)
    {
        Assert.True(g.IsValidSequence, g.ToString());
        var json = EpisodeJson.Serialize(g.Episode);
        var changed = Options(change);

        // The changed options replacing the old ones (main's behaviour): the stored episode cannot be read.
        var replaced = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(Over(PolicyHistory.Single(changed), g.World.Time), json));
        if (rule is not null)
        {
            Assert.Contains(rule, replaced.Message, StringComparison.Ordinal);
        }

        // The change as a new version from tomorrow: the same episode, the same answers; and after the change too.
        var history = TwoVersions(new CafOptions(), changed, g.World.Today.AddDays(1));
        var read = EpisodeJson.Deserialize(Over(history, g.World.Time), json);
        Assert.Equal(Answers(g.Episode), Answers(read));
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(g.World.Time.GetUtcNow().AddDays(10));
        var readLater = EpisodeJson.Deserialize(Over(history, later), json);
        Assert.Equal(Recorded(g.Episode), Recorded(readLater));
        Assert.Equal(g.Episode.State, CafEpisode.Rebuild(Over(history, later), g.Episode.Events).State);
    }
}
