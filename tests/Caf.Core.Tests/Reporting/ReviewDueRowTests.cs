using System;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;

namespace Caf.Core.Tests.Reporting;

/// <summary>
/// REP-05 (003 §3; 002 §8): "overdue reviews" counts the episodes the episode itself says have a review due (REV-05: a
/// plan being delivered). After a withdrawal of consent, or while a panel considers the case, no review is due, so the
/// report row carries no next review date and the episode is not counted as review overdue.
/// </summary>
public class ReviewDueRowTests
{
    private static readonly ThresholdFramework Framework = new ThresholdFrameworkLoader().LoadDefault().Framework;

    private static EpisodeReportRow Row(CafEpisode e) => EpisodeReportRows.From(e, Framework, _ => InitiatingSetting.Other);

    private static int ReviewsOverdue(Seeds seeds, params CafEpisode[] episodes)
    {
        var asOf = seeds.Today;
        var request = new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 3, 1), new DateOnly(2026, 8, 1), asOf);
        return CafReportBuilder.Run(Array.ConvertAll(episodes, Row), request, new ReportingOptions()).Timeliness.ReviewsOverdue;
    }

    [Fact]
    [Trait("Rule", "REP-05")]
    [Trait("Rule", "CONS-07")]
    public void REP05_a_consent_withdrawn_episode_is_not_review_overdue()
    {
        var (seeds, other) = (new Seeds(), new Seeds());
        var withdrawn = seeds.PlanActive();
        var delivering = other.PlanActive();
        Seeds.Ok(withdrawn.WithdrawConsent(Seeds.Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We are managing now.") { Name = "Ms Smith" }));
        seeds.Time.Advance(TimeSpan.FromDays(60)); // past the first review date of both plans
        other.Time.Advance(TimeSpan.FromDays(60));

        Assert.Equal(EpisodeState.ConsentWithdrawn, withdrawn.State);
        Assert.False(withdrawn.IsReviewOverdue);
        Assert.Null(Row(withdrawn).NextReviewDue);
        Assert.NotNull(Row(delivering).NextReviewDue);
        Assert.Equal(1, ReviewsOverdue(seeds, withdrawn, delivering));
    }

    [Fact]
    [Trait("Rule", "REP-05")]
    [Trait("Rule", "PANEL-01")]
    public void REP05_a_panel_referred_episode_is_not_review_overdue()
    {
        var seeds = new Seeds();
        var referred = seeds.PlanActive();
        Seeds.Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(referred, Seeds.Teacher));
        seeds.Time.Advance(TimeSpan.FromDays(60));

        Assert.Equal(EpisodeState.PanelReferred, referred.State);
        Assert.Null(Row(referred).NextReviewDue);
        Assert.Equal(0, ReviewsOverdue(seeds, referred));
    }
}
