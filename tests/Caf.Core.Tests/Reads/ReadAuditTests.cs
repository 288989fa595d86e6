using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Reads;

/// <summary>LAW-03 (the register finds a child by NHS number) and LAW-04 (reads of episode content are audited).</summary>
public class ReadAuditTests
{
    private static readonly NhsNumber Nhs = new("943 476 5919");
    private static readonly Actor Camhs = new(new PractitionerId("pr-camhs"), TestIds.Camhs);

    private readonly Seeds _seeds = new();
    private readonly InMemoryReadAuditLog _reads = new();
    private readonly EpisodePolicy _policy;
    private readonly InMemoryEpisodeRepository _store;
    private readonly CafRegister _register;

    public ReadAuditTests()
    {
        _policy = new EpisodePolicy(_seeds.Policy.History, _seeds.Time, _seeds.Policy.Sharing) { Reads = _reads };
        _store = new InMemoryEpisodeRepository(_policy, new EpisodeReportProjector(
            new Caf.Core.Thresholds.ThresholdFrameworkLoader().LoadDefault().Framework, _ => InitiatingSetting.Other));
        _register = new CafRegister(_store, _policy);
    }

    private async Task<CafEpisode> OpenAsync(string id = "ep-1", NhsNumber? nhs = null, params AgencyId[] excluded)
    {
        var child = NineYearOld with { NhsNumber = nhs ?? Nhs };
        var opened = (await _register.IdentifyConcernAsync(new EpisodeId(id), child, Teacher, "Attendance")).Opened!;
        Ok(await _register.ExecuteAsync(opened.Id, e => e.RecordConsent(Teacher, MotherWritten(excluded), "Consent to assess and share with partner agencies.")));
        return opened;
    }

    [Trait("Rule", "LAW-03")]
    [Trait("Rule", "REG-02")]
    [Fact]
    public async Task LAW03_the_register_finds_the_childs_open_episode_by_NHS_number_gated_by_consent()
    {
        await OpenAsync(excluded: TestIds.Camhs);

        var full = await _register.FindOpenAsync(new NhsNumber("9434765919"), HealthVisitor);
        var restricted = await _register.FindOpenAsync(Nhs, Camhs);
        var unknown = await _register.FindOpenAsync(new NhsNumber("401 023 2137"), HealthVisitor);

        Assert.True(full.HasOpenEpisode);
        Assert.False(full.IsRestricted);
        Assert.Equal(TestIds.Teacher, full.Contact);
        Assert.Equal(TestIds.Child, full.Episode!.Child);
        Assert.True(restricted.IsRestricted); // SHARE-01: CAMHS learns only that a CAF exists and whom to contact
        Assert.False(unknown.HasOpenEpisode);
        Assert.Contains(_seeds.Audit.Entries, a => a.Agency == TestIds.Camhs && !a.Decision.Granted && a.Purpose == SharingPurpose.RegisterCheck);
    }

    [Trait("Rule", "LAW-03")]
    [Fact]
    public async Task LAW03_the_childs_history_by_NHS_number_holds_every_episode_and_only_that_childs()
    {
        var first = await OpenAsync("ep-1");
        Ok(await _register.ExecuteAsync(first.Id, e => e.StepUp(Teacher, new SpecialistService("CSC"), "Significant harm")));
        _seeds.Time.Advance(TimeSpan.FromDays(30));
        await OpenAsync("ep-2");
        var other = NineYearOld with { Id = new ChildId("child-other"), NhsNumber = new NhsNumber("4010232137") };
        await _register.IdentifyConcernAsync(new EpisodeId("ep-3"), other, Teacher, "Attendance");
        var reader = new ReadContext(HealthVisitor, "Preparing the review meeting", LegalBasis.Consent);

        var history = await _register.HistoryOfAsync(Nhs, reader);

        Assert.Equal(["ep-1", "ep-2"], history.Select(s => s.Id.Value));
        Assert.Equal(["ep-1", "ep-2"], _reads.Entries.Where(r => r.What == ReadItems.RegisterSummary).Select(r => r.Episode.Value));
    }

