using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Caf.Core.Analysis;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using Caf.Core.Thresholds;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// Issue 23, cause 5 and the selector (SHARE-01, LP-11): a practitioner the episode itself records as working for
/// CAMHS (the concern was identified by the CAMHS worker; in the "after" ways they also own an action) is accepted
/// in no role once the family excluded CAMHS, live and on replay; a CLOSE-C3 closure with CAMHS's suspended action
/// asks for a plan revision; the selector and the what-if judge the consent in force when they select.
/// </summary>
public class RevocationRolesTests
{
    private static readonly Actor CamhsWorker = CafCatalogue.CamhsWorker;
    private static readonly PractitionerId Supervisor = new("pr-supervisor");
    private static readonly ChildDetails Fourteen = new(TestIds.Child, new DateOnly(2011, 9, 1));

    /// <summary>How the exclusion of CAMHS arises (the seven ways of issue 23 bar the linked sibling's episode).</summary>
    public enum Way
    {
        /// <summary>The parent excludes CAMHS in the first consent; the CAMHS worker only identified the concern.</summary>
        Before,

        /// <summary>CAMHS owns an action; the parent then excludes it.</summary>
        AfterByParent,

        /// <summary>CAMHS owns an action; Amy (14, judged competent) then excludes it by her partial consent.</summary>
        AfterByYoungPerson,

        /// <summary>Excluded, then a refusal, then full consent again: the exclusion still stands.</summary>
        ThenRefusalThenConsent,

        /// <summary>Excluded, then refusals and an override: the episode closes as overridden.</summary>
        ThenOverride,

        /// <summary>Excluded, then consent withdrawn.</summary>
        ThenWithdrawal,
    }

    public static TheoryData<Way> AllWays => [.. Enum.GetValues<Way>()];

    public static TheoryData<Way> OpenWays => [Way.Before, Way.AfterByParent, Way.AfterByYoungPerson, Way.ThenRefusalThenConsent];

    public static TheoryData<Way> AfterWays => [Way.AfterByParent, Way.AfterByYoungPerson, Way.ThenRefusalThenConsent];

    private static bool CamhsOwnsAnAction(Way way) => way != Way.Before;

