using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using Microsoft.Extensions.Time.Testing;
using static Caf.Core.Tests.Consent.ConsentFixtures;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// The library's own texts for people (explanations, audit lines, summaries, refusals, report tables) name values in
/// their display texts, never as enum member names: each text is built over every value of the enums it shows.
/// </summary>
public class PersonFacingTextTests
{
    internal static void AssertNoEnumNames(string text)
    {
        var name = DisplayTextCheck.FindEnumName(text);
        Assert.False(name is not null, $"The text names the enum member '{name}': {text}");
    }

    [Fact]
    public void The_check_knows_the_library_enums_and_finds_their_names_in_a_text()
    {
        Assert.Contains("ParentWithParentalResponsibility", DisplayTextCheck.EnumMemberNames);
        Assert.Contains("CafMultiAgency", DisplayTextCheck.EnumMemberNames);
        Assert.Contains("RegisterEntry", DisplayTextCheck.EnumMemberNames);
        Assert.DoesNotContain("Done", DisplayTextCheck.EnumMemberNames);
        Assert.Throws<Xunit.Sdk.FalseException>(() => AssertNoEnumNames("route CafMultiAgency [default 1.0.0]"));
        Assert.Throws<Xunit.Sdk.FalseException>(() => AssertNoEnumNames("shared: RegisterEntry, Assessment"));
        AssertNoEnumNames("Done: the family attended every meeting"); // one-word names are English words
        AssertNoEnumNames("resolvedMultiAgency (a taxonomy code, not the member name)");
    }

    // ----- Lead-professional explanations (LP-04) -----

    public static TheoryData<AgencyKind> AgencyKinds() => new(Enum.GetValues<AgencyKind>());

    [Trait("Rule", "LP-04")]
    [Trait("Rule", "LP-07")]
    [Theory]
    [MemberData(nameof(AgencyKinds))]
    public void LP04_a_ranking_explains_agency_kind_contact_and_criteria_in_words(AgencyKind kind)
    {
        var school = new AgencyId("agency-a");
        var other = new AgencyId("agency-b");
        var candidates = Enum.GetValues<ContactFrequency>()
            .Select((frequency, i) => new LeadProfessionalCandidate(
                new PractitionerId($"pr-{i}"), i % 2 == 0 ? school : other, kind, "Learning mentor", i != 1, frequency, ["attendance"], i, i != 2))
            .ToImmutableArray();
        var request = new LeadProfessionalSelectionRequest(new EpisodeId("ep-lp"), State(Parent(form: ConsentForm.Written, excluded: other)), TestIds.TeacherAtSchool)
        {
            Candidates = candidates,
            PlanNeeds = ["attendance", "sleep"],
            LeadRolesByAgency = ImmutableDictionary<AgencyId, int>.Empty.Add(school, 3),
            FamilyPreference = new PractitionerId("pr-0"),
            PanelRecommendation = new PractitionerId("pr-3"),
        };
        var sharing = new SharingService(new InMemorySharingAuditLog(), new FakeTimeProvider(Seeds.Start));

        var selection = new LeadProfessionalSelector(new LeadProfessionalOptions { CaseloadCap = 3, RequireTraining = true }, sharing).Select(request);

        Assert.Equal(candidates.Length, selection.Ranked.Length);
        Assert.All(selection.Ranked, r => AssertNoEnumNames(r.Explain()));
        Assert.All(selection.Ranked, r => Assert.Contains(LeadProfessionalDisplayText.For(kind), r.Explain(), StringComparison.Ordinal));
    }

