using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Caf.Core.Analysis;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
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

    [Trait("Rule", "LP-04")]
    [Trait("Rule", "LP-07")]
    [Trait("Rule", "REP-03")]
    [Fact]
    public void Every_lead_professional_what_if_and_reporting_value_has_a_distinct_display_text()
    {
        Check<AgencyKind>(LeadProfessionalDisplayText.For);
        Check<ContactFrequency>(LeadProfessionalDisplayText.For);
        Check<LeadProfessionalCriterion>(LeadProfessionalDisplayText.For);
        Check<PolicyDecisionPoint>(PolicyDisplayText.For);
        Check<InitiatingSetting>(ReportingDisplayText.For);
        Assert.Equal("Early-years setting or children's centre", LeadProfessionalDisplayText.For(AgencyKind.EarlyYears));
        Assert.Equal("About every two weeks", LeadProfessionalDisplayText.For(ContactFrequency.Fortnightly));
        Assert.Equal("The family's preference", LeadProfessionalDisplayText.For(LeadProfessionalCriterion.FamilyPreference));
        Assert.Equal("Level of need", PolicyDisplayText.For(PolicyDecisionPoint.ThresholdLevel));
        Assert.Equal("High (secondary) school", ReportingDisplayText.For(InitiatingSetting.HighSchool));
    }

    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void What_was_shared_reads_as_a_list_of_every_item_or_nothing()
    {
        Assert.Equal("Nothing", ConsentDisplayText.For(SharedItems.None));
        Assert.Equal("The panel referral papers", ConsentDisplayText.For(SharedItems.PanelPapers));
        Assert.Equal("The assessment, the action plan, a review of the plan", ConsentDisplayText.For(SharedItems.Review | SharedItems.Plan | SharedItems.Assessment));

        var singles = Enum.GetValues<SharedItems>().Where(i => i != SharedItems.None).Select(ConsentDisplayText.For).ToList();
        Assert.Equal(singles.Count, singles.Distinct(StringComparer.Ordinal).Count());
        Assert.All(singles, t => Assert.DoesNotContain(",", t, StringComparison.Ordinal)); // a list stays readable
        Assert.Throws<ArgumentOutOfRangeException>(() => ConsentDisplayText.For((SharedItems)4096));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConsentDisplayText.For(SharedItems.Plan | (SharedItems)4096));
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
        Assert.Equal("Action plan in place", LifecycleDisplayText.For(EpisodeState.PlanActive));
        Assert.Equal("Supervisor confirmed the nominee", LifecycleDisplayText.For(new NominationConfirmedBySupervisor(
            new EpisodeId("ep-1"), Support.Seeds.Start, Support.Seeds.Teacher, new PractitionerId("pr-supervisor"), "Has capacity.")));
        Assert.Equal("Level 3: complex or multiple needs", ThresholdDisplayText.For(ThresholdLevel.Complex));
        Assert.Equal("CAF to a multi-agency panel (MAF/MAAG)", ThresholdDisplayText.For(ThresholdRoute.Panel));
        Assert.Equal("Enjoy and achieve", ThresholdDisplayText.For(EcmOutcome.EnjoyAndAchieve));
        Assert.Equal("The family", PlanningDisplayText.For(ActionOwner.Family));
        Assert.Equal("A review meeting", PlanningDisplayText.For(ReviewForm.Meeting));
    }
}
