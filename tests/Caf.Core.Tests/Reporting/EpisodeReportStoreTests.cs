using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using Microsoft.Extensions.DependencyInjection;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Reporting;

/// <summary>The report read model kept by the in-memory store (REP-01..06) and its JSON form. Expected values by hand.</summary>
public class EpisodeReportStoreTests
{
    private static readonly ThresholdFramework Framework = new ThresholdFrameworkLoader().LoadDefault().Framework;

    private static readonly IEpisodeReportProjector Projector = EpisodeReportProjector.FromTable(
        Framework, new Dictionary<AgencyId, InitiatingSetting> { [TestIds.School] = InitiatingSetting.PrimarySchool });

    [Trait("Rule", "REP-01")]
    [Fact]
    public async Task REP01_the_in_memory_store_keeps_the_row_of_each_save_and_a_refused_save_leaves_it()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy, Projector);
        var episode = seeds.Identified();
        Ok(await store.AddAsync(episode));
        var stale = (await store.GetAsync(episode.Id))!;
        Ok(episode.RecordConsent(Teacher, MotherWritten(TestIds.YouthService), "Consent recorded with the family."));
        Ok(await store.UpdateAsync(episode, 1));
        Ok(stale.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));

        Assert.Equal(StoreCodes.Concurrency, (await store.UpdateAsync(stale, 1)).Refusal.RuleId);
        var row = (await store.GetReportRowAsync(episode.Id))!;
        Assert.Equal(new DateOnly(2026, 3, 2), row.OpenedOn);
        Assert.Equal(InitiatingSetting.PrimarySchool, row.InitiatingSetting);
        Assert.Equal([TestIds.YouthService], row.ExcludedAgencies.ToArray());
        Assert.Null(row.ClosedOn); // the refused step-up left the row as the consent save wrote it
        Assert.Null(await store.GetReportRowAsync(new EpisodeId("ep-none")));
    }

    [Trait("Rule", "REP-01")]
    [Fact]
    public async Task REP01_rows_stream_for_a_window_by_opening_date()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy, Projector);
        var first = seeds.Identified(new EpisodeId("ep-b"));          // 2 March
        Ok(first.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));        // closed 2 March
        Ok(await store.AddAsync(first));
        seeds.Time.Advance(TimeSpan.FromDays(10));
        Ok(await store.AddAsync(CafEpisode.IdentifyConcern(seeds.Policy, new EpisodeId("ep-a"),
            new ChildDetails(new ChildId("child-2"), new DateOnly(2015, 1, 1)), Teacher, "Falling attendance."))); // 12 March

        var window = new List<EpisodeReportRow>();
        await foreach (var r in store.StreamAsync(new DateOnly(2026, 3, 3), new DateOnly(2026, 4, 1)))
        {
            window.Add(r);
        }

        var all = new List<string>();
        await foreach (var r in store.StreamAllAsync())
        {
            all.Add(r.EpisodeId.Value);
        }

        Assert.Equal(["ep-a"], window.Select(r => r.EpisodeId.Value));
        Assert.Equal(["ep-b", "ep-a"], all); // by opening date, not by id
        Assert.Throws<ArgumentException>(() => store.StreamAsync(new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2)));
    }

    [Trait("Rule", "REP-01")]
    [Fact]
    public void REP01_a_store_built_without_a_projector_says_it_keeps_no_rows()
    {
        var store = new InMemoryEpisodeRepository(new Seeds().Policy);

        var ex = Assert.Throws<InvalidOperationException>(() => store.StreamAllAsync());

        Assert.Contains("IEpisodeReportProjector", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "REP-03")]
    [Fact]
    public async Task REP03_the_registered_store_is_the_report_store_and_the_host_supplies_the_settings()
    {
        var seeds = new Seeds();
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(seeds.Time)
            .AddSingleton<Caf.Core.Consent.ISharingAuditLog>(seeds.Audit)
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()) // LAW-04
            .AddCafCore()
            .AddCafReportReadModel(a => a == TestIds.School ? InitiatingSetting.PrimarySchool : InitiatingSetting.Health)
            .AddCafInMemoryEpisodeStore()
            .BuildServiceProvider();
        var register = services.GetRequiredService<CafRegister>();

        var opened = await register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Falling attendance.");

        Assert.NotNull(opened.Opened);
        Assert.Same(services.GetRequiredService<IEpisodeRepository>(), services.GetRequiredService<IEpisodeReportStore>());
        var row = (await services.GetRequiredService<IEpisodeReportStore>().GetReportRowAsync(new EpisodeId("ep-1")))!;
        Assert.Equal(InitiatingSetting.PrimarySchool, row.InitiatingSetting);
    }

    [Trait("Rule", "REP-06")]
    [Trait("Rule", "LIFE-03")]
    [Fact]
    public async Task REP06_a_new_episode_after_a_closed_one_carries_its_closure_date_into_the_row_and_counts_as_a_re_referral()
    {
        var seeds = new Seeds();
        var store = new InMemoryEpisodeRepository(seeds.Policy, Projector);
        var register = new CafRegister(store, seeds.Policy);
        var first = (await register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Falling attendance.")).Opened!; // 2 March
        seeds.Time.Advance(TimeSpan.FromDays(10));
        Ok(first.StepUp(Teacher, new Caf.Core.Lifecycle.SpecialistService("CSC"), "Significant harm"));                                   // closed 12 March
        Ok(await store.UpdateAsync(first, 1));
        seeds.Time.Advance(TimeSpan.FromDays(50));
        Assert.NotNull((await register.IdentifyConcernAsync(new EpisodeId("ep-2"), NineYearOld, Teacher, "A new concern.")).Opened);     // 1 May

        var row = (await store.GetReportRowAsync(new EpisodeId("ep-2")))!;
        var rows = new List<EpisodeReportRow>();
        await foreach (var r in store.StreamAllAsync())
        {
            rows.Add(r);
        }

        var may = new CafReportRequest(ReportPeriodKind.Month, new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 31));
        Assert.Equal((new DateOnly(2026, 5, 1), 1, new DateOnly(2026, 3, 12)), (row.OpenedOn, row.PreviousEpisodes, row.PreviousClosedOn));
        Assert.Equal(new ReReferralCounts(WindowMonths: 12, Opened: 1, WithPreviousEpisode: 1, ReReferrals: 1), CafReportBuilder.Run(rows, may, new ReportingOptions()).ReReferrals);
        // A one-month window ends on 12 April, before the new episode opened: linked, but not a re-referral.
        Assert.Equal(new ReReferralCounts(WindowMonths: 1, Opened: 1, WithPreviousEpisode: 1, ReReferrals: 0),
            CafReportBuilder.Run(rows, may, new ReportingOptions { ReReferralWindowMonths = 1 }).ReReferrals);
    }

    [Trait("Rule", "REP-01")]
    [Fact]
    public void REP01_every_generated_row_reads_back_equal_from_its_JSON()
    {
        var rows = CafCohortGenerator.ForDefaultFramework().Generate(seed: 13, count: 400, new DateOnly(2025, 4, 1), new DateOnly(2026, 4, 1)).ToList();

        foreach (var row in rows)
        {
            Assert.Equal(row, EpisodeReportRowJson.Deserialize(EpisodeReportRowJson.Serialize(row)));
        }

        Assert.Contains(rows, r => r.PanelReferrals.Length > 0);
        Assert.Contains(rows, r => r.IsClosed && r.PreviousClosedOn is not null);
    }

    [Trait("Rule", "REP-01")]
    [Fact]
    public void REP01_a_row_written_without_later_fields_or_with_unknown_ones_still_reads()
    {
        const string json = """{"episodeId":"ep-1","childId":"c-1","openedOn":"2026-03-02","intentToCaf":true,"initiatingAgency":"school","initiatingSetting":"PrimarySchool","ageBandAtOpening":"FiveToNine","aFieldOfALaterRelease":[1,2]}""";

        var row = EpisodeReportRowJson.Deserialize(json);

        Assert.Equal((new DateOnly(2026, 3, 2), InitiatingSetting.PrimarySchool, AgeBand.FiveToNine), (row.OpenedOn, row.InitiatingSetting, row.AgeBandAtOpening));
        Assert.Empty(row.Needs);
        Assert.Empty(row.PanelReferrals);
        Assert.Equal(0, row.PreviousEpisodes);
    }
}
