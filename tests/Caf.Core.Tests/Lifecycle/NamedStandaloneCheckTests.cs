using System;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Panels;
using Caf.Core.Primitives;
using Caf.Core.Tests.Closure;
using Caf.Core.Tests.LeadProfessional;
using Caf.Core.Tests.Panels;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// The naming port in the standalone checks (issue 27): <see cref="ClosureCheck"/> (CLOSE-08), the LP-09 escalation,
/// the panel's recommended lead professional (PANEL-05) and the panel aftercare (PANEL-06) name practitioners and
/// agencies when given the host's directory, and show the ids without one. The episode and <c>AddCafCore</c> pass the
/// host's names.
/// </summary>
public class NamedStandaloneCheckTests
{
    private static readonly ICafNames Directory = CafNames.From(
        [new(TestIds.HealthVisitor, "Ms Patel"), new(TestIds.Teacher, "Mr Jones"), new(LeadProfessionalScenario.YouthWorker, "Mr Khan")],
        [new(TestIds.HealthVisiting, "Health Visiting"), new(TestIds.Camhs, "CAMHS North"), new(TestIds.School, "Oakfield Primary"),
         new(TestIds.YouthService, "Youth Service")]);

    private static void AssertNamed(Func<ICafNames, string> text, string name, string id)
    {
        var named = text(Directory);
        Assert.Contains(name, named, StringComparison.Ordinal);
        Assert.DoesNotContain(id, named, StringComparison.Ordinal);

        var ids = text(CafNames.Ids);
        Assert.Contains(id, ids, StringComparison.Ordinal);
        Assert.DoesNotContain(name, ids, StringComparison.Ordinal);
    }

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_the_closure_checks_own_refusal_names_the_closer_and_the_lead_professional()
    {
        var request = ClosureFixtures.Request("resolvedOther", ClosureCriterion.MostOutcomesAchieved);
        var facts = ClosureFixtures.Facts(null) with { ClosingBy = ClosureFixtures.OtherPractitioner };
        string Text(ICafNames names)
        {
            var check = new ClosureCheck(ClosureTaxonomy.Default, new ClosureOptions(), names);
            var refusal = check.MayClose(facts).Refusal;
            Assert.Equal(("CLOSE-08", "closingBy"), (refusal.RuleId, refusal.Field));
            Assert.Equal(refusal, check.Problems(request, facts)[0]);
            return refusal.Message;
        }

        AssertNamed(Text, "Ms Patel", TestIds.HealthVisitor.Value); // the closer
        AssertNamed(Text, "Mr Jones", TestIds.Teacher.Value); // the lead professional
        AssertNamed(names => ClosureCheck.Default().WithNames(names).MayClose(facts).Refusal.Message, "Ms Patel", TestIds.HealthVisitor.Value);
        Assert.Same(ClosureCheck.Default().Names, CafNames.Ids);
    }

    [Trait("Rule", "CLOSE-08")]
    [Fact]
    public void CLOSE08_the_episodes_closure_problems_name_people_with_the_hosts_directory()
    {
        string Text(ICafNames names)
        {
            var seeds = new Seeds();
            var policy = new EpisodePolicy(new CafOptions(), seeds.Time, new SharingService(seeds.Audit, seeds.Time, new ConsentPolicy(new CafOptions().Consent)))
            {
                Names = names,
            };
            var e = CafEpisode.Rebuild(policy, seeds.PlanActive().Events); // the health visitor leads
            var request = ClosureFixtures.Request("resolvedOther", ClosureCriterion.MostOutcomesAchieved);
            var refusal = Assert.Single(e.ClosureProblems(Teacher, request), r => r.Field == "closingBy");
            Assert.Equal("CLOSE-08", refusal.RuleId);
            Assert.Equal(refusal.Message, policy.Closure.MayClose(e.ClosureFactsFor(Teacher)).Refusal.Message);
            return refusal.Message;
        }

        AssertNamed(Text, "Mr Jones", TestIds.Teacher.Value);
        AssertNamed(Text, "Ms Patel", TestIds.HealthVisitor.Value);
    }

