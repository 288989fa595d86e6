using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Caf.Core.Tests.LeadProfessional.LeadProfessionalScenario;

namespace Caf.Core.Tests.LeadProfessional;

/// <summary>
/// Examples from the seeds: a primary-school teacher who sees the child daily (Leicestershire: most LPs are
/// school staff), a health visitor and a youth worker, all working with one family (Bedfordshire §3).
/// </summary>
public class LeadProfessionalSelectorTests
{
    private static readonly ImmutableArray<string> Plan = ["attendance", "behaviour", "sleep"];

    private static readonly ImmutableDictionary<AgencyId, int> Roles = ImmutableDictionary<AgencyId, int>.Empty
        .Add(TestIds.School, 6).Add(TestIds.HealthVisiting, 2);

    private readonly ExclusionSharingService _sharing = new();

    private LeadProfessionalSelector Selector(LeadProfessionalOptions? options = null) => new(options ?? new LeadProfessionalOptions(), _sharing);

    /// <summary>Teacher addresses 2 of 3 needs daily; health visitor 1 of 3 fortnightly; youth worker none, weekly.</summary>
    private static LeadProfessionalSelectionRequest Family(ConsentState? consent = null) =>
        Request(Teacher(["attendance", "behaviour"]), HealthVisitor(["sleep"]), Youth()) with
        {
            PlanNeeds = Plan,
            LeadRolesByAgency = Roles,
            Consent = consent ?? ConsentExcluding(),
        };

