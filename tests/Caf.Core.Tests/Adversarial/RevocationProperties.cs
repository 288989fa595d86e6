using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Register.Specifications;
using Caf.Core.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.Adversarial;

/// <summary>
/// Issue 23: after any sequence of commands and consent changes, nothing the episode derives or hands to a panel names an
/// agency the consent in force excludes — standing grants, slot requests, the papers of every referral, the agenda's
/// papers (from a booking stored before the change, listing every member), the quarterly aftercare audit's services
/// asked to confirm — nor the plan's agencies in force, the actions to chase, the lead professional's role, an agency's
/// caseload (the specification on an <see cref="InMemoryEpisodeRepository"/>), the register's summary or the UI port; an
/// excluded service cannot confirm a start, and after a withdrawal (CONS-07) nothing flows at all.
/// </summary>
public class RevocationProperties
{
    private static readonly Actor Administrator = new(new PractitionerId("pr-panel-admin"), CafCatalogue.HealthVisiting);

    // Commands that change consent or touch the panel, after a referral, in any order (refusals are part of the run).
    private static readonly string[] Tail =
    [
        "consent: mother written excluding CAMHS", "consent: mother written", "consent: mother verbal", "consent: mother refuses",
        "consent: mother lifts the CAMHS exclusion", "panel decision: CAMHS allocated",
        "panel decision: youth service and health visiting, the health visitor as LP", "youth service confirms its start",
        "refer to panel", "choose multi-agency", "appoint health visitor", "agree plan: CAMHS", "withdraw consent", "override consent",
    ];

    private static readonly string[] Prefix = ["consent: mother written", "start assessment", "complete assessment", "refer to panel"];

    /// <summary>Panel-focused scripts: a referral, then up to 12 panel and consent commands, 0 to 14 days apart.</summary>
    private static Arbitrary<EpisodeScript> PanelScripts()
    {
        var step = from command in Gen.Elements(Tail) from days in Gen.Choose(0, 14) select new EpisodeStep(command, days);
        var gen =
            from tail in Gen.ListOf(step)
            from prefixDays in Gen.Choose(1, 12)
            let child = new ChildDetails(new ChildId("child-001"), new DateOnly(2016, 9, 1))
            select new EpisodeScript(child, false, [.. Prefix.Select(c => new EpisodeStep(c, prefixDays)), .. tail.Take(12)]);
        return Arb.From(gen, s => Enumerable.Range(Prefix.Length, Math.Max(0, s.Steps.Length - Prefix.Length))
            .Select(i => new EpisodeScript(s.Child, false, s.Steps.RemoveAt(i))));
    }

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CONS-07")]
    [Trait("Rule", "PANEL-06")]
    [Property(MaxTest = 150)]
    public Property After_panel_and_consent_commands_nothing_derived_or_sent_names_an_excluded_agency() =>
        Prop.ForAll(PanelScripts(), script => Check(script.Run()));

    [Trait("Rule", "SHARE-01")]
    [Trait("Rule", "CONS-07")]
    [Property(MaxTest = 40)]
    public Property After_any_generated_episode_nothing_derived_or_sent_names_an_excluded_agency() =>
        Prop.ForAll(CafGen.EpisodesWithInvalidCommands(), Check);

    /// <summary>The panel-focused generator reaches the situations that matter (not a vacuous property).</summary>
    [Fact]
    public void The_panel_scripts_reach_an_exclusion_after_an_allocation_and_a_withdrawal_after_a_referral()
    {
        var runs = PanelScripts().Generator.Sample(200, new Rnd(23UL), 30).Select(s => s.Run()).ToList();

        Assert.Contains(runs, g => g.Episode.CurrentPanelReferral?.Allocations.Any(a => a.Agency == CafCatalogue.Camhs) == true && g.Episode.Consent.Excludes(CafCatalogue.Camhs));
        Assert.Contains(runs, g => g.Episode.CurrentPanelReferral is not null && g.Episode.Consent.IsWithdrawn);
        Assert.Contains(runs, g => g.Episode.CurrentPanelReferral is { IsAwaitingPanel: true } && g.Episode.Consent.Excludes(CafCatalogue.Camhs));
    }

