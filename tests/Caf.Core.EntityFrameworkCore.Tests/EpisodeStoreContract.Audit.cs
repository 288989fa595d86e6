using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>SHARE-03/04 in the store (issue 25): a command's sharing decisions are written in its save's transaction; the kind is a column.</summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly EpisodeId AuditA = new("ep-a");
    private static readonly EpisodeId AuditB = new("ep-b");

    [Trait("Rule", "SHARE-03")]
    [Trait("Rule", "REG-03")]
    [StoreFact]
    public async Task SHARE03_a_family_link_refused_by_a_concurrent_save_leaves_no_audit_row()
    {
        await AddConsentedAsync(AuditA, "child-a");
        await AddConsentedAsync(AuditB, "child-b");
        var other = NewHost(); // another process saves a change to sibling B while the link is being made
        var register = new CafRegister(new Interloper(Host.Repository, () => RecordConsentAgainAsync(other.Repository, AuditB)), Policy);

        var linked = await register.LinkFamilyAsync("family-1", Teacher, [AuditA, AuditB]);

        Assert.Equal(StoreCodes.Concurrency, linked.Refusal.RuleId);
        Assert.DoesNotContain(await Host.Audit.ReadAsync(AuditA), d => d.Purpose == SharingPurpose.FamilyLink);
        Assert.DoesNotContain(await Host.Audit.ReadAsync(AuditB), d => d.Purpose == SharingPurpose.FamilyLink);

        // Made again and saved: one granted row per child, the family information to the school, with the link's events.
        Ok(await register.LinkFamilyAsync("family-1", Teacher, [AuditA, AuditB]));
        foreach (var id in new[] { AuditA, AuditB })
        {
            var row = Assert.Single(await Host.Audit.ReadAsync(id), d => d.Purpose == SharingPurpose.FamilyLink);
            Assert.True(row.Granted);
            Assert.Equal(School, row.Agency);
            Assert.Equal(SharedItems.FamilyInformation, row.Items);
            Assert.Equal(SharingAuditKind.Decision, row.Kind);
        }
    }

    [Trait("Rule", "SHARE-03")]
    [StoreFact]
    public async Task SHARE03_a_conflicted_ExecuteAsync_that_retries_leaves_exactly_one_set_of_audit_rows()
    {
        await AddConsentedAsync(AuditA, "child-a");
        var other = NewHost();
        var interloper = new Interloper(Host.Repository, () => RecordConsentAgainAsync(other.Repository, AuditA));
        var register = new CafRegister(interloper, Policy);

        // The family now excludes the school, which holds the interim lead-professional role: the consent change revokes it.
        Ok(await register.ExecuteAsync(AuditA, e => e.RecordConsent(Teacher, MotherWritten(School), "Mum no longer wants the school involved.")));

        Assert.Equal(2, interloper.Saves); // the first attempt lost the race to the other process; the retry was saved
        var revoked = (await Host.Audit.ReadAsync(AuditA)).Where(d => d.Kind == SharingAuditKind.Revoked).ToList();
        var row = Assert.Single(revoked); // the school's lead-professional role, revoked once: not once per attempt
        Assert.Equal(School, row.Agency);
        Assert.Equal(SharingPurpose.LeadProfessional, row.Purpose);
        Assert.False(row.Granted);
        Assert.Equal(SharedItems.LeadProfessionalRole, row.Items);
    }

    [Trait("Rule", "SHARE-03")]
    [StoreFact]
    public async Task SHARE03_the_kind_is_stored_in_its_column_and_a_row_written_without_it_reads_as_a_decision()
    {
        Host.Audit.Record(new SharingAuditEntry(AuditA, HealthVisiting, SharingPurpose.PlanDelivery,
            new SharingDecision(true, "SHARE-01", "Consent in force.") { Basis = SharingBasis.Consent }, Teacher, Start)
        { Items = SharedItems.Plan, Kind = SharingAuditKind.Restored });
        await using (var db = Host.NewContext())
        {
            // A row as a release before the column wrote it: every column but kind.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO caf_sharing_audit (authority, episode_id, agency_id, purpose, granted, rule_id, reason, basis, requested_by, requested_by_agency, decided_at, items, text) " +
                "VALUES ('default', 'ep-a', 'health-visiting', 2, FALSE, 'CONS-04', 'Refused.', 0, 'pr-teacher-jones', 'school-oakfield-primary', {0}, 0, 'an old row')",
                Start.UtcDateTime);
        }

        var rows = await Host.Audit.ReadAsync(AuditA);

        Assert.Equal([SharingAuditKind.Restored, SharingAuditKind.Decision], rows.Select(r => r.Kind));
        Assert.Equal(["SHARE-01", "CONS-04"], rows.Select(r => r.RuleId));
    }

    private async Task AddConsentedAsync(EpisodeId id, string child)
    {
        var e = Identified(Policy, id.Value, child);
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(await Host.Repository.AddAsync(e));
    }

    // Another writer's change: the same consent recorded again (hands nothing new to anyone, revokes nothing).
    private static async Task RecordConsentAgainAsync(IEpisodeRepository store, EpisodeId id)
    {
        var copy = (await store.GetAsync(id))!;
        var version = copy.Version;
        Ok(copy.RecordConsent(Teacher, MotherWritten(), "Mum confirmed her consent at the school gate."));
        Ok(await store.UpdateAsync(copy, version));
    }
}
