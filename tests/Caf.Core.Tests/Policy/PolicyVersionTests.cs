using System;
using System.Linq;
using System.Text.Json;
using Caf.Core.Configuration;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Caf.Core.Tests.Policy.PolicyVersionSupport;

namespace Caf.Core.Tests.Policy;

/// <summary>Policy versions: the history, what each event records, which version judges a command and a stored event, and the error for an unknown version.</summary>
public class PolicyVersionTests
{
    private static readonly DateTimeOffset Start = CafTestWorld.DefaultStart;
    private static readonly DateOnly SecondFrom = new(2026, 6, 1);

    private static ChildDetails SixteenAndAHalf() =>
        new(new ChildId("child-16"), DateOnly.FromDateTime(Start.UtcDateTime).AddYears(-16).AddMonths(-6));

    private static (CafEpisode Episode, FakeTimeProvider Clock, EpisodePolicy Policy) Open(PolicyHistory history, ChildDetails? child = null)
    {
        var clock = new FakeTimeProvider(Start);
        var policy = Over(history, clock);
        var episode = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-1"), child ?? SixteenAndAHalf(), CafCatalogue.Teacher, "Attendance has fallen.");
        return (episode, clock, policy);
    }

    private static Result Run(CafEpisode episode, FakeTimeProvider clock, string command) =>
        EpisodeCommands.Named(command).Run(episode, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    private static void Until(FakeTimeProvider clock, DateOnly day) => clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    [Fact]
    public void A_single_policy_is_a_history_of_one_version_with_the_default_id()
    {
        var world = CafTestWorld.Create();
        Assert.Equal(PolicyHistory.DefaultVersionId, Assert.Single(world.Policy.History.Versions).Id);
        Assert.Equal("default", PolicyHistory.DefaultVersionId);
        Assert.Equal(DateOnly.MinValue, world.Policy.History.Versions[0].EffectiveFrom);
        var episode = world.IdentifyConcern();
        Assert.True(episode.RecordConsent(CafCatalogue.Teacher, Caf.Core.Consent.ConsentRecord.Parent("Ms Smith", Caf.Core.Consent.ConsentForm.Written) with { SharingExplained = true }, "Consent.").IsSuccess);
        Assert.All(episode.Events, e => Assert.Equal("default", e.PolicyVersion));
        Assert.Contains("\"policyVersion\":\"default\"", EpisodeJson.SerializeEvent(episode.Events[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_version_in_effect_is_the_latest_dated_on_or_before_the_day()
    {
        var history = TwoVersions(new CafOptions(), Options(o => o.Reviews.InsufficientProgressReviewLimit = 3), SecondFrom);
        Assert.Equal("default", history.InEffectOn(SecondFrom.AddDays(-1)).Id);
        Assert.Equal("v2", history.InEffectOn(SecondFrom).Id);
        Assert.Equal("v2", history.InEffectOn(DateOnly.MaxValue).Id);
        Assert.Equal("default", history.InEffectOn(DateOnly.MinValue).Id);
        Assert.True(history.TryFind("v2", out var v2));
        Assert.Equal(3, v2.GetOptions().Reviews.InsufficientProgressReviewLimit);
        Assert.False(history.TryFind("v3", out _));
    }

    [Fact]
    public void A_history_lists_every_problem()
    {
        var a = new PolicyVersion("a", new DateOnly(2027, 1, 1), new CafOptions());
        var b = new PolicyVersion("a", new DateOnly(2026, 1, 1), new CafOptions());
        var ex = Assert.Throws<ArgumentException>(() => new PolicyHistory([a, b]));
        Assert.Contains("\"a\" is used twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not after", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PolicyHistory([]));
        Assert.Throws<ArgumentException>(() => new PolicyVersion("", DateOnly.MinValue, new CafOptions()));
        Assert.Throws<ArgumentException>(() => new PolicyVersion("has space", DateOnly.MinValue, new CafOptions()));
        var invalid = Assert.Throws<ArgumentException>(() => new PolicyVersion("x", DateOnly.MinValue, Options(o => { o.Retention.RetentionYears = 0; o.Reviews.InsufficientProgressReviewLimit = 0; })));
        Assert.Contains("RetentionYears", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("InsufficientProgressReviewLimit", invalid.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PolicyHistory([a]).With(b));
    }

    [Fact]
    [Trait("Rule", "CONS-02")]
    public void A_new_version_governs_commands_from_its_effective_date_and_each_event_records_its_version()
    {
        var history = TwoVersions(new CafOptions(), Options(o => o.Consent.SelfConsentAge = 17), SecondFrom);
        var (episode, clock, _) = Open(history);
        Until(clock, SecondFrom.AddDays(-1));
        Assert.True(Run(episode, clock, "consent: young person written (self-consent age)").IsSuccess); // still 16 may consent
        Until(clock, SecondFrom);
        var refused = Run(episode, clock, "consent: young person written (self-consent age)");
        Assert.True(refused.IsRefused);
        Assert.Equal("CONS-02", refused.Refusal.RuleId);
        Assert.True(Run(episode, clock, "consent: mother written").IsSuccess);
        Assert.Equal(["default", "default", "v2"], episode.Events.Select(e => e.PolicyVersion));
    }

    [Fact]
    [Trait("Rule", "CONS-02")]
    public void An_event_without_a_version_is_judged_under_the_version_in_effect_at_its_time()
    {
        // Recorded under the default options with the consent on 2026-06-02; stored without versions (as before them).
        var (episode, clock, _) = Open(PolicyHistory.Single(new CafOptions()));
        Until(clock, SecondFrom.AddDays(1));
        Assert.True(Run(episode, clock, "consent: young person written (self-consent age)").IsSuccess);
        var json = EpisodeJson.Serialize(episode);
        var stored = WithoutVersions(json);

        // The version in effect at 2026-06-02 is the later one: the consent is judged under it, and refused.
        var late = TwoVersions(new CafOptions(), Options(o => o.Consent.SelfConsentAge = 17), SecondFrom);
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(Over(late, clock), stored));
        Assert.Equal("$.events[1]", ex.Path);
        Assert.Contains("CONS-02", ex.Message, StringComparison.Ordinal);

        // Dated after the consent, the later version leaves it to the default one; and a stored version always wins.
        var after = TwoVersions(new CafOptions(), Options(o => o.Consent.SelfConsentAge = 17), SecondFrom.AddDays(2));
        Assert.Equal(episode.State, EpisodeJson.Deserialize(Over(after, clock), stored).State);
        Assert.Equal(episode.State, EpisodeJson.Deserialize(Over(late, clock), json).State);
    }

    [Fact]
    public void A_history_naming_an_unknown_version_fails_naming_the_version_and_what_to_register()
    {
        var history = TwoVersions(new CafOptions(), Options(o => o.Retention.RetentionYears = 7), SecondFrom);
        var (episode, clock, _) = Open(history);
        Until(clock, SecondFrom.AddDays(3));
        Assert.True(Run(episode, clock, "consent: mother written").IsSuccess);
        var json = EpisodeJson.Serialize(episode);
        var onlyDefault = Over(PolicyHistory.Single(new CafOptions()), clock);

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(onlyDefault, json));
        Assert.Equal("$.events[1].policyVersion", ex.Path);
        Assert.Contains("\"v2\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddCafPolicyVersion(\"v2\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("registered: \"default\"", ex.Message, StringComparison.Ordinal);

        var rebuild = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(onlyDefault, episode.Events));
        Assert.Contains("\"v2\"", rebuild.Message, StringComparison.Ordinal);
        Assert.Contains("history[1]", rebuild.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "REV-03")]
    public void REV_03_the_review_count_does_not_restart_the_new_limit_applies_from_the_next_review()
    {
        // Three insufficient reviews under the limit of 4; then the limit moves to 3.
        var history = TwoVersions(new CafOptions(), Options(o => o.Reviews.InsufficientProgressReviewLimit = 3), SecondFrom);
        var (episode, clock, policy) = Open(history, new ChildDetails(new ChildId("child-9"), new DateOnly(2017, 1, 1)));
        foreach (var step in EpisodeCommands.HappyPath.Take(6).Append("review: insufficient").Append("review: insufficient").Append("review: insufficient"))
        {
            clock.Advance(TimeSpan.FromDays(7));
            Assert.True(Run(episode, clock, step).IsSuccess, step);
        }

        Assert.True(clock.GetUtcNow() < new DateTimeOffset(SecondFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        Assert.False(episode.IsReassessmentRequired); // recorded under 4: three are not enough, and the change does not alter that
        Until(clock, SecondFrom);
        Assert.False(episode.IsReassessmentRequired);
        Assert.True(episode.CheckPermitted(EpisodeAction.HoldReview).IsSuccess);

        // The fourth review of the plan, under 3: the count did not restart, so it requires the reassessment.
        Assert.True(Run(episode, clock, "review: insufficient").IsSuccess);
        Assert.True(episode.IsReassessmentRequired);
        Assert.Equal("v2", episode.Events[^1].PolicyVersion);
        var refused = episode.CheckPermitted(EpisodeAction.HoldReview);
        Assert.Equal("REV-03", refused.Refusal.RuleId);
        Assert.Contains("after 3 reviews", refused.Refusal.Message, StringComparison.Ordinal);
        Assert.Equal(episode.State, CafEpisode.Rebuild(policy, episode.Events).State);
    }

    [Fact]
    [Trait("Rule", "LIFE-06")]
    [Trait("Rule", "RET-01")]
    public void Due_dates_run_under_the_version_in_effect_when_they_started()
    {
        var history = TwoVersions(new CafOptions(), Options(o => { o.Lifecycle.AssessmentTimescaleMonths = 3; o.Retention.RetentionYears = 7; }), SecondFrom);
        var (episode, clock, policy) = Open(history);
        Assert.Equal(Start.AddMonths(1), episode.AssessmentDueBy);
        Until(clock, SecondFrom.AddDays(1));
        Assert.Equal(Start.AddMonths(1), episode.AssessmentDueBy); // opened under 1 month: the change does not move it
        Assert.Equal(3, policy.AssessmentTimescaleMonths);

        var (opened, later, _) = Open(history);
        Until(later, SecondFrom.AddDays(1));
        Assert.True(Run(opened, later, "transfer out").IsSuccess || Run(opened, later, "step up").IsSuccess);
        Assert.Equal(DateOnly.FromDateTime(later.GetUtcNow().UtcDateTime).AddYears(7), opened.RetentionDueOn); // ended under v2: its period
    }

    [Fact]
    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CONS-02")]
    public void Sharing_decisions_follow_the_consent_rules_of_the_version_judging()
    {
        // The host's sharing service is built on the first version's rules (self-consent at 16); the second lowers it to 15.
        var history = TwoVersions(new CafOptions(), Options(o => o.Consent.SelfConsentAge = 15), SecondFrom);
        var fifteen = new ChildDetails(new ChildId("child-15"), DateOnly.FromDateTime(Start.UtcDateTime).AddYears(-15).AddMonths(-6));
        var (episode, clock, policy) = Open(history, fifteen);
        Until(clock, SecondFrom);
        foreach (var step in new[] { "consent: young person written (self-consent age)", "start assessment", "complete assessment" })
        {
            var result = Run(episode, clock, step);
            Assert.True(result.IsSuccess, $"{step}: {(result.IsRefused ? result.Refusal.ToString() : "")}"); // the assessment is shared with the LP under v2's rules
        }

        Assert.Equal(EpisodeState.Assessed, CafEpisode.Rebuild(policy, episode.Events).State);
    }
}