    [Trait("Rule", "LP-09")]
    [Fact]
    public void LP09_the_escalation_names_each_candidate_considered_and_why_they_could_not_lead()
    {
        var request = LeadProfessionalScenario.Request(
            LeadProfessionalScenario.Teacher(), LeadProfessionalScenario.HealthVisitor() with { IsLeadProfessionalTrained = false }) with
        {
            Consent = LeadProfessionalScenario.ConsentExcluding(TestIds.School),
        };
        var selection = new LeadProfessionalSelector(new LeadProfessionalOptions(), new ExclusionSharingService()).Select(request);
        Assert.Equal(2, selection.Escalation!.Considered.Length);

        string Text(ICafNames names)
        {
            var refusal = selection.Escalation!.ToRefusal(names);
            Assert.Equal(("LP-09", "leadProfessional"), (refusal.RuleId, refusal.Field));
            Assert.Equal(refusal, selection.ToResult(names).Refusal);
            Assert.StartsWith(selection.Escalation.Reason, refusal.Message, StringComparison.Ordinal);
            return refusal.Message;
        }

        AssertNamed(Text, "Mr Jones (Oakfield Primary), their agency may not receive the family's information (LP-11)", $"{TestIds.Teacher} ({TestIds.School})");
        AssertNamed(Text, "Ms Patel (Health Visiting), not trained for the role (LP-04)", $"{TestIds.HealthVisitor} ({TestIds.HealthVisiting})");
        Assert.Equal(selection.Escalation!.ToRefusal(CafNames.Ids), selection.Escalation.ToRefusal());
        Assert.Equal(selection.ToResult(CafNames.Ids).Refusal, selection.ToResult().Refusal);
    }

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_the_selectors_explanation_names_the_agency()
    {
        var request = LeadProfessionalScenario.Request(LeadProfessionalScenario.Teacher()) with
        {
            Consent = LeadProfessionalScenario.ConsentExcluding(TestIds.School),
        };

        AssertNamed(
            names => new LeadProfessionalSelector(new LeadProfessionalOptions(), new ExclusionSharingService(), names).Select(request)
                .Ranked[0].Constraints[(int)LeadProfessionalConstraint.SharingAllowed].Reason,
            "Oakfield Primary", TestIds.School.Value);
    }

    [Trait("Rule", "PANEL-05")]
    [Fact]
    public void PANEL05_a_recommendation_at_another_agency_is_refused_naming_the_practitioner_and_both_agencies()
    {
        var recommended = new RecommendedLeadProfessional(TestIds.HealthVisitor, TestIds.Camhs);
        var request = LeadProfessionalScenario.Request(LeadProfessionalScenario.HealthVisitor());
        string Text(ICafNames names)
        {
            var refusal = recommended.ApplyTo(request, names).Refusal;
            Assert.Equal(("PANEL-05", "recommendedLeadProfessional"), (refusal.RuleId, refusal.Field));
            return refusal.Message;
        }

        AssertNamed(Text, "Ms Patel", TestIds.HealthVisitor.Value);
        AssertNamed(Text, "CAMHS North", TestIds.Camhs.Value);
        AssertNamed(Text, "Health Visiting", TestIds.HealthVisiting.Value);
        Assert.Equal(recommended.ApplyTo(request, CafNames.Ids).Refusal, recommended.ApplyTo(request).Refusal);
    }

    [Trait("Rule", "PANEL-06")]
    [Fact]
    public void PANEL06_the_aftercares_refusals_and_audit_lines_name_the_agency()
    {
        var decision = PanelDecision.Allocate(PanelFixtures.BookingOn(PanelFixtures.MaagNorth(), new DateOnly(2026, 1, 7), "ref-1"), "Chair",
            [new ServiceAllocation(PanelFixtures.Health, "Visits")], null).Value;
        var consent = PanelFixtures.ConsentNow(decision.Episode, TestIds.HealthVisiting);

        AssertNamed(names => new PanelAftercare { Names = names }.ConfirmStart(decision, TestIds.Camhs, new DateOnly(2026, 1, 19), HealthVisitor, PanelFixtures.Morning,
            PanelFixtures.ConsentNow(decision.Episode)).Refusal.Message, "CAMHS North", TestIds.Camhs.Value);
        AssertNamed(names => new PanelAftercare { Names = names }.WaitingListReturn(decision, TestIds.Camhs, new PanelSlotId("wl"), PanelFixtures.Morning,
            PanelFixtures.PapersNow(decision)).Refusal.Message, "CAMHS North", TestIds.Camhs.Value);
        AssertNamed(names => new PanelAftercare { Names = names }.QuarterlyAudit([decision], [], new DateOnly(2026, 6, 1), _ => consent)[0].Suspension!.Message,
            "Health Visiting", TestIds.HealthVisiting.Value);
        Assert.Same(CafNames.Ids, new PanelAftercare().Names);
    }

    [Fact]
    public void AddCafCore_passes_the_hosts_names_to_the_selector_and_the_aftercare()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Directory);
        services.AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog());
        services.AddCafCore();
        using var provider = services.BuildServiceProvider();

        Assert.Same(Directory, provider.GetRequiredService<PanelAftercare>().Names);
        Assert.Same(Directory, provider.GetRequiredService<EpisodePolicy>().Closure.Names);
        var request = LeadProfessionalScenario.Request(LeadProfessionalScenario.Teacher());
        var reason = provider.GetRequiredService<LeadProfessionalSelector>().Select(request).Ranked[0].Constraints[(int)LeadProfessionalConstraint.SharingAllowed].Reason;
        Assert.StartsWith("Oakfield Primary ", reason, StringComparison.Ordinal);
    }
}
