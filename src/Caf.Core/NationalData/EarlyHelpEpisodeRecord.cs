using System;
using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.NationalData;

/// <summary>
/// NAT-04: one row of an early-help extract: the episode in the Standard Safeguarding Dataset shape (episode id,
/// person id, start and end dates, start and end reasons, organisation, worker), the CIN census links (NAT-02) and
/// the early-help assessment fields (start, completion, organisation completing, factors identified, NAT-03).
/// Column names and meanings are in <c>docs/national-data.md</c>.
/// </summary>
/// <remarks>
/// <para>A row is plain data, as read from a file or built by <see cref="EarlyHelpExtract"/>: it is not checked when
/// made, so that <see cref="NationalDataValidator"/> can report what is wrong with a row from anywhere. Required
/// texts are never null (null becomes empty, which validation reports, NAT-10).</para>
/// <para>NAT-05: the child appears only as <see cref="PersonId"/>, the host's id or its pseudonym; no name, date of
/// birth or address is ever part of a row.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EarlyHelpEpisodeRecord
{
    /// <summary>The episode's id only: the person id, NHS number and the child's details are left out of logs.</summary>
    /// <returns>For example <c>EarlyHelpEpisodeRecord { EpisodeId = ep-1 }</c>.</returns>
    public override string ToString() => $"EarlyHelpEpisodeRecord {{ EpisodeId = {EpisodeId} }}";

    /// <summary>The early-help episode id (SSD <c>earl_episode_id</c>, EARL001A).</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_id")]
    public string EpisodeId { get; init => field = value ?? ""; } = "";

    /// <summary>The child: the host's person id or its pseudonym (SSD <c>earl_person_id</c>, EARL002A; NAT-05).</summary>
    [JsonRequired]
    [JsonPropertyName("earl_person_id")]
    public string PersonId { get; init => field = value ?? ""; } = "";

    /// <summary>
    /// LAW-03: the child's NHS number (ten digits), or null when the child has none or the person id is pseudonymised
    /// (NAT-05: a pseudonymised extract carries no identifier in clear). Optional: omitted from JSON when null.
    /// </summary>
    [JsonPropertyName("earl_nhs_number")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NhsNumber { get; init; }

    /// <summary>When the episode started (SSD <c>earl_episode_start_date</c>, EARL003A).</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_start_date")]
    public DateOnly StartDate { get; init; }

    /// <summary>When the episode ended, or null while open (SSD <c>earl_episode_end_date</c>, EARL004A).</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_end_date")]
    public DateOnly? EndDate { get; init; }

    /// <summary>Why the episode started (SSD <c>earl_episode_reason</c>, EARL005A): the profile's concern or step-down reason.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_reason")]
    public string StartReason { get; init => field = value ?? ""; } = "";

    /// <summary>NAT-01: why it ended (SSD <c>earl_episode_end_reason</c>, EARL006A: Outcomes met / Step-up / NFA), or null while open.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_end_reason")]
    public string? EndReason { get; init; }

    /// <summary>The organisation responsible (SSD <c>earl_episode_organisation</c>, EARL007A): the lead professional's agency.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_organisation")]
    public string Organisation { get; init => field = value ?? ""; } = "";

    /// <summary>The allocated worker (SSD <c>earl_episode_worker_id</c>, EARL008A): the lead professional's practitioner id, or null when unknown.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_episode_worker_id")]
    public string? Worker { get; init; }

    /// <summary>NAT-02: for a step-down from children's social care, the CIN closure reason of that episode (<c>RC9</c>); otherwise null.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_cin_closure_reason")]
    public string? CinClosureReason { get; init; }

    /// <summary>NAT-02: for a step-up, the CIN referral source of the referral it makes (<c>5D</c>); otherwise null.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_cin_referral_source")]
    public string? CinReferralSource { get; init; }

    /// <summary>When the early-help assessment started (LIFE-05), or null.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_assessment_start_date")]
    public DateOnly? AssessmentStartDate { get; init; }

    /// <summary>When the early-help assessment was completed (LIFE-07), or null.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_assessment_completion_date")]
    public DateOnly? AssessmentCompletionDate { get; init; }

    /// <summary>The organisation that completed the assessment, or null.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_assessment_organisation")]
    public string? AssessmentOrganisation { get; init; }

    /// <summary>NAT-03: the CIN census factors identified at the end of the assessment; empty without a completed assessment; never default.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_assessment_factors")]
    public ImmutableArray<string> Factors { get; init => field = ValueEquality.OrEmpty(value); } = [];

    /// <summary>The date of the episode's last recorded activity (an event, a panel referral, the closure), for NAT-12.</summary>
    [JsonRequired]
    [JsonPropertyName("earl_last_activity_date")]
    public DateOnly LastActivityDate { get; init; }

    /// <summary>True when the row has no end date.</summary>
    [JsonIgnore]
    public bool IsOpen => EndDate is null;

    /// <inheritdoc />
    public bool Equals(EarlyHelpEpisodeRecord? other) =>
        other is not null
        && EpisodeId == other.EpisodeId && PersonId == other.PersonId && NhsNumber == other.NhsNumber && StartDate == other.StartDate && EndDate == other.EndDate
        && StartReason == other.StartReason && EndReason == other.EndReason && Organisation == other.Organisation && Worker == other.Worker
        && CinClosureReason == other.CinClosureReason && CinReferralSource == other.CinReferralSource
        && AssessmentStartDate == other.AssessmentStartDate && AssessmentCompletionDate == other.AssessmentCompletionDate
        && AssessmentOrganisation == other.AssessmentOrganisation && LastActivityDate == other.LastActivityDate
        && ValueEquality.Equal(Factors, other.Factors);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(EpisodeId, PersonId, StartDate, EndDate, EndReason, Organisation, LastActivityDate, ValueEquality.Hash(Factors));
}
