using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.Tests.LeadProfessional;

/// <summary>Invariants of lead-professional selection (docs/rules.md, LP), over random families, policies and orders.</summary>
public class LeadProfessionalSelectorProperties
{
    private static readonly AgencyId[] Agencies =
        [TestIds.School, TestIds.HealthVisiting, TestIds.YouthService, TestIds.Camhs];

    private static readonly string[] Needs = ["attendance", "behaviour", "sleep", "housing", "speech"];

    /// <summary>A random selection: request, policy, the same candidates shuffled, and a candidate index to vary.</summary>
    public sealed record Scenario(LeadProfessionalSelectionRequest Request, LeadProfessionalOptions Options, ImmutableArray<LeadProfessionalCandidate> Shuffled, int Pick)
    {
        public LeadProfessionalCandidate Picked => Request.Candidates[Pick];

        public override string ToString() =>
            $"candidates: {string.Join("; ", Request.Candidates.Select(c => $"{c.Practitioner}@{c.Agency} trained={c.IsLeadProfessionalTrained} {c.ContactFrequency} [{string.Join(",", c.Addresses)}] load={c.CurrentLeadCaseload} inNetwork={c.IsWorkingWithFamily}"))}; " +
            $"plan [{string.Join(",", Request.PlanNeeds)}]; excluded [{string.Join(",", Agencies.Where(Request.Consent.Excludes))}]; " +
            $"roles [{string.Join(",", Request.LeadRolesByAgency.Select(p => $"{p.Key}={p.Value}"))}]; pref {Request.FamilyPreference}; panel {Request.PanelRecommendation}; " +
            $"weights {Options.RelevanceWeight}/{Options.ContactFrequencyWeight}/{Options.FamilyPreferenceWeight}/{Options.AgencyBalanceWeight}/{Options.PanelRecommendationWeight} " +
            $"training {Options.RequireTraining} cap {Options.CaseloadCap}; pick {Pick}";
    }

    /// <summary>Two candidates identical but for their agency (and id); the first one's agency holds fewer LP roles.</summary>
    public sealed record Twins(Scenario Scenario, LeadProfessionalCandidate LessBurdened, LeadProfessionalCandidate MoreBurdened);

    public static class Arbitraries
    {
        private static readonly Gen<double> Weight = Gen.Elements(0.0, 0.5, 1.0, 2.0, 3.0);

        private static Gen<LeadProfessionalCandidate> CandidateGen(AgencyId[] agencies) =>
            from agency in Gen.Elements(agencies)
            from kind in Gen.Elements(Enum.GetValues<AgencyKind>())
            from trained in Gen.Elements(true, true, true, false)
            from contact in Gen.Elements(Enum.GetValues<ContactFrequency>())
            from addresses in Gen.SubListOf(Needs)
            from caseload in Gen.Choose(0, 12)
            from inNetwork in Gen.Elements(true, true, true, false)
            select new LeadProfessionalCandidate(
                new PractitionerId("placeholder"), agency, kind, "Practitioner", trained, contact, [.. addresses], caseload, inNetwork);

        private static Gen<LeadProfessionalOptions> OptionsGen =>
            from relevance in Weight
            from contact in Weight
            from preference in Weight
            from balance in Weight
            from panel in Weight
            from training in Gen.Elements(true, false)
            from cap in Gen.Elements<int?>(null, 5, 10)
            select new LeadProfessionalOptions
            {
                RelevanceWeight = relevance, ContactFrequencyWeight = contact, FamilyPreferenceWeight = preference,
                AgencyBalanceWeight = balance, PanelRecommendationWeight = panel, RequireTraining = training, CaseloadCap = cap,
            };

        private static Gen<Scenario> ScenarioGen =>
            from count in Gen.Choose(1, 8)
            from raw in Gen.ArrayOf(CandidateGen(Agencies), count)
            from ids in Gen.Shuffle(Enumerable.Range(0, count).Select(i => $"p{i:00}"))
            from plan in Gen.SubListOf(Needs)
            from excluded in Gen.SubListOf(Agencies)
            from roles in Gen.ArrayOf(Gen.Choose(0, 20), Agencies.Length)
            from preference in Gen.Choose(-1, count)
            from panel in Gen.Choose(-1, count)
            from options in OptionsGen
            from pick in Gen.Choose(0, count - 1)
            let candidates = raw.Select((c, i) => c with { Practitioner = new PractitionerId(ids[i]) }).ToImmutableArray()
            from shuffled in Gen.Shuffle(candidates.ToArray())
            select new Scenario(
                LeadProfessionalScenario.Request([.. candidates]) with
                {
                    Consent = LeadProfessionalScenario.ConsentExcluding([.. excluded]),
                    PlanNeeds = [.. plan],
                    LeadRolesByAgency = Agencies.Zip(roles).ToImmutableDictionary(p => p.First, p => p.Second),
                    // Index == count names a practitioner who is not a candidate; -1 names nobody.
                    FamilyPreference = preference < 0 ? null : new PractitionerId($"p{preference:00}"),
                    PanelRecommendation = panel < 0 ? null : new PractitionerId($"p{panel:00}"),
                },
                options,
                [.. shuffled],
                pick);

