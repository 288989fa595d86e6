using System;
using System.Threading.Tasks;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.StepDown;
using Caf.Core.Testing;
using Caf.Core.Tests.Panels;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// The naming port in the texts a practitioner reads (issue 27): lead-professional nomination refusals, a panel
/// refusal and the register's explanations name practitioners and agencies from the host's directory, and show the
/// ids when the host registers none. Each scenario runs twice on the same history: with a directory, without one.
/// </summary>
public class NamedRefusalTests
{
    private static readonly PractitionerId Supervisor = new("pr-supervisor");

    private static EpisodePolicy Policy(Seeds seeds, bool named)
    {
        var policy = new EpisodePolicy(new CafOptions(), seeds.Time, new SharingService(seeds.Audit, seeds.Time, new ConsentPolicy(new CafOptions().Consent)));
        return !named ? policy : new(new CafOptions(), seeds.Time, new SharingService(seeds.Audit, seeds.Time, new ConsentPolicy(new CafOptions().Consent)))
        {
            Names = CafNames.From(
                [new(TestIds.HealthVisitor, "Ms Patel"), new(TestIds.Teacher, "Mr Jones")],
                [new(TestIds.HealthVisiting, "Health Visiting"), new(TestIds.Camhs, "CAMHS North"), new(TestIds.School, "Oakfield Primary")]),
        };
    }

    /// <summary>With the directory the name shows and the id does not; without it the id shows.</summary>
    private static void AssertNamed(Func<EpisodePolicy, Seeds, string> text, string name, string id)
    {
        var seeds = new Seeds();
        var named = text(Policy(seeds, named: true), seeds);
        Assert.Contains(name, named, StringComparison.Ordinal);
        Assert.DoesNotContain(id, named, StringComparison.Ordinal);

        var plain = new Seeds();
        var ids = text(Policy(plain, named: false), plain);
        Assert.Contains(id, ids, StringComparison.Ordinal);
        Assert.DoesNotContain(name, ids, StringComparison.Ordinal);
    }

    private static async Task AssertNamedAsync(Func<EpisodePolicy, Seeds, Task<string>> text, string name, string id)
    {
        var seeds = new Seeds();
        var named = await text(Policy(seeds, named: true), seeds);
        Assert.Contains(name, named, StringComparison.Ordinal);
        Assert.DoesNotContain(id, named, StringComparison.Ordinal);

        var plain = new Seeds();
        var ids = await text(Policy(plain, named: false), plain);
        Assert.Contains(id, ids, StringComparison.Ordinal);
        Assert.DoesNotContain(name, ids, StringComparison.Ordinal);
    }

    private static string Refusal(Result result, string rule, string field)
    {
        Assert.True(result.IsRefused, "expected a refusal");
        Assert.Equal((rule, field), (result.Refusal.RuleId, result.Refusal.Field));
        return result.Refusal.Message;
    }

