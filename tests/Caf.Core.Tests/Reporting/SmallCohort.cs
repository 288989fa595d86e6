using System;
using System.Collections.Immutable;
using Caf.Core.Primitives;
using Caf.Core.Reporting;

namespace Caf.Core.Tests.Reporting;

/// <summary>
/// A cohort small enough to count by hand. The window is April to September 2026 (the first half of the
/// 2026/27 financial year); figures in the tests were worked out on paper from the table below.
/// </summary>
/// <remarks>
/// e1 opened Mar, closed 20 May CLOSE-03 · e2 opened 2 Apr, open, late assessment, review overdue, panel (oak, 2 allocations), excludes camhs ·
/// e3 opened 20 Apr, closed 1 Aug CLOSE-07, re-referral (previous closed Dec 2025) · e4 step-down 3 Jun, open, previous closed 2024 ·
/// e5 opened 15 Jun, unborn, assessment overdue, excludes oak · e6 opened 1 Jul, closed 30 Sep CLOSE-05, panel (yth, 0) ·
/// e7 opened 10 Sep, open, no LP · e8 opened after the window · e9 closed before the window.
/// </remarks>
internal static class SmallCohort
{
    public static readonly AgencyId Oak = new("oak");
    public static readonly AgencyId Elm = new("elm");
    public static readonly AgencyId Hv = new("hv");
    public static readonly AgencyId EarlyHelp = new("early-help");
    public static readonly AgencyId Yth = new("yth");
    public static readonly AgencyId Camhs = new("camhs");

    public static readonly ReportNeed A = new("LEI-01", "development");
    public static readonly ReportNeed B = new("LEI-02", "parentsAndCarers");
    public static readonly ReportNeed C = new("BFD-08", "familyAndEnvironment", "7A");
    public static readonly ReportNeed D = new("BFD-18", "parentsAndCarers", "4B");

    public static readonly DateOnly From = new(2026, 4, 1);
    public static readonly DateOnly To = new(2026, 10, 1);
    public static readonly DateOnly AsOf = new(2026, 9, 30);

    public static ImmutableArray<EpisodeReportRow> Rows { get; } =
    [
        new(Ep(1), Child(1), On(2026, 3, 10), true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen, [A, B],
            closedOn: On(2026, 5, 20), closureOutcomeCode: "CLOSE-03", closureCategory: ReportClosureCategories.Resolved,
            leadProfessionalAgency: Oak, assessmentStartedOn: On(2026, 3, 12), assessmentCompletedOn: On(2026, 3, 30), assessmentDueOn: On(2026, 4, 10)),
        new(Ep(2), Child(2), On(2026, 4, 2), true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen, [A],
            leadProfessionalAgency: Oak, assessmentStartedOn: On(2026, 4, 5), assessmentCompletedOn: On(2026, 5, 15), assessmentDueOn: On(2026, 5, 2),
            nextReviewDue: On(2026, 9, 15), panelReferrals: [new ReportPanelReferral(On(2026, 5, 20), Oak, 2)], excludedAgencies: [Camhs]),
        new(Ep(3), Child(3), On(2026, 4, 20), true, Elm, InitiatingSetting.PrimarySchool, AgeBand.FiveToNine, [A, C],
            closedOn: On(2026, 8, 1), closureOutcomeCode: "CLOSE-07", closureCategory: ReportClosureCategories.Escalated,
            leadProfessionalAgency: Elm, assessmentStartedOn: On(2026, 4, 21), assessmentCompletedOn: On(2026, 5, 10), assessmentDueOn: On(2026, 5, 20),
            previousEpisodes: 1, previousClosedOn: On(2025, 12, 1)),
        new(Ep(4), Child(4), On(2026, 6, 3), false, EarlyHelp, InitiatingSetting.SocialCare, AgeBand.UnderOne, [D],
            leadProfessionalAgency: Hv, nextReviewDue: On(2026, 10, 10), previousEpisodes: 1, previousClosedOn: On(2024, 1, 15)),
        new(Ep(5), Child(5), On(2026, 6, 15), true, Hv, InitiatingSetting.Health, AgeBand.Unborn, [],
            assessmentStartedOn: On(2026, 6, 20), assessmentDueOn: On(2026, 7, 15), excludedAgencies: [Oak]),
        new(Ep(6), Child(6), On(2026, 7, 1), true, Yth, InitiatingSetting.YouthService, AgeBand.SixteenPlus, [B, C],
            closedOn: On(2026, 9, 30), closureOutcomeCode: "CLOSE-05", closureCategory: ReportClosureCategories.ConsentEnded,
            leadProfessionalAgency: Yth, assessmentStartedOn: On(2026, 7, 2), assessmentCompletedOn: On(2026, 7, 20), assessmentDueOn: On(2026, 8, 1),
            panelReferrals: [new ReportPanelReferral(On(2026, 7, 25), Yth, 0)]),
        new(Ep(7), Child(7), On(2026, 9, 10), true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen, [A, B],
            assessmentStartedOn: On(2026, 9, 12), assessmentCompletedOn: On(2026, 9, 29), assessmentDueOn: On(2026, 10, 10)),
        new(Ep(8), Child(8), On(2026, 10, 5), true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen),
        new(Ep(9), Child(9), On(2025, 11, 1), true, Oak, InitiatingSetting.HighSchool, AgeBand.TenToFifteen,
            closedOn: On(2026, 2, 1), closureOutcomeCode: "CLOSE-01", closureCategory: ReportClosureCategories.Resolved),
    ];

    public static CafReportRequest Monthly(AgencyId? forAgency = null) =>
        new(ReportPeriodKind.Month, From, To, AsOf, forAgency);

    public static CafReport Report(AgencyId? forAgency = null) =>
        CafReportBuilder.Run(Rows, Monthly(forAgency), new ReportingOptions());

    private static DateOnly On(int y, int m, int d) => new(y, m, d);

    private static EpisodeId Ep(int n) => new($"e{n}");

    private static ChildId Child(int n) => new($"c{n}");
}
