using System;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;

namespace Caf.Core.Benchmarks;

/// <summary>
/// Lead-professional selection is run interactively. Baseline: only sorting the candidates by id (the
/// n log n floor any ranking pays); the ratio is what the constraints, scores and explanations add.
/// A family typically has 3–10 practitioners; 500 checks nothing grows quadratically.
/// </summary>
[MemoryDiagnoser]
public class LeadProfessionalBenchmarks
{
    private static readonly string[] Needs = ["attendance", "behaviour", "sleep", "housing", "speech", "diet", "anxiety", "bullying"];

    private LeadProfessionalSelector _selector = null!;
    private LeadProfessionalSelectionRequest _request = null!;

    [Params(5, 50, 500)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var agencies = Enumerable.Range(0, 12).Select(i => new AgencyId($"agency-{i}")).ToArray();
        var random = new Random(42);
        var candidates = Enumerable.Range(0, Candidates).Select(i => new LeadProfessionalCandidate(
            new PractitionerId($"pr-{random.Next():x8}-{i}"),
            agencies[random.Next(agencies.Length)],
            (AgencyKind)random.Next(9),
            "Practitioner",
            random.Next(4) > 0,
            (ContactFrequency)random.Next(5),
            [.. Needs.Where(_ => random.Next(3) == 0)],
            random.Next(12))).ToImmutableArray();
        var consent = ConsentState.Empty.With(new ConsentRecord(
            ConsentGiverRole.ParentWithParentalResponsibility, "Parent", ConsentDecision.Given, ConsentForm.Written, [agencies[3]]));
        _request = new LeadProfessionalSelectionRequest(new EpisodeId("episode-bench"), consent, new Actor(candidates[0].Practitioner, candidates[0].Agency))
        {
            Candidates = candidates,
            PlanNeeds = [.. Needs.Take(5)],
            FamilyPreference = candidates[^1].Practitioner,
            LeadRolesByAgency = agencies.ToImmutableDictionary(a => a, _ => random.Next(30)),
        };
        _selector = new LeadProfessionalSelector(new LeadProfessionalOptions(), new ExcludedAgencySharing());
    }

    [Benchmark(Baseline = true, Description = "sort candidates by id only (floor)")]
    public LeadProfessionalCandidate[] SortOnly()
    {
        var copy = _request.Candidates.ToArray();
        Array.Sort(copy, static (x, y) => x.Practitioner.CompareTo(y.Practitioner));
        return copy;
    }

    [Benchmark(Description = "LeadProfessionalSelector.Select (ranked + explained)")]
    public LeadProfessionalSelection Select() => _selector.Select(_request);

    private sealed class ExcludedAgencySharing : ISharingService
    {
        public SharingDecision Decide(EpisodeId episode, ConsentState consent, AgencyId agency, SharingPurpose purpose, Actor requestedBy) =>
            consent.Excludes(agency) ? new(false, "CONS-05", "excluded") : new(true, "SHARE-01", "covered");

        public SharingDecision Evaluate(ConsentState consent, AgencyId agency, SharingPurpose purpose, int? childAgeInYears) =>
            consent.Excludes(agency) ? new(false, "CONS-05", "excluded") : new(true, "SHARE-01", "covered");

        public void Record(SharingAuditEntry entry)
        {
        }
    }
}
