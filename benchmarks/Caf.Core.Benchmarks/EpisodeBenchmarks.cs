using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Benchmarks;

/// <summary>
/// The episode aggregate: a live walk of 20 commands (the baseline), rebuilding the same episode from its
/// 20 events, and the UI port. Per-command cost ≈ the walk's time / 20 (it includes opening the episode,
/// which configures its state machine once). Targets (later benchmark issue): command ≤ 1 µs and ≤ 2 KB,
/// "what next" ≤ 2 µs, rebuild from 20 events ≤ 20 µs.
/// </summary>
[MemoryDiagnoser]
public class EpisodeBenchmarks
{
    private static readonly Actor Teacher = new(new PractitionerId("pr-teacher"), new AgencyId("school"));
    private static readonly Actor HealthVisitor = new(new PractitionerId("pr-hv"), new AgencyId("health-visiting"));
    private static readonly ChildDetails Child = new(new ChildId("child-1"), new DateOnly(2016, 9, 1));
    private static readonly ConsentRecord Consent = new(
        ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, []);
    private static readonly AssessmentSummary Assessment = new("default", "1.0.0", 3, "multi-agency", ["attendance"]);

    private readonly EpisodePolicy _policy = EpisodePolicy.Default(TimeProvider.System, new NullAuditLog());
    private IReadOnlyList<CafEvent> _history = [];
    private CafEpisode _planActive = null!;

    [GlobalSetup]
    public void Setup()
    {
        _planActive = Walk();
        _history = _planActive.Events.ToImmutableArray();
        if (_history.Count != 20)
        {
            throw new InvalidOperationException($"The walk should record 20 events, not {_history.Count}.");
        }
    }

    [Benchmark(Baseline = true, Description = "live walk: 20 events (17 commands)")]
    public CafEpisode LiveWalk() => Walk();

    [Benchmark(Description = "rebuild from the same 20 events")]
    public CafEpisode Rebuild() => CafEpisode.Rebuild(_policy, _history);

    [Benchmark(Description = "PermittedActions (no reasons)")]
    public int PermittedActions()
    {
        var n = 0;
        foreach (var _ in _planActive.PermittedActions)
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "GetAvailableActions (with reasons)")]
    public ImmutableArray<ActionAvailability> AvailableActions() => _planActive.GetAvailableActions();

    /// <summary>The benchmark measures the episode, not an audit store.</summary>
    private sealed class NullAuditLog : ISharingAuditLog
    {
        public void Record(SharingAuditEntry entry)
        {
        }
    }

    private CafEpisode Walk()
    {
        var e = CafEpisode.IdentifyConcern(_policy, new EpisodeId("ep-1"), Child, Teacher, "Attendance");
        e.RecordConsent(Teacher, Consent);
        e.StartAssessment(Teacher);
        e.CompleteAssessment(Teacher, Assessment);
        e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "school and health");
        e.AppointLeadProfessional(Teacher, new LeadProfessionalCandidate(HealthVisitor.Practitioner, HealthVisitor.Agency, AgencyKind.Health, "Health visitor", true, ContactFrequency.Weekly, [], 0), new PractitionerId("pr-sup"), "agreed", "weekly");
        e.AgreePlan(Teacher, ["attends"], [Teacher.Agency, HealthVisitor.Agency], false, new DateOnly(2026, 6, 1));
        for (var i = 0; i < 11; i++)
        {
            e.HoldReview(HealthVisitor, ReviewProgress.Sufficient, "on track", new DateOnly(2026, 7, 1));
        }

        return e;
    }
}