    // ----- Review chair and note-taker -----

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "REV-01")]
    [Theory]
    [MemberData(nameof(AllWays))]
    public void A_review_chaired_or_noted_by_a_practitioner_recorded_at_the_excluded_agency_is_refused(Way way)
    {
        var (s, e) = Arrange(way);
        if (!e.IsOpen || e.State == EpisodeState.ConsentWithdrawn)
        {
            AssertRefusedUnchanged(e, ep => ep.HoldReview(HealthVisitor, EpisodePlans.Review(ep.Plan!, s.Today, ReviewProgress.Sufficient) with { Chair = CamhsWorker.Practitioner }));
            return;
        }

        DropCamhsAction(s, e, way);
        var chaired = e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, s.Today, ReviewProgress.Sufficient) with { Chair = CamhsWorker.Practitioner });
        AssertShare01(chaired, "chair");
        var noted = e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, s.Today, ReviewProgress.Sufficient) with { NoteTaker = CamhsWorker.Practitioner });
        AssertShare01(noted, "noteTaker");

        // The same review chaired by the health visitor is accepted; the history with CAMHS in the chair is refused on replay.
        Ok(e.HoldReview(HealthVisitor, EpisodePlans.Review(e.Plan!, s.Today, ReviewProgress.Sufficient)));
        var held = (ReviewHeld)e.Events[^1];
        AssertReplayRefused(s, e, held with { Review = held.Review with { Chair = CamhsWorker.Practitioner } });
        AssertReplayRefused(s, e, held with { Review = held.Review with { NoteTaker = CamhsWorker.Practitioner } });
    }

    // ----- The closure agreement (CLOSE-C3) -----

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CLOSE-C3")]
    [Theory]
    [MemberData(nameof(AllWays))]
    public void A_closure_agreed_by_a_practitioner_recorded_at_the_excluded_agency_is_refused(Way way)
    {
        var (s, e) = Arrange(way);
        if (!e.IsOpen)
        {
            AssertRefusedUnchanged(e, ep => ep.Close(HealthVisitor, EpisodePlans.PractitionersAgree("resolvedOther", HealthVisitor.Practitioner, CamhsWorker.Practitioner)));
            return;
        }

        var code = "resolvedMultiAgency";
        if (way == Way.ThenWithdrawal)
        {
            code = "consentWithdrawn"; // nothing is revised after a withdrawal (CONS-07): the suspended action ends with the episode
        }
        else
        {
            DropCamhsAction(s, e, way);
        }

        var withCamhs = e.Close(HealthVisitor, EpisodePlans.PractitionersAgree(code, HealthVisitor.Practitioner, TestIds.Teacher, CamhsWorker.Practitioner));
        AssertShare01(withCamhs, "practitionersAgreement.practitioners");
        Assert.Contains(e.ClosureProblems(HealthVisitor, EpisodePlans.PractitionersAgree(code, HealthVisitor.Practitioner, TestIds.Teacher, CamhsWorker.Practitioner)),
            r => r.RuleId == "SHARE-01" && r.Field == "practitionersAgreement.practitioners");

        // Without the CAMHS worker the closure is accepted: they are neither needed nor consulted.
        Ok(e.Close(HealthVisitor, EpisodePlans.PractitionersAgree(code, HealthVisitor.Practitioner, TestIds.Teacher)));
        var closed = (EpisodeClosed)e.Events[^1];
        AssertReplayRefused(s, e, closed with
        {
            Request = closed.Request with { PractitionersAgreement = new PractitionersAgreement([HealthVisitor.Practitioner, TestIds.Teacher, CamhsWorker.Practitioner], closed.Request.PractitionersAgreement!.Conclusion) },
        });
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CLOSE-C3")]
    [Theory]
    [MemberData(nameof(AfterWays))]
    public void A_C3_closure_with_a_suspended_action_says_revise_the_plan_first_not_ask_the_excluded_agency(Way way)
    {
        var (s, e) = Arrange(way);
        Assert.Single(e.SuspendedActions);
        var request = EpisodePlans.PractitionersAgree("resolvedMultiAgency", HealthVisitor.Practitioner, TestIds.Teacher);

        var refused = e.Close(HealthVisitor, request);
        AssertShare01(refused, "actions");
        Assert.Contains("Revise the plan", refused.Refusal.Message, StringComparison.Ordinal);
        Assert.Contains("a-camhs", refused.Refusal.Message, StringComparison.Ordinal);
        var problems = e.ClosureProblems(HealthVisitor, request);
        Assert.DoesNotContain(problems, p => p.Message.Contains(CamhsWorker.Practitioner.Value, StringComparison.Ordinal));

        // Revised without CAMHS's action, the same closure is accepted.
        DropCamhsAction(s, e, way);
        Ok(e.Close(HealthVisitor, request));
    }

    // ----- Every other role: nominee, supervisor, action owner -----

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "LP-11")]
    [Theory]
    [MemberData(nameof(OpenWays))]
    public void No_role_accepts_a_practitioner_recorded_at_the_excluded_agency_under_another_agency(Way way)
    {
        var (s, e) = Arrange(way);
        DropCamhsAction(s, e, way);

        var nominee = e.AppointLeadProfessional(HealthVisitor, CafCatalogue.Nominee(new Actor(CamhsWorker.Practitioner, TestIds.School)), Supervisor, new FamilyAgreement("Agreed."), "Knows Amy.");
        AssertShare01(nominee, "practitioner");

        var supervised = e.AppointLeadProfessional(HealthVisitor, CafCatalogue.Nominee(CafCatalogue.Teacher), CamhsWorker.Practitioner, new FamilyAgreement("Agreed."), "Sees Amy daily.");
        AssertShare01(supervised, "confirmedBySupervisor");
        Ok(e.NominateLeadProfessional(HealthVisitor, CafCatalogue.Nominee(CafCatalogue.Teacher), "Sees Amy daily."));
        AssertShare01(e.ConfirmNomination(HealthVisitor, CamhsWorker.Practitioner, "Confirmed."), "supervisor");

        var owned = EpisodePlans.Revised(e.Plan!, s.Today) with
        {
            Actions = [.. e.Plan!.Actions, new PlanAction("a-youth", "Youth worker sessions", ActionOwner.ForPractitioner(new Actor(CamhsWorker.Practitioner, TestIds.YouthService)), s.Today.AddDays(28), serves: ["attendance"]) { WithinOwnersCompetence = true }],
        };
        AssertShare01(e.RevisePlan(HealthVisitor, owned, "Youth sessions."), $"plan.actions[{owned.Actions.Length - 1}].owner");
    }

    // ----- The selector and the what-if -----

    [Trait("Rule", "LP-11")]
    [Trait("Rule", "SHARE-03")]
    [Theory]
    [MemberData(nameof(AllWays))]
    public void The_selector_judges_the_consent_in_force_when_it_selects_not_when_the_request_was_made(Way way)
    {
        LeadProfessionalSelectionRequest? early = null;
        var (s, e) = Arrange(way, beforeExclusion: ep => early = ep.SelectionRequest(HealthVisitor));
        var request = (early ?? e.SelectionRequest(HealthVisitor)) with
        {
            Candidates = [CafCatalogue.Nominee(CamhsWorker), CafCatalogue.Nominee(HealthVisitor)],
        };
        var recorded = s.Audit.Entries.Count;

        var selection = new LeadProfessionalSelector(new LeadProfessionalOptions(), s.Policy.Sharing).Select(request);

        Assert.False(selection.Ranked.Single(r => r.Candidate.Practitioner == CamhsWorker.Practitioner).IsEligible);
        var decided = s.Audit.Entries.Skip(recorded).Where(a => a.Agency == TestIds.Camhs && a.Purpose == SharingPurpose.LeadProfessional).ToList();
        Assert.NotEmpty(decided);
        Assert.All(decided, a => Assert.False(a.Decision.Granted, a.ToString()));
    }

    [Trait("Rule", "LP-11")]
    [Theory]
    [MemberData(nameof(AfterWays))]
    public void The_what_if_ranks_a_stale_request_under_the_episodes_consent_in_force(Way way)
    {
        ConsentState? before = null;
        var (_, e) = Arrange(way, beforeExclusion: ep => before = ep.Consent);
        var candidates = new[] { CafCatalogue.Nominee(CamhsWorker), CafCatalogue.Nominee(HealthVisitor) };
        var stale = new LeadProfessionalSelectionRequest(e.Id, before!, HealthVisitor)
        {
            Candidates = [.. candidates],
            FamilyPreference = CamhsWorker.Practitioner,
            PanelRecommendation = HealthVisitor.Practitioner,
        };

        // A prefers the family's choice (CAMHS), B the panel's (the health visitor): under the stale consent they differ.
        var compare = new PolicyWhatIf(Config("A", familyWeight: 5, panelWeight: 0), Config("B", familyWeight: 0, panelWeight: 5))
            .Compare([e], new Dictionary<EpisodeId, LeadProfessionalSelectionRequest> { [e.Id] = stale });

        Assert.Equal(1, compare.Counts.Single(c => c.Point == PolicyDecisionPoint.LeadProfessionalRanking).Decided);
        Assert.DoesNotContain(compare.Differences, d => d.A.Outcome.StartsWith(CamhsWorker.Practitioner.Value + " first", StringComparison.Ordinal)
            || d.B.Outcome.StartsWith(CamhsWorker.Practitioner.Value + " first", StringComparison.Ordinal));
    }

    // ----- The world -----

    private static PolicyConfiguration Config(string name, double familyWeight, double panelWeight)
    {
        var options = new Caf.Core.Configuration.CafOptions();
        options.LeadProfessional.FamilyPreferenceWeight = familyWeight;
        options.LeadProfessional.PanelRecommendationWeight = panelWeight;
        return new PolicyConfiguration(name, options, new ThresholdFrameworkLoader().LoadDefault(), ClosureTaxonomy.Default);
    }

    // A 14-year-old; the CAMHS worker identified the concern (so the episode records them at CAMHS); the health
    // visitor leads; school, health visiting and (in the "after" ways) CAMHS own actions; CAMHS excluded in the given way.
    private static (Seeds Seeds, CafEpisode Episode) Arrange(Way way, Action<CafEpisode>? beforeExclusion = null)
    {
        var s = new Seeds();
        var e = CafEpisode.IdentifyConcern(s.Policy, new EpisodeId("ep-amy"), Fourteen, CamhsWorker, "Low mood and missing school.");
        Ok(e.RecordConsent(HealthVisitor, way == Way.Before ? MotherWritten(TestIds.Camhs) : MotherWritten(), "Consent to assess and share with partner agencies."));
        Ok(e.RecordConsent(HealthVisitor, Amy(), "Amy agrees to the assessment."));
        if (way == Way.Before)
        {
            Ok(e.AppointLeadProfessional(HealthVisitor, CafCatalogue.Nominee(HealthVisitor), Supervisor, new FamilyAgreement("Amy and her mother agreed."), "Handover: the family excluded CAMHS (LP-10)."));
        }

        Ok(e.StartAssessment(HealthVisitor, "Concerns about attendance and wellbeing: assessment agreed with the family."));
        s.Time.Advance(TimeSpan.FromDays(7));
        Ok(e.CompleteAssessment(HealthVisitor, Level3, AbsentParentInvolvement.WasInvolved, "Needs identified across school and health."));
        Ok(e.ChooseNextStep(HealthVisitor, NextStep.MultiAgencySupport, "Needs span school, health and CAMHS."));
        if (way != Way.Before)
        {
            Ok(e.AppointLeadProfessional(HealthVisitor, CafCatalogue.Nominee(HealthVisitor), Supervisor, new FamilyAgreement("Amy and her mother agreed."), "Sees Amy weekly."));
        }

        var today = s.Today;
        var actions = new List<PlanAction> { EpisodePlans.School(today.AddDays(28)), EpisodePlans.Health(today.AddDays(28)), EpisodePlans.Family(today.AddDays(14)) };
        if (CamhsOwnsAnAction(way))
        {
            actions.Add(EpisodePlans.Camhs(today.AddDays(28)));
        }

        Ok(e.AgreePlan(HealthVisitor, EpisodePlans.Plan(today, [.. actions]), "Agreed with Amy and her mother."));
        s.Time.Advance(TimeSpan.FromDays(1));
        beforeExclusion?.Invoke(e);
        switch (way)
        {
            case Way.AfterByParent:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Mum no longer wants CAMHS involved."));
                break;
            case Way.AfterByYoungPerson:
                Ok(e.RecordConsent(HealthVisitor, Amy(TestIds.Camhs), "Amy does not want CAMHS told any more."));
                break;
            case Way.ThenRefusalThenConsent:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Mum no longer wants CAMHS involved."));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused for a while."));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(), "Mum consents again."));
                break;
            case Way.ThenOverride:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Mum no longer wants CAMHS involved."));
                Ok(e.RecordConsent(HealthVisitor, MotherWritten() with { Decision = ConsentDecision.Refused }, "Mum refused."));
                Ok(e.RecordConsent(HealthVisitor, Amy() with { Decision = ConsentDecision.Refused }, "Amy refused."));
                Ok(e.OverrideConsent(HealthVisitor, new ConsentOverride("Disclosure of risk; the safeguarding lead decided to share.", new PractitionerId("pr-dsl"))));
                break;
            case Way.ThenWithdrawal:
                Ok(e.RecordConsent(HealthVisitor, MotherWritten(TestIds.Camhs), "Mum no longer wants CAMHS involved."));
                Ok(e.WithdrawConsent(HealthVisitor, new ConsentWithdrawal(ConsentGiverRole.ParentWithParentalResponsibility, "We do not want the CAF any more.") { Name = "Ms Smith" }));
                break;
        }

        s.Time.Advance(TimeSpan.FromDays(1));
        return (s, e);
    }

    private static ConsentRecord Amy(params AgencyId[] excluded) =>
        new ConsentRecord(ConsentGiverRole.YoungPerson, "Amy", ConsentDecision.Given, ConsentForm.Written, [.. excluded], true) with { SharingExplained = true };

    // SHARE-01: the suspended CAMHS action is reassigned (here: dropped) by a plan revision.
    private static void DropCamhsAction(Seeds s, CafEpisode e, Way way)
    {
        if (CamhsOwnsAnAction(way) && e.Plan!.FindAction("a-camhs") is not null)
        {
            Ok(e.RevisePlan(HealthVisitor, EpisodePlans.Revised(e.Plan!, s.Today) with { Actions = [.. e.Plan!.Actions.Where(a => a.Id != "a-camhs")] }, "CAMHS excluded by the family: its action is dropped."));
        }
    }

    private static void AssertShare01(Result result, string field)
    {
        Assert.True(result.IsRefused, "accepted, but the family excluded CAMHS");
        Assert.Equal(("SHARE-01", field), (result.Refusal.RuleId, result.Refusal.Field));
    }

    private static void AssertRefusedUnchanged(CafEpisode e, Func<CafEpisode, Result> command)
    {
        var version = e.Version;
        Assert.True(command(e).IsRefused);
        Assert.Equal(version, e.Version);
    }

    // The history with its last event replaced is refused on replay (Rebuild and the JSON reader) naming SHARE-01.
    private static void AssertReplayRefused(Seeds s, CafEpisode e, CafEvent replacement)
    {
        var history = e.Events.Take(e.Events.Count - 1).Append(replacement).ToList();
        var rebuilt = Assert.Throws<ArgumentException>(() => CafEpisode.Rebuild(s.Policy, history));
        Assert.Contains("SHARE-01", rebuilt.Message, StringComparison.Ordinal);
        var json = EpisodeJson.Serialize(e);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var forged = System.Text.Json.Nodes.JsonNode.Parse(EpisodeJson.SerializeEvent(replacement))!.AsObject();
        forged.Remove("schemaVersion"); // a snapshot's events carry no version of their own
        node["events"]![history.Count - 1] = forged;
        var read = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(s.Policy, node.ToJsonString()));
        Assert.Contains("SHARE-01", read.Message, StringComparison.Ordinal);
    }
}
