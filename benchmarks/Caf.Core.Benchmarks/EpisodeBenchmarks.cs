using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;
using Stateless;

namespace Caf.Core.Benchmarks;

/// <summary>
/// The episode aggregate with plans and reviews (issue 11 "Speed stays where it is"): replaying a 40-event
/// episode (consent, assessment, LP appointment, a four-action plan, reviews, a revision, more reviews) and one
/// command (a review) on a loaded episode, against two baselines run on the same 40 transitions: the Stateless
/// machine configured per call (what a naive host does) and a hand-written <c>switch</c> over the states (the
/// limit: no checks, no events). Targets: ≤ 1 µs and ≤ 2 KB per applied event.
/// </summary>
[MemoryDiagnoser]
public class EpisodeBenchmarks
{
    private const int Pool = 256;

    private static readonly Actor Teacher = new(new PractitionerId("pr-teacher"), new AgencyId("school"));
    private static readonly Actor HealthVisitor = new(new PractitionerId("pr-hv"), new AgencyId("health-visiting"));
    private static readonly ChildDetails Child = new(new ChildId("child-1"), new DateOnly(2016, 9, 1));
    private static readonly ConsentRecord Consent = new(
        ConsentGiverRole.ParentWithParentalResponsibility, "Ms Smith", ConsentDecision.Given, ConsentForm.Written, []) { SharingExplained = true }; // CONS-09
    private static readonly AssessmentSummary Assessment = new("default", "1.0.0", ThresholdLevel.Complex, ThresholdRoute.CafMultiAgency, ["attendance"]);

    private readonly EpisodePolicy _policy = EpisodePolicy.Default(TimeProvider.System, new NullAuditLog());
    private IReadOnlyList<CafEvent> _history = [];
    private EpisodeAction[] _actions = [];
    private CafEpisode[] _loaded = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var walked = Walk();
        _history = walked.Events.ToImmutableArray();
        if (_history.Count != 40)
        {
            throw new InvalidOperationException($"The walk should record 40 events, not {_history.Count}.");
        }

