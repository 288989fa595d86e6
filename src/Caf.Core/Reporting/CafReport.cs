using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Outcomes;

namespace Caf.Core.Reporting;

/// <summary>
/// The dashboard's monitoring reports, all computed in one pass over the read model (REP-01..06) by
/// <see cref="CafReportBuilder"/>. Counts only: no result names a child or an episode (SHARE-01).
/// </summary>
/// <remarks>
/// Populations: REP-01 periods count openings and closures in each period; REP-02 and the breakdowns by
/// setting, initiating agency and age band count episodes <em>opened</em> in the window; the closure
/// breakdowns count episodes <em>closed</em> in the window; the lead-professional breakdown counts episodes
/// <em>open at the as-of date</em> (the current burden, LP-07); the outcomes summary (OUTQ-01) counts episodes whose
/// <em>latest questionnaire</em> was completed in the window. Breakdowns are ordered by count (highest
/// first), ties by key (ordinal), except <see cref="ByAgeBand"/>, which is in band order; every setting and
/// every age band appears, with 0 when none.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record CafReport
{
    internal CafReport(
        CafReportRequest request,
        int episodes,
        ImmutableArray<ReportPeriodCounts> periods,
        int openAtAsOf,
        ImmutableArray<NeedCount> needs,
        int topNeedsCount,
        int episodesWithNeeds,
        ImmutableArray<ReportCount> needsByDomain,
        ImmutableArray<ReportCount> needsByNationalCode,
        ImmutableArray<ReportCount> bySetting,
        ImmutableArray<ReportCount> byInitiatingAgency,
        ImmutableArray<ReportCount> byAgeBand,
        ImmutableArray<ReportCount> byClosureOutcome,
        ImmutableArray<ReportCount> byClosureCategory,
        ImmutableArray<ReportCount> byLeadProfessionalAgency,
        ImmutableArray<PanelReferralCount> panelReferralsByAgency,
        int episodesReferredToPanel,
        TimelinessCounts timeliness,
        ReReferralCounts reReferrals,
        OutcomesCohortSummary? outcomes = null)
    {
        Request = request;
        Episodes = episodes;
        Periods = periods;
        OpenAtAsOf = openAtAsOf;
        Needs = needs;
        TopNeedsCount = topNeedsCount;
        EpisodesWithNeeds = episodesWithNeeds;
        NeedsByDomain = needsByDomain;
        NeedsByNationalCode = needsByNationalCode;
        BySetting = bySetting;
        ByInitiatingAgency = byInitiatingAgency;
        ByAgeBand = byAgeBand;
        ByClosureOutcome = byClosureOutcome;
        ByClosureCategory = byClosureCategory;
        ByLeadProfessionalAgency = byLeadProfessionalAgency;
        PanelReferralsByAgency = panelReferralsByAgency;
        EpisodesReferredToPanel = episodesReferredToPanel;
        Timeliness = timeliness;
        ReReferrals = reReferrals;
        Outcomes = outcomes ?? OutcomesCohortSummary.From([]);
    }

    /// <summary>What the report covers and whom it is for.</summary>
    public CafReportRequest Request { get; }

    /// <summary>Episodes the report considered: rows given, less those the agency may not see (SHARE-01) or the host's filter removed.</summary>
    public int Episodes { get; }

    /// <summary>REP-01 (and REP-06) per period, in date order.</summary>
    public ImmutableArray<ReportPeriodCounts> Periods { get; }

    /// <summary>REP-01: episodes opened in the window.</summary>
    public int Opened => Periods.Sum(p => p.Opened);

    /// <summary>REP-01: intents to CAF in the window.</summary>
    public int IntentsToCaf => Periods.Sum(p => p.IntentsToCaf);

    /// <summary>REP-01: episodes closed in the window.</summary>
    public int Closed => Periods.Sum(p => p.Closed);

    /// <summary>REP-01: open caseload at the end of <see cref="CafReportRequest.AsOf"/>.</summary>
    public int OpenAtAsOf { get; }

    /// <summary>REP-02: every need identified in episodes opened in the window, ranked (see <see cref="NeedCount.Rank"/>).</summary>
    public ImmutableArray<NeedCount> Needs { get; }

    /// <summary>REP-02: how many needs <see cref="TopNeeds"/> shows (<see cref="ReportingOptions.TopNeeds"/>).</summary>
    public int TopNeedsCount { get; }

    /// <summary>REP-02: the first <see cref="TopNeedsCount"/> of <see cref="Needs"/> (the Leicestershire top-ten table).</summary>
    public ImmutableArray<NeedCount> TopNeeds => Needs.Length <= TopNeedsCount ? Needs : ImmutableArray.Create(Needs, 0, TopNeedsCount);

    /// <summary>REP-02: episodes opened in the window with at least one need identified.</summary>
    public int EpisodesWithNeeds { get; }

    /// <summary>REP-02: needs identified per assessment domain.</summary>
    public ImmutableArray<ReportCount> NeedsByDomain { get; }

    /// <summary>REP-02: needs identified per national code (needs without a code are not counted here).</summary>
    public ImmutableArray<ReportCount> NeedsByNationalCode { get; }

    /// <summary>REP-03: episodes opened in the window by initiating setting (key: the <see cref="InitiatingSetting"/> name).</summary>
    public ImmutableArray<ReportCount> BySetting { get; }

    /// <summary>REP-03: episodes opened in the window by initiating agency (key: the agency id).</summary>
    public ImmutableArray<ReportCount> ByInitiatingAgency { get; }

    /// <summary>REP-03: episodes opened in the window by age band at opening (key: <see cref="AgeBands.Label"/>), in band order.</summary>
    public ImmutableArray<ReportCount> ByAgeBand { get; }

    /// <summary>REP-03: episodes closed in the window by outcome as the authority recorded it (<see cref="EpisodeReportRow.ClosureLocalCode"/>: its own outcome's code, CLOSE-10, else <c>CLOSE-01</c>..<c>CLOSE-07</c>).</summary>
    public ImmutableArray<ReportCount> ByClosureOutcome { get; }

    /// <summary>REP-03: episodes closed in the window by canonical category (CLOSE-10); the three categories always appear.</summary>
    public ImmutableArray<ReportCount> ByClosureCategory { get; }

    /// <summary>REP-03: episodes open at the as-of date by lead-professional agency (LP-07); episodes without a lead professional are not counted.</summary>
    public ImmutableArray<ReportCount> ByLeadProfessionalAgency { get; }

    /// <summary>REP-04: panel referrals made in the window, by referring agency, with allocations; most referrals first, ties by agency id.</summary>
    public ImmutableArray<PanelReferralCount> PanelReferralsByAgency { get; }

    /// <summary>REP-04: panel referrals made in the window.</summary>
    public int PanelReferrals => PanelReferralsByAgency.Sum(p => p.Referrals);

    /// <summary>REP-04: services allocated for referrals made in the window.</summary>
    public int Allocations => PanelReferralsByAgency.Sum(p => p.Allocations);

    /// <summary>REP-04: distinct episodes with at least one panel referral in the window.</summary>
    public int EpisodesReferredToPanel { get; }

    /// <summary>REP-05: assessment timeliness and overdue reviews.</summary>
    public TimelinessCounts Timeliness { get; }

    /// <summary>REP-06: re-referrals.</summary>
    public ReReferralCounts ReReferrals { get; }

    /// <summary>
    /// OUTQ-01: distance travelled from the first to the latest questionnaire, per question and overall, of the
    /// episodes whose latest completion falls in the window and that have two completions or more (counts only).
    /// </summary>
    public OutcomesCohortSummary Outcomes { get; }

    /// <summary>
    /// The report as tables for the CSV and Markdown writers (<see cref="ReportCsvWriter"/>, <see cref="ReportMarkdownWriter"/>),
    /// for people: settings and closure categories in their display texts (<see cref="ReportingDisplayText"/>,
    /// <see cref="Closure.ClosureDisplayText"/>), not the keys of <see cref="BySetting"/> and <see cref="ByClosureCategory"/>.
    /// </summary>
    /// <returns>The tables: periods, top needs, each breakdown, panels, timeliness, re-referrals.</returns>
    public ImmutableArray<ReportTable> ToTables() => ReportTables.From(this);

    /// <summary>
    /// REP-07: the report's tables (<see cref="ToTables()"/>) with the annual audit's feedback beside them, before the
    /// summary: <c>rep07-annual-audit</c>.
    /// </summary>
    /// <param name="audit">The year's annual audit (<see cref="AnnualAuditReport.Build"/>).</param>
    /// <returns>The tables.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audit"/> is null.</exception>
    public ImmutableArray<ReportTable> ToTables(AnnualAuditReport audit)
    {
        Guard.Against.Null(audit);
        var tables = ToTables();
        return tables.Insert(tables.Length - 1, audit.ToTable());
    }

    /// <summary>Value equality over every figure, the collections by content.</summary>
    /// <param name="other">The other report.</param>
    /// <returns>True when equal.</returns>
    public bool Equals(CafReport? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Request == other.Request && Episodes == other.Episodes && OpenAtAsOf == other.OpenAtAsOf
                && TopNeedsCount == other.TopNeedsCount && EpisodesWithNeeds == other.EpisodesWithNeeds
                && EpisodesReferredToPanel == other.EpisodesReferredToPanel
                && Timeliness == other.Timeliness && ReReferrals == other.ReReferrals
                && Periods.SequenceEqual(other.Periods) && Needs.SequenceEqual(other.Needs)
                && NeedsByDomain.SequenceEqual(other.NeedsByDomain) && NeedsByNationalCode.SequenceEqual(other.NeedsByNationalCode)
                && BySetting.SequenceEqual(other.BySetting) && ByInitiatingAgency.SequenceEqual(other.ByInitiatingAgency)
                && ByAgeBand.SequenceEqual(other.ByAgeBand) && ByClosureOutcome.SequenceEqual(other.ByClosureOutcome)
                && ByClosureCategory.SequenceEqual(other.ByClosureCategory)
                && ByLeadProfessionalAgency.SequenceEqual(other.ByLeadProfessionalAgency)
                && PanelReferralsByAgency.SequenceEqual(other.PanelReferralsByAgency)
                && Outcomes == other.Outcomes));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Request, Episodes, OpenAtAsOf, Needs.Length, Periods.Length, Timeliness, ReReferrals);
}
