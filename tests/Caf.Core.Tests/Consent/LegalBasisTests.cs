using System;
using System.Linq;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Consent;

/// <summary>
/// LAW-01: every sharing decision and audit entry names its legal basis, and the family can be shown what went to whom,
/// when and on which basis. LAW-02: a statutory duty to share is a dated part of the authority's policy, off by default,
/// never applied before its date, and discloses to an agency consent does not cover only on a recorded consideration.
/// </summary>
public class LegalBasisTests
{
    private static readonly DateOnly DutyFrom = new(2026, 9, 1);

    private static DutyToShareConsideration ToCamhs(bool moreDetrimental, string reason = "Amy's self-harm risk needs CAMHS's input to the plan.") =>
        new(TestIds.Camhs, SharingPurpose.PlanDelivery, DutyToShareGround.Safeguarding, moreDetrimental, reason, SharedItems.Plan);

    // Amy's mother excludes CAMHS (CONS-05); the plan is agreed with school and health.
    private static CafEpisode PlanActive(Seeds seeds)
    {
        var e = seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Ok(e.CompleteAssessment(Teacher, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Ok(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "Needs span school and health."));
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.Teacher, TestIds.School), new PractitionerId("pr-supervisor"), new Caf.Core.LeadProfessional.FamilyAgreement("Mum agreed."), "Sees the child daily."));
        Ok(e.AgreePlan(Teacher, EpisodePlans.Plan(seeds.Today, EpisodePlans.School(seeds.Today.AddDays(28)), EpisodePlans.Health(seeds.Today.AddDays(28))), "Agreed with Ms Smith."));
        return e;
    }

    private static Seeds WithDuty() => new(new CafOptions { Sharing = { StatutoryDutyFrom = DutyFrom } });

    private static void PastTheDate(Seeds seeds) => seeds.Time.SetUtcNow(new DateTimeOffset(DutyFrom.AddDays(3), new TimeOnly(10, 0), TimeSpan.Zero));

    // ----- LAW-01 -----

    [Trait("Rule", "LAW-01")]
    [Fact]
    public void LAW01_every_decision_and_audit_entry_names_its_basis_consent_override_or_duty()
    {
        var service = new SharingService(new InMemorySharingAuditLog(), TimeProvider.System);
        var consent = ConsentState.Empty.With(MotherWritten(TestIds.Camhs));
        var overridden = ConsentState.Empty.With(MotherWritten() with { Decision = ConsentDecision.Refused })
            .WithOverride(new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl")));

        Assert.Equal(LegalBasis.Consent, service.Evaluate(consent, TestIds.HealthVisiting, SharingPurpose.PlanDelivery, 9).LegalBasis);
        Assert.Equal(LegalBasis.Consent, service.Evaluate(consent, TestIds.Camhs, SharingPurpose.PlanDelivery, 9).LegalBasis);      // refused on the family's consent
        Assert.Equal(LegalBasis.Consent, service.Evaluate(ConsentState.Empty, TestIds.Camhs, SharingPurpose.PlanDelivery, 9).LegalBasis); // nothing recorded: judged on consent, the default
        Assert.Equal(LegalBasis.SafeguardingOverride, service.Evaluate(overridden, TestIds.HealthVisiting, SharingPurpose.PlanDelivery, 9).LegalBasis);

        var seeds = WithDuty();
        var e = PlanActive(seeds);
        PastTheDate(seeds);
        var duty = e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false)).Value;
        Assert.Equal(LegalBasis.StatutoryDuty, duty.LegalBasis);
        Assert.Equal(LegalBasis.StatutoryDuty, seeds.Audit.Entries[^1].LegalBasis);
        Assert.Contains("basis: statutory duty to share (LAW-02), safeguarding", seeds.Audit.Entries[^1].ToString(), StringComparison.Ordinal);
    }

    [Trait("Rule", "LAW-01")]
    [Fact]
    public void LAW01_entries_recorded_before_the_basis_existed_read_as_consent_or_override_as_recorded()
    {
        // As an earlier release built them: no categories, basis Consent / Override / None.
        var at = Seeds.Start;
        var onConsent = new SharingAuditEntry(new EpisodeId("ep-1"), TestIds.HealthVisiting, SharingPurpose.PlanDelivery,
            new SharingDecision(true, "SHARE-01", "covered") { Basis = SharingBasis.Consent, BasisRecord = MotherWritten() }, Teacher, at) { Items = SharedItems.Plan };
        var onOverride = onConsent with { Decision = new SharingDecision(true, "CONS-06", "overridden") { Basis = SharingBasis.Override }, DecidedAt = at.AddDays(1) };
        var nothing = onConsent with { Decision = new SharingDecision(false, "SHARE-01", "no consent"), Items = SharedItems.None };

        Assert.Equal(LegalBasis.Consent, onConsent.LegalBasis);
        Assert.Equal(LegalBasis.SafeguardingOverride, onOverride.LegalBasis);
        Assert.Equal(LegalBasis.Consent, nothing.LegalBasis);
        var lines = FamilySharingView.Of(new EpisodeId("ep-1"), [onConsent, onOverride, nothing]);
        Assert.Equal(2, lines.Length);
        Assert.Equal("2 March 2026: health-visiting received the action plan for delivering the action plan. Basis: your consent.", lines[0].ToString());
        Assert.Equal(LegalBasis.SafeguardingOverride, lines[1].Basis);
    }

    [Trait("Rule", "LAW-01")]
    [Fact]
    public void LAW01_the_family_view_lists_what_went_to_whom_when_and_on_which_basis_and_the_duty_non_disclosure()
    {
        var seeds = WithDuty();
        var e = PlanActive(seeds);
        PastTheDate(seeds);
        Ok(e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false)).ToResult());
        Ok(e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: true, "Telling CAMHS now would break Amy's trust in her only safe adult.") with { Purpose = SharingPurpose.Review }).ToResult());

        var view = FamilySharingView.Of(e.Id, seeds.Audit.Entries);

        var health = Assert.Single(view, l => l.Agency == TestIds.HealthVisiting);
        Assert.Equal((LegalBasis.Consent, SharedItems.Plan, true), (health.Basis, health.Items, health.Disclosed));
        var camhs = Assert.Single(view, l => l.Agency == TestIds.Camhs && l.Disclosed);
        Assert.Equal(
            "4 September 2026: camhs received the action plan (who the child is, whom to contact, the needs identified, the services asked for or allocated) for delivering the action plan. "
            + "Basis: the legal duty to share information for safeguarding and welfare.",
            camhs.ToString());
        var notDisclosed = Assert.Single(view, l => !l.Disclosed);
        Assert.Equal((TestIds.Camhs, LegalBasis.StatutoryDuty, SharedItems.None), (notDisclosed.Agency, notDisclosed.Basis, notDisclosed.Items));
        Assert.DoesNotContain("trust", notDisclosed.ToString(), StringComparison.Ordinal); // the practitioner's reason stays in the audit, not the family's view
        Assert.Equal(view.OrderBy(l => l.At).ToArray(), view.ToArray());
    }

    // ----- LAW-02 -----

    [Trait("Rule", "LAW-02")]
    [Fact]
    public void LAW02_the_duty_is_off_by_default_so_the_seeds_consent_model_decides()
    {
        var seeds = new Seeds();
        var e = PlanActive(seeds);
        seeds.Time.Advance(TimeSpan.FromDays(400));
        var audited = seeds.Audit.Entries.Count;

        var r = e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false));

        Assert.True(r.IsRefused);
        Assert.Equal(("LAW-02", "policy"), (r.Refusal.RuleId, r.Refusal.Field));
        Assert.Equal(audited, seeds.Audit.Entries.Count);
        Assert.Null(new CafOptions().Sharing.StatutoryDutyFrom);
    }

    [Trait("Rule", "LAW-02")]
    [Fact]
    public void LAW02_before_its_date_the_duty_does_not_apply_and_the_basis_stays_consent()
    {
        var seeds = WithDuty();
        var e = PlanActive(seeds); // March 2026

        var r = e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false));

        Assert.True(r.IsRefused);
        Assert.Contains("applies from 2026-09-01", r.Refusal.Message, StringComparison.Ordinal);
        Assert.All(seeds.Audit.Entries, a => Assert.Equal(LegalBasis.Consent, a.LegalBasis));
        Assert.DoesNotContain(seeds.Audit.Entries, a => a.Agency == TestIds.Camhs && a.Decision.Granted);
    }

    [Trait("Rule", "LAW-02")]
    [Fact]
    public void LAW02_after_its_date_an_excluded_agency_receives_the_minimum_on_a_recorded_consideration_and_nothing_else_opens()
    {
        var seeds = WithDuty();
        var e = PlanActive(seeds);
        PastTheDate(seeds);

        var decision = e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false));

        Assert.True(decision.Value.Granted);
        Assert.Equal("LAW-02", decision.Value.RuleId);
        var entry = seeds.Audit.Entries[^1];
        Assert.Equal((TestIds.Camhs, SharingBasis.StatutoryDuty, SharedItems.Plan), (entry.Agency, entry.Decision.Basis, entry.Items));
        Assert.Equal(InformationCategories.Identity | InformationCategories.Contact | InformationCategories.Needs | InformationCategories.Services, entry.Categories);
        Assert.Equal(ToCamhs(moreDetrimental: false), entry.Decision.BasisDuty);
        // The exclusion stands: no role, no plan place for CAMHS (SHARE-01, LP-11).
        Assert.True(e.Consent.Excludes(TestIds.Camhs));
        var nominate = e.NominateLeadProfessional(Teacher, Nominee(new PractitionerId("pr-camhs"), TestIds.Camhs), "Therapy.");
        Assert.Equal("LP-11", nominate.Refusal.RuleId);
    }

    [Trait("Rule", "LAW-02")]
    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void LAW02_when_disclosure_would_be_more_detrimental_nothing_is_disclosed_and_the_decision_is_recorded_with_its_reason()
    {
        var seeds = WithDuty();
        var e = PlanActive(seeds);
        PastTheDate(seeds);

        var decision = e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: true, "Amy fears her father learns of the referral.")).Value;

        Assert.False(decision.Granted);
        var entry = seeds.Audit.Entries[^1];
        Assert.Equal((false, "LAW-02", SharingBasis.StatutoryDuty, SharedItems.None, InformationCategories.None),
            (entry.Decision.Granted, entry.Decision.RuleId, entry.Decision.Basis, entry.Items, entry.Categories));
        Assert.Contains("more detrimental to the child (Amy fears her father learns of the referral.)", entry.Decision.Reason, StringComparison.Ordinal);
    }

    [Trait("Rule", "LAW-02")]
    [Trait("Rule", "LAW-01")]
    [Fact]
    public void LAW02_the_duty_is_not_for_an_agency_consent_covers_nor_for_a_role_a_panel_or_without_a_reason()
    {
        var seeds = WithDuty();
        var e = PlanActive(seeds);
        PastTheDate(seeds);
        var audited = seeds.Audit.Entries.Count;

        var covered = e.ConsiderDutyToShare(Teacher, ToCamhs(false) with { Agency = TestIds.HealthVisiting });
        var role = e.ConsiderDutyToShare(Teacher, ToCamhs(false) with { Purpose = SharingPurpose.LeadProfessional });
        var panel = e.ConsiderDutyToShare(Teacher, ToCamhs(false) with { Purpose = SharingPurpose.Panel });
        var noReason = e.ConsiderDutyToShare(Teacher, ToCamhs(false, " "));
        var nothing = e.ConsiderDutyToShare(Teacher, ToCamhs(false) with { Items = SharedItems.None });
        var byCamhs = e.ConsiderDutyToShare(new Actor(new PractitionerId("pr-camhs"), TestIds.Camhs), ToCamhs(false));

        Assert.Equal(("LAW-01", "agency"), (covered.Refusal.RuleId, covered.Refusal.Field));
        Assert.Equal(("LAW-02", "purpose"), (role.Refusal.RuleId, role.Refusal.Field));
        Assert.Equal(("LAW-02", "purpose"), (panel.Refusal.RuleId, panel.Refusal.Field));
        Assert.Equal(("LAW-02", "reason"), (noReason.Refusal.RuleId, noReason.Refusal.Field));
        Assert.Equal(("LAW-02", "items"), (nothing.Refusal.RuleId, nothing.Refusal.Field));
        Assert.Equal(("SHARE-01", "by"), (byCamhs.Refusal.RuleId, byCamhs.Refusal.Field));
        Assert.Equal(audited, seeds.Audit.Entries.Count);
        Assert.Throws<ArgumentException>(() => e.ConsiderDutyToShare(Teacher, ToCamhs(false) with { Agency = default }));
        Assert.ThrowsAny<ArgumentException>(() => e.ConsiderDutyToShare(Teacher, null!));
    }

    [Trait("Rule", "LAW-02")]
    [Fact]
    public void LAW02_an_authority_moves_to_the_duty_with_a_policy_version_and_histories_before_its_date_read_back_unchanged()
    {
        var clock = new FakeTimeProvider(Seeds.Start);
        var audit = new InMemorySharingAuditLog();
        var first = new CafOptions();
        var withDuty = new CafOptions { Sharing = { StatutoryDutyFrom = DutyFrom } };
        var history = new PolicyHistory([new PolicyVersion(PolicyHistory.DefaultVersionId, DateOnly.MinValue, first), new PolicyVersion("2026-09", DutyFrom, withDuty)]);
        var policy = new EpisodePolicy(history, clock, new SharingService(audit, clock));
        var e = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-amy"), NineYearOld, Teacher, "Falling attendance and withdrawn in class.");
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        Assert.True(e.ConsiderDutyToShare(Teacher, ToCamhs(false)).IsRefused); // March: version "default", no duty
        var before = e.Events.ToArray();
        var entriesBefore = audit.Entries.Count;

        clock.SetUtcNow(new DateTimeOffset(DutyFrom, new TimeOnly(9, 0), TimeSpan.Zero));
        var read = CafEpisode.Rebuild(policy, before);

        Assert.Equal(e.State, read.State);
        Assert.All(read.Events, x => Assert.Equal(PolicyHistory.DefaultVersionId, x.PolicyVersion));
        Assert.Equal(entriesBefore, audit.Entries.Count); // replay decides nothing again, under no basis
        Assert.All(audit.Entries, a => Assert.Equal(LegalBasis.Consent, a.LegalBasis));
        var duty = read.ConsiderDutyToShare(Teacher, ToCamhs(false) with { Purpose = SharingPurpose.Assessment, Items = SharedItems.Assessment });
        Assert.True(duty.Value.Granted);
        Assert.Equal(LegalBasis.StatutoryDuty, audit.Entries[^1].LegalBasis);
    }

    [Trait("Rule", "LAW-02")]
    [Property(MaxTest = 60)]
    public Property LAW02_the_duty_discloses_only_on_or_after_its_date_and_only_when_not_more_detrimental(int dayOffset, bool moreDetrimental)
    {
        var offset = Math.Abs(dayOffset % 400) - 200; // days around the date
        var seeds = WithDuty();
        var e = PlanActive(seeds);
        var day = DutyFrom.AddDays(offset);
        if (day > DateOnly.FromDateTime(seeds.Time.GetUtcNow().UtcDateTime))
        {
            seeds.Time.SetUtcNow(new DateTimeOffset(day, new TimeOnly(12, 0), TimeSpan.Zero));
        }

        var today = seeds.Today;
        var r = e.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental));

        var expectGrant = today >= DutyFrom && !moreDetrimental;
        var expectRecorded = today >= DutyFrom;
        var camhsGrants = seeds.Audit.Entries.Count(a => a.Agency == TestIds.Camhs && a.Decision.Granted);
        return (r.IsRefused == !expectRecorded
                && (!expectRecorded || r.Value.Granted == expectGrant)
                && camhsGrants == (expectGrant ? 1 : 0)
                && seeds.Audit.Entries.All(a => a.Decision.Granted || a.Agency != TestIds.Camhs || a.Decision.Basis != SharingBasis.StatutoryDuty || a.Decision.BasisDuty is { MoreDetrimentalToChild: true }))
            .Label($"{today} moreDetrimental={moreDetrimental}: {(r.IsRefused ? r.Refusal.ToString() : r.Value.ToString())}");
    }

    [Trait("Rule", "LAW-02")]
    [Trait("Rule", "LIFE-10")]
    [Trait("Rule", "RET-02")]
    [Fact]
    public void LAW02_the_state_is_checked_first_a_closed_or_transferred_episode_refuses_a_consideration_and_records_nothing()
    {
        var seeds = WithDuty();
        var closed = PlanActive(seeds);
        var transferred = PlanActive(seeds);
        PastTheDate(seeds);
        Ok(closed.StepUp(Teacher, new SpecialistService("Children's social care"), "Significant harm suspected."));
        Ok(transferred.TransferOut(Teacher, new LocalAuthority("Leeds"), "The family moved to Leeds."));
        var audited = seeds.Audit.Entries.Count;

        var onClosed = closed.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false));
        var onTransferred = transferred.ConsiderDutyToShare(Teacher, ToCamhs(moreDetrimental: false));

        Assert.Equal(EpisodeState.Closed, closed.State);
        Assert.Equal(("LIFE-10", "state"), (onClosed.Refusal.RuleId, onClosed.Refusal.Field));
        Assert.Equal(("RET-02", "state"), (onTransferred.Refusal.RuleId, onTransferred.Refusal.Field));
        Assert.Equal(audited, seeds.Audit.Entries.Count);
    }
}
