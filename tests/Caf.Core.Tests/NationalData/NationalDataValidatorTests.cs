using System;
using System.Linq;
using Caf.Core.NationalData;

namespace Caf.Core.Tests.NationalData;

/// <summary>Census-style validation, one example per rule with hand-written rows and the failure expected (NAT-10..NAT-17, NAT-01..NAT-03).</summary>
public class NationalDataValidatorTests
{
    private static readonly NationalDataValidator Validator = new();

    // Amy's closed episode (Bradford 002 §9: resolved via multi-agency provision) and her brother's open one.
    internal static EarlyHelpEpisodeRecord Closed => new()
    {
        EpisodeId = "ep-1",
        PersonId = "child-001",
        StartDate = new DateOnly(2026, 3, 2),
        EndDate = new DateOnly(2026, 9, 30),
        StartReason = "Practitioner concern (intent to CAF)",
        EndReason = "Outcomes met",
        Organisation = "health-visiting",
        Worker = "pr-hv-patel",
        AssessmentStartDate = new DateOnly(2026, 3, 2),
        AssessmentCompletionDate = new DateOnly(2026, 3, 12),
        AssessmentOrganisation = "school-oakfield-primary",
        Factors = ["4B", "7A"],
        LastActivityDate = new DateOnly(2026, 9, 30),
    };

    internal static EarlyHelpEpisodeRecord Open => new()
    {
        EpisodeId = "ep-2",
        PersonId = "child-002",
        StartDate = new DateOnly(2026, 5, 1),
        StartReason = "Step-down from a specialist service",
        Organisation = "school-oakfield-primary",
        CinClosureReason = "RC9",
        LastActivityDate = new DateOnly(2026, 5, 1),
    };

    private static (string Code, string Episode, string Field)[] Failures(params EarlyHelpEpisodeRecord[] rows) =>
        [.. Validator.Validate(rows).Failures.Select(f => (f.Code, f.EpisodeId, f.Field))];

    [Fact]
    public void A_consistent_batch_is_valid()
    {
        var report = Validator.Validate([Closed, Open]);
        Assert.True(report.IsValid, report.ToString());
        Assert.Equal("2 rows, valid", report.ToString());
    }

    [Trait("Rule", "NAT-10")]
    [Fact]
    public void NAT10_ids_start_reason_and_organisation_are_required_and_episode_ids_unique()
    {
        Assert.Equal([("NAT-10", "ep-1", "earl_person_id"), ("NAT-10", "ep-1", "earl_episode_organisation")],
            Failures(Closed with { PersonId = "", Organisation = " " }));
        Assert.Equal([("NAT-10", "", "earl_episode_id")], Failures(Closed with { EpisodeId = "" }));
        Assert.Equal([("NAT-10", "ep-1", "earl_episode_reason")], Failures(Closed with { StartReason = "" }));
        Assert.Equal([("NAT-10", "ep-1", "earl_episode_id")], Failures(Closed, Open with { EpisodeId = "ep-1" }));
    }

    [Trait("Rule", "NAT-11")]
    [Trait("Rule", "NAT-01")]
    [Fact]
    public void NAT11_a_closure_date_needs_a_reason_and_a_reason_a_date_NAT01_one_the_profile_writes()
    {
        Assert.Equal([("NAT-11", "ep-1", "earl_episode_end_reason")], Failures(Closed with { EndReason = null }));
        Assert.Equal([("NAT-11", "ep-2", "earl_episode_end_date")], Failures(Open with { EndReason = "NFA" }));
        Assert.Equal([("NAT-01", "ep-1", "earl_episode_end_reason")], Failures(Closed with { EndReason = "Resolved" }));
    }

    [Trait("Rule", "NAT-12")]
    [Fact]
    public void NAT12_no_activity_after_closure()
    {
        Assert.Equal([("NAT-12", "ep-1", "earl_last_activity_date")], Failures(Closed with { LastActivityDate = new DateOnly(2026, 10, 1) }));
        Assert.Equal([("NAT-12", "ep-1", "earl_episode_start_date"), ("NAT-12", "ep-1", "earl_assessment_start_date"), ("NAT-12", "ep-1", "earl_assessment_completion_date")],
            Failures(Closed with { EndDate = new DateOnly(2026, 3, 1), LastActivityDate = new DateOnly(2026, 3, 1) }));
    }