    private static void Check(GeneratedEpisode g)
    {
        var e = g.Episode;
        bool Excluded(AgencyId a) => e.Consent.Excludes(a);
        var withdrawn = e.Consent.IsWithdrawn;

        Assert.DoesNotContain(e.StandingGrants, s => Excluded(s.Agency));
        Assert.All(e.SuspendedGrants, s => Assert.False(s.InForce));
        if (withdrawn && !e.Consent.IsOverridden)
        {
            Assert.Empty(e.StandingGrants);
        }

        // The plan, the lead professional's role, the register's caseload, reports and the UI port (issue 23's matrix, as a property).
        Assert.DoesNotContain(e.Plan?.DeliveringAgencies.Except(e.SuspendedPlanAgencies) ?? [], Excluded);
        Assert.DoesNotContain(e.OverdueActions, a => a.Owner.Agency is { } owner && Excluded(owner));
        Assert.All(e.Plan?.Actions.Where(a => a.IsOpen && a.Owner.Agency is { } owner && Excluded(owner)) ?? [], a => Assert.Contains(a, e.SuspendedActions));
        Assert.True(!Excluded(e.LeadProfessional.Agency) || e.IsLeadProfessionalExcluded);
        var store = new InMemoryEpisodeRepository(g.World.Policy);
        Assert.True(store.AddAsync(e).AsTask().Result.IsSuccess);
        var summary = store.ListAsync(new EpisodesOfChildSpec(e.Child.Id)).AsTask().Result.Single();
        foreach (var agency in e.Consent.Exclusions.Select(x => x.Agency).Append(e.LeadProfessional.Agency).Distinct())
        {
            var caseload = store.ListAsync(new OpenEpisodesByLeadProfessionalAgencySpec(agency)).AsTask().Result;
            Assert.True(!Excluded(agency) || caseload.Count == 0, $"{agency}'s caseload lists an episode that excludes it");
            Assert.Equal(Excluded(agency), summary.Excludes(agency));
            Assert.DoesNotContain(e.GetAvailableActions(), a => Excluded(agency) && a.Refusal?.Message.Contains(agency.Value, StringComparison.Ordinal) == true);
        }

        if (e.CurrentPanelReferral is not { } current)
        {
            return;
        }

        var slot = e.ToPanelSlotRequest(new PanelSlotId("prop-slot"));
        if (slot.IsSuccess)
        {
            Assert.DoesNotContain(slot.Value.PapersFor, Excluded);
            Assert.False(withdrawn, "a slot request with papers after a withdrawal");
        }

        foreach (var referral in e.PanelReferrals)
        {
            var papers = e.JudgePanelPapers(referral.Referral.Id);
            if (papers.IsSuccess)
            {
                Assert.DoesNotContain(papers.Value.PapersFor, Excluded);
                Assert.False(withdrawn, "papers after a withdrawal");
            }
        }

        // A booking stored before the consent changed lists every member; the agenda re-judges it when issued.
        var r = current.Referral;
        var meeting = EpisodePanels.MaagNorth.Meetings(g.World.Today.AddDays(7), 30).First();
        var stored = new PanelBooking(new PanelSlotRequest(new PanelSlotId("prop-stored"), r.Id, e.Id, r.Area, PanelSlotOrigin.Referral, r.ReferredAt,
            EpisodePanels.MaagNorth.MemberAgencies), meeting, 20);
        var agenda = new PanelScheduler().Schedule([EpisodePanels.MaagNorth], [stored], [], g.World.Today).Agendas.Single(a => a.Entries.Contains(stored));
        var line = agenda.IssuePapers(Administrator, _ => e.PanelConsent()).Single();
        Assert.DoesNotContain(line.PapersFor, Excluded);
        Assert.True(!withdrawn || line.PapersFor.IsEmpty, "agenda papers after a withdrawal");

        // The quarterly audit asks no excluded service (and none after a withdrawal) to confirm a start.
        foreach (var referral in e.PanelReferrals.Where(p => !p.Allocations.IsEmpty))
        {
            var decision = PanelDecision.Allocate(stored, EpisodePanels.Chair, referral.Allocations, referral.RecommendedLeadProfessional ?? EpisodePanels.HealthVisitorLead).Value;
            var audit = new PanelAftercare().QuarterlyAudit([decision], [], g.World.Today.AddDays(120), _ => e.PanelConsent());
            Assert.DoesNotContain(audit, l => !l.IsSuspended && (Excluded(l.Allocation.Agency) || withdrawn));
            foreach (var allocation in referral.Allocations.Where(a => Excluded(a.Agency)))
            {
                Assert.True(e.ConfirmServiceStart(Administrator, referral.Referral.Id, allocation.Agency, g.World.Today).IsRefused);
            }
        }
    }
}
