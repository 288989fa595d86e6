using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Primitives;
using Microsoft.EntityFrameworkCore;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>LAW-01, SHARE-02 in the store (issue 30): the basis and the categories handed over are stored; rows stored before read as recorded.</summary>
public abstract partial class EpisodeStoreContract
{
    private static readonly AgencyId Camhs = new("camhs");

    [Trait("Rule", "LAW-01")]
    [Trait("Rule", "SHARE-02")]
    [StoreFact]
    public async Task LAW01_the_basis_and_the_categories_are_stored_and_rows_stored_before_read_as_consent_with_no_categories()
    {
        var minimum = InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Needs | InformationCategories.Services;
        var duty = new DutyToShareConsideration(Camhs, SharingPurpose.PlanDelivery, DutyToShareGround.Safeguarding, false, "CAMHS holds the risk history.", SharedItems.Plan);
        Host.Audit.Record(new SharingAuditEntry(AuditA, HealthVisiting, SharingPurpose.PlanDelivery,
            new SharingDecision(true, "SHARE-01", "Consent in force.") { Basis = SharingBasis.Consent, Categories = minimum }, Teacher, Start.AddDays(1))
        { Items = SharedItems.Plan });
        Host.Audit.Record(new SharingAuditEntry(AuditA, Camhs, SharingPurpose.PlanDelivery,
            new SharingDecision(true, "LAW-02", "Disclosed under the statutory duty.") { Basis = SharingBasis.StatutoryDuty, BasisDuty = duty, Categories = minimum }, Teacher, Start.AddDays(2))
        { Items = SharedItems.Plan });
        await using (var db = Host.NewContext())
        {
            // A row as a release before the categories column wrote it: an override's grant.
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO caf_sharing_audit (authority, episode_id, agency_id, purpose, granted, rule_id, reason, basis, requested_by, requested_by_agency, decided_at, items, kind, text) " +
                "VALUES ('default', 'ep-a', 'health-visiting', 4, TRUE, 'CONS-06', 'Overridden.', 2, 'pr-teacher-jones', 'school-oakfield-primary', {0}, 8, 0, 'an old row')",
                Start.UtcDateTime);
        }

        var rows = await Host.Audit.ReadAsync(AuditA);
        var view = await Host.Audit.FamilyViewAsync(AuditA);

        Assert.Equal([minimum, minimum, InformationCategories.None], rows.Select(r => r.Categories));
        Assert.Equal([LegalBasis.Consent, LegalBasis.StatutoryDuty, LegalBasis.SafeguardingOverride], rows.Select(r => r.LegalBasis));
        Assert.Equal([LegalBasis.SafeguardingOverride, LegalBasis.Consent, LegalBasis.StatutoryDuty], view.Select(l => l.Basis));
        Assert.Equal([SharedItems.Review, SharedItems.Plan, SharedItems.Plan], view.Select(l => l.Items));
    }
}
