using System;
using System.Collections.Generic;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Panels;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Configuration;
using Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// SHARE-02: each purpose hands over a defined minimum (information categories), configurable per authority within
/// safe bounds; the gate names it on every grant and the audit entry records exactly it (SHARE-04).
/// </summary>
public class SharingMinimumTests
{
    // Bedfordshire 003 §4c: the referral holds the minimum to identify need and services. Stated here, not read from the code.
    private const InformationCategories IdentifyNeedAndServices =
        InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Needs | InformationCategories.Services;

    private const InformationCategories NeverAtPanel =
        InformationCategories.Assessment | InformationCategories.FamilyAndEnvironment | InformationCategories.Plan | InformationCategories.CaseRecord;

    [Trait("Rule", "SHARE-02")]
    [Fact]
    public void SHARE02_a_panel_referral_hands_over_the_minimum_to_identify_need_and_services_and_the_audit_says_so()
    {
        var seeds = new Seeds();
        var episode = seeds.Assessed();
        var before = seeds.Audit.Entries.Count;

        Ok(PanelFixtures.Refer(episode, Teacher));
        episode.RecordUnsavedSharingAudit(0);

        var papers = seeds.Audit.Entries.Skip(before).Where(a => a.Purpose == SharingPurpose.Panel && a.Decision.Granted).ToList();
        Assert.NotEmpty(papers);
        Assert.All(papers, a =>
        {
            Assert.Equal(IdentifyNeedAndServices, a.Categories);
            Assert.Equal(IdentifyNeedAndServices, a.Decision.Categories);
            Assert.Equal(InformationCategories.None, a.Categories & NeverAtPanel);
        });
    }

    [Trait("Rule", "SHARE-02")]
    [Fact]
    public void SHARE02_an_authority_narrows_the_panel_minimum_and_the_referral_hands_over_only_that()
    {
        var narrowed = InformationCategories.Identity | InformationCategories.Needs | InformationCategories.Services;
        var seeds = new Seeds(new CafOptions { Sharing = { PanelMinimum = narrowed } });
        var episode = seeds.Assessed();

        Ok(PanelFixtures.Refer(episode, Teacher));

        var papers = seeds.Audit.Entries.Where(a => a.Purpose == SharingPurpose.Panel && a.Decision.Granted).ToList();
        Assert.NotEmpty(papers);
        Assert.All(papers, a => Assert.Equal(narrowed, a.Categories));
    }

    [Trait("Rule", "SHARE-02")]
    [Fact]
    public void SHARE02_plan_delivery_hands_the_agency_its_services_not_the_case_record_while_the_lead_professional_holds_the_record()
    {
        var seeds = new Seeds();
        var episode = seeds.Assessed();
        Ok(episode.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(episode.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-supervisor"), new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed."), "Visits weekly."));
        var before = seeds.Audit.Entries.Count;

        Ok(episode.AgreePlan(HealthVisitor, EpisodePlans.Plan(seeds.Today, EpisodePlans.School(seeds.Today.AddDays(28)), EpisodePlans.Family(seeds.Today.AddDays(14))), "Agreed with Ms Smith."));

