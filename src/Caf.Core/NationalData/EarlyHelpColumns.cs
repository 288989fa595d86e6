using System.Collections.Immutable;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-04: the column names of an early-help extract, in CSV order; JSON objects use the same names. The first
/// eight are the Standard Safeguarding Dataset's <c>ssd_early_help_episodes</c> items (EARL001A..EARL008A); the
/// rest are Caf.Core's (docs/national-data.md).
/// </summary>
public static class EarlyHelpColumns
{
    /// <summary>EARL001A: episode id.</summary>
    public const string EpisodeId = "earl_episode_id";

    /// <summary>EARL002A: person id (NAT-05).</summary>
    public const string PersonId = "earl_person_id";

    /// <summary>EARL003A: start date.</summary>
    public const string StartDate = "earl_episode_start_date";

    /// <summary>EARL004A: end date.</summary>
    public const string EndDate = "earl_episode_end_date";

    /// <summary>EARL005A: start reason (reason for involvement).</summary>
    public const string StartReason = "earl_episode_reason";

    /// <summary>EARL006A: end reason (NAT-01).</summary>
    public const string EndReason = "earl_episode_end_reason";

    /// <summary>EARL007A: organisation.</summary>
    public const string Organisation = "earl_episode_organisation";

    /// <summary>EARL008A: worker.</summary>
    public const string Worker = "earl_episode_worker_id";

    /// <summary>NAT-02: CIN closure reason of a step-down (RC9).</summary>
    public const string CinClosureReason = "earl_cin_closure_reason";

    /// <summary>NAT-02: CIN referral source of a step-up (5D).</summary>
    public const string CinReferralSource = "earl_cin_referral_source";

    /// <summary>Assessment start date.</summary>
    public const string AssessmentStartDate = "earl_assessment_start_date";

    /// <summary>Assessment completion date.</summary>
    public const string AssessmentCompletionDate = "earl_assessment_completion_date";

    /// <summary>Organisation completing the assessment.</summary>
    public const string AssessmentOrganisation = "earl_assessment_organisation";

    /// <summary>NAT-03: factors identified at the end of assessment (CSV: separated by <c>;</c>).</summary>
    public const string Factors = "earl_assessment_factors";

    /// <summary>Date of the last recorded activity (NAT-12).</summary>
    public const string LastActivityDate = "earl_last_activity_date";

    /// <summary>
    /// LAW-03: the child's NHS number, the consistent identifier (Children Act 2004 s16LC); Caf.Core's column, written only
    /// by the extracts that ask for it (<see cref="EarlyHelpCsv.WriteWithNhsNumber"/>) and never with pseudonymised ids.
    /// </summary>
    public const string NhsNumber = "earl_nhs_number";

    /// <summary>Every column, in CSV order.</summary>
    public static ImmutableArray<string> All { get; } =
    [
        EpisodeId, PersonId, StartDate, EndDate, StartReason, EndReason, Organisation, Worker, CinClosureReason, CinReferralSource,
        AssessmentStartDate, AssessmentCompletionDate, AssessmentOrganisation, Factors, LastActivityDate,
    ];

    /// <summary>LAW-03: <see cref="All"/> followed by <see cref="NhsNumber"/> (declared after <see cref="All"/>, which it copies).</summary>
    public static ImmutableArray<string> WithNhsNumber { get; } = [.. All, NhsNumber];
}
