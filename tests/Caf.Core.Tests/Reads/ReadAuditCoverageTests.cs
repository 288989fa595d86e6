using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.NationalData;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Reads;

/// <summary>
/// LAW-04: the reads of episode content that name a child beyond the register's own (all the report rows, a national
/// extract fed from them, a family group's episodes) record a read audit entry per item shown before it is shown.
/// </summary>
public class ReadAuditCoverageTests
{
    private static readonly Actor Camhs = new(new PractitionerId("pr-camhs"), TestIds.Camhs);
    private static readonly ChildDetails Sister = new(new ChildId("child-002"), new System.DateOnly(2013, 1, 5));

    private readonly Seeds _seeds = new();
    private readonly InMemoryReadAuditLog _reads = new();
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public ReadAuditCoverageTests()
    {
        var policy = new EpisodePolicy(_seeds.Policy.History, _seeds.Time, _seeds.Policy.Sharing) { Reads = _reads };
        _store = new InMemoryEpisodeRepository(policy, new EpisodeReportProjector(
            new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other));
        _register = new CafRegister(_store, policy);
    }

    // ep-1 (the nine-year-old, the family excluded CAMHS) and ep-2 (the sister, no exclusion).
    private async Task OpenTwoAsync()
    {
        await _register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance");
        await _register.IdentifyConcernAsync(new EpisodeId("ep-2"), Sister, Teacher, "Young carer");
        Ok(await _register.ExecuteAsync(new EpisodeId("ep-1"), e => e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies.")));
        Ok(await _register.ExecuteAsync(new EpisodeId("ep-2"), e => e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies.")));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_every_report_row_streamed_for_a_reader_is_recorded_and_consent_leaves_out_an_excluded_agency()
    {
        await OpenTwoAsync();
        var reads = new AuditedEpisodeReads(_store, _store, _reads, _seeds.Time);
        var before = _reads.Entries.Count;

        var all = await ToListAsync(reads.StreamAllReportRowsAsync(new ReadContext(HealthVisitor, "Annual audit", LegalBasis.StatutoryDuty)));
        var camhs = await ToListAsync(reads.StreamAllReportRowsAsync(new ReadContext(Camhs, "Caseload review", LegalBasis.Consent)));

        Assert.Equal(["ep-1", "ep-2"], all.Select(r => r.EpisodeId.Value));
        Assert.Equal(["ep-2"], camhs.Select(r => r.EpisodeId.Value));
        Assert.Equal(
            [
                ("ep-1", "child-001", HealthVisitor, "Annual audit", LegalBasis.StatutoryDuty),
                ("ep-2", "child-002", HealthVisitor, "Annual audit", LegalBasis.StatutoryDuty),
                ("ep-2", "child-002", Camhs, "Caseload review", LegalBasis.Consent),
            ],
            _reads.Entries.Skip(before).Select(e => (e.Episode.Value, e.Child.Value, e.Reader, e.Purpose, e.Basis)));
        Assert.All(_reads.Entries.Skip(before), e => Assert.Equal(ReadItems.ReportRow, e.What));
        Assert.All(_reads.Entries.Skip(before), e => Assert.Equal(_seeds.Time.GetUtcNow(), e.ReadAt));
    }

    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "NAT-01")]
    [Fact]
    public async Task LAW04_a_national_extract_fed_from_the_audited_rows_records_each_child_it_names()
    {
        await OpenTwoAsync();
        var reads = new AuditedEpisodeReads(_store, _store, _reads, _seeds.Time);
        var before = _reads.Entries.Count;

        var extract = await ToListAsync(EarlyHelpExtract.FromAsync(
            reads.StreamAllReportRowsAsync(new ReadContext(HealthVisitor, "National early help return", LegalBasis.StatutoryDuty)),
            NationalDataExtractSettings.Default, default));

        Assert.Equal(2, extract.Count);
        Assert.Equal([new ChildId("child-001"), new ChildId("child-002")], _reads.Entries.Skip(before).Select(e => e.Child));
        Assert.Equal([new ChildId("child-002")], (await _register.ReadersOfAsync(new ChildId("child-002"))).Select(e => e.Child));
    }

    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task LAW04_a_family_groups_episodes_read_by_a_person_are_recorded_and_gated_by_consent()
    {
        await OpenTwoAsync();
        Ok(await _register.LinkFamilyAsync("family-smith", Teacher, [new EpisodeId("ep-1"), new EpisodeId("ep-2")]));
        var before = _reads.Entries.Count;

        var shown = await _register.FamilyAsync("family-smith", new ReadContext(HealthVisitor, "Family review", LegalBasis.Consent));
        var camhs = await _register.FamilyAsync("family-smith", new ReadContext(Camhs, "Family review", LegalBasis.Consent));

        Assert.Equal(["ep-1", "ep-2"], shown.Select(s => s.Id.Value).Order());
        Assert.Equal(["ep-2"], camhs.Select(s => s.Id.Value));
        Assert.Equal(
            [("ep-1", HealthVisitor), ("ep-2", HealthVisitor), ("ep-2", Camhs)],
            _reads.Entries.Skip(before).Select(e => (e.Episode.Value, e.Reader)).OrderBy(x => x.Item2 == Camhs).ThenBy(x => x.Item1));
        Assert.All(_reads.Entries.Skip(before), e => Assert.Equal(ReadItems.RegisterSummary, e.What));
        Assert.Equal(2, (await _register.FamilyAsync("family-smith")).Count); // the co-ordinator's unaudited list is unchanged
    }
}
