using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>The display texts a UI (and the sample) prints instead of enum and type names.</summary>
public class DisplayTextTests
{
    private static void Check<TEnum>(Func<TEnum, string> text)
        where TEnum : struct, Enum
    {
        var texts = Enum.GetValues<TEnum>().Select(text).ToList();
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => text((TEnum)(object)99));
    }

    [Fact]
    public void Every_lifecycle_thresholds_and_planning_value_has_a_distinct_display_text()
    {
        Check<EpisodeState>(LifecycleDisplayText.For);
        Check<EpisodeAction>(LifecycleDisplayText.For);
        Check<NextStep>(LifecycleDisplayText.For);
        Check<ReviewProgress>(LifecycleDisplayText.For);
        Check<ThresholdLevel>(ThresholdDisplayText.For);
        Check<ThresholdRoute>(ThresholdDisplayText.For);
        Check<EcmOutcome>(ThresholdDisplayText.For);
        Check<ReviewForm>(PlanningDisplayText.For);
        Check<ActionOwnerKind>(PlanningDisplayText.For);
        Check<ActionProgress>(PlanningDisplayText.For);
        Check<ActionStatus>(PlanningDisplayText.For);
    }

    [Fact]
    public void Every_registered_episode_event_has_a_distinct_display_text()
    {
        var types = typeof(CafEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToList();
        Assert.NotEmpty(types);

        // The text depends on the event's type only, so an uninitialised instance of each type is enough.
        var texts = types.Select(t => LifecycleDisplayText.For((CafEvent)RuntimeHelpers.GetUninitializedObject(t))).ToList();

        Assert.Equal(types.Count, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.Throws<ArgumentNullException>(() => LifecycleDisplayText.For((CafEvent)null!));
    }

    [Trait("Rule", "LIFE-07")]
    [Trait("Rule", "THR-03")]
    [Fact]
    public void The_texts_read_as_the_seeds_say_them()
    {
        Assert.Equal("Multi-agency support with a lead professional", LifecycleDisplayText.For(NextStep.MultiAgencySupport));
        Assert.Equal("Plan being delivered and reviewed", LifecycleDisplayText.For(EpisodeState.PlanActive));
        Assert.Equal("Supervisor confirmed the nominee", LifecycleDisplayText.For(new NominationConfirmedBySupervisor(
            new EpisodeId("ep-1"), Support.Seeds.Start, Support.Seeds.Teacher, new PractitionerId("pr-supervisor"), "Has capacity.")));
        Assert.Equal("Level 3: complex or multiple needs", ThresholdDisplayText.For(ThresholdLevel.Complex));
        Assert.Equal("CAF to a multi-agency panel (MAF/MAAG)", ThresholdDisplayText.For(ThresholdRoute.Panel));
        Assert.Equal("Enjoy and achieve", ThresholdDisplayText.For(EcmOutcome.EnjoyAndAchieve));
        Assert.Equal("The family", PlanningDisplayText.For(ActionOwner.Family));
        Assert.Equal("A review meeting", PlanningDisplayText.For(ReviewForm.Meeting));
    }
}
