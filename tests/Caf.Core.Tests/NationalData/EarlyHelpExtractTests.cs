using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using Caf.Core.Thresholds;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.StepDown;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.NationalData;

/// <summary>Extract rows built from the seeds' episodes and from report rows, with hand-written expected rows (NAT-01..NAT-05).</summary>
public class EarlyHelpExtractTests
{
    private static readonly NationalDataExtractSettings Settings = NationalDataExtractSettings.Default;
    private readonly Seeds _seeds = new();

    // The teacher's assessment observed two default-framework indicators with CIN codes: BFD-18 (4B) and BFD-08 (7A).
    private static AssessmentSummary WithCodes => new("caf-core-default", "1", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ["BFD-18", "BFD-08"]);

    [Trait("Rule", "NAT-01")]
    [Trait("Rule", "NAT-03")]
    [Fact]
    public void NAT01_NAT03_no_further_action_after_assessment_ends_as_NFA_with_the_factors_identified()
    {
        var e = _seeds.Assessing();                                  // consent and start on 2 March 2026
        _seeds.Time.Advance(TimeSpan.FromDays(10));
        Seeds.Ok(e.CompleteAssessment(Seeds.Teacher, WithCodes, AbsentParentInvolvement.WasInvolved, "Young carer; mother's mental health."));
        Seeds.Ok(e.ChooseNextStep(Seeds.Teacher, NextStep.NoFurtherAction, "Needs met by universal services."));

        var expected = new EarlyHelpEpisodeRecord
        {
            EpisodeId = "ep-1",
            PersonId = "child-001",
            StartDate = new DateOnly(2026, 3, 2),
            EndDate = new DateOnly(2026, 3, 12),
            StartReason = "Practitioner concern (intent to CAF)",
            EndReason = "NFA",
            Organisation = "school-oakfield-primary",
            Worker = "pr-teacher-jones",
            AssessmentStartDate = new DateOnly(2026, 3, 2),
            AssessmentCompletionDate = new DateOnly(2026, 3, 12),
            AssessmentOrganisation = "school-oakfield-primary",
            Factors = ["4B", "7A"],
            LastActivityDate = new DateOnly(2026, 3, 12),
        };
        Assert.Equal(expected, EarlyHelpExtract.From(e, Settings));
    }

    [Trait("Rule", "NAT-02")]
    [Fact]
    public void NAT02_a_step_up_ends_as_Step_up_and_carries_referral_source_5D()
    {
        var e = _seeds.PlanActive();                                 // assessed 12 March, the health visitor appointed LP
        Seeds.Ok(e.StepUp(Seeds.HealthVisitor, new SpecialistService("Children's social care"), "Disclosure of significant harm."));

        var row = EarlyHelpExtract.From(e, Settings);
        Assert.Equal(("Step-up", "5D", (string?)null), (row.EndReason, row.CinReferralSource, row.CinClosureReason));
        Assert.Equal(("health-visiting", "pr-hv-patel"), (row.Organisation, row.Worker));
        Assert.Equal(new DateOnly(2026, 3, 12), row.EndDate);
        Assert.Equal(["21"], row.Factors.ToArray());            // Level3's indicators are not in the default framework: no factors
    }

    [Trait("Rule", "NAT-02")]
    [Fact]
    public void NAT02_a_step_down_from_childrens_social_care_carries_closure_reason_RC9_and_a_CAMHS_one_does_not()
    {
        var fromCsc = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-csc"), Seeds.NineYearOld, Seeds.Teacher,
            EpisodePlans.StepDown("Bradford children's social care") with { DocumentType = StepDownDocumentType.SocialCareClosingSummary });
        var fromCamhs = CafEpisode.RegisterPotentialFromStepDown(_seeds.Policy, new EpisodeId("ep-camhs"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown());

        var expected = new EarlyHelpEpisodeRecord
        {
            EpisodeId = "ep-csc",
            PersonId = "child-001",
            StartDate = new DateOnly(2026, 3, 2),
            StartReason = "Step-down from a specialist service",
            Organisation = "school-oakfield-primary",
            Worker = "pr-teacher-jones",
            CinClosureReason = "RC9",
            LastActivityDate = new DateOnly(2026, 3, 2),
        };
        Assert.Equal(expected, EarlyHelpExtract.From(fromCsc, Settings));
        Assert.Null(EarlyHelpExtract.From(fromCamhs, Settings).CinClosureReason);
    }