    [Trait("Rule", "LP-10")]
    [Fact]
    public void LP10_nominating_the_current_lead_professional_again_is_refused_naming_them() =>
        AssertNamed((policy, seeds) =>
        {
            var e = CafEpisode.Rebuild(policy, seeds.PlanActive().Events); // the health visitor leads
            return Refusal(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), Supervisor, new FamilyAgreement("Mum agreed."), "Again."),
                "LP-10", "practitioner");
        }, "Ms Patel", TestIds.HealthVisitor.Value);

    [Trait("Rule", "LP-06")]
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LP06_the_step_down_TACs_supervisor_refusals_name_the_nominee(bool ownSupervisor) =>
        AssertNamed((policy, seeds) =>
        {
            var e = CafEpisode.RegisterPotentialFromStepDown(policy, new EpisodeId("ep-sd"), NineYearOld, Teacher, EpisodePlans.StepDown());
            Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent to share the step-down information and plan."));
            var plan = EpisodePlans.MultiAgency(seeds.Today);
            var decision = ownSupervisor
                ? StepDownTacDecision.ContinueWith(Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), TestIds.HealthVisitor, new FamilyAgreement("Mum agreed."), plan, true, true)
                : StepDownTacDecision.Continue(HealthVisitor, plan, true, true);
            return Refusal(e.RecordStepDownTacDecision(Teacher, decision, "Ongoing support."), "LP-06", "decision.confirmedBySupervisor");
        }, "Ms Patel", TestIds.HealthVisitor.Value);

    [Trait("Rule", "PANEL-06")]
    [Fact]
    public void PANEL06_a_start_confirmed_by_an_agency_the_panel_did_not_allocate_names_the_agency() =>
        AssertNamed((policy, seeds) =>
        {
            var e = CafEpisode.Rebuild(policy, seeds.Assessed().Events);
            Ok(PanelFixtures.Refer(e, Teacher));
            seeds.Time.Advance(TimeSpan.FromDays(9));
            Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));
            var met = e.CurrentPanelReferral!.LatestDecision!.Meeting.Date;
            return Refusal(e.ConfirmServiceStart(Teacher, new PanelReferralId("ref-1"), TestIds.Camhs, met.AddDays(7)), "PANEL-06", "agency");
        }, "CAMHS North", TestIds.Camhs.Value);

    [Trait("Rule", "REG-02")]
    [Fact]
    public async Task REG02_the_registers_answer_names_the_lead_professional_and_their_agency()
    {
        async Task<string> Explanation(EpisodePolicy policy, Seeds _)
        {
            var register = new CafRegister(new InMemoryEpisodeRepository(policy), policy);
            Assert.True((await register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).OpenedNewEpisode);
            var second = await register.IdentifyConcernAsync(new EpisodeId("ep-2"), NineYearOld, HealthVisitor, "Weight loss");
            Assert.Equal(TestIds.Teacher, second.ExistingLeadProfessional); // the answer's data stays the id
            Assert.Equal(second.Answer!.Explanation, second.Explanation);
            return second.Explanation;
        }

        await AssertNamedAsync(Explanation, "Mr Jones", TestIds.Teacher.Value);
        await AssertNamedAsync(Explanation, "Oakfield Primary", TestIds.School.Value);
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "REG-02")]
    [Fact]
    public Task SHARE01_the_restricted_answer_names_whom_to_contact() =>
        AssertNamedAsync(async (policy, seeds) =>
        {
            var register = new CafRegister(new InMemoryEpisodeRepository(policy), policy);
            Assert.True((await register.IdentifyConcernAsync(new EpisodeId("ep-1"), NineYearOld, Teacher, "Attendance")).OpenedNewEpisode);
            Ok(await register.ExecuteAsync(new EpisodeId("ep-1"), e => e.RecordConsent(Teacher, MotherWritten(TestIds.Camhs), "Mum does not want CAMHS involved.")));
            var camhs = new Actor(new PractitionerId("pr-camhs"), TestIds.Camhs);
            var answer = await register.IdentifyConcernAsync(new EpisodeId("ep-2"), NineYearOld, camhs, "Low mood");
            Assert.True(answer.Answer!.IsRestricted);
            return answer.Explanation;
        }, "Mr Jones", TestIds.Teacher.Value);

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "REG-03")]
    [Fact]
    public Task SHARE01_a_family_link_refused_by_an_exclusion_names_the_agency() =>
        AssertNamedAsync(async (policy, seeds) =>
        {
            var store = new InMemoryEpisodeRepository(policy);
            var amy = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-amy"), new ChildDetails(TestIds.Child, new DateOnly(2011, 9, 1)), HealthVisitor, "Low mood.");
            Ok(amy.RecordConsent(HealthVisitor, MotherWritten(TestIds.School), "Consent, not to the school."));
            var sam = CafEpisode.IdentifyConcern(policy, new EpisodeId("ep-sam"), new ChildDetails(new ChildId("child-002"), new DateOnly(2016, 4, 1)), Teacher, "Attendance.");
            Ok(sam.RecordConsent(Teacher, MotherWritten(), "Consent to share with partner agencies."));
            Ok(await store.AddAsync(amy));
            Ok(await store.AddAsync(sam));
            var linked = await new CafRegister(store, policy).LinkFamilyAsync("family-smith", HealthVisitor, [amy.Id, sam.Id]);
            return Refusal(linked, "SHARE-01", "episodes");
        }, "Oakfield Primary", TestIds.School.Value);
}
