using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>Each finding of the hardening review (issue 10), as an example that failed before the fix.</summary>
public class HardeningTests
{
    private static readonly Actor CamhsWorker = new(new PractitionerId("pr-camhs"), TestIds.Camhs);
    private readonly Seeds _seeds = new();

    private static ConsentRecord MotherRefuses() => MotherVerbal() with { Decision = ConsentDecision.Refused };

    // ---- 1. A refusal never erases an exclusion; an override never re-admits -----------------------

    [Trait("Rule", "CONS-05")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void CONS05_given_with_CAMHS_excluded_then_refused_then_overridden_never_grants_CAMHS()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.RecordConsent(Teacher, MotherRefuses(), "Consent to assess and share with partner agencies."));
        Assert.True(e.Consent.Excludes(TestIds.Camhs));

        Ok(e.OverrideConsent(Teacher, new ConsentOverride("Risk of neglect; the designated safeguarding lead decided.", new PractitionerId("pr-dsl"))));

        var decision = _seeds.Policy.Sharing.Decide(e.Id, e.Consent, TestIds.Camhs, SharingPurpose.Assessment, Teacher);
        Assert.False(decision.Granted);
        Assert.Equal("SHARE-01", decision.RuleId);
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_a_young_persons_exclusion_survives_their_later_refusal_while_the_parents_consent_stands()
    {
        var e = FourteenYearOldWithConsent(youngPersonExcludes: TestIds.Camhs);
        Ok(e.RecordConsent(Teacher, YoungPerson14(ConsentDecision.Refused), "Consent to assess and share with partner agencies."));

        Assert.True(e.Consent.Excludes(TestIds.Camhs));
    }