    [Trait("Rule", "LP-04")]
    [Fact]
    public void LP04_the_explanation_reads_as_a_practitioner_says_it()
    {
        var teacher = new LeadProfessionalCandidate(
            TestIds.Teacher, TestIds.School, AgencyKind.School, "Class teacher", true, ContactFrequency.Daily, ["attendance"], 0);
        var request = new LeadProfessionalSelectionRequest(new EpisodeId("ep-lp"), State(Parent(form: ConsentForm.Written)), TestIds.TeacherAtSchool)
        {
            Candidates = [teacher],
            PlanNeeds = ["attendance"],
        };
        var sharing = new SharingService(new InMemorySharingAuditLog(), new FakeTimeProvider(Seeds.Start));

        var ranked = Assert.Single(new LeadProfessionalSelector(new LeadProfessionalOptions(), sharing).Select(request).Ranked);

        Assert.StartsWith("#1 pr-teacher-jones (Class teacher, school-oakfield-primary, School): eligible, score 5.00", ranked.Explain(), StringComparison.Ordinal);
        Assert.Equal("Sees the family most days.", ranked.Criteria[1].Reason);
        Assert.Equal("[LP-04] Contact with the family 1.00 x 1 = 1.00: Sees the family most days.", ranked.Criteria[1].ToString());
        Assert.StartsWith("[LP-07] Balance of lead roles across agencies 1.00 x 1 = 1.00: ", ranked.Criteria[3].ToString(), StringComparison.Ordinal);
    }

    // ----- Sharing audit (SHARE-03, SHARE-04) -----