        _actions = [.. _history.Skip(1).Select(ActionOf)];
    }

    /// <summary>The 40-event history of <see cref="Setup"/> (read by <see cref="PolicyVersionReplayBenchmarks"/>).</summary>
    internal IReadOnlyList<CafEvent> History => _history;

    /// <summary>The policy the history was recorded under.</summary>
    internal EpisodePolicy Policy => _policy;

    [IterationSetup(Target = nameof(OneCommandOnALoadedEpisode))]
    public void LoadEpisodes()
    {
        _loaded = [.. Enumerable.Range(0, Pool).Select(_ => CafEpisode.Rebuild(_policy, _history))];
        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "baseline: Stateless configured per call, 39 transitions")]
    public EpisodeState StatelessPerCall()
    {
        var state = EpisodeState.Identified;
        var machine = new StateMachine<EpisodeState, EpisodeAction>(() => state, s => state = s);
        machine.Configure(EpisodeState.Identified)
            .PermitReentry(EpisodeAction.RecordConsent)
            .Permit(EpisodeAction.StartAssessment, EpisodeState.Assessing);
        machine.Configure(EpisodeState.Assessing)
            .Permit(EpisodeAction.CompleteAssessment, EpisodeState.Assessed);
        machine.Configure(EpisodeState.Assessed)
            .PermitReentry(EpisodeAction.ChooseSupport)
            .PermitReentry(EpisodeAction.NominateLeadProfessional)
            .PermitReentry(EpisodeAction.ConfirmNomination)
            .PermitReentry(EpisodeAction.RecordFamilyAgreement)
            .Permit(EpisodeAction.AgreePlan, EpisodeState.PlanActive);
        machine.Configure(EpisodeState.PlanActive)
            .PermitReentry(EpisodeAction.HoldReview)
            .PermitReentry(EpisodeAction.RevisePlan)
            .Permit(EpisodeAction.Close, EpisodeState.Closed);
        foreach (var action in _actions)
        {
            machine.Fire(action);
        }

        return state;
    }

    [Benchmark(Description = "limit: hand-written switch, 39 transitions")]
    public EpisodeState HandWrittenSwitch()
    {
        var state = EpisodeState.Identified;
        foreach (var action in _actions)
        {
            state = (state, action) switch
            {
                (EpisodeState.Identified, EpisodeAction.RecordConsent) => state,
                (EpisodeState.Identified, EpisodeAction.StartAssessment) => EpisodeState.Assessing,
                (EpisodeState.Assessing, EpisodeAction.CompleteAssessment) => EpisodeState.Assessed,
                (EpisodeState.Assessed, EpisodeAction.ChooseSupport or EpisodeAction.NominateLeadProfessional
                    or EpisodeAction.ConfirmNomination or EpisodeAction.RecordFamilyAgreement) => state,
                (EpisodeState.Assessed, EpisodeAction.AgreePlan) => EpisodeState.PlanActive,
                (EpisodeState.PlanActive, EpisodeAction.HoldReview or EpisodeAction.RevisePlan) => state,
                (EpisodeState.PlanActive, EpisodeAction.Close) => EpisodeState.Closed,
                _ => throw new InvalidOperationException($"{action} is not possible in {state}."),
            };
        }

        return state;
    }

    [Benchmark(Description = "replay: rebuild from 40 events (every check)")]
    public CafEpisode Replay40() => CafEpisode.Rebuild(_policy, _history);

    [Benchmark(Description = "one command (a review) on a loaded 40-event episode")]
    [InvocationCount(Pool)]
    public Result OneCommandOnALoadedEpisode()
    {
        var e = _loaded[_next++];
        return e.HoldReview(HealthVisitor, Review(e.Plan!, e.Plan!.AgreedOn, ReviewProgress.Sufficient));
    }

    /// <summary>The benchmark measures the episode, not an audit store.</summary>
    private sealed class NullAuditLog : ISharingAuditLog
    {
        public void Record(SharingAuditEntry entry)
        {
        }
    }

    private static EpisodeAction ActionOf(CafEvent e) => e switch
    {
        Lifecycle.Events.ConsentRecorded => EpisodeAction.RecordConsent,
        Lifecycle.Events.AssessmentStarted => EpisodeAction.StartAssessment,
        Lifecycle.Events.AssessmentCompleted => EpisodeAction.CompleteAssessment,
        Lifecycle.Events.NextStepChosen => EpisodeAction.ChooseSupport,
        Lifecycle.Events.LeadProfessionalNominated => EpisodeAction.NominateLeadProfessional,
        Lifecycle.Events.NominationConfirmedBySupervisor => EpisodeAction.ConfirmNomination,
        Lifecycle.Events.NominationAgreedByFamily => EpisodeAction.RecordFamilyAgreement,
        Lifecycle.Events.PlanAgreed => EpisodeAction.AgreePlan,
        Lifecycle.Events.PlanRevised => EpisodeAction.RevisePlan,
        Lifecycle.Events.ReviewHeld => EpisodeAction.HoldReview,
        _ => throw new InvalidOperationException(e.GetType().Name),
    };

    private static ActionPlan Plan(DateOnly on) => new()
    {
        AgreedOn = on,
        Outcomes = [new("on-time", "Amy is in school on time every day", "Calmer mornings", "Attendance above 95%"), new("weight", "Amy grows well", "Breakfast every day", "Weight on her curve")],
        FamilyStrengths = ["Mum is determined"],
        ChildsViews = "Amy likes breakfast club.",
        ChildInvolvement = "Amy chose her breakfast club at the meeting.", // PLAN-05
        Actions =
        [
            new("a-mentor", "Mentor every Monday", ActionOwner.ForPractitioner(Teacher), on.AddDays(35), serves: ["on-time"]),
            new("a-weigh", "Weigh monthly", ActionOwner.ForPractitioner(HealthVisitor), on.AddDays(60), serves: ["weight"]) { WithinOwnersCompetence = true }, // LP-12: the lead professional's own action
            new("a-alarm", "Mum sets an alarm", ActionOwner.Family, on.AddDays(14), serves: ["on-time"]),
            new("a-club", "Breakfast club", ActionOwner.ChildOrYoungPerson, on.AddDays(14), serves: ["weight"]),
        ],
        ReviewArrangements = new(on.AddDays(42), ReviewForm.Meeting),
    };

    private static ReviewRecord Review(ActionPlan plan, DateOnly on, ReviewProgress overall) => new()
    {
        Form = ReviewForm.Meeting,
        HeldOn = on,
        Chair = HealthVisitor.Practitioner,
        NoteTaker = Teacher.Practitioner,
        ParentInvited = true,
        ChildInvited = true,
        ChildInvolvement = "Amy said how the mornings went.", // PLAN-05
        Progress = [.. plan.Actions.Select(a => new ActionProgressEntry(a.Id, a.Id == "a-mentor" && overall == ReviewProgress.Insufficient ? ActionProgress.NotCarriedOut : ActionProgress.InProgress))],
        OverallProgress = overall,
        NextReviewDue = on.AddDays(42),
    };

    // 40 events: opening, consent, assessment (2), next step, appointment (3), plan, 15 reviews, a revision, 15 reviews.
    private CafEpisode Walk()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var e = CafEpisode.IdentifyConcern(_policy, new EpisodeId("ep-1"), Child, Teacher, "Attendance");
        Check(e.RecordConsent(Teacher, Consent, "Consent to assess and share."));
        Check(e.StartAssessment(Teacher, "Attendance and weight."));
        Check(e.CompleteAssessment(Teacher, Assessment, AbsentParentInvolvement.WasInvolved, "Needs across school and health."));
        Check(e.ChooseNextStep(Teacher, NextStep.MultiAgencySupport, "school and health"));
        Check(e.AppointLeadProfessional(Teacher, new LeadProfessionalCandidate(HealthVisitor.Practitioner, HealthVisitor.Agency, AgencyKind.Health, "Health visitor", true, ContactFrequency.Weekly, [], 0), new PractitionerId("pr-sup"), new FamilyAgreement("agreed"), "weekly"));
        Check(e.AgreePlan(HealthVisitor, Plan(today), "Agreed at the TAC."));
        for (var i = 0; i < 15; i++)
        {
            Check(e.HoldReview(HealthVisitor, Review(e.Plan!, today, i == 1 ? ReviewProgress.Insufficient : ReviewProgress.Sufficient)));
        }

        Check(e.RevisePlan(HealthVisitor, e.Plan!.Revise(today), "Revised at review 15."));
        for (var i = 0; i < 15; i++)
        {
            Check(e.HoldReview(HealthVisitor, Review(e.Plan!, today, ReviewProgress.Sufficient)));
        }

        return e;
    }

    private static void Check(Result r)
    {
        if (r.IsRefused)
        {
            throw new InvalidOperationException(r.Refusal.ToString());
        }
    }
}
