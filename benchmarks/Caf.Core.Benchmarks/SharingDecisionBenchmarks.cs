using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Consent;
using Caf.Core.Primitives;

namespace Caf.Core.Benchmarks;

/// <summary>
/// The sharing decision is on a host's hot path (every read by a practitioner). The baseline is the
/// naive LINQ reading of the same rules (group records by person, take the last, search the exclusions,
/// format a reason); the library computes it with loops and constant reasons and allocates nothing on
/// the granted path. Only the computation is measured, not the audit write.
/// </summary>
[MemoryDiagnoser]
public class SharingDecisionBenchmarks
{
    private static readonly AgencyId School = new("school");
    private static readonly AgencyId Camhs = new("camhs");
    private static readonly AgencyId Youth = new("youth-service");
    private readonly SharingService _service = new(new NullLog(), System.TimeProvider.System);
    private ConsentState _state = ConsentState.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _state = ConsentState.Empty
            .With(new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Parent", ConsentDecision.Given, ConsentForm.Verbal, [Camhs]))
            .With(new ConsentRecord(ConsentGiverRole.YoungPerson, "Young person", ConsentDecision.Given, ConsentForm.Written, [Youth], true))
            .With(new ConsentRecord(ConsentGiverRole.ParentWithParentalResponsibility, "Parent", ConsentDecision.Given, ConsentForm.Written, [Camhs]));
    }

    [Benchmark(Baseline = true, Description = "naive LINQ (granted)")]
    public SharingDecision NaiveGranted() => Naive(_state, School);

    [Benchmark(Description = "SharingService (granted)")]
    public SharingDecision LibraryGranted() => _service.Compute(_state, School, SharingPurpose.PlanDelivery);

    [Benchmark(Description = "naive LINQ (excluded)")]
    public SharingDecision NaiveExcluded() => Naive(_state, Camhs);

    [Benchmark(Description = "SharingService (excluded)")]
    public SharingDecision LibraryExcluded() => _service.Compute(_state, Camhs, SharingPurpose.PlanDelivery);

    /// <summary>
    /// The former order of the excluded path: the consent resolved first (as the service did before exclusions were
    /// checked first), then the decision; the difference to 'SharingService (excluded)' is the resolution it skips.
    /// </summary>
    [Benchmark(Description = "resolution, then exclusions (former order, excluded)")]
    public SharingDecision FormerOrderExcluded()
    {
        _resolvedInForce = _policy.ResolveForSharing(_state).InForce;
        return _service.Compute(_state, Camhs, SharingPurpose.PlanDelivery);
    }

    private readonly ConsentPolicy _policy = new(new ConsentOptions());
    private bool _resolvedInForce;

    // ----- Issue 30: the legal basis (LAW-01) and the minimum for the purpose (SHARE-02) -----

    /// <summary>The granted decision as hosts and the episode receive it: the minimum named (SHARE-02) and the legal basis read (LAW-01).</summary>
    [Benchmark(Description = "with basis: granted, minimum named, legal basis read")]
    public LegalBasis WithBasisGranted()
    {
        var decision = _service.Minimised(_service.Compute(_state, School, SharingPurpose.PlanDelivery), SharingPurpose.PlanDelivery);
        return decision.Categories == InformationCategories.None ? LegalBasis.Consent : decision.LegalBasis;
    }

    /// <summary>The excluded decision with its legal basis read (a refusal names no categories).</summary>
    [Benchmark(Description = "with basis: excluded, legal basis read")]
    public LegalBasis WithBasisExcluded() =>
        _service.Minimised(_service.Compute(_state, Camhs, SharingPurpose.PlanDelivery), SharingPurpose.PlanDelivery).LegalBasis;

    /// <summary>LAW-02: the decision on a recorded consideration under the statutory duty (its reason is formatted: it allocates).</summary>
    [Benchmark(Description = "statutory duty: decision on a consideration")]
    public SharingDecision DutyDecision() => SharingService.UnderDuty(_consideration, SharingMinimum.Default);

    private readonly DutyToShareConsideration _consideration =
        new(Camhs, SharingPurpose.PlanDelivery, DutyToShareGround.Safeguarding, false, "CAMHS holds the risk history.", SharedItems.Plan);

    private static SharingDecision Naive(ConsentState state, AgencyId agency)
    {
        var latest = state.Records.GroupBy(r => r.GiverRole).Select(g => g.Last()).ToList();
        if (latest.SelectMany(r => r.ExcludedAgencies).Any(a => a == agency))
        {
            return new SharingDecision(false, "SHARE-01", $"The family excluded {agency} (CONS-05).");
        }

        var given = latest.Where(r => r.Decision == ConsentDecision.Given).ToList();
        return given.Count == latest.Count && given.Count > 0
            ? new SharingDecision(true, "SHARE-01", $"Consent of {string.Join(" and ", given.Select(r => r.GiverName))} covers {agency}.")
            : new SharingDecision(false, "SHARE-01", "No consent in force.");
    }

    private sealed class NullLog : ISharingAuditLog
    {
        public void Record(SharingAuditEntry entry)
        {
        }
    }
}
