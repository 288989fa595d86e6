using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>The UI port speaks plain English: a text for every state, action and next step, and a sentence per event (LIFE-11).</summary>
public sealed class LifecycleDisplayTextTests
{
    [Fact]
    public void Every_state_action_and_next_step_has_its_own_text_that_is_not_its_enum_name()
    {
        AssertTexts(Enum.GetValues<EpisodeState>(), LifecycleDisplayText.For);
        AssertTexts(Enum.GetValues<EpisodeAction>(), LifecycleDisplayText.For);
        AssertTexts(Enum.GetValues<NextStep>(), LifecycleDisplayText.For);
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleDisplayText.For((EpisodeState)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleDisplayText.For((EpisodeAction)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleDisplayText.For((NextStep)99));
    }

    [Fact]
    public void LIFE_11_the_seed_history_reads_in_plain_words()
    {
        var seeds = new Seeds();
        var episode = seeds.Assessing();

        var sentences = episode.Events.Select(LifecycleDisplayText.Describe).ToArray();

        Assert.Equal(
            [
                "Concern identified: Falling attendance and withdrawn in class.",
                "Consent given by Ms Smith (Parent or carer with parental responsibility, written (signed))",
                "Assessment started: Concerns about attendance and wellbeing: assessment agreed with the family.",
            ],
            sentences);
    }

    [Fact]
    public void LIFE_11_an_exclusion_is_named_in_the_consent_sentence()
    {
        var seeds = new Seeds();
        var episode = seeds.Identified();
        Assert.True(episode.RecordConsent(Seeds.Teacher, Seeds.MotherVerbal(new Caf.Core.Primitives.AgencyId("camhs")), "Consent to assess.").IsSuccess);

        Assert.Equal(
            "Consent given by Ms Smith (Parent or carer with parental responsibility, verbal), excluding camhs",
            LifecycleDisplayText.Describe(episode.Events[^1]));
    }

    [Fact]
    public void Every_event_type_of_the_library_is_described()
    {
        var types = typeof(CafEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CafEvent)) && !t.IsAbstract).ToArray();
        Assert.NotEmpty(types);
        foreach (var type in types)
        {
            // An uninitialised instance reaches the describer's branch for its type; a type with no branch is refused
            // as unknown. Reading a null field of the uninitialised instance inside the branch proves the branch exists.
            var e = (CafEvent)RuntimeHelpers.GetUninitializedObject(type);
            try
            {
                Assert.False(string.IsNullOrWhiteSpace(LifecycleDisplayText.Describe(e)));
            }
            catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "e" && ex.Message.StartsWith("Unknown event type", StringComparison.Ordinal))
            {
                Assert.Fail($"{type.Name} has no sentence in LifecycleDisplayText.Describe.");
            }
            catch (Exception ex) when (ex is NullReferenceException or ArgumentException)
            {
                // the branch for the type was taken and read a field the uninitialised instance lacks
            }
        }

        Assert.Throws<ArgumentNullException>(() => LifecycleDisplayText.Describe(null!));
    }

    [Fact]
    public void LIFE_12_a_state_refusal_names_the_action_and_the_states_in_display_texts()
    {
        var episode = new Seeds().Identified();

        var refused = episode.CheckPermitted(EpisodeAction.AgreePlan);

        Assert.Equal("LIFE-12", refused.Refusal.RuleId);
        Assert.Equal("state", refused.Refusal.Field);
        Assert.Equal(
            "Agree the action plan is not possible while the episode is at \"Concern identified, assessment not started\"; it is possible at \"Assessment completed, next step being chosen\" or \"Referred to a panel\".",
            refused.Refusal.Message);
    }

    [Fact]
    public void No_reason_the_UI_port_gives_contains_an_enum_name()
    {
        var seeds = new Seeds();
        var names = Enum.GetNames<EpisodeAction>().Concat(Enum.GetNames<EpisodeState>())
            .Where(n => n.Skip(1).Any(char.IsUpper)) // PascalCase compounds: "StartAssessment", "PlanActive"
            .ToArray();
        foreach (var episode in new[] { seeds.Identified(new("ep-a")), seeds.Assessing(), seeds.Assessed() })
        {
            foreach (var availability in episode.GetAvailableActions().Where(a => !a.IsPermitted))
            {
                var message = availability.Refusal!.Message;
                Assert.DoesNotContain(names, n => Regex.IsMatch(message, $@"\b{n}\b"));
            }
        }
    }

    private static void AssertTexts<T>(T[] values, Func<T, string> text)
        where T : struct, Enum
    {
        var texts = values.Select(text).ToArray();
        Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        Assert.Equal(texts.Length, texts.Distinct(StringComparer.Ordinal).Count());
        Assert.All(values, v => Assert.NotEqual(v.ToString(), text(v)));
    }
}