    [Trait("Rule", "LP-04")]
    [Fact]
    public void LP04_the_candidate_most_relevant_to_the_plan_and_in_daily_contact_is_chosen_with_every_score_explained()
    {
        var selection = Selector().Select(Family());

        Assert.Equal([TestIds.Teacher, TestIds.HealthVisitor, YouthWorker], selection.Ranked.Select(r => r.Candidate.Practitioner));
        Assert.Equal(TestIds.Teacher, selection.Chosen!.Candidate.Practitioner);
        Assert.Null(selection.Escalation);

        // Teacher, default weights: relevance 2/3 x 3 = 2; daily contact 1 x 1 = 1; no preference; school holds
        // the most LP roles (6 of 6) so balance 0; no panel recommendation. Total 3.
        var teacher = selection.Chosen;
        Assert.Equal(3.0, teacher.TotalScore, 9);
        Assert.Equal(
            [(LeadProfessionalCriterion.Relevance, "LP-04", 2.0, Math.Round(2.0 / 3, 9), 3.0, 2.0),
             (LeadProfessionalCriterion.ContactFrequency, "LP-04", 4.0, 1.0, 1.0, 1.0),
             (LeadProfessionalCriterion.FamilyPreference, "LP-05", 0.0, 0.0, 2.0, 0.0),
             (LeadProfessionalCriterion.AgencyBalance, "LP-07", 6.0, 0.0, 1.0, 0.0),
             (LeadProfessionalCriterion.PanelRecommendation, "LP-08", 0.0, 0.0, 2.0, 0.0)],
            teacher.Criteria.Select(c => (c.Criterion, c.RuleId, c.RawValue, Math.Round(c.Value, 9), c.Weight, Math.Round(c.Score, 9))));
        Assert.Contains("Addresses 2 of 3 plan needs/actions: attendance, behaviour.", teacher.Criteria[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["LP-03", "LP-11", "LP-04", "LP-06"], teacher.Constraints.Select(c => c.RuleId));
        Assert.All(teacher.Constraints, c => Assert.True(c.Held, c.Reason));

        // Health visitor: 1/3 x 3 = 1; fortnightly 0.5; balance 1 - 2/6 = 2/3. Youth worker: 0; weekly 0.75; balance 1.
        Assert.Equal(1 + 0.5 + (2.0 / 3), selection.Ranked[1].TotalScore, 9);
        Assert.Equal(1.75, selection.Ranked[2].TotalScore, 9);
        Assert.Equal([1, 2, 3], selection.Ranked.Select(r => r.Rank));
        Assert.Contains("#1 pr-teacher-jones", teacher.Explain(), StringComparison.Ordinal);
    }

    [Trait("Rule", "LP-03")]
    [Fact]
    public void LP03_a_practitioner_not_already_working_with_the_family_is_shown_but_not_eligible()
    {
        var outsider = Teacher(["attendance", "behaviour"]) with { IsWorkingWithFamily = false };
        var selection = Selector().Select(Family() with { Candidates = [outsider, HealthVisitor(["sleep"]), Youth()] });

        Assert.Equal(TestIds.HealthVisitor, selection.Chosen!.Candidate.Practitioner);
        var shown = selection.Ranked.Single(r => r.Candidate.Practitioner == TestIds.Teacher);
        Assert.False(shown.IsEligible);
        Assert.Equal(3, shown.Rank);
        var failed = Assert.Single(shown.Constraints, c => !c.Held);
        Assert.Equal((LeadProfessionalConstraint.InNetwork, "LP-03"), (failed.Constraint, failed.RuleId));
    }

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_an_agency_excluded_by_partial_consent_is_never_chosen_even_when_preferred_and_recommended()
    {
        var request = Family(ConsentExcluding(TestIds.School)) with
        {
            FamilyPreference = TestIds.Teacher,
            PanelRecommendation = TestIds.Teacher,
        };

        var selection = Selector().Select(request);

        Assert.Equal(TestIds.HealthVisitor, selection.Chosen!.Candidate.Practitioner);
        var teacher = selection.Ranked[^1];
        Assert.Equal(TestIds.Teacher, teacher.Candidate.Practitioner);
        Assert.False(teacher.IsEligible);
        var failed = Assert.Single(teacher.Constraints, c => !c.Held);
        Assert.Equal((LeadProfessionalConstraint.SharingAllowed, "LP-11"), (failed.Constraint, failed.RuleId));
        Assert.Contains("CONS-05", failed.Reason, StringComparison.Ordinal);
        // Teacher's score is the highest of all (3 + 2 + 2), yet it stays below every eligible candidate.
        Assert.Equal(7.0, teacher.TotalScore, 9);
    }

    [Trait("Rule", "LP-11")]
    [Fact]
    public void LP11_the_sharing_service_is_asked_once_per_agency_in_agency_order_for_the_LP_purpose()
    {
        var secondTeacher = Candidate(new PractitionerId("pr-teacher-brown"), TestIds.School);
        Selector().Select(Request(Youth(), Teacher(), HealthVisitor(), secondTeacher));

        Assert.Equal(
            [(TestIds.HealthVisiting, SharingPurpose.LeadProfessional), (TestIds.School, SharingPurpose.LeadProfessional), (TestIds.YouthService, SharingPurpose.LeadProfessional)],
            _sharing.Asked);
    }

    [Trait("Rule", "LP-04")]
    [Fact]
    public void LP04_an_untrained_practitioner_is_ineligible_unless_local_policy_waives_training()
    {
        var untrained = Family() with { Candidates = [Teacher(["attendance", "behaviour"]) with { IsLeadProfessionalTrained = false }, HealthVisitor(["sleep"])] };

        var required = Selector().Select(untrained);
        var waived = Selector(new LeadProfessionalOptions { RequireTraining = false }).Select(untrained);

        Assert.Equal(TestIds.HealthVisitor, required.Chosen!.Candidate.Practitioner);
        var failed = Assert.Single(required.Ranked[1].Constraints, c => !c.Held);
        Assert.Equal((LeadProfessionalConstraint.Trained, "LP-04"), (failed.Constraint, failed.RuleId));
        Assert.Equal(TestIds.Teacher, waived.Chosen!.Candidate.Practitioner);
        Assert.Contains("not required", waived.Chosen.Constraints[2].Reason, StringComparison.Ordinal);
    }

    [Trait("Rule", "LP-06")]
    [Theory]
    [InlineData(9, 10, true)]
    [InlineData(10, 10, false)]
    [InlineData(50, null, true)]
    public void LP06_a_practitioner_at_the_caseload_cap_is_not_eligible(int caseload, int? cap, bool eligible)
    {
        var selection = Selector(new LeadProfessionalOptions { CaseloadCap = cap }).Select(Request(Teacher(caseload: caseload)));

        var check = selection.Ranked[0].Constraints.Single(c => c.Constraint == LeadProfessionalConstraint.UnderCaseloadCap);
        Assert.Equal(("LP-06", eligible), (check.RuleId, check.Held));
        Assert.Equal(eligible, selection.Chosen is not null);
    }

    [Trait("Rule", "LP-04")]
    [Fact]
    public void LP04_more_frequent_contact_wins_when_everything_else_is_equal()
    {
        var weekly = Candidate(new PractitionerId("pr-a"), TestIds.Camhs, contact: ContactFrequency.Weekly);
        var monthly = Candidate(new PractitionerId("pr-b"), TestIds.HealthVisiting, contact: ContactFrequency.Monthly);

        var selection = Selector(Only(LeadProfessionalCriterion.ContactFrequency)).Select(Request(monthly, weekly));

        Assert.Equal(weekly.Practitioner, selection.Chosen!.Candidate.Practitioner);
        Assert.Equal(0.75, selection.Chosen.TotalScore, 9);
        Assert.Equal(0.25, selection.Ranked[1].TotalScore, 9);
    }

    [Trait("Rule", "LP-05")]
    [Fact]
    public void LP05_the_familys_preference_tips_the_balance_to_the_health_visitor()
    {
        var selection = Selector().Select(Family() with { FamilyPreference = TestIds.HealthVisitor });

        // Health visitor 13/6 + 2 = 25/6 beats the teacher's 3.
        Assert.Equal(TestIds.HealthVisitor, selection.Chosen!.Candidate.Practitioner);
        Assert.Equal(25.0 / 6, selection.Chosen.TotalScore, 9);
        Assert.Equal("The family prefers this practitioner.", selection.Chosen.Criteria[2].Reason);
        Assert.Equal("The family prefers someone else.", selection.Ranked[1].Criteria[2].Reason);
    }

    [Trait("Rule", "LP-07")]
    [Fact]
    public void LP07_between_equally_good_candidates_the_agency_carrying_fewer_LP_roles_is_chosen_not_the_school()
    {
        // Leicestershire proposed development 5: the majority of LPs are school staff today.
        var teacher = Candidate(TestIds.Teacher, TestIds.School, AgencyKind.School, addresses: ["attendance"]);
        var youth = Candidate(YouthWorker, TestIds.YouthService, AgencyKind.YouthService, addresses: ["attendance"]);
        var roles = ImmutableDictionary<AgencyId, int>.Empty.Add(TestIds.School, 12).Add(TestIds.YouthService, 3);

        var weighted = Selector().Select(Request(teacher, youth) with { PlanNeeds = ["attendance"], LeadRolesByAgency = roles });
        var tieBreakOnly = Selector(Only(LeadProfessionalCriterion.Relevance)).Select(Request(youth, teacher) with { PlanNeeds = ["attendance"], LeadRolesByAgency = roles });

        Assert.Equal(YouthWorker, weighted.Chosen!.Candidate.Practitioner);
        Assert.Equal(0.75, weighted.Chosen.Criteria[3].Value, 9); // 1 - 3/12
        Assert.Equal(0.0, weighted.Ranked[1].Criteria[3].Value, 9);
        // With agency balance weighted 0 the scores tie, and the tie-break still prefers fewer roles.
        Assert.Equal(tieBreakOnly.Ranked[0].TotalScore, tieBreakOnly.Ranked[1].TotalScore);
        Assert.Equal(YouthWorker, tieBreakOnly.Chosen!.Candidate.Practitioner);
        Assert.Equal(3, tieBreakOnly.Chosen.AgencyLeadRoles);
    }

    [Trait("Rule", "LP-08")]
    [Fact]
    public void LP08_a_panel_recommendation_counts_towards_the_choice()
    {
        var selection = Selector().Select(Family() with { PanelRecommendation = YouthWorker });

        // Youth worker 1.75 + 2 = 3.75 beats the teacher's 3.
        Assert.Equal(YouthWorker, selection.Chosen!.Candidate.Practitioner);
        Assert.Equal(3.75, selection.Chosen.TotalScore, 9);
        Assert.Equal("No panel recommendation.", Selector().Select(Family()).Chosen!.Criteria[4].Reason);
    }

    [Trait("Rule", "LP-09")]
    [Fact]
    public void LP09_when_nobody_is_eligible_the_selection_escalates_to_the_local_CAF_lead_then_the_panel_manager()
    {
        var request = Family(ConsentExcluding(TestIds.School)) with
        {
            Candidates = [Teacher(), HealthVisitor() with { IsLeadProfessionalTrained = false }, Youth() with { IsWorkingWithFamily = false }],
        };

        var selection = Selector().Select(request);

        Assert.Null(selection.Chosen);
        Assert.Empty(selection.Eligible);
        Assert.Equal(3, selection.Ranked.Length);
        var escalation = selection.Escalation!;
        Assert.Equal("LP-09", escalation.RuleId);
        Assert.Equal([EscalationLevel.LocalCafLead, EscalationLevel.CafPanelManager], escalation.Path.ToArray());
        Assert.Equal(
            "No eligible lead professional among 3 candidate(s): 1 not working with the family (LP-03); 1 agency excluded from sharing (LP-11); 1 not trained (LP-04).",
            escalation.Reason);
        var refusal = selection.ToResult().Refusal;
        Assert.Equal(("LP-09", "leadProfessional"), (refusal.RuleId, refusal.Field));
    }

    [Fact]
    public void LP09_no_candidates_at_all_is_an_escalation_not_an_exception()
    {
        var selection = Selector().Select(Request());

        Assert.Empty(selection.Ranked);
        Assert.Equal("No practitioner working with the family was put forward (LP-03).", selection.Escalation!.Reason);
        Assert.True(selection.ToResult().IsRefused);
    }

    [Fact]
    public void The_chosen_candidate_is_the_successful_result()
    {
        var selection = Selector().Select(Family());

        Assert.True(selection.ToResult().TryGetValue(out var chosen));
        Assert.Same(selection.Chosen, chosen);
        Assert.Equal(3, selection.Eligible.Length);
        Assert.Equal(LeadProfessionalScenario.Episode, selection.Episode);
    }

    [Fact]
    public void Misuse_throws_at_the_boundary()
    {
        var selector = Selector();
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(null!));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request(Teacher(), Teacher())));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request(Teacher(caseload: -1))));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request(Teacher() with { Addresses = default })));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request(Teacher() with { ContactFrequency = (ContactFrequency)9 })));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request() with { Candidates = default }));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request() with { Episode = default }));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request() with { FamilyPreference = default(PractitionerId) }));
        Assert.ThrowsAny<ArgumentException>(() => selector.Select(Request() with { LeadRolesByAgency = Roles.SetItem(TestIds.Camhs, -1) }));
        Assert.ThrowsAny<ArgumentException>(() => new LeadProfessionalSelector(new LeadProfessionalOptions(), null!));
        Assert.Empty(_sharing.Asked); // nothing was asked before the request was rejected
    }

    [Fact]
    public void Invalid_weights_are_reported_with_the_option_name_and_rule()
    {
        var options = new CafOptions();
        options.LeadProfessional.RelevanceWeight = -1;
        options.LeadProfessional.AgencyBalanceWeight = double.NaN;
        options.LeadProfessional.PanelRecommendationWeight = 101;

        var problems = options.Validate();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("LeadProfessional.RelevanceWeight", StringComparison.Ordinal) && p.Contains("LP-04", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("LeadProfessional.AgencyBalanceWeight", StringComparison.Ordinal) && p.Contains("LP-07", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("LeadProfessional.PanelRecommendationWeight", StringComparison.Ordinal) && p.Contains("LP-08", StringComparison.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => new LeadProfessionalSelector(options.LeadProfessional, _sharing));
        Assert.Contains("RelevanceWeight", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_weights_are_those_documented()
    {
        var options = new LeadProfessionalOptions();
        Assert.Equal((true, 10, 3.0, 1.0, 2.0, 1.0, 2.0), (options.RequireTraining, options.CaseloadCap, options.RelevanceWeight,
            options.ContactFrequencyWeight, options.FamilyPreferenceWeight, options.AgencyBalanceWeight, options.PanelRecommendationWeight));
    }

    [Fact]
    public void The_selector_copies_its_options()
    {
        var options = new LeadProfessionalOptions();
        var selector = new LeadProfessionalSelector(options, _sharing);
        options.RequireTraining = false;

        Assert.Null(selector.Select(Request(Teacher() with { IsLeadProfessionalTrained = false })).Chosen);
    }

    [Fact]
    public async Task SelectAsync_fetches_candidates_and_agency_roles_from_the_directory()
    {
        var directory = new Directory([Teacher(["attendance"]), Youth(["attendance"])], ImmutableDictionary<AgencyId, int>.Empty.Add(TestIds.School, 4));

        var selection = await Selector(Only(LeadProfessionalCriterion.AgencyBalance))
            .SelectAsync(directory, Request(HealthVisitor()) with { PlanNeeds = ["attendance"] });

        Assert.Equal(LeadProfessionalScenario.Episode, directory.AskedFor);
        Assert.Equal([YouthWorker, TestIds.Teacher], selection.Ranked.Select(r => r.Candidate.Practitioner));
    }

    [Fact]
    public void AddCafCore_registers_the_selector_with_the_configured_options()
    {
        using var services = new ServiceCollection()
            .AddSingleton<ISharingService>(_sharing)
            .AddCafCore(o => o.LeadProfessional.RequireTraining = false)
            .BuildServiceProvider();

        var selector = services.GetRequiredService<LeadProfessionalSelector>();

        Assert.Same(selector, services.GetRequiredService<LeadProfessionalSelector>());
        Assert.NotNull(selector.Select(Request(Teacher() with { IsLeadProfessionalTrained = false })).Chosen);
    }

    private sealed class Directory(ImmutableArray<LeadProfessionalCandidate> candidates, ImmutableDictionary<AgencyId, int> roles) : IPractitionerDirectory
    {
        public EpisodeId AskedFor { get; private set; }

        public ValueTask<ImmutableArray<LeadProfessionalCandidate>> GetCandidatesAsync(EpisodeId episode, CancellationToken cancellationToken = default)
        {
            AskedFor = episode;
            return ValueTask.FromResult(candidates);
        }

        public ValueTask<ImmutableDictionary<AgencyId, int>> GetLeadRolesByAgencyAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(roles);
    }
}