        public static Arbitrary<Scenario> Scenarios() => Arb.From(ScenarioGen);

        public static Arbitrary<Twins> TwinPairs()
        {
            AgencyId quiet = new("twin-agency-a"), busy = new("twin-agency-b");
            var gen =
                from scenario in ScenarioGen
                from twin in CandidateGen([quiet])
                from quietRoles in Gen.Choose(0, 15)
                from extra in Gen.Choose(1, 10)
                from quietIdFirst in Gen.Elements(true, false)
                let lessBurdened = twin with { Practitioner = new PractitionerId(quietIdFirst ? "t1" : "t2") }
                let moreBurdened = twin with { Practitioner = new PractitionerId(quietIdFirst ? "t2" : "t1"), Agency = busy }
                let request = scenario.Request with
                {
                    Candidates = scenario.Request.Candidates.Add(moreBurdened).Add(lessBurdened),
                    LeadRolesByAgency = scenario.Request.LeadRolesByAgency.Add(quiet, quietRoles).Add(busy, quietRoles + extra),
                }
                select new Twins(scenario with { Request = request }, lessBurdened, moreBurdened);
            return Arb.From(gen);
        }
    }

    private static LeadProfessionalSelection Select(Scenario s, LeadProfessionalSelectionRequest? request = null) =>
        new LeadProfessionalSelector(s.Options, new ExclusionSharingService()).Select(request ?? s.Request);

    private static int RankOf(LeadProfessionalSelection selection, PractitionerId practitioner) =>
        selection.Ranked.Single(r => r.Candidate.Practitioner == practitioner).Rank;

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Permutation_invariance_the_same_LP_and_explanations_for_any_order_of_candidates(Scenario s)
    {
        var original = Select(s);
        var shuffled = Select(s, s.Request with { Candidates = s.Shuffled });

        return original.Chosen?.Candidate.Practitioner == shuffled.Chosen?.Candidate.Practitioner
            && original.Escalation?.Reason == shuffled.Escalation?.Reason
            && original.Ranked.Select(r => r.Explain()).SequenceEqual(shuffled.Ranked.Select(r => r.Explain()))
            && original.Ranked.Zip(shuffled.Ranked).All(p =>
                p.First.TotalScore.Equals(p.Second.TotalScore)
                && p.First.Constraints.SequenceEqual(p.Second.Constraints)
                && p.First.Criteria.SequenceEqual(p.Second.Criteria));
    }

    [Trait("Rule", "LP-11")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool LP11_an_agency_excluded_by_partial_consent_is_never_selected(Scenario s)
    {
        var selection = Select(s);

        return selection.Ranked.All(r => !s.Request.Consent.Excludes(r.Candidate.Agency) || !r.IsEligible)
            && (selection.Chosen is null || !s.Request.Consent.Excludes(selection.Chosen.Candidate.Agency));
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool An_ineligible_candidate_is_never_ranked_above_an_eligible_one(Scenario s)
    {
        var ranked = Select(s).Ranked;
        var firstIneligible = ranked.IndexOf(ranked.FirstOrDefault(r => !r.IsEligible)!);
        return firstIneligible < 0 || ranked.Skip(firstIneligible).All(r => !r.IsEligible);
    }

    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool Exactly_one_of_chosen_and_escalation_and_the_chosen_is_eligible(Scenario s)
    {
        var selection = Select(s);
        var anyEligible = selection.Ranked.Any(r => r.IsEligible);
        return anyEligible
            ? selection.Chosen is { IsEligible: true, Rank: 1 } && selection.Escalation is null
            : selection.Chosen is null && selection.Escalation is { RuleId: "LP-09" };
    }

    [Trait("Rule", "LP-04")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool LP04_raising_a_candidates_relevance_never_lowers_their_rank(Scenario s)
    {
        var more = s.Picked with { Addresses = s.Picked.Addresses.AddRange(s.Request.PlanNeeds) };
        var raised = s.Request with { Candidates = s.Request.Candidates.SetItem(s.Pick, more) };

        return RankOf(Select(s, raised), more.Practitioner) <= RankOf(Select(s), s.Picked.Practitioner);
    }

    [Trait("Rule", "LP-05")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool LP05_becoming_the_familys_preference_never_lowers_a_candidates_rank(Scenario s)
    {
        var preferred = s.Request with { FamilyPreference = s.Picked.Practitioner };

        return RankOf(Select(s, preferred), s.Picked.Practitioner) <= RankOf(Select(s), s.Picked.Practitioner);
    }

    [Trait("Rule", "LP-07")]
    [Property(Arbitrary = [typeof(Arbitraries)])]
    public bool LP07_of_two_equally_good_candidates_the_one_from_the_less_burdened_agency_wins(Twins t)
    {
        var selection = Select(t.Scenario);

        return RankOf(selection, t.LessBurdened.Practitioner) < RankOf(selection, t.MoreBurdened.Practitioner);
    }
}