    [Trait("Rule", "NAT-01")]
    [Trait("Rule", "NAT-02")]
    [Fact]
    public void NAT01_a_report_row_maps_through_the_closure_taxonomy_so_consent_overridden_is_a_step_up()
    {
        var row = new EpisodeReportRow(
            new EpisodeId("ep-0000007"), new ChildId("child-0000007"), new DateOnly(2025, 5, 6), true, new AgencyId("high-school-03"),
            InitiatingSetting.HighSchool, AgeBand.TenToFifteen,
            needs: [new ReportNeed("SPC-02", "family", "10A"), new ReportNeed("LEI-01", "development")],
            closedOn: new DateOnly(2025, 9, 1), closureOutcomeCode: "CLOSE-06", closureCategory: ReportClosureCategories.Escalated,
            leadProfessionalAgency: new AgencyId("camhs"),
            assessmentStartedOn: new DateOnly(2025, 5, 10), assessmentCompletedOn: new DateOnly(2025, 6, 2),
            panelReferrals: [new ReportPanelReferral(new DateOnly(2025, 6, 20), new AgencyId("high-school-03"), 1)]);

        var expected = new EarlyHelpEpisodeRecord
        {
            EpisodeId = "ep-0000007",
            PersonId = "child-0000007",
            StartDate = new DateOnly(2025, 5, 6),
            EndDate = new DateOnly(2025, 9, 1),
            StartReason = "Practitioner concern (intent to CAF)",
            EndReason = "Step-up",            // CLOSE-06 reports as Escalated in the closure taxonomy (CLOSE-10)
            Organisation = "camhs",
            CinReferralSource = "5D",
            AssessmentStartDate = new DateOnly(2025, 5, 10),
            AssessmentCompletionDate = new DateOnly(2025, 6, 2),
            AssessmentOrganisation = "high-school-03",
            Factors = ["10A"],
            LastActivityDate = new DateOnly(2025, 9, 1),
        };
        Assert.Equal(expected, EarlyHelpExtract.From(row, Settings));
    }

    [Trait("Rule", "NAT-04")]
    [Fact]
    public void NAT04_the_csv_has_the_column_dictionarys_header_iso_dates_and_quotes_where_rfc4180_needs_them()
    {
        var row = new EarlyHelpEpisodeRecord
        {
            EpisodeId = "ep-1",
            PersonId = "child-001",
            StartDate = new DateOnly(2026, 3, 2),
            EndDate = new DateOnly(2026, 3, 12),
            StartReason = "Concern, \"urgent\"",
            EndReason = "NFA",
            Organisation = "school",
            Factors = ["4B", "7A"],
            LastActivityDate = new DateOnly(2026, 3, 12),
        };

        var csv = EarlyHelpCsv.ToCsv([row]);
        Assert.Equal(
            "earl_episode_id,earl_person_id,earl_episode_start_date,earl_episode_end_date,earl_episode_reason,earl_episode_end_reason,earl_episode_organisation,earl_episode_worker_id,earl_cin_closure_reason,earl_cin_referral_source,earl_assessment_start_date,earl_assessment_completion_date,earl_assessment_organisation,earl_assessment_factors,earl_last_activity_date\r\n"
            + "ep-1,child-001,2026-03-02,2026-03-12,\"Concern, \"\"urgent\"\"\",NFA,school,,,,,,,4B;7A,2026-03-12\r\n",
            csv);
        Assert.Equal(row, Assert.Single(EarlyHelpCsv.Read(new StringReader(csv))));

        var json = EarlyHelpJson.ToJson([row]);
        Assert.Equal(
            """[{"earl_episode_id":"ep-1","earl_person_id":"child-001","earl_episode_start_date":"2026-03-02","earl_episode_end_date":"2026-03-12","earl_episode_reason":"Concern, \u0022urgent\u0022","earl_episode_end_reason":"NFA","earl_episode_organisation":"school","earl_episode_worker_id":null,"earl_cin_closure_reason":null,"earl_cin_referral_source":null,"earl_assessment_start_date":null,"earl_assessment_completion_date":null,"earl_assessment_organisation":null,"earl_assessment_factors":["4B","7A"],"earl_last_activity_date":"2026-03-12"}]""",
            json);
    }

    [Trait("Rule", "NAT-04")]
    [Theory]
    [InlineData("earl_episode_id\r\n", "Line 1")]
    [InlineData("", "Line 1")]
    public void NAT04_reading_a_csv_with_the_wrong_header_fails_naming_the_line(string csv, string where)
    {
        var ex = Assert.Throws<FormatException>(() => EarlyHelpCsv.Read(new StringReader(csv)).ToList());
        Assert.StartsWith(where, ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "NAT-05")]
    [Fact]
    public void NAT05_with_a_pseudonymiser_the_child_is_named_only_by_a_keyed_hash()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var settings = Settings with { Pseudonymiser = new PersonIdPseudonymiser(key) };
        var row = EarlyHelpExtract.From(_seeds.Identified(), settings);

        Assert.StartsWith("ps-", row.PersonId, StringComparison.Ordinal);
        Assert.Equal(67, row.PersonId.Length);
        Assert.Equal(new PersonIdPseudonymiser(key).Pseudonymise("child-001"), row.PersonId);
        Assert.NotEqual(new PersonIdPseudonymiser([.. Enumerable.Reverse(key)]).Pseudonymise("child-001"), row.PersonId);
        Assert.DoesNotContain("child-001", EarlyHelpCsv.ToCsv([row]), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("key", () => new PersonIdPseudonymiser(new byte[31]));
    }
}
