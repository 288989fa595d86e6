using System;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Closure;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// The traps a vendor met in their first hour (issue 12), each shut: strings side by side that could be swapped
/// (now a compile error, checked here by reflection), a next-step enum with values its command refused, and an
/// assessment summary whose level and route had other types than the thresholds result.
/// </summary>
public class CommandShapeTests
{
    private readonly Seeds _seeds = new();

    // ReferToPanel(by, panel, reason) is being replaced by a PanelReferral overload in another change.
    private static readonly string[] Pending = [];

    [Fact]
    public void No_public_command_on_the_episode_or_the_register_takes_two_strings_side_by_side()
    {
        var offenders = new[] { typeof(CafEpisode), typeof(Caf.Core.Register.CafRegister) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && !Pending.Contains(m.Name))
            .Where(m => m.GetParameters().Zip(m.GetParameters().Skip(1)).Any(p => p.First.ParameterType == typeof(string) && p.Second.ParameterType == typeof(string)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.Name))})")
            .ToList();

        Assert.True(offenders.Count == 0, "Adjacent string parameters can be swapped without a compile error: " + string.Join("; ", offenders));
    }

    [Fact]
    public void The_commands_that_took_strings_side_by_side_now_take_typed_values()
    {
        // Hand-listed: the parameter that sat beside the reason, and the type it has now.
        (string Method, string Parameter, Type Type)[] expected =
        [
            (nameof(CafEpisode.StepUp), "service", typeof(SpecialistService)),
            (nameof(CafEpisode.TransferOut), "receivingAuthority", typeof(LocalAuthority)),
            (nameof(CafEpisode.RecordFamilyAgreement), "agreement", typeof(FamilyAgreement)),
            (nameof(CafEpisode.AppointLeadProfessional), "familyAgreement", typeof(FamilyAgreement)),
        ];

        foreach (var (method, parameter, type) in expected)
        {
            var overloads = typeof(CafEpisode).GetMethods().Where(m => m.Name == method).ToList();
            Assert.NotEmpty(overloads);
            Assert.All(overloads, m => Assert.Equal(type, m.GetParameters().Single(p => p.Name == parameter).ParameterType));
        }
    }

    [Fact]
    public void The_typed_values_refuse_blank_text_naming_the_parameter()
    {
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => new SpecialistService(" ")).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => new LocalAuthority("")).ParamName);
        Assert.Equal("howAgreed", Assert.ThrowsAny<ArgumentException>(() => new FamilyAgreement(null!)).ParamName);
        Assert.Equal("Children's social care", new SpecialistService("Children's social care").ToString());
        Assert.Equal(new LocalAuthority("Leeds City Council"), new LocalAuthority("Leeds City Council")); // value equality
    }

    [Fact]
    public void The_commands_refuse_a_null_typed_value_naming_the_parameter_and_record_nothing()
    {
        var e = _seeds.Assessing();
        var version = e.Version;

        Assert.Equal("service", Assert.Throws<ArgumentNullException>(() => e.StepUp(Teacher, null!, "Disclosure of harm.")).ParamName);
        Assert.Equal("receivingAuthority", Assert.Throws<ArgumentNullException>(() => e.TransferOut(Teacher, null!, "Family moved.")).ParamName);
        Assert.Equal("agreement", Assert.Throws<ArgumentNullException>(() => e.RecordFamilyAgreement(Teacher, null!)).ParamName);
        Assert.Equal(version, e.Version);
    }

    [Trait("Rule", "LIFE-04")]
    [Trait("Rule", "CLOSE-07")]
    [Fact]
    public void LIFE04_a_step_up_records_the_named_service_in_the_same_event_shape_as_before()
    {
        var e = _seeds.Assessing();

        Ok(e.StepUp(Teacher, new SpecialistService("Children's social care (section 47)"), "Disclosure of significant harm."));

        var stepped = Assert.IsType<SteppedUp>(e.Events[^1]);
        Assert.Equal(("Children's social care (section 47)", "Disclosure of significant harm."), (stepped.SpecialistService, stepped.Reason));
        var node = JsonNode.Parse(EpisodeJson.SerializeEvent(stepped))!;
        Assert.Equal("Children's social care (section 47)", (string)node["specialistService"]!);
        Assert.Equal(ClosureOutcome.SteppedUp, e.Closure!.Outcome);
    }

    [Trait("Rule", "RET-02")]
    [Fact]
    public void RET02_a_transfer_records_the_receiving_authority_in_the_same_event_shape_as_before()
    {
        var e = _seeds.Assessing();

        Ok(e.TransferOut(Teacher, new LocalAuthority("Leeds City Council"), "Family moved."));

        Assert.Equal("Leeds City Council", e.TransferredTo);
        var node = JsonNode.Parse(EpisodeJson.SerializeEvent(e.Events[^1]))!;
        Assert.Equal("Leeds City Council", (string)node["receivingAuthority"]!);
    }

    [Trait("Rule", "LP-05")]
    [Fact]
    public void LP05_the_familys_agreement_is_recorded_as_they_gave_it()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(e.NominateLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Sees the family weekly."));
        Ok(e.ConfirmNomination(Teacher, new PractitionerId("pr-supervisor"), "Has room on her caseload."));

        Ok(e.RecordFamilyAgreement(Teacher, new FamilyAgreement("Ms Smith and Amy agreed at the TAC meeting.")));

        Assert.Equal("Ms Smith and Amy agreed at the TAC meeting.", Assert.IsType<NominationAgreedByFamily>(e.Events[^1]).Agreement);
        Assert.Equal(TestIds.HealthVisitor, e.LeadProfessional.Practitioner);
    }

    // Every value of NextStep with what choosing it after the assessment leads to (by hand, docs/lifecycle.md).
    public static TheoryData<NextStep, EpisodeState, ClosureOutcome?> EveryNextStep => new()
    {
        { NextStep.NoFurtherAction, EpisodeState.Closed, ClosureOutcome.ResolvedOther }, // CLOSE-09
        { NextStep.FamilyAction, EpisodeState.Assessed, null },
        { NextStep.SingleAgencySupport, EpisodeState.Assessed, null },
        { NextStep.MultiAgencySupport, EpisodeState.Assessed, null }, // the LP is appointed next (LIFE-08)
    };

    [Trait("Rule", "LIFE-07")]
    [Theory]
    [MemberData(nameof(EveryNextStep))]
    public void LIFE07_ChooseNextStep_accepts_every_value_of_its_enum(NextStep step, EpisodeState state, ClosureOutcome? outcome)
    {
        var e = _seeds.Assessed();

        Ok(e.ChooseNextStep(Teacher, step, "Agreed with Ms Smith after the assessment."));

        Assert.Equal((step, state, outcome), (e.NextStep!.Value, e.State, e.Closure?.Outcome));
    }

    [Trait("Rule", "LIFE-07")]
    [Fact]
    public void LIFE07_the_theory_above_covers_every_NextStep_and_the_enum_has_no_value_the_command_refuses()
    {
        var covered = EveryNextStep.Select(row => (NextStep)row[0]!).ToHashSet();

        Assert.Equal(Enum.GetValues<NextStep>().ToHashSet(), covered);
        Assert.Equal(["NoFurtherAction", "FamilyAction", "SingleAgencySupport", "MultiAgencySupport"], Enum.GetNames<NextStep>());
    }

    [Trait("Rule", "LIFE-07")]
    [Trait("Rule", "PANEL-01")]
    [Fact]
    public void LIFE07_a_panel_referral_and_a_step_up_are_their_own_commands_and_leave_NextStep_unset()
    {
        var referred = _seeds.Assessed();
        Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(referred, Teacher, Caf.Core.Testing.EpisodePanels.NextReferralId(referred)));
        var stepped = _seeds.Assessed();
        Ok(stepped.StepUp(Teacher, new SpecialistService("Children's social care"), "Disclosure of significant harm."));

        Assert.Equal((EpisodeState.PanelReferred, true, (NextStep?)null), (referred.State, referred.CurrentPanelReferral is { IsAwaitingPanel: true }, referred.NextStep));
        Assert.Equal((EpisodeState.Closed, ClosureOutcome.SteppedUp, (NextStep?)null), (stepped.State, stepped.Closure!.Outcome, stepped.NextStep));
    }

    [Trait("Rule", "THR-07")]
    [Fact]
    public void THR07_the_assessment_summary_has_the_threshold_results_level_and_route_types()
    {
        Assert.Equal(typeof(ThresholdResult).GetProperty(nameof(ThresholdResult.Level))!.PropertyType, typeof(AssessmentSummary).GetProperty(nameof(AssessmentSummary.Level))!.PropertyType);
        Assert.Equal(typeof(ThresholdResult).GetProperty(nameof(ThresholdResult.Route))!.PropertyType, typeof(AssessmentSummary).GetProperty(nameof(AssessmentSummary.Route))!.PropertyType);
    }

    [Trait("Rule", "THR-07")]
    [Fact]
    public void THR07_a_summary_refuses_an_undefined_level_or_route()
    {
        Assert.Equal("level", Assert.ThrowsAny<ArgumentException>(() => new AssessmentSummary("default", "1.0.0", (ThresholdLevel)0, ThresholdRoute.Universal, [])).ParamName);
        Assert.Equal("route", Assert.ThrowsAny<ArgumentException>(() => new AssessmentSummary("default", "1.0.0", ThresholdLevel.Complex, (ThresholdRoute)6, [])).ParamName);
    }

    [Trait("Rule", "THR-04")]
    [Fact]
    public void THR04_significant_harm_is_the_level_or_the_safeguarding_route()
    {
        Assert.True(new AssessmentSummary("default", "1.0.0", ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding, []).IsSignificantHarm);
        Assert.True(new AssessmentSummary("la", "2", ThresholdLevel.Acute, ThresholdRoute.Safeguarding, []).IsSignificantHarm);
        Assert.False(new AssessmentSummary("default", "1.0.0", ThresholdLevel.Acute, ThresholdRoute.SpecialistReferral, []).IsSignificantHarm);
    }

    [Trait("Rule", "THR-07")]
    [Fact]
    public void THR07_stored_JSON_keeps_the_v2_shape_level_as_its_number_route_as_its_name()
    {
        var completed = _seeds.Assessed().Events.OfType<AssessmentCompleted>().Single();

        var summary = JsonNode.Parse(EpisodeJson.SerializeEvent(completed))!["summary"]!;

        Assert.Equal(JsonValueKind.Number, summary["level"]!.GetValueKind());
        Assert.Equal(3, (int)summary["level"]!);
        Assert.Equal("CafMultiAgency", (string)summary["route"]!);
        var read = Assert.IsType<AssessmentCompleted>(EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(completed)));
        Assert.Equal((ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency), (read.Summary.Level, read.Summary.Route));
    }

    [Trait("Rule", "THR-07")]
    [Theory]
    [InlineData("level", "\"Complex\"")] // a name where v2 stores the number
    [InlineData("level", "0")]
    [InlineData("level", "6")]
    [InlineData("level", "3.5")]
    [InlineData("route", "\"multi-agency\"")] // free text, which the old string route allowed
    [InlineData("route", "\"cafMultiAgency\"")] // another casing
    [InlineData("route", "2")]
    public void THR07_reading_a_summary_stays_strict(string member, string value)
    {
        var completed = _seeds.Assessed().Events.OfType<AssessmentCompleted>().Single();
        var node = JsonNode.Parse(EpisodeJson.SerializeEvent(completed))!;
        node["summary"]![member] = JsonNode.Parse(value);

        Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(node.ToJsonString()));
    }
}
