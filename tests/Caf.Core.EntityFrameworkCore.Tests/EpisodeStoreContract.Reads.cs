using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Reads;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>LAW-03 (the register finds a child by NHS number in the store) and LAW-04 (the read audit as a table).</summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly NhsNumber AmyNhs = new("943 476 5919");

    [Trait("Rule", "LAW-03")]
    [StoreFact]
    public async Task LAW03_the_store_finds_the_child_by_the_NHS_number_its_episodes_record()
    {
        var amy = CafEpisode.IdentifyConcern(Policy, new EpisodeId("ep-amy"), Child("child-amy") with { NhsNumber = AmyNhs }, Teacher, "Attendance.");
        Ok(await Host.Repository.AddAsync(amy));
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-ben", "child-ben"))); // no NHS number: stored as before

        var found = await Host.Store.ChildrenWithAsync(new NhsNumber("9434765919"));
        var none = await Host.Store.ChildrenWithAsync(new NhsNumber("4010232137"));
        var answer = await new CafRegister(Host.Repository, Policy).FindOpenAsync(AmyNhs, Teacher);

        Assert.Equal([new ChildId("child-amy")], found);
        Assert.Empty(none);
        Assert.Equal(new EpisodeId("ep-amy"), answer.Episode!.Id);
        Assert.Equal(AmyNhs, (await Host.Repository.GetAsync(amy.Id))!.Child.NhsNumber); // the snapshot keeps it too
    }

    [Trait("Rule", "LAW-04")]
    [StoreFact]
    public async Task LAW04_reads_through_the_register_are_stored_append_only_and_list_who_has_seen_the_child()
    {
        var log = Host.Services.GetRequiredService<EntityFrameworkReadAuditLog<CafDbContext>>();
        Assert.Same(log, Host.Services.GetRequiredService<IReadAuditLog>());
        var policy = new EpisodePolicy(Policy.History, Time, Policy.Sharing) { Reads = log };
        var register = new CafRegister(Host.Repository, policy);
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1", "child-001")));
        Ok(await register.ExecuteAsync(new EpisodeId("ep-1"), e => e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies.")));

        Assert.True((await register.ReadAsync(new EpisodeId("ep-1"), new ReadContext(Teacher, "Preparing the review", LegalBasis.Consent))).IsSuccess);
        await register.HistoryOfAsync(new ChildId("child-001"), new ReadContext(Teacher, "Checking earlier episodes", LegalBasis.StatutoryDuty));

        var readers = await register.ReadersOfAsync(new ChildId("child-001"));
        Assert.Equal(
            [(ReadItems.EpisodeRecord, LegalBasis.Consent, "Preparing the review"), (ReadItems.RegisterSummary, LegalBasis.StatutoryDuty, "Checking earlier episodes")],
            readers.Select(r => (r.What, r.Basis, r.Purpose)));
        Assert.All(readers, r => Assert.Equal(Teacher, r.Reader));
        Assert.All(readers, r => Assert.Equal(Time.GetUtcNow(), r.ReadAt));
        Assert.Empty(await log.ReadersOfAsync(new ChildId("child-002")));

        await using var db = Host.NewContext();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE caf_read_audit SET purpose = 'changed'"));
    }

    /// <summary>
    /// LAW-04: every report row of the EF Core store (<c>StreamAllAsync</c>, which names the child) streamed for a person
    /// through <see cref="AuditedEpisodeReads.StreamAllReportRowsAsync"/> is a row of <c>caf_read_audit</c> before it is
    /// yielded.
    /// </summary>
    [Trait("Rule", "LAW-04")]
    [StoreFact]
    public async Task LAW04_every_report_row_streamed_for_a_reader_is_stored_in_the_read_audit()
    {
        var log = Host.Services.GetRequiredService<EntityFrameworkReadAuditLog<CafDbContext>>();
        var reads = new AuditedEpisodeReads(Host.Repository, Host.Reports, log, Time);
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1", "child-001")));
        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-2", "child-002")));
        var reader = new ReadContext(Teacher, "National early help return", LegalBasis.StatutoryDuty);

        var rows = new System.Collections.Generic.List<Caf.Core.Reporting.EpisodeReportRow>();
        await foreach (var row in reads.StreamAllReportRowsAsync(reader))
        {
            Assert.Contains(await log.ReadersOfAsync(row.ChildId), r => r.Episode == row.EpisodeId); // recorded before it is seen
            rows.Add(row);
        }

        Assert.Equal(["ep-1", "ep-2"], rows.Select(r => r.EpisodeId.Value));
        foreach (var child in new[] { "child-001", "child-002" })
        {
            var read = Assert.Single(await log.ReadersOfAsync(new ChildId(child)));
            Assert.Equal((ReadItems.ReportRow, LegalBasis.StatutoryDuty, "National early help return", Teacher, Time.GetUtcNow()),
                (read.What, read.Basis, read.Purpose, read.Reader, read.ReadAt));
        }
    }

    /// <summary>
    /// LAW-04, LAW-01: the read audit's basis is the one legal basis of a hand-over and a read (<see cref="LegalBasis"/>);
    /// the read audit's own type it replaced had the same numbers, and the <c>basis</c> column keeps the integer, so rows
    /// written before read back unchanged. The rows below are inserted with the raw integers 0, 1 and 2 as that build wrote them.
    /// </summary>
    [Trait("Rule", "LAW-04")]
    [Trait("Rule", "LAW-01")]
    [StoreFact]
    public async Task LAW04_read_audit_rows_stored_with_the_earlier_basis_integers_read_back_as_the_legal_basis()
    {
        var log = Host.Services.GetRequiredService<EntityFrameworkReadAuditLog<CafDbContext>>();
        var child = new ChildId("child-001");
        await log.RecordAsync([new ReadAuditEntry(new EpisodeId("ep-1"), child, Teacher, Time.GetUtcNow(), "Preparing the review", LegalBasis.StatutoryDuty, ReadItems.EpisodeRecord)]);

        await using (var db = Host.NewContext())
        {
            Assert.Equal([2], await db.Database.SqlQueryRaw<int>("SELECT basis AS \"Value\" FROM caf_read_audit").ToListAsync()); // the stored form: the integer
            foreach (var stored in new[] { 0, 1 })
            {
                await db.Database.ExecuteSqlAsync(
                    $"INSERT INTO caf_read_audit (authority, episode_id, child_id, reader, reader_agency, read_at, purpose, basis, what) SELECT authority, episode_id, child_id, reader, reader_agency, read_at, 'written by the earlier build', {stored}, what FROM caf_read_audit WHERE basis = 2");
            }
        }

        var readers = await log.ReadersOfAsync(child);

        Assert.Equal([LegalBasis.StatutoryDuty, LegalBasis.Consent, LegalBasis.SafeguardingOverride], readers.Select(r => r.Basis));
        Assert.All(readers.Skip(1), r => Assert.Equal("written by the earlier build", r.Purpose));
    }
}
