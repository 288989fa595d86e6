using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Reads;

/// <summary>
/// LAW-01 and LAW-04: the family's view of an episode's hand-overs is read through the audited reads (gated by consent,
/// recorded as a read); aggregate reports name no child, so running one is not a read of a child's record.
/// </summary>
public class FamilySharingReadTests
{
    private static readonly Actor Camhs = new(new PractitionerId("pr-camhs"), TestIds.Camhs);

    private readonly Seeds _seeds = new();
    private readonly InMemoryReadAuditLog _reads = new();
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public FamilySharingReadTests()
    {
        var policy = new EpisodePolicy(_seeds.Policy.History, _seeds.Time, _seeds.Policy.Sharing) { Reads = _reads };
        _store = new InMemoryEpisodeRepository(policy, new EpisodeReportProjector(
            new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other));
        _register = new CafRegister(_store, policy);
    }

    private async Task<CafEpisode> OpenAsync(params AgencyId[] excluded)
    {
        var opened = (await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).Opened!;
        Ok(await _register.ExecuteAsync(opened.Id, e => e.RecordConsent(Teacher, MotherWritten(excluded), "Consent to assess and share with partner agencies.")));
        return opened;
    }

    private void HandOver(EpisodeId episode, AgencyId agency, SharedItems items) =>
        _seeds.Audit.Record(new SharingAuditEntry(episode, agency, SharingPurpose.PlanDelivery,
            new SharingDecision(true, "SHARE-01", "Covered by the consent in force.") { Basis = SharingBasis.Consent, BasisRecord = MotherWritten() }, Teacher, _seeds.Time.GetUtcNow())
        { Items = items });

    [Trait("Rule", "LAW-01")]
    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_the_family_view_of_the_hand_overs_is_read_through_the_audited_reads_and_recorded_as_a_read()
    {
        var opened = await OpenAsync();
        HandOver(opened.Id, TestIds.HealthVisiting, SharedItems.Plan);
        HandOver(new EpisodeId("ep-other"), TestIds.HealthVisiting, SharedItems.Plan); // another episode's: not in this view
        var reads = new AuditedEpisodeReads(_store, _reads, _seeds.Time);
        var reader = new ReadContext(HealthVisitor, "Showing the family what was shared", LegalBasis.Consent);
        var before = _reads.Entries.Count;

        var result = await reads.FamilySharingAsync(opened.Id, reader, _seeds.Audit);

        Assert.True(result.IsSuccess, result.ToString());
        var line = Assert.Single(result.Value);
        Assert.Equal((TestIds.HealthVisiting, SharedItems.Plan, LegalBasis.Consent, true), (line.Agency, line.Items, line.Basis, line.Disclosed));
        var read = Assert.Single(_reads.Entries.Skip(before));
        Assert.Equal(new ReadAuditEntry(opened.Id, TestIds.Child, HealthVisitor, _seeds.Time.GetUtcNow(), "Showing the family what was shared", LegalBasis.Consent, ReadItems.SharingRecord), read);
    }

    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task LAW04_an_agency_the_family_excluded_is_refused_the_family_view_on_consent_and_nothing_is_recorded_as_read()
    {
        var opened = await OpenAsync(TestIds.Camhs);
        HandOver(opened.Id, TestIds.HealthVisiting, SharedItems.Plan);
        var reads = new AuditedEpisodeReads(_store, _reads, _seeds.Time);
        var before = _reads.Entries.Count;

        var refused = await reads.FamilySharingAsync(opened.Id, new ReadContext(Camhs, "Therapy referral", LegalBasis.Consent), _seeds.Audit);
        var missing = await reads.FamilySharingAsync(new EpisodeId("ep-none"), new ReadContext(HealthVisitor, "Review", LegalBasis.Consent), _seeds.Audit);

        Assert.Equal(("SHARE-01", "reader"), (refused.Refusal.RuleId, refused.Refusal.Field));
        Assert.Equal(StoreCodes.NotFound, missing.Refusal.RuleId);
        Assert.Equal(before, _reads.Entries.Count);
        await Assert.ThrowsAsync<ArgumentException>(async () => await reads.FamilySharingAsync(default, new ReadContext(HealthVisitor, "Review", LegalBasis.Consent), _seeds.Audit));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await reads.FamilySharingAsync(opened.Id, new ReadContext(HealthVisitor, "Review", LegalBasis.Consent), null!));
    }

    /// <summary>
    /// LAW-04's "reports that name a child": a report row names the child and is read through
    /// <see cref="AuditedEpisodeReads"/> (one entry per row). The aggregate reports hold counts only; their tables, as CSV
    /// and as Markdown, name no child, episode or NHS number of the rows they count, so running one records no read of any
    /// child's record. If a report ever lists a child, this fails and that report must read its rows audited.
    /// </summary>
    [Trait("Rule", "LAW-04")]
    [Fact]
    public void LAW04_aggregate_reports_name_no_child_so_running_one_is_not_a_read_of_a_childs_record()
    {
        var from = new DateOnly(2025, 4, 1);
        var to = new DateOnly(2026, 4, 1);
        var rows = CafCohortGenerator.ForDefaultFramework().Generate(seed: 30, count: 400, from, to)
            .Select(r => r with { NhsNumber = new NhsNumber("9434765919") })
            .ToList();

        var report = CafReportBuilder.Run(rows, new CafReportRequest(ReportPeriodKind.Quarter, from, to, to.AddDays(-1)), new ReportingOptions());
        using var text = new StringWriter();
        foreach (var table in report.ToTables())
        {
            ReportCsvWriter.Write(text, table);
            ReportMarkdownWriter.Write(text, table);
        }

        var written = text.ToString();
        Assert.Equal(400, report.Episodes);
        Assert.All(rows, r => Assert.StartsWith("ep-0", r.EpisodeId.Value, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.StartsWith("child-0", r.ChildId.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("ep-0", written, StringComparison.Ordinal);      // no episode id
        Assert.DoesNotContain("child-0", written, StringComparison.Ordinal);   // no child id
        Assert.DoesNotContain("9434765919", written, StringComparison.Ordinal); // no NHS number (LAW-03)
        Assert.DoesNotContain("943 476 5919", written, StringComparison.Ordinal);
    }
}
