using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using EpisodePlans = Caf.Core.Testing.EpisodePlans;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// Issue 26: <see cref="CafEpisode.Copy"/> (how a store keeps an episode between commands without replaying it) and
/// <see cref="CafEpisode.ReplayStored"/> (how a store continues a snapshot with the events stored after it).
/// </summary>
[Properties(Arbitrary = [typeof(EpisodeCommands)], MaxTest = 200)]
public class EpisodeCopyTests
{
    private static CafEpisode Open(Seeds seeds, bool fromStepDown) => fromStepDown
        ? CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new EpisodeId("ep-p"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown("CSC"))
        : seeds.Identified();

    private static string Shape(CafEpisode e) =>
        $"{e.State} v{e.Version} reviews {e.ReviewsOfCurrentPlan.Length} plans {e.Plans.Versions.Length} LPs {e.LeadProfessionalHistory.Length} "
        + $"panels {e.PanelReferrals.Length} escalations {e.Escalations.Length} outcomes {e.OutcomesCompletions.Length} lp {e.LeadProfessional.Practitioner}";

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property A_copy_taken_anywhere_goes_on_exactly_as_a_replay_of_the_same_history_and_never_changes_the_original(
        bool fromStepDown, EpisodeCommand[] commands, byte at)
    {
        var seeds = new Seeds();
        var original = Open(seeds, fromStepDown);
        var split = at % (commands.Length + 1);
        foreach (var command in commands.Take(split))
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(original);
        }

        var frozen = EpisodeJson.Serialize(original);
        var frozenShape = Shape(original);
        var copy = original.Copy();
        var replayed = CafEpisode.Rebuild(seeds.Policy, original.Events);
        if (Shape(copy) != Shape(replayed))
        {
            return false.Label($"at {split}: the copy is {Shape(copy)}, the replay {Shape(replayed)}");
        }

        foreach (var command in commands.Skip(split))
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            var onCopy = command.Run(copy);
            var onReplay = command.Run(replayed);
            if (onCopy.IsSuccess != onReplay.IsSuccess || (onCopy.IsRefused && onCopy.Refusal != onReplay.Refusal))
            {
                return false.Label($"'{command}': on the copy {onCopy}, on the replay {onReplay}");
            }
        }

        return (EpisodeJson.Serialize(copy) == EpisodeJson.Serialize(replayed)).Label("the copy and the replay end alike")
            .And(Shape(copy) == Shape(replayed)).Label($"shapes: {Shape(copy)} / {Shape(replayed)}")
            .And(EpisodeJson.Serialize(original) == frozen && Shape(original) == frozenShape).Label("the original is unchanged");
    }

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property Replaying_the_stored_events_after_a_snapshot_gives_the_episode_a_replay_of_the_whole_history_gives(
        bool fromStepDown, EpisodeCommand[] commands, byte at)
    {
        var seeds = new Seeds();
        var e = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(e);
        }

        var split = 1 + (at % e.Version);
        var continued = CafEpisode.Rebuild(seeds.Policy, e.Events.Take(split));
        foreach (var stored in e.Events.Skip(split))
        {
            var applied = continued.ReplayStored(stored);
            if (applied.IsRefused)
            {
                return false.Label($"{stored.GetType().Name} refused: {applied.Refusal}");
            }
        }

        var whole = CafEpisode.Rebuild(seeds.Policy, e.Events);
        return (EpisodeJson.Serialize(continued) == EpisodeJson.Serialize(whole) && Shape(continued) == Shape(whole)).Label($"split at {split}");
    }

    [Fact]
    public void Every_list_an_episode_grows_is_its_own_in_a_copy()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        var copy = e.Copy();

        // A field of a mutable reference type shared by the two would let a command on one change the other.
        var shared = typeof(CafEpisode).GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.FieldType.IsClass && f.FieldType != typeof(string) && !IsImmutable(f.FieldType))
            .Where(f => f.GetValue(e) is { } value && ReferenceEquals(value, f.GetValue(copy)))
            .Select(f => f.Name)
            .ToArray();

        Assert.Empty(shared);
    }

    [Fact]
    public void A_copy_is_refused_while_sharing_decisions_wait_for_a_save()
    {
        var seeds = new Seeds();
        var e = seeds.PlanActive();
        e.HoldSharingAuditUntilSaved();
        seeds.Time.Advance(TimeSpan.FromDays(42));
        Seeds.Ok(e.HoldReview(Seeds.HealthVisitor, EpisodePlans.Review(e.Plan!, seeds.Today, ReviewProgress.Sufficient, Caf.Core.Planning.ActionProgress.InProgress)));
        Assert.NotEmpty(e.UnsavedSharingAudit(0)); // the review is shared with the plan's agencies, held until saved

        var ex = Assert.Throws<InvalidOperationException>(e.Copy);

        Assert.Contains("save it before copying it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_event_of_another_episode_is_misuse()
    {
        var seeds = new Seeds();
        var e = seeds.Identified();
        var other = seeds.Identified(new EpisodeId("ep-other"));
        Seeds.Ok(other.RecordConsent(Seeds.Teacher, Seeds.MotherWritten(), "Consent recorded with the family."));

        Assert.Throws<ArgumentException>(() => e.ReplayStored(other.Events[^1]));
        Assert.ThrowsAny<ArgumentException>(() => e.ReplayStored(null!));
        Assert.Equal(1, e.Version);
    }

    // Records, policies and delegates-free immutable types the episode shares by design (they never change once made).
    private static bool IsImmutable(Type type) =>
        type.GetCustomAttributes().Any(a => a.GetType().Name == "ImmutableAttribute")
        || type.Namespace == "System.Collections.Immutable"
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
        || type == typeof(EpisodePolicy) || type.Name.StartsWith("EpisodeRules", StringComparison.Ordinal)
        || (!typeof(IEnumerable).IsAssignableFrom(type) && type.GetProperties().All(p => p.SetMethod is null || p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Length > 0));
}
