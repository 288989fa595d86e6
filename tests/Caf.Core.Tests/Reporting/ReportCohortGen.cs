using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using FsCheck;
using FsCheck.Fluent;

namespace Caf.Core.Tests.Reporting;

/// <summary>Random cohorts and report requests for the reporting properties.</summary>
public static class ReportCohortGen
{
    public static readonly AgencyId[] Agencies = [new("oak"), new("elm"), new("hv"), new("yth")];

    public static readonly ReportNeed[] NeedPool =
    [
        new("LEI-01", "development"),
        new("LEI-02", "parentsAndCarers"),
        new("LEI-03", "development"),
        new("BFD-08", "familyAndEnvironment", "7A"),
        new("BFD-18", "parentsAndCarers", "4B"),
        new("SPC-02", "development", "10A"),
    ];

    private static readonly DateOnly Base = new(2025, 1, 1);

    private static readonly (string Code, string Category)[] Outcomes =
    [
        ("CLOSE-01", ReportClosureCategories.Resolved),
        ("CLOSE-03", ReportClosureCategories.Resolved),
        ("CLOSE-05", ReportClosureCategories.ConsentEnded),
        ("CLOSE-07", ReportClosureCategories.Escalated),
        ("LOCAL-NFA", ReportClosureCategories.Resolved),
    ];

    public sealed record Scenario(EpisodeReportRow[] Rows, ReportPeriodKind Kind, int YearStartMonth, DateOnly From, DateOnly To, DateOnly AsOf, int WindowMonths)
    {
        public ReportingOptions Options => new() { YearStartMonth = YearStartMonth, ReReferralWindowMonths = WindowMonths };

        public CafReportRequest Request(AgencyId? forAgency = null, DateOnly? asOf = null) => new(Kind, From, To, asOf ?? AsOf, forAgency);

        public override string ToString() => $"{Kind} from {From} to {To} as of {AsOf}, year starts {YearStartMonth}, window {WindowMonths}, {Rows.Length} rows";
    }

    private static Gen<ReportPanelReferral> Referral(DateOnly opened) =>
        from offset in Gen.Choose(0, 300)
        from agency in Gen.Elements(Agencies)
        from allocations in Gen.Choose(0, 3)
        select new ReportPanelReferral(opened.AddDays(offset), agency, allocations);

    private static Gen<Func<int, EpisodeReportRow>> Row() =>
        from openedOffset in Gen.Choose(0, 900)
        let opened = Base.AddDays(openedOffset)
        from closedAfter in Gen.Frequency((1, Gen.Constant(-1)), (2, Gen.Choose(0, 400)))
        from outcome in Gen.Elements(Outcomes)
        from intent in Gen.Elements(true, false)
        from agency in Gen.Elements(Agencies)
        from setting in Gen.Elements(Enum.GetValues<InitiatingSetting>().AsEnumerable())
        from band in Gen.Elements(Enum.GetValues<AgeBand>().AsEnumerable())
        from needs in Gen.SubListOf(NeedPool)
        from lead in Gen.Elements(Agencies.Select(a => (AgencyId?)a).Append(null))
        from startAfter in Gen.Choose(0, 10)
        from completeAfter in Gen.Choose(-1, 70)
        from hasDue in Gen.Elements(true, false)
        from review in Gen.Choose(-1, 600)
        from referralCount in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from referrals in Gen.ArrayOf(Referral(opened), referralCount)
        from previous in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from previousGap in Gen.Choose(0, 800)
        from excluded in Gen.SubListOf(Agencies)
        from questionnaire in Questionnaire()
        from local in Gen.Elements<string?>(null, null, "la.earlyHelpMet", "la.movedAway") // CLOSE-10: an authority's own outcome, or none
        select (Func<int, EpisodeReportRow>)(i =>
        {
            DateOnly? closed = closedAfter < 0 ? null : opened.AddDays(closedAfter);
            var started = opened.AddDays(startAfter);
            return new EpisodeReportRow(
                new EpisodeId($"e{i}"),
                new ChildId($"c{i}"),
                opened,
                intent,
                agency,
                setting,
                band,
                [.. needs],
                closedOn: closed,
                closureOutcomeCode: closed is null ? null : outcome.Code,
                closureCategory: closed is null ? null : outcome.Category,
                leadProfessionalAgency: lead,
                assessmentStartedOn: started,
                assessmentCompletedOn: completeAfter < 0 ? null : started.AddDays(completeAfter),
                assessmentDueOn: hasDue ? opened.AddMonths(1) : null,
                nextReviewDue: review < 0 ? null : opened.AddDays(review - 100),
                panelReferrals: [.. referrals],
                previousEpisodes: previous,
                previousClosedOn: previous > 0 ? opened.AddDays(-previousGap) : null,
                excludedAgencies: [.. excluded],
                outcomes: questionnaire(opened, closed),
                closureLocalCode: closed is null ? null : local);
        });

    // OUTQ-01: none, one, or two to four completions; the first on or after opening, the latest not after closure.
    private static Gen<Func<DateOnly, DateOnly?, ReportOutcomes?>> Questionnaire() =>
        from completions in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Constant(1)), (3, Gen.Choose(2, 4)))
        from firstAfter in Gen.Choose(0, 200)
        from gap in Gen.Choose(0, 300)
        from same in Gen.Elements(true, false)
        from first in Gen.Elements(Enum.GetValues<Caf.Core.Outcomes.OutcomesRating>().AsEnumerable()).ArrayOf(7)
        from latest in Gen.Elements(Enum.GetValues<Caf.Core.Outcomes.OutcomesRating>().AsEnumerable()).ArrayOf(7)
        select (Func<DateOnly, DateOnly?, ReportOutcomes?>)((opened, closed) =>
        {
            if (completions == 0)
            {
                return null;
            }

            var firstOn = opened.AddDays(firstAfter);
            var latestOn = completions == 1 ? firstOn : firstOn.AddDays(gap);
            if (closed is { } c && latestOn > c)
            {
                latestOn = c;
                firstOn = completions == 1 || firstOn > c ? c : firstOn;
            }

            return completions == 1
                ? new ReportOutcomes(1, firstOn, firstOn, true, [.. first], [.. first])
                : new ReportOutcomes(completions, firstOn, latestOn, same, [.. first], [.. latest]);
        });

    public static Gen<EpisodeReportRow[]> Rows() =>
        Row().ArrayOf().Select(makers => makers.Select((make, i) => make(i)).ToArray());

    public static Gen<Scenario> Scenarios() =>
        from rows in Rows()
        from kind in Gen.Elements(ReportPeriodKind.Month, ReportPeriodKind.Quarter, ReportPeriodKind.Year)
        from yearStart in Gen.Elements(1, 4, 9)
        from fromOffset in Gen.Choose(0, 700)
        from length in Gen.Choose(1, 600)
        from asOfOffset in Gen.Choose(0, 1300)
        from window in Gen.Elements(3, 12, 24)
        let start = Base.AddDays(fromOffset)
        select new Scenario(rows, kind, yearStart, start, start.AddDays(length), Base.AddDays(asOfOffset), window);

    public static class Arbitraries
    {
        public static Arbitrary<Scenario> Scenario() => Arb.From(Scenarios());
    }
}