    [Trait("Rule", "NAT-13")]
    [Trait("Rule", "NAT-14")]
    [Fact]
    public void NAT13_at_most_one_open_episode_per_child()
    {
        var second = Open with { EpisodeId = "ep-3", StartDate = new DateOnly(2026, 6, 1), LastActivityDate = new DateOnly(2026, 6, 1) };
        Assert.Equal([("NAT-13", "ep-3", "earl_episode_end_date"), ("NAT-14", "ep-3", "earl_episode_start_date")], Failures(Open, second));
    }

    [Trait("Rule", "NAT-14")]
    [Fact]
    public void NAT14_no_episode_starts_before_the_previous_one_of_the_same_child_ended_but_the_closing_day_is_allowed()
    {
        var overlapping = Open with { PersonId = "child-001", StartDate = new DateOnly(2026, 9, 29) };
        Assert.Equal([("NAT-14", "ep-2", "earl_episode_start_date")], Failures(Closed, overlapping));

        var sameDay = Open with { PersonId = "child-001", StartDate = new DateOnly(2026, 9, 30), LastActivityDate = new DateOnly(2026, 9, 30) };
        Assert.Empty(Failures(Closed, sameDay));
    }

    [Trait("Rule", "NAT-15")]
    [Trait("Rule", "NAT-16")]
    [Trait("Rule", "NAT-03")]
    [Fact]
    public void NAT15_NAT16_NAT03_factor_codes_are_distinct_known_21_alone_and_only_after_a_completed_assessment()
    {
        Assert.Equal([("NAT-15", "ep-1", "earl_assessment_factors")], Failures(Closed with { Factors = ["4B", "7A", "4B"] }));
        Assert.Equal([("NAT-16", "ep-1", "earl_assessment_factors")], Failures(Closed with { Factors = ["21", "7A"] }));
        Assert.Empty(Failures(Closed with { Factors = ["21"] }));
        Assert.Equal([("NAT-03", "ep-1", "earl_assessment_factors")], Failures(Closed with { Factors = ["4B", "99Z"] }));
        Assert.Equal([("NAT-03", "ep-2", "earl_assessment_factors")], Failures(Open with { Factors = ["7A"] }));
    }

    [Trait("Rule", "NAT-17")]
    [Fact]
    public void NAT17_an_assessment_is_completed_on_or_after_it_started_and_only_once_started()
    {
        Assert.Equal([("NAT-17", "ep-1", "earl_assessment_completion_date")], Failures(Closed with { AssessmentCompletionDate = new DateOnly(2026, 3, 1) }));
        Assert.Equal([("NAT-17", "ep-1", "earl_assessment_start_date")], Failures(Closed with { AssessmentStartDate = null }));
    }

    [Trait("Rule", "NAT-02")]
    [Fact]
    public void NAT02_RC9_only_on_a_step_down_and_5D_only_on_an_ended_episode()
    {
        Assert.Equal([("NAT-02", "ep-2", "earl_cin_closure_reason")], Failures(Open with { CinClosureReason = "RC8" }));
        Assert.Equal([("NAT-02", "ep-1", "earl_cin_closure_reason")], Failures(Closed with { CinClosureReason = "RC9" }));
        Assert.Equal([("NAT-02", "ep-2", "earl_cin_referral_source")], Failures(Open with { CinReferralSource = "5D" }));
        Assert.Empty(Failures(Closed with { EndReason = "Step-up", CinReferralSource = "5D" }));
    }

    [Fact]
    public void The_summary_counts_failures_per_code()
    {
        var report = Validator.Validate([Closed with { EndReason = null, Factors = ["21", "21", "7A"] }]);
        Assert.Equal("1 rows, 3 failures (NAT-11: 1, NAT-15: 1, NAT-16: 1)", report.ToString());
    }
}