    public static TheoryData<SharingPurpose> Purposes() => new(Enum.GetValues<SharingPurpose>());

    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "SHARE-04")]
    [Theory]
    [MemberData(nameof(Purposes))]
    public void SHARE03_an_audit_line_names_purpose_giver_form_basis_and_items_in_words(SharingPurpose purpose)
    {
        var service = new SharingService(new InMemorySharingAuditLog(), new FakeTimeProvider(Seeds.Start));
        var states = new[]
        {
            ConsentState.Empty,
            State(Parent(form: ConsentForm.Written)),
            State(Parent(form: ConsentForm.Verbal, excluded: TestIds.Camhs)),
            State(YoungPerson(form: ConsentForm.Written)),
            State(Expectant(form: ConsentForm.Written)),
            State(Parent(ConsentDecision.Refused)).WithOverride(Override()),
        };
        var items = Enum.GetValues<SharedItems>().Append(SharedItems.Assessment | SharedItems.Plan | SharedItems.CaseNotes).ToArray();

        var lines = (from state in states
                     from age in new int?[] { null, 9, 15 }
                     from item in items
                     let decision = service.Evaluate(state, TestIds.Camhs, purpose, age)
                     select new SharingAuditEntry(new EpisodeId("ep-1"), TestIds.Camhs, purpose, decision, TestIds.TeacherAtSchool, Seeds.Start) { Items = item }.ToString())
            .ToList();

        Assert.All(lines, AssertNoEnumNames);
        Assert.Contains(lines, l => l.Contains("; shared: the register entry (that a CAF exists and whom to contact))", StringComparison.Ordinal));
    }

    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void SHARE04_the_audit_line_reads_as_a_person_says_it()
    {
        var parent = Parent(form: ConsentForm.Written);
        var decision = new SharingDecision(true, "SHARE-01", "covered by the recorded consent") { Basis = SharingBasis.Consent, BasisRecord = parent };
        var entry = new SharingAuditEntry(new EpisodeId("ep-1"), TestIds.HealthVisiting, SharingPurpose.PlanDelivery, decision, TestIds.TeacherAtSchool, Seeds.Start)
        {
            Items = SharedItems.Plan | SharedItems.Assessment,
        };

        Assert.Equal(
            "2026-03-02 09:00:00Z pr-teacher-jones (school-oakfield-primary) asked to share episode ep-1 with health-visiting for delivering the action plan: "
            + "granted [SHARE-01] covered by the recorded consent (basis: consent of Sarah Hughes (Parent or carer with parental responsibility, Written (signed)); "
            + "shared: the assessment, the action plan)",
            entry.ToString());
        Assert.EndsWith("shared: nothing)", (entry with { Items = SharedItems.None }).ToString(), StringComparison.Ordinal);
    }

    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void SHARE04_an_audit_line_of_values_outside_the_enums_still_prints_and_never_throws()
    {
        // A host's mistake (a cast number) must not make ToString throw in a log line or a debugger.
        var decision = new SharingDecision(false, "SHARE-01", "not covered");
        var entry = new SharingAuditEntry(new EpisodeId("ep-1"), TestIds.Camhs, (SharingPurpose)99, decision, TestIds.TeacherAtSchool, Seeds.Start)
        {
            Items = (SharedItems)(1 << 30),
        };

        var line = entry.ToString();

        Assert.Contains(" for 99: refused", line, StringComparison.Ordinal);
        Assert.EndsWith("shared: 1073741824)", line, StringComparison.Ordinal);
    }

    // ----- Thresholds (THR-03), action owners (PLAN-02), closure taxonomy (CLOSE-10) -----

    public static TheoryData<ThresholdRoute> Routes() => new(Enum.GetValues<ThresholdRoute>());

    [Trait("Rule", "THR-03")]
    [Theory]
    [MemberData(nameof(Routes))]
    public void THR03_a_threshold_summary_names_the_route_in_words(ThresholdRoute route)
    {
        foreach (var level in Enum.GetValues<ThresholdLevel>())
        {
            var result = new ThresholdResult("bradford", "2.0.0", level, "Named level", route, [], [], [], default, new Lazy<string>(string.Empty));
            AssertNoEnumNames(result.ToString());
        }
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void THR03_the_summary_reads_as_a_practitioner_says_it()
    {
        var result = new ThresholdResult("bradford", "2.0.0", ThresholdLevel.Complex, "Complex", ThresholdRoute.CafMultiAgency, [], [], [], default, new Lazy<string>(string.Empty));
        Assert.Equal("Level 3 (Complex), route: CAF with multi-agency support / team around the child [bradford 2.0.0]", result.ToString());
    }

    [Trait("Rule", "PLAN-02")]
    [Fact]
    public void PLAN02_an_action_owner_reads_as_its_display_text()
    {
        Assert.Equal("The family", ActionOwner.Family.ToString());
        Assert.Equal("The child or young person", ActionOwner.ChildOrYoungPerson.ToString());
        Assert.Equal("pr-teacher-jones (school-oakfield-primary)", ActionOwner.ForPractitioner(TestIds.TeacherAtSchool).ToString());
    }

    public static TheoryData<ClosureOutcome> ClosureOutcomes() => new(Enum.GetValues<ClosureOutcome>());

    [Trait("Rule", "CLOSE-10")]
    [Theory]
    [MemberData(nameof(ClosureOutcomes))]
    public void CLOSE10_a_taxonomy_outcome_names_its_canonical_outcome_in_words(ClosureOutcome outcome)
    {
        var text = ClosureTaxonomy.Default.PrimaryFor(outcome).ToString();
        AssertNoEnumNames(text);
        Assert.EndsWith($"({ClosureDisplayText.For(outcome)})", text, StringComparison.Ordinal);
    }

    [Trait("Rule", "CLOSE-10")]
    [Fact]
    public void CLOSE10_the_taxonomy_outcome_reads_as_a_practitioner_says_it() =>
        Assert.Equal(
            "consentOverridden (Consent overridden (safeguarding issue))",
            ClosureTaxonomy.Default.PrimaryFor(ClosureOutcome.ConsentOverridden).ToString());

    // ----- Policy what-if (the analyst's table) -----

    public static TheoryData<PolicyDecisionPoint> Points() => new(Enum.GetValues<PolicyDecisionPoint>());

    [Trait("Rule", "THR-03")]
    [Theory]
    [MemberData(nameof(Points))]
    public void A_what_if_difference_and_table_name_the_decision_point_in_words(PolicyDecisionPoint point)
    {
        var difference = new PolicyDifference(
            new EpisodeId("ep-1"), 3, point, "assessment completed 2026-03-12", new("level 2", "level 2", "THR-03", "A"), new("level 3", "level 3", "THR-03", "B"));
        var comparison = new PolicyComparison(
            "current", "proposed", 1, [.. Enum.GetValues<PolicyDecisionPoint>().Select(p => new PolicyDecisionCount(p, 1, p == point ? 1 : 0))], [difference]);

        AssertNoEnumNames(difference.ToString());
        AssertNoEnumNames(comparison.ToTable());
        Assert.Contains($"| {PolicyDisplayText.For(point)} | level 2 | level 3 | 1 | 1 |", comparison.ToTable(), StringComparison.Ordinal);
    }

    [Trait("Rule", "THR-03")]
    [Fact]
    public void The_what_if_difference_reads_as_an_analyst_says_it() =>
        Assert.Equal(
            "ep-1 #3 Recommended route (assessment completed 2026-03-12): route universal services, no CAF -> route CAF with single-agency or family action",
            new PolicyDifference(new EpisodeId("ep-1"), 3, PolicyDecisionPoint.ThresholdRoute, "assessment completed 2026-03-12",
                new("route universal services, no CAF", "a", "THR-03", "A"), new("route CAF with single-agency or family action", "b", "THR-03", "B")).ToString());

    // ----- Report tables (REP-03) -----

    public static TheoryData<InitiatingSetting> Settings() => new(Enum.GetValues<InitiatingSetting>());

    [Trait("Rule", "REP-03")]
    [Theory]
    [MemberData(nameof(Settings))]
    public void REP03_the_report_tables_name_settings_and_closure_categories_in_words(InitiatingSetting setting)
    {
        var opened = new DateOnly(2026, 4, 10);
        var rows = new[] { ReportClosureCategories.Resolved, ReportClosureCategories.ConsentEnded, ReportClosureCategories.Escalated }
            .Select((category, i) => new EpisodeReportRow(
                new EpisodeId($"e{i}"), new ChildId($"c{i}"), opened, true, TestIds.School, setting, AgeBand.FiveToNine, [],
                closedOn: opened.AddDays(30), closureOutcomeCode: $"CLOSE-0{i + 1}", closureCategory: category))
            .ToArray();
        var report = CafReportBuilder.Run(rows, new CafReportRequest(ReportPeriodKind.Month, new(2026, 4, 1), new(2026, 7, 1), new(2026, 6, 30)), new ReportingOptions());

        var tables = report.ToTables();
        var text = string.Concat(tables.Select(t => ReportMarkdownWriter.ToMarkdown(t) + ReportCsvWriter.ToCsv(t)));

        AssertNoEnumNames(text);
        Assert.Contains($"| {ReportingDisplayText.For(setting)} | 3 |", text, StringComparison.Ordinal);
        Assert.Contains(report.BySetting, c => c.Key == setting.ToString() && c.Count == 3); // the report's own key is unchanged
    }

    [Trait("Rule", "REP-03")]
    [Fact]
    public void REP03_the_setting_and_category_tables_read_as_published()
    {
        var tables = Caf.Core.Tests.Reporting.SmallCohort.Report().ToTables();

        Assert.Equal(
            "Setting,Episodes\r\nHigh (secondary) school,2\r\nHealth,1\r\nPrimary school,1\r\nSocial care or early help,1\r\nYouth service or Connexions,1\r\n"
            + "Housing,0\r\nOther setting or agency,0\r\nPolice,0\r\nPre-school or early-years setting,0\r\nSpecial school,0\r\nVoluntary or community sector,0\r\nYouth justice,0\r\n",
            ReportCsvWriter.ToCsv(tables.Single(t => t.Id == "rep03-setting")));
        Assert.Equal(
            "Category,Episodes\r\nConsent ended,1\r\nEscalated,1\r\nResolved,1\r\n",
            ReportCsvWriter.ToCsv(tables.Single(t => t.Id == "rep03-closure-category")));
    }
}
