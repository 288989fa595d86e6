using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Reporting;

/// <summary>
/// The report read model of one CAF episode (REP-01..06): what monitoring needs, derived from the episode's
/// events and kept by a store beside the episode, so reports never rebuild aggregates. Flat and small: dates,
/// codes and ids; the only collections are the needs, the panel referrals, the agencies excluded by consent and the
/// outcomes questionnaire's first and latest ratings (<see cref="Outcomes"/>).
/// </summary>
/// <remarks>
/// <para>Dates are calendar dates (<see cref="DateOnly"/>), the local date of the event as recorded.
/// Periods, caseloads and timescales are computed on dates; see docs/reporting.md.</para>
/// <para>The constructor checks the row is consistent and throws <see cref="ArgumentException"/> otherwise
/// (a producer bug, not a domain refusal): ids not default, enums defined, no duplicate needs (national
/// census habit), a closure date exactly when an outcome code and canonical category are given (an authority's own
/// outcome code only then), dates not
/// before opening, a previous closure only with previous episodes. Excluded agencies are stored sorted and
/// distinct, so equality does not depend on their order.</para>
/// <para>SHARE-01: the row holds the child's id only so that a store can link episodes (REP-06) and so that
/// rows can be produced per child; no report result ever carries it.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record EpisodeReportRow
{
    /// <summary>Creates a read-model row.</summary>
    /// <param name="episodeId">The episode.</param>
    /// <param name="childId">The child (never shown in a report).</param>
    /// <param name="openedOn">The date the episode opened: the concern (LIFE-01) or the step-down registration (LIFE-02).</param>
    /// <param name="intentToCaf">True when the episode opened as an intent to CAF (a practitioner's concern, LIFE-01); false for a potential CAF registered from a specialist step-down (LIFE-02, STEP-02).</param>
    /// <param name="initiatingAgency">The agency of the practitioner who opened the episode (REP-03).</param>
    /// <param name="initiatingSetting">The kind of setting that agency is (REP-03).</param>
    /// <param name="ageBandAtOpening">The child's age band on <paramref name="openedOn"/> (see <see cref="AgeBands.Of"/>).</param>
    /// <param name="needs">The needs identified at the last completed assessment (REP-02); distinct indicator ids; empty before assessment.</param>
    /// <param name="closedOn">The date the episode closed (CLOSE-08), or null while open (or transferred out).</param>
    /// <param name="closureOutcomeCode">The recorded outcome's stable code: <c>CLOSE-01</c>..<c>CLOSE-07</c> for canonical outcomes (<see cref="ReportClosureCategories.CodeOf"/>), or the authority's local code (CLOSE-10). Set exactly when closed.</param>
    /// <param name="closureCategory">The outcome's canonical category, one of <see cref="ReportClosureCategories"/> (CLOSE-10). Set exactly when closed.</param>
    /// <param name="leadProfessionalAgency">The agency of the current (or, once closed, the last) lead professional (REP-03, LP-07), or null.</param>
    /// <param name="assessmentStartedOn">The date the assessment started (LIFE-05), or null.</param>
    /// <param name="assessmentCompletedOn">The date the assessment was completed (LIFE-07), or null.</param>
    /// <param name="assessmentDueOn">The last date the assessment is on time: opening plus the timescale (LIFE-06, <c>LifecycleOptions.AssessmentTimescaleMonths</c>, REP-05); null when no assessment is expected (a step-down).</param>
    /// <param name="nextReviewDue">The next review date recorded at the last review or plan (REV-02, REV-05), or null.</param>
    /// <param name="panelReferrals">Each referral to a panel with its date, referring agency and allocations (REP-04).</param>
    /// <param name="previousEpisodes">How many earlier, closed episodes of the same child this one is linked to (LIFE-03).</param>
    /// <param name="previousClosedOn">The closure date of the most recent of those (REP-06), or null.</param>
    /// <param name="excludedAgencies">Agencies the consent in force excludes (CONS-05): a report for one of them skips this row (SHARE-01).</param>
    /// <param name="outcomes">The outcomes questionnaire's first and latest completion (OUTQ-01), or null when none is recorded; the first is not before opening and, once closed, the latest not after closure.</param>
    /// <param name="closureLocalCode">The authority's own outcome code as the closure recorded it (CLOSE-10, an outcome of the authority's taxonomy), or null when the closure recorded none of its own; only when closed. Null (or a code equal to <paramref name="closureOutcomeCode"/>) reads as <paramref name="closureOutcomeCode"/>.</param>
    /// <exception cref="ArgumentException">The row is inconsistent (see remarks).</exception>
    public EpisodeReportRow(
        EpisodeId episodeId,
        ChildId childId,
        DateOnly openedOn,
        bool intentToCaf,
        AgencyId initiatingAgency,
        InitiatingSetting initiatingSetting,
        AgeBand ageBandAtOpening,
        ImmutableArray<ReportNeed> needs = default,
        DateOnly? closedOn = null,
        string? closureOutcomeCode = null,
        string? closureCategory = null,
        AgencyId? leadProfessionalAgency = null,
        DateOnly? assessmentStartedOn = null,
        DateOnly? assessmentCompletedOn = null,
        DateOnly? assessmentDueOn = null,
        DateOnly? nextReviewDue = null,
        ImmutableArray<ReportPanelReferral> panelReferrals = default,
        int previousEpisodes = 0,
        DateOnly? previousClosedOn = null,
        ImmutableArray<AgencyId> excludedAgencies = default,
        ReportOutcomes? outcomes = null,
        string? closureLocalCode = null)
    {
        Require(!episodeId.IsDefault, nameof(episodeId), "The row needs the episode id.");
        Require(!childId.IsDefault, nameof(childId), "The row needs the child id.");
        Require(!initiatingAgency.IsDefault, nameof(initiatingAgency), "The row needs the initiating agency.");
        Require(Enum.IsDefined(initiatingSetting), nameof(initiatingSetting), $"Undefined setting {(int)initiatingSetting}.");
        Require(Enum.IsDefined(ageBandAtOpening), nameof(ageBandAtOpening), $"Undefined age band {(int)ageBandAtOpening}.");
        Require(leadProfessionalAgency is not { IsDefault: true }, nameof(leadProfessionalAgency), "A lead-professional agency is null or a valid id.");

        var closed = closedOn.HasValue;
        Require(closed == (closureOutcomeCode is not null), nameof(closureOutcomeCode), "A closure date needs an outcome code and an outcome code needs a closure date.");
        Require(closed == (closureCategory is not null), nameof(closureCategory), "A closure date needs a category and a category needs a closure date.");
        Require(closureOutcomeCode is null || !string.IsNullOrWhiteSpace(closureOutcomeCode), nameof(closureOutcomeCode), "An outcome code has text.");
        Require(closureLocalCode is null || closed, nameof(closureLocalCode), "An authority's outcome code needs a closure date (CLOSE-10).");
        Require(closureLocalCode is null || !string.IsNullOrWhiteSpace(closureLocalCode), nameof(closureLocalCode), "An authority's outcome code has text (CLOSE-10).");
        Require(closureCategory is null || ReportClosureCategories.IsCanonical(closureCategory), nameof(closureCategory), $"'{closureCategory}' is not a canonical category (Resolved, ConsentEnded, Escalated; CLOSE-10).");
        NotBefore(closedOn, openedOn, nameof(closedOn));
        NotBefore(assessmentStartedOn, openedOn, nameof(assessmentStartedOn));
        NotBefore(assessmentCompletedOn, assessmentStartedOn ?? openedOn, nameof(assessmentCompletedOn));
        NotBefore(assessmentDueOn, openedOn, nameof(assessmentDueOn));
        Require(previousEpisodes >= 0, nameof(previousEpisodes), "Previous episodes cannot be negative.");
        Require(previousClosedOn is null || previousEpisodes > 0, nameof(previousClosedOn), "A previous closure date needs a previous episode.");
        Require(previousClosedOn is null || previousClosedOn.Value <= openedOn, nameof(previousClosedOn), "A previous episode closes on or before this one opens (REG-01).");

        needs = needs.IsDefault ? [] : needs;
        for (var i = 0; i < needs.Length; i++)
        {
            Require(needs[i] is not null, nameof(needs), "A need is null.");
            for (var j = 0; j < i; j++)
            {
                Require(!string.Equals(needs[i].IndicatorId, needs[j].IndicatorId, StringComparison.Ordinal), nameof(needs), $"Indicator '{needs[i].IndicatorId}' appears twice.");
            }
        }

        panelReferrals = panelReferrals.IsDefault ? [] : panelReferrals;
        foreach (var referral in panelReferrals)
        {
            Require(!referral.ReferringAgency.IsDefault, nameof(panelReferrals), "A panel referral is default.");
            NotBefore(referral.ReferredOn, openedOn, nameof(panelReferrals));
        }

        NotBefore(outcomes?.FirstCompletedOn, openedOn, nameof(outcomes));
        Require(outcomes is null || closedOn is null || outcomes.LatestCompletedOn <= closedOn.Value, nameof(outcomes), "A questionnaire is completed on or before the episode closes (LIFE-10).");

        EpisodeId = episodeId;
        ChildId = childId;
        OpenedOn = openedOn;
        IntentToCaf = intentToCaf;
        InitiatingAgency = initiatingAgency;
        InitiatingSetting = initiatingSetting;
        AgeBandAtOpening = ageBandAtOpening;
        Needs = needs;
        ClosedOn = closedOn;
        ClosureOutcomeCode = closureOutcomeCode;
        ClosureCategory = closureCategory;
        ClosureLocalCode = closureLocalCode ?? closureOutcomeCode;
        LeadProfessionalAgency = leadProfessionalAgency;
        AssessmentStartedOn = assessmentStartedOn;
        AssessmentCompletedOn = assessmentCompletedOn;
        AssessmentDueOn = assessmentDueOn;
        NextReviewDue = nextReviewDue;
        PanelReferrals = panelReferrals;
        PreviousEpisodes = previousEpisodes;
        PreviousClosedOn = previousClosedOn;
        ExcludedAgencies = Normalise(excludedAgencies);
        Outcomes = outcomes;
    }

    /// <summary>The episode's id only: the row's NHS number and other details about the child are left out of logs.</summary>
    /// <returns>For example <c>EpisodeReportRow { EpisodeId = ep-1 }</c>.</returns>
    public override string ToString() => $"EpisodeReportRow {{ EpisodeId = {EpisodeId} }}";

    /// <summary>The episode.</summary>
    public EpisodeId EpisodeId { get; }

    /// <summary>The child. Used to link episodes; never part of a report (SHARE-01).</summary>
    public ChildId ChildId { get; }

    /// <summary>
    /// LAW-03: the child's NHS number when the episode records one, for national extracts (NAT); never part of a
    /// report. Rows stored before it existed read as null.
    /// </summary>
    public NhsNumber? NhsNumber { get; init; }

    /// <summary>The date the episode opened (REP-01).</summary>
    public DateOnly OpenedOn { get; }

    /// <summary>True when opened as an intent to CAF (LIFE-01); false for a step-down's potential CAF (LIFE-02) (REP-01).</summary>
    public bool IntentToCaf { get; }

    /// <summary>The agency that opened the episode (REP-03).</summary>
    public AgencyId InitiatingAgency { get; }

    /// <summary>The kind of setting that opened the episode (REP-03).</summary>
    public InitiatingSetting InitiatingSetting { get; }

    /// <summary>The child's age band when the episode opened (REP-03).</summary>
    public AgeBand AgeBandAtOpening { get; }

    /// <summary>The needs identified at assessment (REP-02); distinct indicator ids, never default.</summary>
    public ImmutableArray<ReportNeed> Needs { get; }

    /// <summary>The closure date, or null while open (REP-01).</summary>
    public DateOnly? ClosedOn { get; }

    /// <summary>The closure outcome's code (<c>CLOSE-01</c>..<c>CLOSE-07</c> or a local code), or null while open (REP-03).</summary>
    public string? ClosureOutcomeCode { get; }

    /// <summary>
    /// The closure outcome as the authority recorded it (CLOSE-10): the code of the authority's own outcome in its
    /// taxonomy, or <see cref="ClosureOutcomeCode"/> when the closure recorded none of its own (and in rows stored
    /// before this member existed); null while open. REP-03's <see cref="CafReport.ByClosureOutcome"/> groups by it.
    /// </summary>
    public string? ClosureLocalCode { get; }

    /// <summary>The closure outcome's canonical category (<see cref="ReportClosureCategories"/>), or null while open (REP-03, CLOSE-10).</summary>
    public string? ClosureCategory { get; }

    /// <summary>The lead professional's agency, or null when none was appointed (REP-03, LP-07).</summary>
    public AgencyId? LeadProfessionalAgency { get; }

    /// <summary>The date the assessment started, or null (REP-05).</summary>
    public DateOnly? AssessmentStartedOn { get; }

    /// <summary>The date the assessment was completed, or null (REP-05).</summary>
    public DateOnly? AssessmentCompletedOn { get; }

    /// <summary>The last on-time date for the assessment (LIFE-06), or null when none is expected (REP-05).</summary>
    public DateOnly? AssessmentDueOn { get; }

    /// <summary>The next review date, or null (REP-05, REV-05).</summary>
    public DateOnly? NextReviewDue { get; }

    /// <summary>The panel referrals (REP-04); never default.</summary>
    public ImmutableArray<ReportPanelReferral> PanelReferrals { get; }

    /// <summary>How many earlier closed episodes of the child this one is linked to (REP-06).</summary>
    public int PreviousEpisodes { get; }

    /// <summary>The most recent earlier episode's closure date, or null (REP-06).</summary>
    public DateOnly? PreviousClosedOn { get; }

    /// <summary>Agencies excluded by the consent in force (CONS-05), sorted and distinct; never default (SHARE-01).</summary>
    public ImmutableArray<AgencyId> ExcludedAgencies { get; }

    /// <summary>The outcomes questionnaire's first and latest completion (OUTQ-01), or null when none is recorded.</summary>
    public ReportOutcomes? Outcomes { get; }

    /// <summary>True once the episode has a closure date.</summary>
    public bool IsClosed => ClosedOn.HasValue;

    /// <summary>True when the episode is open at the end of a day: opened on or before it and not closed by then (REP-01).</summary>
    /// <param name="date">The day.</param>
    /// <returns>True when open at the end of <paramref name="date"/>.</returns>
    public bool IsOpenAt(DateOnly date) => OpenedOn <= date && (ClosedOn is not { } closed || closed > date);

    /// <summary>True when the consent in force excludes the agency, so no report for it may include this row (SHARE-01). Allocation free.</summary>
    /// <param name="agency">The agency.</param>
    /// <returns>True when excluded.</returns>
    public bool Excludes(AgencyId agency)
    {
        var excluded = ExcludedAgencies;
        for (var i = 0; i < excluded.Length; i++)
        {
            if (excluded[i] == agency)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Value equality over every field, the collections by content.</summary>
    /// <param name="other">The other row.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(EpisodeReportRow? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (EpisodeId == other.EpisodeId && ChildId == other.ChildId && NhsNumber == other.NhsNumber && OpenedOn == other.OpenedOn
                && IntentToCaf == other.IntentToCaf && InitiatingAgency == other.InitiatingAgency
                && InitiatingSetting == other.InitiatingSetting && AgeBandAtOpening == other.AgeBandAtOpening
                && ClosedOn == other.ClosedOn
                && string.Equals(ClosureOutcomeCode, other.ClosureOutcomeCode, StringComparison.Ordinal)
                && string.Equals(ClosureCategory, other.ClosureCategory, StringComparison.Ordinal)
                && string.Equals(ClosureLocalCode, other.ClosureLocalCode, StringComparison.Ordinal)
                && LeadProfessionalAgency == other.LeadProfessionalAgency
                && AssessmentStartedOn == other.AssessmentStartedOn && AssessmentCompletedOn == other.AssessmentCompletedOn
                && AssessmentDueOn == other.AssessmentDueOn && NextReviewDue == other.NextReviewDue
                && PreviousEpisodes == other.PreviousEpisodes && PreviousClosedOn == other.PreviousClosedOn
                && System.Linq.Enumerable.SequenceEqual(Needs, other.Needs)
                && System.Linq.Enumerable.SequenceEqual(PanelReferrals, other.PanelReferrals)
                && System.Linq.Enumerable.SequenceEqual(ExcludedAgencies, other.ExcludedAgencies)
                && Equals(Outcomes, other.Outcomes)));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(EpisodeId, ChildId, OpenedOn, ClosedOn, ClosureOutcomeCode, Needs.Length, PanelReferrals.Length, ExcludedAgencies.Length);

    private static ImmutableArray<AgencyId> Normalise(ImmutableArray<AgencyId> agencies)
    {
        if (agencies.IsDefaultOrEmpty)
        {
            return [];
        }

        foreach (var agency in agencies)
        {
            Require(!agency.IsDefault, nameof(agencies), "An excluded agency is default.");
        }

        var sorted = agencies.Sort();
        var builder = ImmutableArray.CreateBuilder<AgencyId>(sorted.Length);
        foreach (var agency in sorted)
        {
            if (builder.Count == 0 || builder[^1] != agency)
            {
                builder.Add(agency);
            }
        }

        return builder.DrainToImmutable();
    }

    private static void NotBefore(DateOnly? date, DateOnly earliest, string field) =>
        Require(date is null || date.Value >= earliest, field, $"{field} ({date}) is before {earliest}.");

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, field);
        }
    }
}
