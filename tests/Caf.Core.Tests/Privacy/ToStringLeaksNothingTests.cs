using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Tests.Golden;
using Caf.Core.Tests.Support;
using Xunit;

namespace Caf.Core.Tests.Privacy;

/// <summary>
/// "No personal data in tags or messages": a host that logs an event, the child, a consent record, a report row or an
/// extract row by accident (<c>log("{Event}", e)</c>, an exception message, a debugger) must not disclose the family's
/// details. The records' compiler-made <c>ToString</c> printed every member; these are the replacements.
/// </summary>
public class ToStringLeaksNothingTests
{
    private const string Nhs = "9434765919";
    private readonly Seeds _seeds = new();

    /// <summary>Every free text an event's JSON holds: strings with a space in them (concerns, names, reasons, plans).</summary>
    private static IEnumerable<string> FreeTexts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => FreeTexts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(FreeTexts),
        JsonValueKind.String when element.GetString() is { } s && s.Contains(' ', StringComparison.Ordinal) && s.Length >= 8 => [s],
        _ => [],
    };

    [Fact]
    public void Every_event_of_the_golden_situations_prints_its_type_episode_time_and_actor_and_none_of_its_free_texts()
    {
        var checkedTexts = 0;
        foreach (var scenario in GoldenScenarios.All)
        {
            foreach (var e in scenario.Build(CafTestWorld.Create()).Events)
            {
                var printed = e.ToString();
                Assert.StartsWith(e.GetType().Name + " { EpisodeId = " + e.EpisodeId.Value + ", OccurredAt = ", printed, StringComparison.Ordinal);
                using var json = JsonDocument.Parse(EpisodeJson.SerializeEvent(e));
                foreach (var text in FreeTexts(json.RootElement))
                {
                    Assert.DoesNotContain(text, printed, StringComparison.Ordinal);
                    checkedTexts++;
                }
            }
        }

        Assert.True(checkedTexts > 100, $"only {checkedTexts} free texts were checked"); // the situations hold concerns, reasons, plans
    }

    [Fact]
    public void The_child_prints_its_id_but_not_the_date_of_birth_or_the_NHS_number()
    {
        var child = new ChildDetails(new ChildId("child-7"), new DateOnly(2016, 9, 14)) { NhsNumber = new NhsNumber(Nhs) };

        var printed = child.ToString();

        Assert.Equal("ChildDetails { Id = child-7 }", printed);
        Assert.DoesNotContain("2016", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("5919", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void An_NHS_number_prints_masked_but_its_value_and_spaced_form_stay_whole()
    {
        var number = new NhsNumber("943 476 5919");

        Assert.Equal("*** *** 5919", number.ToString());
        Assert.Equal("*** *** 5919", $"{number}");
        Assert.Equal(Nhs, number.Value);
        Assert.Equal("943 476 5919", number.ToSpacedString());
        Assert.Equal(string.Empty, default(NhsNumber).ToString());
    }

    [Fact]
    public void Consent_records_withdrawals_lifts_and_overrides_print_roles_and_decisions_but_no_names_or_reasons()
    {
        var record = new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Joanne Smith", ConsentDecision.Given, ConsentForm.Written, [new AgencyId("camhs")]);
        var withdrawal = new ConsentWithdrawal(ConsentGiverRole.YoungPerson, "Amy no longer wants the school nurse told") { Name = "Amy Smith" };
        var lift = new ConsentExclusionLift(new AgencyId("camhs"), ConsentGiverRole.YoungPerson, "Amy Smith", "Amy now wants CAMHS involved");
        var @override = new ConsentOverride("Mum's partner has returned to the home", new PractitionerId("pr-lead"));

        Assert.Equal("ConsentRecord { GiverRole = ParentWithParentalResponsibility, Decision = Given, Form = Written, ExcludedAgencies = 1 }", record.ToString());
        Assert.Equal("ConsentWithdrawal { WithdrawnBy = YoungPerson }", withdrawal.ToString());
        Assert.Equal("ConsentExclusionLift { Agency = camhs, LiftedBy = YoungPerson }", lift.ToString());
        Assert.Equal("ConsentOverride { DecidedBy = pr-lead }", @override.ToString());
    }

    [Fact]
    public void Report_rows_and_extract_rows_print_the_episode_id_only()
    {
        var episode = CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-1"), Seeds.NineYearOld with { NhsNumber = new NhsNumber(Nhs) }, Seeds.Teacher, "Attendance");
        var row = new EpisodeReportProjector(new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other).Project(episode, null);
        var extract = EarlyHelpExtract.From(episode, NationalDataExtractSettings.Default);

        Assert.Equal("EpisodeReportRow { EpisodeId = ep-1 }", row.ToString());
        Assert.Equal("EarlyHelpEpisodeRecord { EpisodeId = ep-1 }", extract.ToString());
        Assert.Equal(Nhs, extract.NhsNumber); // the extract still carries it where it is meant to go
    }
}
