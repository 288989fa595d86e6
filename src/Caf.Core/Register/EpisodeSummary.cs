using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Register;

/// <summary>
/// The register's view of one episode (REG-02): flat, so a host can store it as columns and query it
/// with an <see cref="Ardalis.Specification.ISpecification{T}"/> translated by its LINQ provider.
/// </summary>
/// <param name="Id">The episode.</param>
/// <param name="Child">The child.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="IsOpen">True until closed or transferred out (REG-01).</param>
/// <param name="OpenedAt">When the episode opened.</param>
/// <param name="OpenedByAgency">The initiating agency (REP-03).</param>
/// <param name="LeadProfessional">The current lead professional (REG-02).</param>
/// <param name="LeadProfessionalAgency">The lead professional's agency (LP-07 burden).</param>
/// <param name="LeadProfessionalIsInterim">True while the opener is interim LP (LP-01).</param>
/// <param name="ClosedAt">When it closed, if it has.</param>
/// <param name="Outcome">The closure outcome, if closed.</param>
/// <param name="FamilyGroup">The family group (REG-03), if any.</param>
/// <param name="RetentionDueOn">When a closed episode is due for disposal (RET-01).</param>
/// <param name="Version">The episode's version.</param>
/// <param name="ExcludedAgencies">
/// The agencies the family's consent excludes (CONS-05), sorted: the register never tells them more than that
/// a CAF exists and whom to contact, and agency-scoped queries and reports leave the episode out for them (SHARE-01).
/// </param>
/// <param name="AssessmentDueBy">
/// LIFE-06: when the (re)assessment should be completed; null when none is due (a potential CAF from step-down).
/// The assessment is overdue when <paramref name="AssessmentCompletedAt"/> is null, the episode is open and this has passed.
/// </param>
/// <param name="AssessmentCompletedAt">When the (re)assessment was completed; null while it is not (a REV-03 reassessment clears it).</param>
/// <param name="NextReviewDue">REV-05: when the next review of the plan is due while the plan is active; a review is overdue after it.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeSummary(
    EpisodeId Id,
    ChildId Child,
    EpisodeState State,
    bool IsOpen,
    DateTimeOffset OpenedAt,
    AgencyId OpenedByAgency,
    PractitionerId LeadProfessional,
    AgencyId LeadProfessionalAgency,
    bool LeadProfessionalIsInterim,
    DateTimeOffset? ClosedAt,
    ClosureOutcome? Outcome,
    string? FamilyGroup,
    DateOnly? RetentionDueOn,
    int Version,
    ImmutableArray<AgencyId> ExcludedAgencies,
    DateTimeOffset? AssessmentDueBy,
    DateTimeOffset? AssessmentCompletedAt,
    DateOnly? NextReviewDue)
{
    /// <summary>
    /// The authority the episode belongs to (docs/authorities.md); <see cref="AuthorityId.Default"/> for a
    /// single-authority host. Not part of equality: a store lists one authority's summaries only.
    /// </summary>
    public AuthorityId Authority { get; init; } = AuthorityId.Default;

    /// <summary>LIFE-06: whether the (re)assessment is overdue at a time (reported, never blocking).</summary>
    /// <param name="now">The time to judge at (e.g. the clock's now).</param>
    /// <returns>True when open, due, not completed and past its due time.</returns>
    public bool IsAssessmentOverdueAt(DateTimeOffset now) => IsOpen && AssessmentCompletedAt is null && AssessmentDueBy is { } due && now > due;

    /// <summary>REV-05: whether the next review is overdue on a date (the day after it is due).</summary>
    /// <param name="today">The date to judge on.</param>
    /// <returns>True when a review is due and its date has passed.</returns>
    public bool IsReviewOverdueOn(DateOnly today) => NextReviewDue is { } due && today > due;

    /// <summary>True when the family excluded the agency (CONS-05, SHARE-01).</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>True when excluded.</returns>
    public bool Excludes(AgencyId agency) => !ExcludedAgencies.IsDefault && ExcludedAgencies.Contains(agency);

    /// <inheritdoc />
    public bool Equals(EpisodeSummary? other) =>
        other is not null && Id == other.Id && Child == other.Child && State == other.State && IsOpen == other.IsOpen
        && OpenedAt == other.OpenedAt && OpenedByAgency == other.OpenedByAgency && LeadProfessional == other.LeadProfessional
        && LeadProfessionalAgency == other.LeadProfessionalAgency && LeadProfessionalIsInterim == other.LeadProfessionalIsInterim
        && ClosedAt == other.ClosedAt && Outcome == other.Outcome && FamilyGroup == other.FamilyGroup
        && RetentionDueOn == other.RetentionDueOn && Version == other.Version && ValueEquality.Equal(ExcludedAgencies, other.ExcludedAgencies)
        && AssessmentDueBy == other.AssessmentDueBy && AssessmentCompletedAt == other.AssessmentCompletedAt && NextReviewDue == other.NextReviewDue;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, State, Version, ValueEquality.Hash(ExcludedAgencies));

    /// <summary>The summary of an episode.</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The summary.</returns>
    public static EpisodeSummary Of(CafEpisode episode)
    {
        Guard.Against.Null(episode);
        var lp = episode.LeadProfessional;
        return new EpisodeSummary(
            episode.Id, episode.Child.Id, episode.State, episode.IsOpen, episode.OpenedAt, episode.OpenedBy.Agency,
            lp.Practitioner, lp.Agency, lp.IsInterim, episode.Closure?.ClosedAt, episode.Closure?.Outcome,
            episode.FamilyGroup, episode.RetentionDueOn, episode.Version,
            [.. episode.Consent.Exclusions.Select(x => x.Agency).Distinct().Order()],
            episode.AssessmentDueBy, episode.AssessmentCompletedAt,
            episode.State == EpisodeState.PlanActive ? episode.NextReviewDue : null)
        {
            Authority = episode.Authority,
        };
    }
}