    [Trait("Rule", "CONS-05")]
    [Fact]
    public void CONS05_an_exclusion_is_lifted_only_by_its_maker_as_its_own_event()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));                  // a later full consent does not lift it
        Assert.True(e.Consent.Excludes(TestIds.Camhs));

        var byYoungPerson = e.LiftExclusion(Teacher, new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.YoungPerson, "Amy", "ok now"));
        Assert.Equal("CONS-05", byYoungPerson.Refusal.RuleId);

        Ok(e.LiftExclusion(Teacher, new ConsentExclusionLift(TestIds.Camhs, ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", "Happy for CAMHS to help now.")));
        Assert.False(e.Consent.Excludes(TestIds.Camhs));
        Assert.IsType<ConsentExclusionLifted>(e.Events[^1]);
    }

    // ---- 2. Exclusions recorded after the fact are enforced ------------------------------------------

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_once_the_LPs_agency_is_excluded_plan_review_panel_and_closure_are_refused_and_audited_until_handover()
    {
        var e = _seeds.PlanActive();                                    // LP: health visitor
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.HealthVisiting), "Consent to assess and share with partner agencies."));
        Assert.True(e.IsLeadProfessionalExcluded);
        var audited = _seeds.Audit.Entries.Count;

        var review = EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient);
        Assert.Equal("LP-11", e.HoldReview(Teacher, review).Refusal.RuleId);
        Assert.Equal("LP-11", Caf.Core.Tests.Panels.PanelFixtures.Refer(e, Teacher).Refusal.RuleId);
        Assert.Equal("LP-11", e.Close(Teacher, EpisodePlans.PractitionersAgree("resolvedOther", TestIds.HealthVisitor, TestIds.Teacher)).Refusal.RuleId);
        Assert.Equal(audited + 3, _seeds.Audit.Entries.Count);
        Assert.All(_seeds.Audit.Entries.Skip(audited), a => Assert.False(a.Decision.Granted));

        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.Teacher, TestIds.School), new PractitionerId("pr-head"), new FamilyAgreement("Ms Smith agreed."), "Handover: the family excluded health visiting."));
        Assert.Equal("SHARE-01", e.HoldReview(Teacher, review).Refusal.RuleId);  // the health visitor's open action is suspended
        var revised = EpisodePlans.Revised(e.Plan!, _seeds.Today) with
        {
            Actions = [.. e.Plan!.Actions.Where(a => a.Id != "a-health"), EpisodePlans.Health(_seeds.Today.AddDays(28)) with { Id = "a-health-school", Owner = Caf.Core.Planning.ActionOwner.ForPractitioner(Teacher) }],
        };
        Ok(e.RevisePlan(Teacher, revised, "Health visiting excluded by the family: the school nurse takes over the weighing."));
        // The health visitor (excluded agency) may not chair the review either (SHARE-01): the teacher chairs it.
        Ok(e.HoldReview(Teacher, EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient) with { Chair = TestIds.Teacher, NoteTaker = new PractitionerId("pr-head") }));
    }

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_the_interim_LP_who_opened_the_episode_is_handed_over_before_the_assessment_goes_on()
    {
        var e = _seeds.Identified();                                    // interim LP: the teacher at the school
        Ok(e.RecordConsent(Teacher, MotherVerbal(TestIds.School), "Consent to assess and share with partner agencies."));

        Assert.Equal("SHARE-01", e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family.").Refusal.RuleId);  // the teacher's own agency is excluded
        Assert.Equal("LP-11", e.StartAssessment(HealthVisitor, "Concerns about attendance and wellbeing: assessment agreed with the family.").Refusal.RuleId);
        Ok(e.AppointLeadProfessional(HealthVisitor, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), new PractitionerId("pr-hv-lead"), new FamilyAgreement("Ms Smith agreed."), "The family excluded the school."));
        Ok(e.StartAssessment(HealthVisitor, "Concerns about attendance and wellbeing: assessment agreed with the family."));
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void SHARE01_a_plan_agency_excluded_later_gets_no_review_its_actions_are_suspended_and_the_refusal_is_audited()
    {
        var e = _seeds.PlanActive();                                    // plan: school, health visiting, family; LP health
        Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.School), "Consent to assess and share with partner agencies."));

        Assert.Equal([TestIds.School], e.SuspendedPlanAgencies.ToArray());
        Assert.Equal(["a-school"], e.SuspendedActions.Select(a => a.Id).ToArray());
        var review = EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient) with { NoteTaker = new PractitionerId("pr-hv-admin") }; // not the excluded school's teacher (SHARE-01)
        var suspended = e.HoldReview(HealthVisitor, review);
        Assert.Equal(("SHARE-01", "actions"), (suspended.Refusal.RuleId, suspended.Refusal.Field)); // reassign first
        Assert.Contains("a-school", suspended.Refusal.Message, StringComparison.Ordinal);

        // A revision that leaves the school an action is refused (and audited); one that reassigns it goes ahead.
        var keepsSchool = EpisodePlans.Revised(e.Plan!, _seeds.Today);
        Assert.Equal("SHARE-01", e.RevisePlan(HealthVisitor, keepsSchool, "Reviewed.").Refusal.RuleId);
        Assert.False(_seeds.Audit.Entries.Last(a => a.Agency == TestIds.School).Decision.Granted);
        var reassigned = keepsSchool with
        {
            Actions = [.. keepsSchool.Actions.Where(a => a.Id != "a-school"), EpisodePlans.School(_seeds.Today.AddDays(28)) with { Id = "a-attendance-hv", Owner = Caf.Core.Planning.ActionOwner.ForPractitioner(HealthVisitor) }],
        };
        Ok(e.RevisePlan(HealthVisitor, reassigned, "The family excluded the school: the health visitor takes the attendance action."));
        Assert.Equal(2, e.Plans.Versions.Length);
        Assert.Empty(e.SuspendedActions);

        var audited = _seeds.Audit.Entries.Count;
        Ok(e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient) with { NoteTaker = new PractitionerId("pr-hv-admin") }));
        Assert.DoesNotContain(_seeds.Audit.Entries.Skip(audited), a => a.Agency == TestIds.School); // no longer on the plan
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void SHARE01_an_agency_whose_actions_are_done_and_then_excluded_gets_no_review_and_the_refusal_is_audited()
    {
        var e = _seeds.PlanActive();
        var first = EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient);
        Ok(e.HoldReview(HealthVisitor, first with { Progress = [.. first.Progress.Select(p => p.ActionId == "a-school" ? new Caf.Core.Planning.ActionProgressEntry("a-school", Caf.Core.Planning.ActionProgress.Done) : p)] }));
        Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.School), "Mum no longer wants the school told about the CAF."));
        Assert.Empty(e.SuspendedActions);                               // the school's action is done: nothing to reassign

        Ok(e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, _seeds.Today, ReviewProgress.Sufficient) with { NoteTaker = new PractitionerId("pr-hv-admin") })); // not the excluded school's teacher
        var toSchool = _seeds.Audit.Entries.Where(a => a.Agency == TestIds.School && a.Purpose == SharingPurpose.Review).ToArray();
        Assert.False(toSchool[^1].Decision.Granted);
        Assert.Equal(SharedItems.None, toSchool[^1].Items);
    }

    // ---- 3. Paths that skipped the gate -------------------------------------------------------------

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public void SHARE03_a_panel_referral_decides_sharing_and_withholds_the_papers_from_excluded_agencies()
    {
        var e = _seeds.Assessed();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));

        Ok(Caf.Core.Tests.Panels.PanelFixtures.Refer(e, Teacher));

        Assert.Equal([TestIds.Camhs], ((ReferredToPanel)e.Events[^1]).PapersWithheldFrom.ToArray());
        var camhs = _seeds.Audit.Entries.Last(a => a.Agency == TestIds.Camhs);
        Assert.Equal((SharingPurpose.Panel, false, SharedItems.None), (camhs.Purpose, camhs.Decision.Granted, camhs.Items));
        var lead = _seeds.Audit.Entries.First(a => a.Purpose == SharingPurpose.Panel && a.Agency == e.LeadProfessional.Agency);
        Assert.Equal((true, SharedItems.PanelPapers), (lead.Decision.Granted, lead.Items));
    }

    [Trait("Rule", "SHARE-01")]
    [Fact]
    public void SHARE01_a_practitioner_of_an_excluded_agency_cannot_record_events_and_is_audited()
    {
        var e = _seeds.Identified();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        var version = e.Version;

        var result = e.StartAssessment(CamhsWorker, "Concerns about attendance and wellbeing: assessment agreed with the family.");

        Assert.Equal(("SHARE-01", "by"), (result.Refusal.RuleId, result.Refusal.Field));
        Assert.Equal(version, e.Version);
        Assert.Equal((TestIds.Camhs, false), (_seeds.Audit.Entries[^1].Agency, _seeds.Audit.Entries[^1].Decision.Granted));
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "REG-02")]
    [Fact]
    public async Task REG02_the_register_tells_an_excluded_agency_only_that_a_CAF_exists_and_whom_to_contact_audited()
    {
        var store = new InMemoryEpisodeRepository(_seeds.Policy);
        var register = new CafRegister(store, _seeds.Policy);
        var e = (await register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).Opened!;
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(await store.UpdateAsync(e, 1));

        var answer = await register.FindOpenAsync(TestIds.Child, CamhsWorker);
        var registration = await register.IdentifyConcernAsync(new EpisodeId("ep-2"), NineYearOld, CamhsWorker, "Low mood");

        Assert.True(answer is { HasOpenEpisode: true, IsRestricted: true, Episode: null });
        Assert.Equal(TestIds.Teacher, answer.Contact);
        Assert.True(registration is { OpenedNewEpisode: false, Existing: null });
        Assert.Equal(TestIds.Teacher, registration.ExistingLeadProfessional);
        Assert.Equal(2, _seeds.Audit.Entries.Count(a => a.Agency == TestIds.Camhs && a.Purpose == SharingPurpose.RegisterCheck && !a.Decision.Granted));
        Assert.False((await register.FindOpenAsync(TestIds.Child, Teacher)).IsRestricted);
    }

    [Trait("Rule", "REG-03")]
    [Trait("Rule", "SHARE-01")]
    [Fact]
    public async Task REG03_siblings_are_not_linked_across_an_exclusion_and_nothing_is_saved()
    {
        var store = new InMemoryEpisodeRepository(_seeds.Policy);
        var register = new CafRegister(store, _seeds.Policy);
        var amy = (await register.IdentifyConcernAsync(new EpisodeId("ep-amy"), NineYearOld, Teacher, "Attendance")).Opened!;
        var sam = (await register.IdentifyConcernAsync(new EpisodeId("ep-sam"), new ChildDetails(new ChildId("child-002"), new DateOnly(2012, 4, 1)), CamhsWorker, "Low mood")).Opened!;
        Ok(amy.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));  // Amy's mother excludes CAMHS, Sam's LP
        Ok(sam.RecordConsent(CamhsWorker, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(await store.UpdateAsync(amy, 1));
        Ok(await store.UpdateAsync(sam, 1));

        var linked = await register.LinkFamilyAsync("family-smith", Teacher, [amy.Id, sam.Id]);

        Assert.Equal("SHARE-01", linked.Refusal.RuleId);
        Assert.Empty(await register.FamilyAsync("family-smith"));
        Assert.Contains(_seeds.Audit.Entries, a => a.Agency == TestIds.Camhs && a.Purpose == SharingPurpose.FamilyLink && !a.Decision.Granted);
    }

    // ---- 4. The reader trusts nothing -----------------------------------------------------------------

    [Trait("Rule", "LIFE-11")]
    [Theory]
    [InlineData("""{"type":"nomination-confirmed-by-supervisor","episodeId":"ep-1","occurredAt":"2026-03-12T09:00:00+00:00","actor":{"practitioner":"pr-teacher-jones","agency":"school-oakfield-primary"},"supervisor":"pr-s","reason":"Has capacity."}""", "LP-06")]
    [InlineData("null", "LIFE-11")]
    public void Reader_refuses_impossible_events_with_the_rule_and_the_path_never_a_NullReferenceException(string injected, string rule)
    {
        var e = _seeds.Assessed();
        var node = JsonNode.Parse(EpisodeJson.Serialize(e))!;
        node["events"]!.AsArray().Add(JsonNode.Parse(injected));
        node["version"] = e.Version + 1;

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, node.ToJsonString()));

        Assert.Equal($"$.events[{e.Version}]", ex.Path);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Reader_refuses_integers_for_enums()
    {
        var json = EpisodeJson.Serialize(_seeds.Assessing()).Replace("\"state\":\"Assessing\"", "\"state\":2", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, json));
        Assert.Equal("$.state", ex.Path);
    }

    // ---- 5. Consent judged as of each command's time --------------------------------------------------

    [Trait("Rule", "CONS-03")]
    [Fact]
    public void CONS03_a_young_person_turning_16_is_judged_at_16_live_and_on_replay()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var policy = EpisodePolicy.Default(time, new InMemorySharingAuditLog());
        var amy = new ChildDetails(TestIds.Child, new DateOnly(2010, 3, 2));  // 16 tomorrow
        var e = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-1"), amy, Teacher, "Missing school.");
        Ok(e.RecordConsent(Teacher, new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [], true) with { SharingExplained = true }, "Consent to assess and share with partner agencies."));
        Assert.Equal("LIFE-05", e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family.").Refusal.RuleId); // at 15 a parent must consent too

        time.Advance(TimeSpan.FromDays(1));
        Ok(e.StartAssessment(Teacher, "Concerns about attendance and wellbeing: assessment agreed with the family."));                                   // at 16 she consents for herself

        var rebuilt = EpisodeJson.Deserialize(policy, EpisodeJson.Serialize(e));
        Assert.Equal(EpisodeState.Assessing, rebuilt.State);
    }

    // ---- 6. A reloaded episode saves ------------------------------------------------------------------

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public async Task A_reloaded_episode_from_JSON_extends_its_stored_history_and_saves()
    {
        var store = new InMemoryEpisodeRepository(_seeds.Policy);
        var e = _seeds.PlanActive();
        Ok(await store.AddAsync(e));

        var reloaded = EpisodeJson.Deserialize(_seeds.Policy, EpisodeJson.Serialize(e));
        var version = reloaded.Version;
        Ok(reloaded.HoldReview(HealthVisitor, EpisodePlans.Review(reloaded.Plan!, _seeds.Today, ReviewProgress.Sufficient)));

        Ok(await store.UpdateAsync(reloaded, version));
    }

    // ---- 7. Atomic multi-episode update -----------------------------------------------------------------

    [Trait("Rule", "REG-03")]
    [Fact]
    public async Task REG03_a_multi_episode_update_with_one_stale_episode_saves_none()
    {
        var store = new InMemoryEpisodeRepository(_seeds.Policy);
        var a = _seeds.Identified(new EpisodeId("ep-a"));
        var b = CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-b"), new ChildDetails(new ChildId("child-002"), null), Teacher, "Unborn baby: concerns at the antenatal clinic.");
        Ok(await store.AddAsync(a));
        Ok(await store.AddAsync(b));
        Ok(a.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(b.RecordConsent(Teacher, new ConsentRecord(ConsentGiverRole.ExpectantParent, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, []) with { SharingExplained = true }, "Consent to assess and share with partner agencies."));

        var result = await store.UpdateManyAsync([new EpisodeUpdate(a, 1), new EpisodeUpdate(b, 0)]); // b is stale

        Assert.Equal(StoreCodes.Concurrency, result.Refusal.RuleId);
        Assert.Equal(1, (await store.GetAsync(a.Id))!.Version);
    }

    // ---- 8. Smaller findings ----------------------------------------------------------------------------

    [Fact]
    public void A_clock_in_year_9999_is_refused_at_the_boundary()
    {
        var policy = EpisodePolicy.Default(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero)), new InMemorySharingAuditLog());
        Assert.Throws<ArgumentException>(() => CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-1"), NineYearOld, Teacher, "x"));
    }

    [Fact]
    public void Misuse_throws_ArgumentException_family()
    {
        var e = _seeds.Identified();
        Assert.Throws<ArgumentOutOfRangeException>(() => e.CheckPermitted((EpisodeAction)99));
        Assert.Throws<ArgumentNullException>(() => e.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, null!)));
        Assert.Throws<ArgumentException>(() => CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-2"), new ChildDetails(default, null), Teacher, "x"));
    }

    [Trait("Rule", "THR-04")]
    [Fact]
    public void THR04_both_assessment_overloads_refuse_significant_harm()
    {
        var e = _seeds.Assessing();
        var harm = new AssessmentSummary("default", "1.0.0", ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding, ["sexual-exploitation"]);

        Assert.Equal("THR-04", e.CompleteAssessment(Teacher, harm, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health.").Refusal.RuleId);
    }

    [Trait("Rule", "LP-03")]
    [Trait("Rule", "LP-04")]
    [Fact]
    public void LP03_LP04_the_direct_path_applies_the_selectors_hard_checks()
    {
        var e = _seeds.Assessed();
        var outsider = Nominee(new PractitionerId("pr-new"), TestIds.YouthService) with { IsWorkingWithFamily = false };
        var untrained = Nominee(new PractitionerId("pr-new"), TestIds.YouthService) with { IsLeadProfessionalTrained = false };

        Assert.Equal("LP-03", e.NominateLeadProfessional(Teacher, outsider, "x").Refusal.RuleId);
        Assert.Equal("LP-04", e.AppointLeadProfessional(Teacher, untrained, new PractitionerId("pr-s"), new FamilyAgreement("agreed"), "x").Refusal.RuleId);
    }

    [Trait("Rule", "LIFE-10")]
    [Fact]
    public void LIFE10_the_state_is_checked_first_on_the_selection_overload()
    {
        var e = _seeds.Assessed();
        Ok(e.ChooseNextStep(Teacher, NextStep.NoFurtherAction, "Needs met."));
        var nobody = new LeadProfessionalSelector(new LeadProfessionalOptions(), _seeds.Policy.Sharing)
            .Select(new LeadProfessionalSelectionRequest(e.Id, e.Consent, Teacher));

        Assert.Equal("LIFE-10", e.AppointLeadProfessional(Teacher, nobody, null, null).Refusal.RuleId);
    }

    [Trait("Rule", "SHARE-04")]
    [Fact]
    public void SHARE04_a_refused_plan_leaves_no_grant_and_a_granted_one_records_what_was_shared()
    {
        var e = _seeds.Assessed();
        Ok(e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Consent to assess and share with partner agencies."));
        Ok(e.ChooseNextStep(Teacher, NextStep.SingleAgencySupport, "School can meet the needs."));
        var before = _seeds.Audit.Entries.Count;

        Assert.Equal("SHARE-01", e.AgreePlan(Teacher, EpisodePlans.WithCamhs(_seeds.Today), "CAMHS offered sessions.").Refusal.RuleId);
        Assert.DoesNotContain(_seeds.Audit.Entries.Skip(before), a => a.Decision.Granted);

        Ok(e.AgreePlan(Teacher, EpisodePlans.SingleService(_seeds.Today), "The school can meet the needs."));
        Assert.Equal(SharedItems.Plan, _seeds.Audit.Entries[^1].Items);
    }

    [Trait("Rule", "CONS-07")]
    [Trait("Rule", "RET-02")]
    [Fact]
    public void CONS07_RET02_no_transfer_after_withdrawal_and_a_transferred_record_gets_its_retention_date()
    {
        var withdrawn = _seeds.Assessing();
        Ok(withdrawn.WithdrawConsent(Teacher, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We are moving.") { Name = "Ms Smith" }));
        Assert.Equal("CONS-07", withdrawn.TransferOut(Teacher, new LocalAuthority("Leeds"), "Family moved.").Refusal.RuleId);

        var moved = new Seeds().Assessing();
        Ok(moved.TransferOut(Teacher, new LocalAuthority("Leeds City Council"), "Family moved."));
        Assert.Equal(DateOnly.FromDateTime(Start.UtcDateTime).AddYears(5), moved.RetentionDueOn);
    }

    [Trait("Rule", "THR-04")]
    [Fact]
    public void THR04_the_loader_refuses_the_safeguarding_route_on_levels_1_to_4()
    {
        var json = """
        {"id":"la","version":"1","levels":[{"level":1,"name":"Universal","route":"safeguarding"}],"indicators":[],"rules":[]}
        """;
        var result = new ThresholdFrameworkLoader().Load(json);
        Assert.Contains(result.Problems, p => p.Path == "$.levels[0].route");
    }

    private CafEpisode FourteenYearOldWithConsent(AgencyId youngPersonExcludes)
    {
        var e = CafEpisode.IdentifyConcern(_seeds.Policy, new EpisodeId("ep-14"), new ChildDetails(TestIds.Child, new DateOnly(2011, 9, 1)), Teacher, "Low mood.");
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(e.RecordConsent(Teacher, YoungPerson14(ConsentDecision.Given, youngPersonExcludes), "Consent to assess and share with partner agencies."));
        return e;
    }

    private static ConsentRecord YoungPerson14(ConsentDecision decision, params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", decision, ConsentForm.Written, [.. excluded], true) with { SharingExplained = true };
}
