using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Testing;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Panels;

/// <summary>
/// PANEL-05, LIFE-08, LP-08: on a panel case the plan waits for the panel (Bedfordshire 003 §4e: the MAAG chair records
/// the allocated services and their roles on the decision sheet, or asks for the referral to be re-presented with more
/// information; 003 §4 "identify a lead professional to co-ordinate the support plan"). AgreePlan from PanelReferred
/// is guarded: services allocated on the latest referral, and an appointed lead professional.
/// </summary>
public class EpisodePanelPlanTests
{
    private const string NotHeard = "The panel has not heard referral ref-1 yet: agree the plan once its decision sheet allocates the services.";
    private const string RePresented = "The panel asked for referral ref-1 to be re-presented with more information (The school's attendance record for the autumn term.): agree the plan once a later decision sheet allocates the services.";
    private const string NoLead = "A panel case is multi-agency support: appoint the lead professional (the panel may recommend one, LP-08) before agreeing the plan.";

    private static readonly PractitionerId Supervisor = new("pr-supervisor");
    private readonly Seeds _seeds = new();

    private CafEpisode Referred(bool appointFirst)
    {
        var e = _seeds.Assessed();
        if (appointFirst)
        {
            AppointHealthVisitor(e);
        }

        Ok(PanelFixtures.Refer(e, Teacher));
        _seeds.Time.Advance(TimeSpan.FromDays(9));
        return e;
    }