    [Trait("Rule", "LAW-03")]
    [Fact]
    public async Task LAW03_a_store_that_cannot_look_up_NHS_numbers_says_so()
    {
        var register = new CafRegister(new NoLookupStore(_store), _policy);

        await Assert.ThrowsAsync<NotSupportedException>(async () => await register.FindOpenAsync(Nhs, HealthVisitor));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _register.FindOpenAsync(default(NhsNumber), HealthVisitor));
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_a_read_through_the_register_records_who_when_why_on_which_basis_and_what()
    {
        var opened = await OpenAsync();
        _seeds.Time.Advance(TimeSpan.FromHours(2));
        var reader = new ReadContext(HealthVisitor, "Preparing the review meeting", LegalBasis.Consent);

        var read = await _register.ReadAsync(opened.Id, reader);

        Assert.True(read.IsSuccess);
        var entry = Assert.Single(_reads.Entries, e => e.What == ReadItems.EpisodeRecord);
        Assert.Equal(new ReadAuditEntry(opened.Id, TestIds.Child, HealthVisitor, _seeds.Time.GetUtcNow(), "Preparing the review meeting", LegalBasis.Consent, ReadItems.EpisodeRecord), entry);
        Assert.Contains("the family's consent", entry.ToString(), StringComparison.Ordinal);
        Assert.Contains(entry, await _register.ReadersOfAsync(TestIds.Child));
    }

    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task LAW04_an_excluded_agency_reading_on_consent_is_refused_and_a_safeguarding_override_is_recorded_as_such()
    {
        var opened = await OpenAsync(excluded: TestIds.Camhs);
        var before = _reads.Entries.Count;

        var refused = await _register.ReadAsync(opened.Id, new ReadContext(Camhs, "Therapy referral", LegalBasis.Consent));
        var history = await _register.HistoryOfAsync(TestIds.Child, new ReadContext(Camhs, "Therapy referral", LegalBasis.Consent));

        Assert.Equal("SHARE-01", refused.Refusal.RuleId);
        Assert.Empty(history);
        Assert.Equal(before, _reads.Entries.Count); // nothing shown, nothing recorded as read
        Assert.Contains(_seeds.Audit.Entries, a => a.Agency == TestIds.Camhs && !a.Decision.Granted && a.Purpose == SharingPurpose.EpisodeWork); // SHARE-04

        var overridden = await _register.ReadAsync(opened.Id, new ReadContext(Camhs, "Child protection enquiry", LegalBasis.SafeguardingOverride));

        Assert.True(overridden.IsSuccess);
        Assert.Equal(LegalBasis.SafeguardingOverride, _reads.Entries[^1].Basis);
        Assert.Equal(Camhs, _reads.Entries[^1].Reader);
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_the_registers_answer_to_a_check_is_recorded_as_a_read_of_the_register_entry()
    {
        await OpenAsync();

        await _register.FindOpenAsync(TestIds.Child, HealthVisitor);

        var entry = Assert.Single(_reads.Entries, e => e.What == ReadItems.RegisterEntry && e.Reader == HealthVisitor);
        Assert.Equal(CafRegister.RegisterCheckPurpose, entry.Purpose);
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_the_stores_queries_and_report_rows_naming_the_child_are_audited()
    {
        var opened = await OpenAsync(excluded: TestIds.Camhs);
        var reads = new AuditedEpisodeReads(_store, _store, _reads, _seeds.Time);
        var reader = new ReadContext(HealthVisitor, "Quarterly caseload report", LegalBasis.StatutoryDuty);
        var before = _reads.Entries.Count;

        var listed = await reads.ListAsync(new EpisodesOfChildSpec(TestIds.Child), reader);
        var row = await reads.GetReportRowAsync(opened.Id, reader);
        var streamed = new List<EpisodeReportRow>();
        await foreach (var r in reads.StreamReportRowsAsync(_seeds.Today.AddDays(-1), _seeds.Today.AddDays(1), reader))
        {
            streamed.Add(r);
        }

        var camhsRow = await reads.GetReportRowAsync(opened.Id, new ReadContext(Camhs, "Report", LegalBasis.Consent));

        Assert.Single(listed);
        Assert.NotNull(row);
        Assert.Equal(Nhs, row.NhsNumber);
        Assert.Single(streamed);
        Assert.Null(camhsRow);
        Assert.Equal(
            [ReadItems.RegisterSummary, ReadItems.ReportRow, ReadItems.ReportRow],
            _reads.Entries.Skip(before).Select(e => e.What));
        Assert.All(_reads.Entries.Skip(before), e => Assert.Equal(LegalBasis.StatutoryDuty, e.Basis));
        Assert.Equal(_reads.Entries.Where(e => e.Child == TestIds.Child), await reads.ReadersOfAsync(TestIds.Child));
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_a_read_is_not_returned_when_its_audit_fails()
    {
        var opened = await OpenAsync();
        var register = new CafRegister(_store, new EpisodePolicy(_seeds.Policy.History, _seeds.Time, _seeds.Policy.Sharing) { Reads = new FailingLog() });

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await register.ReadAsync(opened.Id, new ReadContext(HealthVisitor, "Review", LegalBasis.Consent)));
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public void LAW04_a_read_names_its_reader_purpose_and_a_defined_basis()
    {
        Assert.Equal("reader", Assert.Throws<ArgumentException>(() => new ReadContext(default, "Review", LegalBasis.Consent)).ParamName);
        Assert.Equal("purpose", Assert.Throws<ArgumentException>(() => new ReadContext(HealthVisitor, " ", LegalBasis.Consent)).ParamName);
        Assert.Equal("basis", Assert.Throws<ArgumentException>(() => new ReadContext(HealthVisitor, "Review", (LegalBasis)7)).ParamName);
    }

    private sealed class FailingLog : IReadAuditLog
    {
        public ValueTask RecordAsync(IReadOnlyList<ReadAuditEntry> entries, System.Threading.CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The audit store is down.");

        public ValueTask<IReadOnlyList<ReadAuditEntry>> ReadersOfAsync(ChildId child, System.Threading.CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The audit store is down.");
    }

    // A store without the LAW-03 lookup (a host's own store written before it).
    private sealed class NoLookupStore(IEpisodeRepository inner) : IEpisodeRepository
    {
        public ValueTask<CafEpisode?> GetAsync(EpisodeId id, System.Threading.CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public ValueTask<Result> AddAsync(CafEpisode episode, System.Threading.CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, System.Threading.CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(episode, expectedVersion, cancellationToken);

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, System.Threading.CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, cancellationToken);

        public ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(Ardalis.Specification.ISpecification<EpisodeSummary> specification, System.Threading.CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);
    }
}