        var entries = seeds.Audit.Entries.Skip(before).Where(a => a.Decision.Granted).ToList();
        var delivery = Assert.Single(entries, a => a.Purpose == SharingPurpose.PlanDelivery && a.Agency == TestIds.School);
        Assert.Equal(IdentifyNeedAndServices, delivery.Categories);
        var lead = Assert.Single(entries, a => a.Purpose == SharingPurpose.LeadProfessional);
        Assert.True(lead.Categories.HasFlag(InformationCategories.CaseRecord | InformationCategories.Plan | InformationCategories.Assessment));
    }

    [Trait("Rule", "SHARE-02")]
    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void SHARE04_a_refusal_hands_over_nothing_and_a_grant_records_its_categories_in_the_audit_line()
    {
        var seeds = new Seeds();
        var service = new SharingService(seeds.Audit, seeds.Time);
        var consent = ConsentState.Empty.With(MotherWritten(TestIds.Camhs));

        var refused = service.Decide(new EpisodeId("ep-1"), consent, TestIds.Camhs, SharingPurpose.PlanDelivery, Teacher);
        var granted = service.Decide(new EpisodeId("ep-1"), consent, TestIds.HealthVisiting, SharingPurpose.PlanDelivery, Teacher);

        Assert.Equal(InformationCategories.None, refused.Categories);
        Assert.Equal(InformationCategories.None, seeds.Audit.Entries[0].Categories);
        Assert.Equal(IdentifyNeedAndServices, granted.Categories);
        Assert.Equal(IdentifyNeedAndServices, seeds.Audit.Entries[1].Categories);
        var line = (seeds.Audit.Entries[1] with { Items = SharedItems.Plan }).ToString();
        Assert.EndsWith("shared: the action plan; information: who the child is, whom to contact, the needs identified, the services asked for or allocated)", line, StringComparison.Ordinal);
    }

    [Trait("Rule", "SHARE-02")]
    [Fact]
    public void SHARE02_a_minimum_outside_the_safe_bounds_is_refused_naming_the_option_and_the_categories()
    {
        var tooMuch = new CafOptions { Sharing = { PanelMinimum = IdentifyNeedAndServices | InformationCategories.Assessment } }.Validate();
        var tooLittle = new CafOptions { Sharing = { PanelMinimum = InformationCategories.Identity } }.Validate();
        var undefined = new CafOptions { Sharing = { ReviewMinimum = (InformationCategories)(1 << 12) } }.Validate();

        Assert.Contains(tooMuch, p => p.Contains("Sharing.PanelMinimum", StringComparison.Ordinal) && p.Contains("beyond the bounds Assessment", StringComparison.Ordinal));
        Assert.Contains(tooLittle, p => p.Contains("Sharing.PanelMinimum", StringComparison.Ordinal) && p.Contains("missing Needs, Services", StringComparison.Ordinal));
        Assert.Contains(undefined, p => p.Contains("Sharing.ReviewMinimum", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => SharingMinimum.From(new SharingOptions { ReportingMinimum = InformationCategories.CaseRecord | InformationCategories.Identity }));
    }

    [Trait("Rule", "SHARE-02")]
    [Fact]
    public void SHARE02_the_minimum_is_bound_from_configuration_by_category_names()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Caf:Sharing:PanelMinimum"] = "Identity, Needs, Services",
            ["Caf:Sharing:StatutoryDutyFrom"] = "2026-09-01",
            ["Caf:Sharing:ReviewMinimum"] = "Identity, Gossip",
        }).Build();
        var options = new CafOptions();

        CafOptionsBinder.Bind(configuration.GetSection("Caf"), options);

        Assert.Equal(InformationCategories.Identity | InformationCategories.Needs | InformationCategories.Services, options.Sharing.PanelMinimum);
        Assert.Equal(new DateOnly(2026, 9, 1), options.Sharing.StatutoryDutyFrom);
        Assert.Contains(options.Validate(), p => p.Contains("Caf:Sharing:ReviewMinimum", StringComparison.Ordinal));
    }

    [Trait("Rule", "SHARE-02")]
    [Property(MaxTest = 300)]
    public Property SHARE02_a_grant_hands_over_within_the_purposes_bounds_a_refusal_nothing_and_a_panel_never_the_assessment(bool excluded, bool written, bool withdrawn, int purposeIndex)
    {
        var purposes = Enum.GetValues<SharingPurpose>();
        var purpose = purposes[Math.Abs(purposeIndex % purposes.Length)];
        var record = written ? MotherWritten(excluded ? [TestIds.Camhs] : []) : MotherVerbal(excluded ? [TestIds.Camhs] : []);
        var consent = ConsentState.Empty.With(record);
        if (withdrawn)
        {
            consent = consent.WithWithdrawal(new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" });
        }

        var decision = new SharingService(new InMemorySharingAuditLog(), TimeProvider.System).Evaluate(consent, TestIds.Camhs, purpose, 9);

        var within = decision.Granted
            ? (decision.Categories & SharingMinimum.Required(purpose)) == SharingMinimum.Required(purpose) && (decision.Categories & ~SharingMinimum.Permitted(purpose)) == 0
            : decision.Categories == InformationCategories.None;
        var panelSafe = purpose != SharingPurpose.Panel || (decision.Categories & NeverAtPanel) == 0;
        return (within && panelSafe).Label($"{purpose} excluded={excluded} written={written} withdrawn={withdrawn}: {decision} {decision.Categories}");
    }
}