    private static void AppointHealthVisitor(CafEpisode e) =>
        Ok(e.AppointLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), Supervisor, new FamilyAgreement("Mum agreed."), "Recommended by the panel."));

    private static void Allocate(CafEpisode e) =>
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.Allocate(e, EpisodePanels.HealthVisitorLead, EpisodePanels.HealthVisitingService, EpisodePanels.Youth)));

    private Result AgreePlan(CafEpisode e) => e.AgreePlan(Teacher, EpisodePlans.MultiAgency(_seeds.Today), "The plan follows the panel's allocations.");

    private static (string RuleId, string Field, string Message) Of(Result r) => (r.Refusal.RuleId, r.Refusal.Field, r.Refusal.Message);

    private static Refusal? Available(CafEpisode e) => e.GetAvailableActions().Single(a => a.Action == EpisodeAction.AgreePlan).Refusal;

    [Trait("Rule", "PANEL-05")]
    [Fact]
    public void PANEL05_a_plan_is_refused_before_the_panel_has_decided_even_with_an_appointed_LP()
    {
        var e = Referred(appointFirst: true);
        var version = e.Version;
        var audited = _seeds.Audit.Entries.Count;

        var refused = AgreePlan(e);

        Assert.Equal(("PANEL-05", "panelDecision", NotHeard), Of(refused));
        Assert.Equal((version, EpisodeState.PanelReferred, audited, 0), (e.Version, e.State, _seeds.Audit.Entries.Count, e.Plans.Versions.Length));
    }

    [Trait("Rule", "PANEL-05")]
    [Fact]
    public void PANEL05_a_plan_is_refused_after_a_re_present_with_more_information_decision()
    {
        var e = Referred(appointFirst: true);
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.RePresent(e)));

        var refused = AgreePlan(e);

        Assert.Equal(("PANEL-05", "panelDecision", RePresented), Of(refused));
        Assert.Equal(EpisodeState.PanelReferred, e.State);

        // The later meeting allocates: now the plan can be agreed.
        _seeds.Time.Advance(TimeSpan.FromDays(14));
        Allocate(e);
        Ok(AgreePlan(e));
        Assert.Equal(EpisodeState.PlanActive, e.State);
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "PANEL-07")]
    [Fact]
    public void PANEL05_PANEL07_a_re_referral_from_an_active_plan_waits_for_its_own_decision()
    {
        var e = _seeds.PlanActive(); // the health visitor is the appointed LP
        Ok(PanelFixtures.Refer(e, Teacher)); // ref-1, from the active plan

        Assert.Equal(("PANEL-05", "panelDecision", NotHeard), Of(AgreePlan(e)));
        Allocate(e);
        Ok(AgreePlan(e));
        Assert.Equal(2, e.Plans.Versions.Length);
    }

    [Trait("Rule", "LIFE-08")]
    [Trait("Rule", "LP-08")]
    [Fact]
    public void LIFE08_a_plan_on_a_panel_case_is_refused_while_the_lead_professional_is_the_interim_one()
    {
        var e = Referred(appointFirst: false);
        Allocate(e);
        Assert.True(e.LeadProfessional.IsInterim);

        // A single-service plan too: the panel route is multi-agency, whatever the plan's own agencies (LP-02 aside).
        var single = e.AgreePlan(Teacher, EpisodePlans.SingleService(_seeds.Today), "The school leads the plan.");
        Assert.Equal(("LIFE-08", "leadProfessional", NoLead), Of(single));
        Assert.Equal(("LIFE-08", "leadProfessional", NoLead), Of(AgreePlan(e)));

        // A nomination still awaiting the supervisor and the family is not an appointment (LP-05, LP-06).
        Ok(e.NominateLeadProfessional(Teacher, Nominee(TestIds.HealthVisitor, TestIds.HealthVisiting), "Recommended by the panel."));
        Assert.Equal(("LIFE-08", "leadProfessional", NoLead), Of(AgreePlan(e)));
        Assert.Equal(EpisodeState.PanelReferred, e.State);
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "LIFE-08")]
    [Fact]
    public void PANEL05_LIFE08_without_a_decision_or_an_LP_the_missing_decision_is_named_first()
    {
        var e = Referred(appointFirst: false);

        Assert.Equal(("PANEL-05", "panelDecision", NotHeard), Of(AgreePlan(e)));
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "LIFE-08")]
    [Trait("Rule", "LP-08")]
    [Fact]
    public void PANEL05_LIFE08_after_the_decision_and_the_appointment_of_the_recommended_LP_the_plan_is_agreed()
    {
        var e = Referred(appointFirst: false);
        Allocate(e);
        AppointHealthVisitor(e);

        Assert.True(e.CheckPermitted(EpisodeAction.AgreePlan).IsSuccess);
        Ok(AgreePlan(e));

        Assert.Equal(EpisodeState.PlanActive, e.State);
        Assert.IsType<PlanAgreed>(e.Events[^1]);
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "LIFE-08")]
    [Trait("Rule", "LIFE-12")]
    [Fact]
    public void PANEL05_LIFE08_the_UI_port_gives_the_reason_at_each_stage()
    {
        var e = Referred(appointFirst: false);
        Assert.Equal(new Refusal("PANEL-05", NotHeard, "panelDecision"), Available(e));

        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.RePresent(e)));
        Assert.Equal(new Refusal("PANEL-05", RePresented, "panelDecision"), Available(e));
        Assert.Equal(new Refusal("PANEL-05", RePresented, "panelDecision"), e.CheckPermitted(EpisodeAction.AgreePlan).Refusal);

        _seeds.Time.Advance(TimeSpan.FromDays(14));
        Allocate(e);
        Assert.Equal(new Refusal("LIFE-08", NoLead, "leadProfessional"), Available(e));
        Assert.DoesNotContain(EpisodeAction.AgreePlan, e.PermittedActions);

        AppointHealthVisitor(e);
        Assert.Null(Available(e));
        Assert.Contains(EpisodeAction.AgreePlan, e.PermittedActions);
    }

    [Trait("Rule", "PANEL-05")]
    [Fact]
    public void PANEL05_the_diagram_shows_both_guards_on_the_plan_after_a_referral()
    {
        var mermaid = LifecycleDiagram.ToMermaid();

        Assert.Contains(
            "PanelReferred --> PlanActive : AgreePlan [PANEL-05: the panel's decision sheet on the latest referral allocated services] [LIFE-08: a panel case is multi-agency support, so it has an appointed lead professional]",
            mermaid, StringComparison.Ordinal);
    }

    public enum Forgery
    {
        /// <summary>The plan agreed before the panel heard the case.</summary>
        NoDecision,

        /// <summary>The plan agreed after "re-present with more information".</summary>
        AfterRePresent,

        /// <summary>The plan agreed after the allocation with the interim lead professional.</summary>
        NoAppointment,
    }

    [Trait("Rule", "PANEL-05")]
    [Trait("Rule", "LIFE-08")]
    [Trait("Rule", "LIFE-11")]
    [Theory]
    [InlineData(Forgery.NoDecision, "PANEL-05", "The panel has not heard referral ref-1 yet")]
    [InlineData(Forgery.AfterRePresent, "PANEL-05", "The panel asked for referral ref-1 to be re-presented")]
    [InlineData(Forgery.NoAppointment, "LIFE-08", "A panel case is multi-agency support")]
    public void PANEL05_LIFE08_a_stored_history_with_the_plan_agreed_too_early_is_refused_on_reading(Forgery forgery, string ruleId, string reason)
    {
        // The genuine history: referred, re-presented, allocated two weeks later, the recommended LP appointed, the plan agreed.
        var e = Referred(appointFirst: false);
        Ok(e.RecordPanelDecision(Teacher, EpisodePanels.RePresent(e)));
        _seeds.Time.Advance(TimeSpan.FromDays(14));
        Allocate(e);
        AppointHealthVisitor(e);
        Ok(AgreePlan(e));
        var genuine = EpisodeJson.Serialize(e);
        Assert.Equal(EpisodeState.PlanActive, EpisodeJson.Deserialize(_seeds.Policy, genuine).State); // read as it is

        // The forgery drops events from the stored history, as a store written before the guard might hold it.
        bool Dropped(CafEvent x) => forgery switch
        {
            Forgery.NoDecision => x is PanelDecisionRecorded,
            Forgery.AfterRePresent => x is PanelDecisionRecorded { Outcome: Caf.Core.Panels.PanelDecisionOutcome.ServicesAllocated },
            _ => x is LeadProfessionalNominated or NominationConfirmedBySupervisor or NominationAgreedByFamily,
        };

        var node = JsonNode.Parse(genuine)!.AsObject();
        var events = node["events"]!.AsArray();
        var drop = e.Events.Select((x, i) => (x, i)).Where(p => Dropped(p.x)).Select(p => p.i).Reverse().ToArray();
        Assert.NotEmpty(drop);
        foreach (var i in drop)
        {
            events.RemoveAt(i);
        }

        node["version"] = events.Count;
        var planAt = e.Events.Count - 1 - drop.Length; // the plan is the last event, moved up by the dropped ones

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, node.ToJsonString()));

        Assert.Equal($"$.events[{planAt}]", ex.Path);
        Assert.StartsWith($"[{ruleId}] The history is not one the commands can produce: event {planAt} (PlanAgreed) would be refused: {reason}", ex.Message, StringComparison.Ordinal);
    }
}
