using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;
using Stateless;

namespace Caf.Core.Lifecycle;

/// <summary>
/// One CAF episode: one common assessment for one child (or unborn baby), from the first identified
/// concern to closure (DESIGN.md §1). The aggregate of Caf.Core.
/// </summary>
/// <remarks>
/// <para>Every command either applies domain events (LIFE-11) or returns a <see cref="Refusal"/> carrying
/// the rule id, and then leaves the episode exactly as it was (LIFE-12). Misuse (null, default ids,
/// empty text) throws <see cref="ArgumentException"/>.</para>
/// <para>The lifecycle is defined once, with Stateless, in <c>CafEpisode.Lifecycle.cs</c>: guards, the
/// "what may happen next" answers (<see cref="GetAvailableActions"/>) and the diagrams
/// (<see cref="LifecycleDiagram"/>) all come from that one definition. The state machine is configured
/// once per instance, never per command.</para>
/// <para>The history is the list of <see cref="Events"/>; <see cref="Rebuild"/> replays it to the same
/// state. A closed episode is terminal and immutable (LIFE-10).</para>
/// </remarks>
/// <threadsafety>Mutable and not thread-safe: use one instance per unit of work, and optimistic
/// concurrency (<see cref="Version"/>) in the repository.</threadsafety>
[Mutable]
public sealed partial class CafEpisode
{
    private readonly EpisodePolicy _policy;
    private readonly List<CafEvent> _events = new(24);
    private readonly StateMachine<EpisodeState, EpisodeAction> _machine;
    private Func<bool>[] _guards = []; // same order as GuardDescriptions; set once by CreateMachine
    private EpisodeState _state;
    private bool _replaying;

    private ConsentState _consent = ConsentState.Empty;
    private ConsentEvaluation _consentEvaluation = null!;
    private ImmutableArray<LeadProfessionalRecord> _leadProfessionals = [];

    private CafEpisode(EpisodePolicy policy, CafEvent opening, EpisodeState initialState)
    {
        _policy = policy;
        _state = initialState; // set before the machine is built: Stateless reads it through the accessor
        _machine = CreateMachine();
        Id = opening.EpisodeId;
        OpenedAt = opening.OccurredAt;
        OpenedBy = opening.Actor;
    }

    /// <summary>The episode's id.</summary>
    public EpisodeId Id { get; }

    /// <summary>The child (or unborn baby).</summary>
    public ChildDetails Child { get; private set; } = null!;

    /// <summary>The current state.</summary>
    public EpisodeState State => _state;

    /// <summary>True until the episode is closed or transferred out (REG-01 counts open episodes).</summary>
    public bool IsOpen => _state is not (EpisodeState.Closed or EpisodeState.TransferredOut);

    /// <summary>The number of events applied: the version used for optimistic concurrency.</summary>
    public int Version => _events.Count;

    /// <summary>The history: every event, oldest first (LIFE-11).</summary>
    public IReadOnlyList<CafEvent> Events => _events;

    /// <summary>When the episode opened: the first contact for the LIFE-06 timescale.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Who opened the episode: the interim lead professional (LP-01).</summary>
    public Actor OpenedBy { get; }

    /// <summary>Earlier, closed episodes of the same child this one is linked to (LIFE-03).</summary>
    public ImmutableArray<EpisodeId> PreviousEpisodes { get; private set; } = [];

    /// <summary>For a potential CAF from step-down (LIFE-02): the service that stepped down; otherwise null.</summary>
    public string? SteppingDownService { get; private set; }

    /// <summary>The family's lead-professional preference recorded at step-down (LP-05), if any.</summary>
    public PractitionerId? FamilyPreferredLeadProfessional { get; private set; }

    /// <summary>Everything recorded about consent (CONS).</summary>
    public ConsentState Consent => _consent;

    /// <summary>The consent policy's current answer for this episode (LIFE-05, CONS-04).</summary>
    public ConsentEvaluation ConsentEvaluation => _consentEvaluation;

    /// <summary>When the assessment started, if it has.</summary>
    public DateTimeOffset? AssessmentStartedAt { get; private set; }

    /// <summary>When the assessment was completed, if it has been.</summary>
    public DateTimeOffset? AssessmentCompletedAt { get; private set; }

    /// <summary>The assessment's thresholds result, with framework id and version (THR-07).</summary>
    public AssessmentSummary? Assessment { get; private set; }

    /// <summary>The next step chosen after assessment (LIFE-07), if any.</summary>
    public NextStep? NextStep { get; private set; }

    /// <summary>The panel referred to, if any.</summary>
    public string? Panel { get; private set; }

    /// <summary>
    /// The current lead professional: the practitioner who opened the episode as interim LP (LP-01) until
    /// one is appointed.
    /// </summary>
    public LeadProfessionalRecord LeadProfessional => _leadProfessionals[^1];

    /// <summary>
    /// True when a consent recorded after the appointment excludes the current lead professional's agency
    /// (CONS-05). The family's decision is recorded and respected: from then on the sharing service refuses
    /// that agency everything (SHARE-01), so the host must hand the role over (LP-10, LP-11).
    /// </summary>
    public bool IsLeadProfessionalExcluded => _consent.Excludes(LeadProfessional.Agency);

    /// <summary>A nomination waiting for the supervisor's confirmation (LP-06) or the family's agreement (LP-05), if any.</summary>
    public LeadProfessionalNomination? PendingNomination { get; private set; }

    /// <summary>Every lead professional the episode has had, oldest first (LP-10: the history is kept).</summary>
    public ImmutableArray<LeadProfessionalRecord> LeadProfessionalHistory => _leadProfessionals;

    /// <summary>The agreed plan, if any.</summary>
    public PlanAgreed? Plan { get; private set; }

    /// <summary>How many reviews have been held.</summary>
    public int ReviewCount { get; private set; }

    /// <summary>Insufficient-progress reviews in a row since the plan was (re)agreed (REV-03).</summary>
    public int InsufficientReviewsInARow { get; private set; }

    /// <summary>When the next review is due (REV-05), if known.</summary>
    public DateOnly? NextReviewDue { get; private set; }

    /// <summary>How and why the episode closed; null while open.</summary>
    public ClosureRecord? Closure { get; private set; }

    /// <summary>The authority the episode was transferred to (RET-02), if any.</summary>
    public string? TransferredTo { get; private set; }

    /// <summary>The family group linking siblings' episodes (REG-03), if any.</summary>
    public string? FamilyGroup { get; private set; }

    /// <summary>LIFE-06: when the assessment should be completed (first contact plus the timescale).</summary>
    public DateTimeOffset AssessmentDueBy => OpenedAt.AddMonths(_policy.AssessmentTimescaleMonths);

    /// <summary>
    /// LIFE-06: true when the assessment is not completed and the timescale has passed. Reported, never
    /// blocking.
    /// </summary>
    public bool IsAssessmentOverdue =>
        IsOpen && AssessmentCompletedAt is null && _policy.Time.GetUtcNow() > AssessmentDueBy;

    /// <summary>REV-05: true when a review is due and its date has passed.</summary>
    public bool IsReviewOverdue => _state == EpisodeState.PlanActive && NextReviewDue is { } due && _policy.Today > due;

    /// <summary>RET-01: the date a closed episode becomes due for disposal; null while open.</summary>
    public DateOnly? RetentionDueOn => Closure is { } c
        ? DateOnly.FromDateTime(c.ClosedAt.UtcDateTime).AddYears(_policy.RetentionYears)
        : null;

    // ----- Opening -----

    /// <summary>
    /// LIFE-01: opens an episode because a practitioner identified possible unmet additional needs (the
    /// "intent to CAF"). The opener is the interim lead professional (LP-01). Use <see cref="Caf.Core.Register.CafRegister"/>
    /// to open episodes: it checks the register first (LIFE-03, REG-01).
    /// </summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="id">The new episode's id.</param>
    /// <param name="child">The child.</param>
    /// <param name="by">Who identified the concern.</param>
    /// <param name="concern">The concern, in the practitioner's words.</param>
    /// <param name="previousEpisodes">Earlier, closed episodes of the child to link (LIFE-03).</param>
    /// <returns>The new episode.</returns>
    /// <exception cref="ArgumentException">An argument is null, default or empty.</exception>
    public static CafEpisode IdentifyConcern(
        EpisodePolicy policy, EpisodeId id, ChildDetails child, Actor by, string concern, IEnumerable<EpisodeId>? previousEpisodes = null)
    {
        Guard.Against.Null(policy);
        GuardId(id);
        Guard.Against.Null(child);
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(concern);
        var opening = new ConcernIdentified(id, policy.Time.GetUtcNow(), by, child, concern, ToLinks(previousEpisodes));
        var episode = new CafEpisode(policy, opening, EpisodeState.Identified);
        episode.ApplyOpening(opening, child, opening.PreviousEpisodes);
        return episode;
    }

    /// <summary>
    /// LIFE-02, STEP-02: registers a potential CAF from a specialist service's step-down information;
    /// the step-down document takes the place of the assessment.
    /// </summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="id">The new episode's id.</param>
    /// <param name="child">The child.</param>
    /// <param name="by">The practitioner registering it.</param>
    /// <param name="steppingDownService">The specialist service stepping down.</param>
    /// <param name="stepDownDocument">The document that takes the place of the assessment.</param>
    /// <param name="familyPreferredLeadProfessional">The family's LP preference (LP-05), if recorded.</param>
    /// <param name="previousEpisodes">Earlier, closed episodes of the child (LIFE-03).</param>
    /// <returns>The new episode.</returns>
    /// <exception cref="ArgumentException">An argument is null, default or empty.</exception>
    public static CafEpisode RegisterPotentialFromStepDown(
        EpisodePolicy policy,
        EpisodeId id,
        ChildDetails child,
        Actor by,
        string steppingDownService,
        string stepDownDocument,
        PractitionerId? familyPreferredLeadProfessional = null,
        IEnumerable<EpisodeId>? previousEpisodes = null)
    {
        Guard.Against.Null(policy);
        GuardId(id);
        Guard.Against.Null(child);
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(steppingDownService);
        Guard.Against.NullOrWhiteSpace(stepDownDocument);
        if (familyPreferredLeadProfessional is { IsDefault: true })
        {
            throw new ArgumentException("A preferred lead professional must be a valid id.", nameof(familyPreferredLeadProfessional));
        }

        var opening = new PotentialCafRegistered(
            id, policy.Time.GetUtcNow(), by, child, steppingDownService, stepDownDocument,
            familyPreferredLeadProfessional, ToLinks(previousEpisodes));
        var episode = new CafEpisode(policy, opening, EpisodeState.PotentialFromStepDown);
        episode.ApplyOpening(opening, child, opening.PreviousEpisodes);
        return episode;
    }

    /// <summary>
    /// Rebuilds an episode from its history (for example from storage). The result has the same state as
    /// the live episode that recorded the events. Guards are not re-checked: the history is the record of
    /// what was allowed at the time, even if the policy has changed since.
    /// </summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="history">The events, oldest first.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="ArgumentException">The history is empty, does not start with an opening event,
    /// mixes episodes, or contains a transition the lifecycle does not allow (the message names the event).</exception>
    public static CafEpisode Rebuild(EpisodePolicy policy, IEnumerable<CafEvent> history)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(history);
        using var e = history.GetEnumerator();
        if (!e.MoveNext())
        {
            throw new ArgumentException("An episode's history cannot be empty.", nameof(history));
        }

        var episode = e.Current switch
        {
            ConcernIdentified c => Open(new CafEpisode(policy, c, EpisodeState.Identified), c, c.Child, c.PreviousEpisodes),
            PotentialCafRegistered p => Open(new CafEpisode(policy, p, EpisodeState.PotentialFromStepDown), p, p.Child, p.PreviousEpisodes),
            null => throw new ArgumentException("history[0] is null.", nameof(history)),
            var other => throw new ArgumentException(
                $"history[0] must open the episode (ConcernIdentified or PotentialCafRegistered), not {other.GetType().Name}.", nameof(history)),
        };

        var index = 1;
        while (e.MoveNext())
        {
            var next = e.Current ?? throw new ArgumentException($"history[{index}] is null.", nameof(history));
            if (next.EpisodeId != episode.Id)
            {
                throw new ArgumentException($"history[{index}] belongs to episode {next.EpisodeId}, not {episode.Id}.", nameof(history));
            }

            var action = ActionOf(next);
            episode._replaying = true;
            try
            {
                if (!episode.IsPermitted(action, out _))
                {
                    throw new ArgumentException(
                        $"history[{index}] ({next.GetType().Name}) is not allowed while the episode is {episode._state}.", nameof(history));
                }

                episode._machine.Fire(action);
            }
            finally
            {
                episode._replaying = false;
            }

            episode.Apply(next);
            index++;
        }

        return episode;

        static CafEpisode Open(CafEpisode episode, CafEvent opening, ChildDetails child, ImmutableArray<EpisodeId> links)
        {
            episode.ApplyOpening(opening, child, links);
            return episode;
        }
    }

    // ----- Commands -----

    /// <summary>Records a consent decision (CONS-01..05, CONS-08). Consent may be recorded at any point while open.</summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="record">The consent record.</param>
    /// <returns>Success, or a refusal (CONS rule ids; LIFE-10 when closed).</returns>
    public Result RecordConsent(Actor by, ConsentRecord record)
    {
        GuardActor(by);
        Guard.Against.Null(record);
        return Execute(
            EpisodeAction.RecordConsent,
            () => _policy.Consent.ValidateRecord(record, Child.AgeOn(_policy.Today)),
            () => new ConsentRecorded(Id, Now, by, record));
    }

    /// <summary>Starts the assessment (LIFE-05: only with sufficient consent; verbal consent is enough).</summary>
    /// <param name="by">Who starts it.</param>
    /// <returns>Success, or a refusal (LIFE-05, CONS rule ids).</returns>
    public Result StartAssessment(Actor by)
    {
        GuardActor(by);
        return Execute(EpisodeAction.StartAssessment, () => new AssessmentStarted(Id, Now, by));
    }

    /// <summary>Completes the assessment, recording the thresholds framework id and version it was assessed under (THR-07).</summary>
    /// <param name="by">Who completed it.</param>
    /// <param name="summary">The thresholds result.</param>
    /// <returns>Success, or a refusal.</returns>
    public Result CompleteAssessment(Actor by, AssessmentSummary summary)
    {
        GuardActor(by);
        Guard.Against.Null(summary);
        return Execute(EpisodeAction.CompleteAssessment, () => new AssessmentCompleted(Id, Now, by, summary));
    }

    /// <summary>
    /// Completes the assessment with a thresholds match, recording its framework id and version (THR-07). A
    /// significant-harm result is refused (THR-04): the case leaves the CAF route, so step up instead (LIFE-04).
    /// </summary>
    /// <param name="by">Who completed it.</param>
    /// <param name="result">The matcher's result.</param>
    /// <returns>Success, or a refusal (THR-04).</returns>
    public Result CompleteAssessment(Actor by, ThresholdResult result)
    {
        GuardActor(by);
        Guard.Against.Null(result);
        return Execute(
            EpisodeAction.CompleteAssessment,
            () => result.Route == ThresholdRoute.Safeguarding
                ? Result.Refused("THR-04",
                    "The thresholds result is significant harm: follow safeguarding procedures now and step the episode up (LIFE-04).", "result")
                : Result.Ok,
            () => new AssessmentCompleted(Id, Now, by, AssessmentSummary.From(result)));
    }

    /// <summary>
    /// LIFE-07: chooses the next step after the assessment (or after a step-down TAC, STEP-03). No further
    /// action closes the episode as resolved other with the reason (CLOSE-09); a panel referral and a step-up
    /// have their own commands (<see cref="ReferToPanel"/>, <see cref="StepUp"/>).
    /// </summary>
    /// <param name="by">Who chose.</param>
    /// <param name="step">The next step.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal.</returns>
    /// <exception cref="ArgumentException"><paramref name="step"/> is a panel referral or step-up, or not defined.</exception>
    public Result ChooseNextStep(Actor by, NextStep step, string reason)
    {
        GuardActor(by);
        Guard.Against.EnumOutOfRange(step);
        Guard.Against.NullOrWhiteSpace(reason);
        if (step is Lifecycle.NextStep.PanelReferral or Lifecycle.NextStep.StepUp)
        {
            throw new ArgumentException($"Use {(step == Lifecycle.NextStep.StepUp ? nameof(StepUp) : nameof(ReferToPanel))} for {step}.", nameof(step));
        }

        var action = step == Lifecycle.NextStep.NoFurtherAction ? EpisodeAction.ChooseNoFurtherAction : EpisodeAction.ChooseSupport;
        return Execute(action, () => new NextStepChosen(Id, Now, by, step, reason));
    }

    /// <summary>
    /// LIFE-07, PANEL-01: refers the episode to a panel (MAF/MAAG). Needs written consent to share at the
    /// panel (CONS-04). Re-referral from an active plan is always allowed (PANEL-07).
    /// </summary>
    /// <param name="by">The referrer.</param>
    /// <param name="panel">The panel's name.</param>
    /// <param name="reason">Why a panel.</param>
    /// <returns>Success, or a refusal (CONS-04).</returns>
    public Result ReferToPanel(Actor by, string panel, string reason)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(panel);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(EpisodeAction.ReferToPanel, () => new ReferredToPanel(Id, Now, by, panel, reason));
    }

    /// <summary>
    /// LP-03, LP-04: nominates the lead professional from the practitioners already working with the family,
    /// or a successor for a planned handover (LP-10). The nomination becomes the appointment once the nominee's
    /// supervisor has confirmed (LP-06, <see cref="ConfirmNomination"/>) and the child and family have agreed
    /// (LP-05, <see cref="RecordFamilyAgreement"/>). An agency the family excluded can never hold the role (LP-11).
    /// A new nomination replaces one still pending.
    /// </summary>
    /// <param name="by">Who nominates.</param>
    /// <param name="practitioner">The nominee.</param>
    /// <param name="agency">The nominee's agency.</param>
    /// <param name="reason">Why this person (e.g. the selection's explanation) or why the handover.</param>
    /// <returns>Success, or a refusal (LP-10, LP-11).</returns>
    public Result NominateLeadProfessional(Actor by, PractitionerId practitioner, AgencyId agency, string reason)
    {
        GuardActor(by);
        GuardId(practitioner);
        GuardId(agency);
        Guard.Against.NullOrWhiteSpace(reason);
        var valid = CheckNomination(by, practitioner, agency);
        return valid.IsRefused
            ? valid
            : Execute(EpisodeAction.NominateLeadProfessional, new LeadProfessionalNominated(Id, Now, by, practitioner, agency, reason));
    }

    /// <summary>
    /// LP-06: records that the nominee's supervisor confirmed they can take the role. If the family has
    /// already agreed, the nominee becomes the lead professional; information then goes to their agency, so
    /// the sharing service is asked first (LP-11, SHARE-03).
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="supervisor">The supervisor who confirmed.</param>
    /// <returns>Success, or a refusal (LP-06 when nobody is nominated, LP-11).</returns>
    public Result ConfirmNomination(Actor by, PractitionerId supervisor)
    {
        GuardActor(by);
        GuardId(supervisor);
        return Execute(
            EpisodeAction.ConfirmNomination,
            () => PendingNomination is { FamilyAgreement: not null } completing ? DecideLeadProfessionalSharing(by, completing.Agency) : Result.Ok,
            () => new NominationConfirmedBySupervisor(Id, Now, by, supervisor));
    }

    /// <summary>
    /// LP-05: records that the child and family understood and agreed to the nominee. If the supervisor has
    /// already confirmed, the nominee becomes the lead professional (the sharing service is asked first, LP-11).
    /// </summary>
    /// <param name="by">Who records it.</param>
    /// <param name="agreement">How they agreed.</param>
    /// <returns>Success, or a refusal (LP-05 when nobody is nominated, LP-11).</returns>
    public Result RecordFamilyAgreement(Actor by, string agreement)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(agreement);
        return Execute(
            EpisodeAction.RecordFamilyAgreement,
            () => PendingNomination is { ConfirmedBySupervisor: not null } completing ? DecideLeadProfessionalSharing(by, completing.Agency) : Result.Ok,
            () => new NominationAgreedByFamily(Id, Now, by, agreement));
    }

    /// <summary>
    /// Appoints the lead professional in one step (LP-02), or hands the role over when one is already
    /// appointed (LP-10, history kept): records the nomination, the supervisor's confirmation (LP-06) and the
    /// family's agreement (LP-05) as three events, or nothing at all if any is missing or refused. An agency
    /// the family excluded can never hold the role (LP-11, SHARE-01).
    /// </summary>
    /// <param name="by">Who records the appointment.</param>
    /// <param name="practitioner">The nominee.</param>
    /// <param name="agency">The nominee's agency.</param>
    /// <param name="confirmedBySupervisor">The supervisor who confirmed, or null if not yet confirmed.</param>
    /// <param name="familyAgreement">How the family agreed, or null if they have not.</param>
    /// <param name="reason">Why this person (e.g. the selection's explanation) or why the handover.</param>
    /// <returns>Success, or a refusal (LP-05, LP-06, LP-10, LP-11).</returns>
    public Result AppointLeadProfessional(
        Actor by, PractitionerId practitioner, AgencyId agency, PractitionerId? confirmedBySupervisor, string? familyAgreement, string reason)
    {
        GuardActor(by);
        GuardId(practitioner);
        GuardId(agency);
        Guard.Against.NullOrWhiteSpace(reason);
        var valid = CheckNomination(by, practitioner, agency);
        if (valid.IsRefused)
        {
            return valid;
        }

        if (confirmedBySupervisor is not { IsDefault: false } supervisor)
        {
            return Result.Refused("LP-06", "The nominee's supervisor must confirm they can take the lead-professional role.", "confirmedBySupervisor");
        }

        if (string.IsNullOrWhiteSpace(familyAgreement))
        {
            return Result.Refused("LP-05", "The child and family must understand and agree to the lead professional.", "familyAgreement");
        }

        // Last, so a decision is recorded only for an appointment that will happen (SHARE-03).
        var shared = DecideLeadProfessionalSharing(by, agency);
        if (shared.IsRefused)
        {
            return shared;
        }

        // Everything was checked above, so the three transitions cannot refuse: all or nothing.
        var at = Now;
        Execute(EpisodeAction.NominateLeadProfessional, new LeadProfessionalNominated(Id, at, by, practitioner, agency, reason));
        Execute(EpisodeAction.ConfirmNomination, new NominationConfirmedBySupervisor(Id, at, by, supervisor));
        return Execute(EpisodeAction.RecordFamilyAgreement, new NominationAgreedByFamily(Id, at, by, familyAgreement));
    }

    /// <summary>
    /// Appoints the lead professional a <see cref="LeadProfessionalSelection"/> chose (LP-04..LP-08), with the
    /// selection's explanation as the recorded reason. No eligible candidate is refused with LP-09 (escalate to
    /// the local CAF lead, then the CAF/panel manager).
    /// </summary>
    /// <param name="by">Who records the appointment.</param>
    /// <param name="selection">The selection for this episode.</param>
    /// <param name="confirmedBySupervisor">The chosen practitioner's supervisor who confirmed (LP-06), or null.</param>
    /// <param name="familyAgreement">How the family agreed (LP-05), or null.</param>
    /// <returns>Success, or a refusal (LP-09, LP-05, LP-06, LP-11).</returns>
    /// <exception cref="ArgumentException">The selection was made for another episode.</exception>
    public Result AppointLeadProfessional(Actor by, LeadProfessionalSelection selection, PractitionerId? confirmedBySupervisor, string? familyAgreement)
    {
        Guard.Against.Null(selection);
        if (selection.Episode != Id)
        {
            throw new ArgumentException($"The selection was made for episode {selection.Episode}, not {Id}.", nameof(selection));
        }

        var chosen = selection.ToResult();
        if (chosen.IsRefused)
        {
            return chosen.ToResult();
        }

        var c = chosen.Value;
        var reason = $"Ranked first of {selection.Ranked.Length} candidate(s) with score {c.TotalScore:0.00} (LP-04..LP-08).";
        return AppointLeadProfessional(by, c.Candidate.Practitioner, c.Candidate.Agency, confirmedBySupervisor, familyAgreement, reason);
    }

    /// <summary>
    /// Agrees the action plan (PLAN-01, PLAN-02) and starts delivery (LIFE-09). More than one delivering
    /// agency, or multi-agency support, needs an appointed lead professional (LP-02, LIFE-08); an excluded
    /// agency cannot deliver (SHARE-01).
    /// </summary>
    /// <param name="by">Who records the plan (normally the LP).</param>
    /// <param name="intendedOutcomes">What needs to change, in the family's words (at least one).</param>
    /// <param name="deliveringAgencies">The agencies that own actions.</param>
    /// <param name="familyOwnsActions">True when the family or child own actions.</param>
    /// <param name="firstReviewDue">When the first review is due.</param>
    /// <returns>Success, or a refusal (PLAN-01, PLAN-02, LP-02, LIFE-08, SHARE-01).</returns>
    public Result AgreePlan(
        Actor by, IEnumerable<string> intendedOutcomes, IEnumerable<AgencyId> deliveringAgencies, bool familyOwnsActions, DateOnly? firstReviewDue)
    {
        GuardActor(by);
        Guard.Against.Null(intendedOutcomes);
        Guard.Against.Null(deliveringAgencies);
        var outcomes = intendedOutcomes.Select(o => o?.Trim() ?? string.Empty).Where(o => o.Length > 0).ToImmutableArray();
        var agencies = deliveringAgencies.Distinct().OrderBy(a => a).ToImmutableArray();
        if (agencies.Any(a => a.IsDefault))
        {
            throw new ArgumentException("Delivering agencies must be valid ids.", nameof(deliveringAgencies));
        }

        var permitted = CheckPermitted(EpisodeAction.AgreePlan);
        if (permitted.IsRefused)
        {
            return permitted;
        }

        if (outcomes.IsEmpty)
        {
            return Result.Refused("PLAN-01", "The plan must state at least one intended outcome: what needs to change, in the family's words.", "intendedOutcomes");
        }

        if (agencies.IsEmpty && !familyOwnsActions)
        {
            return Result.Refused("PLAN-02", "Every action needs an owner: name the delivering agencies or record that the family owns actions.", "deliveringAgencies");
        }

        if (firstReviewDue is null)
        {
            return Result.Refused("PLAN-02", "The plan needs review arrangements: give the first review date.", "firstReviewDue");
        }

        if (agencies.Length > 1 && LeadProfessional.IsInterim)
        {
            return Result.Refused("LP-02", $"{agencies.Length} services are involved, so a lead professional must be appointed before the plan is agreed.", "leadProfessional");
        }

        // Every delivering agency receives the plan: ask the sharing service for each (recorded, SHARE-03).
        // An agency the family excluded never receives it (SHARE-01); the excluded ones are checked first so
        // that no grant is recorded for a plan that is refused.
        foreach (var agency in agencies)
        {
            if (_consent.Excludes(agency))
            {
                var refused = _policy.Sharing.Decide(Id, _consent, agency, SharingPurpose.PlanDelivery, by);
                return Result.Refused("SHARE-01", $"{agency} cannot deliver the plan: [{refused.RuleId}] {refused.Reason}", "deliveringAgencies");
            }
        }

        foreach (var agency in agencies)
        {
            var decision = _policy.Sharing.Decide(Id, _consent, agency, SharingPurpose.PlanDelivery, by);
            if (!decision.Granted)
            {
                return Result.Refused("SHARE-01", $"{agency} cannot deliver the plan: [{decision.RuleId}] {decision.Reason}", "deliveringAgencies");
            }
        }

        return Execute(EpisodeAction.AgreePlan, new PlanAgreed(Id, Now, by, outcomes, agencies, familyOwnsActions, firstReviewDue));
    }

    /// <summary>
    /// Holds a review of the plan (REV-01, REV-02). After the configured number of insufficient reviews in a
    /// row (default 4) the assessment must be reconsidered first (REV-03).
    /// </summary>
    /// <param name="by">Who held it.</param>
    /// <param name="progress">Sufficient or insufficient progress.</param>
    /// <param name="summary">Progress on actions, barriers, new actions.</param>
    /// <param name="nextReviewDue">The next review date (REV-02; to close, use <see cref="Close"/> instead).</param>
    /// <returns>Success, or a refusal (REV-02, REV-03).</returns>
    public Result HoldReview(Actor by, ReviewProgress progress, string summary, DateOnly? nextReviewDue)
    {
        GuardActor(by);
        Guard.Against.EnumOutOfRange(progress);
        Guard.Against.NullOrWhiteSpace(summary);
        return Execute(
            EpisodeAction.HoldReview,
            () => nextReviewDue is null
                ? Result.Refused("REV-02", "A review records the next review date unless the episode closes; to close, record the closure instead.", "nextReviewDue")
                : Result.Ok,
            () => new ReviewHeld(Id, Now, by, progress, summary, nextReviewDue));
    }

    /// <summary>REV-03: reconsiders the assessment; a new plan is then negotiated.</summary>
    /// <param name="by">Who decided.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal.</returns>
    public Result RequireReassessment(Actor by, string reason)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(EpisodeAction.RequireReassessment, () => new ReassessmentRequired(Id, Now, by, reason));
    }

    /// <summary>
    /// LIFE-04, CLOSE-07: steps up to a named specialist service or safeguarding procedures (a concern of
    /// significant harm at any stage). The episode closes as stepped up.
    /// </summary>
    /// <param name="by">Who decided.</param>
    /// <param name="specialistService">The named specialist service.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal (LIFE-10 when already closed).</returns>
    public Result StepUp(Actor by, string specialistService, string reason)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(specialistService);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(EpisodeAction.StepUp, () => new SteppedUp(Id, Now, by, specialistService, reason));
    }

    /// <summary>CONS-07: records a withdrawal of consent. The episode can then only close as consent withdrawn, or be overridden.</summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="withdrawal">The withdrawal.</param>
    /// <returns>Success, or a refusal (CONS-07).</returns>
    public Result WithdrawConsent(Actor by, ConsentWithdrawal withdrawal)
    {
        GuardActor(by);
        Guard.Against.Null(withdrawal);
        return Execute(EpisodeAction.WithdrawConsent, () => new ConsentWithdrawalRecorded(Id, Now, by, withdrawal));
    }

    /// <summary>
    /// CONS-06, LIFE-04: overrides absent, refused or withdrawn consent in the child's best interest, with a
    /// recorded safeguarding justification and who decided. The case leaves the voluntary CAF route: the
    /// episode closes as consent overridden (CLOSE-06).
    /// </summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="override">The override.</param>
    /// <returns>Success, or a refusal (CONS-06).</returns>
    public Result OverrideConsent(Actor by, ConsentOverride @override)
    {
        GuardActor(by);
        Guard.Against.Null(@override);
        return Execute(
            EpisodeAction.OverrideConsent,
            () => _policy.Consent.ValidateOverride(@override),
            () => new ConsentOverrideRecorded(Id, Now, by, @override));
    }

    /// <summary>
    /// Closes the episode with exactly one outcome (CLOSE-01..05, CLOSE-08). The outcome must be consistent
    /// with the episode: family actions need family-owned actions (CLOSE-01), single service exactly one
    /// delivering agency (CLOSE-02), multi-agency two or more and an appointed LP (CLOSE-03), resolved other a
    /// written explanation (CLOSE-04), consent withdrawn a recorded withdrawal (CLOSE-05). Overridden and
    /// stepped up are recorded by <see cref="OverrideConsent"/> and <see cref="StepUp"/> (CLOSE-06, CLOSE-07).
    /// </summary>
    /// <param name="by">Who closed it (normally the LP).</param>
    /// <param name="outcome">The closure outcome.</param>
    /// <param name="reason">The decision under "how will you know when things have improved" (CLOSE-08).</param>
    /// <returns>Success, or a refusal naming the CLOSE rule.</returns>
    public Result Close(Actor by, ClosureOutcome outcome, string reason)
    {
        GuardActor(by);
        Guard.Against.EnumOutOfRange(outcome);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(EpisodeAction.Close, () => CheckClosureConsistency(outcome), () => new EpisodeClosed(Id, Now, by, outcome, reason));
    }

    /// <summary>RET-02: transfers the episode to another authority; the sending authority keeps the record.</summary>
    /// <param name="by">Who recorded it.</param>
    /// <param name="receivingAuthority">The receiving local authority.</param>
    /// <param name="reason">Why.</param>
    /// <returns>Success, or a refusal.</returns>
    public Result TransferOut(Actor by, string receivingAuthority, string reason)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(receivingAuthority);
        Guard.Against.NullOrWhiteSpace(reason);
        return Execute(EpisodeAction.TransferOut, () => new EpisodeTransferredOut(Id, Now, by, receivingAuthority, reason));
    }

    /// <summary>REG-03: links the episode to a family group so siblings' family and environment information is shared, not re-told.</summary>
    /// <param name="by">Who linked it.</param>
    /// <param name="familyGroup">The family group's id.</param>
    /// <returns>Success, or a refusal.</returns>
    public Result LinkToFamily(Actor by, string familyGroup)
    {
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(familyGroup);
        return Execute(
            EpisodeAction.LinkToFamily,
            () => FamilyGroup == familyGroup
                ? Result.Refused("REG-03", $"The episode is already in family group {familyGroup}.", "familyGroup")
                : Result.Ok,
            () => new LinkedToFamilyGroup(Id, Now, by, familyGroup));
    }

    // ----- Internals -----

    private DateTimeOffset Now => _policy.Time.GetUtcNow();

    private Result Execute(EpisodeAction action, Func<CafEvent> createEvent) => Execute(action, static () => Result.Ok, createEvent);

    // Every command's order of checks: the state first (its refusal wins), then the command's own rules,
    // then the event is created and applied.
    private Result Execute(EpisodeAction action, Func<Result> validate, Func<CafEvent> createEvent)
    {
        var permitted = CheckPermitted(action);
        if (permitted.IsRefused)
        {
            return permitted;
        }

        var valid = validate();
        return valid.IsRefused ? valid : Execute(action, createEvent());
    }

    // The only place a live command changes state: permitted was checked by the caller, so nothing
    // below can refuse, and a refusal never leaves a half-applied change (LIFE-12).
    private Result Execute(EpisodeAction action, CafEvent e)
    {
        _machine.Fire(action);
        Apply(e);
        return Result.Ok;
    }

    private void ApplyOpening(CafEvent opening, ChildDetails child, ImmutableArray<EpisodeId> links)
    {
        Child = child;
        PreviousEpisodes = links.IsDefault ? [] : links;
        _leadProfessionals = [LeadProfessionalRecord.Interim(opening.Actor, opening.OccurredAt)];
        if (opening is PotentialCafRegistered p)
        {
            SteppingDownService = p.SteppingDownService;
            FamilyPreferredLeadProfessional = p.FamilyPreferredLeadProfessional;
        }

        _events.Add(opening);
        _consentEvaluation = EvaluateConsent();
    }

    private void Apply(CafEvent e)
    {
        switch (e)
        {
            case ConsentRecorded c:
                _consent = _consent.With(c.Record);
                break;
            case AssessmentStarted s:
                AssessmentStartedAt ??= s.OccurredAt;
                break;
            case AssessmentCompleted a:
                Assessment = a.Summary;
                AssessmentCompletedAt = a.OccurredAt;
                break;
            case NextStepChosen n:
                NextStep = n.Step;
                if (n.Step == Lifecycle.NextStep.NoFurtherAction)
                {
                    Closure = new ClosureRecord(ClosureOutcome.ResolvedOther, "No further action after assessment: " + n.Reason, n.OccurredAt, "CLOSE-09");
                }

                break;
            case ReferredToPanel r:
                NextStep = Lifecycle.NextStep.PanelReferral;
                Panel = r.Panel;
                break;
            case LeadProfessionalNominated n:
                PendingNomination = new LeadProfessionalNomination(n.Practitioner, n.Agency, n.Reason, n.OccurredAt, null, null);
                break;
            case NominationConfirmedBySupervisor c:
                CompleteNominationIfReady(PendingNomination! with { ConfirmedBySupervisor = c.Supervisor }, c.OccurredAt);
                break;
            case NominationAgreedByFamily a:
                CompleteNominationIfReady(PendingNomination! with { FamilyAgreement = a.Agreement }, a.OccurredAt);
                break;
            case PlanAgreed p:
                Plan = p;
                InsufficientReviewsInARow = 0;
                NextReviewDue = p.FirstReviewDue;
                break;
            case ReviewHeld r:
                ReviewCount++;
                InsufficientReviewsInARow = r.Progress == ReviewProgress.Insufficient ? InsufficientReviewsInARow + 1 : 0;
                NextReviewDue = r.NextReviewDue;
                break;
            case ReassessmentRequired:
                InsufficientReviewsInARow = 0;
                NextReviewDue = null;
                AssessmentCompletedAt = null;
                break;
            case SteppedUp s:
                NextStep = Lifecycle.NextStep.StepUp;
                Closure = new ClosureRecord(ClosureOutcome.SteppedUp, $"Stepped up to {s.SpecialistService}: {s.Reason}", s.OccurredAt, "CLOSE-07");
                break;
            case ConsentWithdrawalRecorded w:
                _consent = _consent.WithWithdrawal(w.Withdrawal);
                break;
            case ConsentOverrideRecorded o:
                _consent = _consent.WithOverride(o.Override);
                Closure = new ClosureRecord(ClosureOutcome.ConsentOverridden, o.Override.SafeguardingJustification, o.OccurredAt, "CLOSE-06");
                break;
            case EpisodeClosed c:
                Closure = new ClosureRecord(c.Outcome, c.Reason, c.OccurredAt, ClosureRuleId(c.Outcome));
                break;
            case EpisodeTransferredOut t:
                TransferredTo = t.ReceivingAuthority;
                break;
            case LinkedToFamilyGroup f:
                FamilyGroup = f.FamilyGroup;
                break;
        }

        _events.Add(e);
        if (e is ConsentRecorded or ConsentWithdrawalRecorded or ConsentOverrideRecorded)
        {
            _consentEvaluation = EvaluateConsent();
        }
    }

    // LP-05 + LP-06: a nomination with both the supervisor's confirmation and the family's agreement is the appointment.
    private void CompleteNominationIfReady(LeadProfessionalNomination nomination, DateTimeOffset at)
    {
        if (nomination is { ConfirmedBySupervisor: { } supervisor, FamilyAgreement: { } agreement })
        {
            _leadProfessionals = _leadProfessionals.Add(
                new LeadProfessionalRecord(nomination.Practitioner, nomination.Agency, false, at, supervisor, agreement, nomination.Reason));
            PendingNomination = null;
        }
        else
        {
            PendingNomination = nomination;
        }
    }

    private Result CheckNomination(Actor by, PractitionerId practitioner, AgencyId agency)
    {
        var permitted = CheckPermitted(EpisodeAction.NominateLeadProfessional);
        if (permitted.IsRefused)
        {
            return permitted;
        }

        var current = LeadProfessional;
        if (!current.IsInterim && current.Practitioner == practitioner)
        {
            return Result.Refused("LP-10", $"{practitioner} is already the lead professional.", "practitioner");
        }

        // Nominating hands nothing over, so a grant is asked for at appointment; an excluded agency is
        // refused now, and that refusal is recorded too (SHARE-04).
        return _consent.Excludes(agency) ? DecideLeadProfessionalSharing(by, agency) : Result.Ok;
    }

    // The appointment hands information to the LP's agency: ask the sharing service (audited, SHARE-03).
    private Result DecideLeadProfessionalSharing(Actor by, AgencyId agency)
    {
        var sharing = _policy.Sharing.Decide(Id, _consent, agency, SharingPurpose.LeadProfessional, by);
        return sharing.Granted
            ? Result.Ok
            : Result.Refused("LP-11", $"{agency} may not receive information about this episode, so it cannot hold the lead-professional role: [{sharing.RuleId}] {sharing.Reason}", "agency");
    }

    private ConsentEvaluation EvaluateConsent() => _policy.Consent.Evaluate(_consent, Child.AgeOn(_policy.Today));

    private Result CheckClosureConsistency(ClosureOutcome outcome)
    {
        var plan = Plan;
        return outcome switch
        {
            ClosureOutcome.ConsentWithdrawn when !_consent.IsWithdrawn =>
                Result.Refused("CLOSE-05", "Closing as consent withdrawn needs a recorded withdrawal (CONS-07).", "outcome"),
            ClosureOutcome.ConsentWithdrawn => Result.Ok,
            _ when _consent.IsWithdrawn =>
                Result.Refused("CONS-07", "Consent was withdrawn: the episode can only close as consent withdrawn, or consent be overridden.", "outcome"),
            ClosureOutcome.ConsentOverridden =>
                Result.Refused("CLOSE-06", "Consent overridden is recorded by overriding consent with a safeguarding justification (CONS-06), not by closing.", "outcome"),
            ClosureOutcome.SteppedUp =>
                Result.Refused("CLOSE-07", "Stepped up is recorded by stepping up to a named specialist service, not by closing.", "outcome"),
            ClosureOutcome.ResolvedFamilyActions when plan is not { FamilyOwnsActions: true } =>
                Result.Refused("CLOSE-01", "Resolved via family actions needs a plan whose actions the family or child own.", "outcome"),
            ClosureOutcome.ResolvedSingleService when plan is null || plan.DeliveringAgencies.Length != 1 =>
                Result.Refused("CLOSE-02", "Resolved via single service needs a plan delivered by exactly one agency.", "outcome"),
            ClosureOutcome.ResolvedMultiAgency when plan is null || plan.DeliveringAgencies.Length < 2 || LeadProfessional.IsInterim =>
                Result.Refused("CLOSE-03", "Resolved via multi-agency provision needs two or more delivering agencies and an appointed lead professional.", "outcome"),
            _ => Result.Ok,
        };
    }

    private static string ClosureRuleId(ClosureOutcome outcome) => outcome switch
    {
        ClosureOutcome.ResolvedFamilyActions => "CLOSE-01",
        ClosureOutcome.ResolvedSingleService => "CLOSE-02",
        ClosureOutcome.ResolvedMultiAgency => "CLOSE-03",
        ClosureOutcome.ResolvedOther => "CLOSE-04",
        ClosureOutcome.ConsentWithdrawn => "CLOSE-05",
        ClosureOutcome.ConsentOverridden => "CLOSE-06",
        _ => "CLOSE-07",
    };

    private static void GuardActor(Actor actor, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(actor))] string? name = null)
    {
        if (actor.IsDefault)
        {
            throw new ArgumentException("The actor needs a practitioner and an agency.", name);
        }
    }

    private static void GuardId<TId>(TId id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? name = null)
        where TId : struct
    {
        if (EqualityComparer<TId>.Default.Equals(id, default))
        {
            throw new ArgumentException($"{typeof(TId).Name} must not be default.", name);
        }
    }

    private static ImmutableArray<EpisodeId> ToLinks(IEnumerable<EpisodeId>? previous)
    {
        if (previous is null)
        {
            return [];
        }

        var links = previous.Distinct().OrderBy(x => x).ToImmutableArray();
        if (links.Any(l => l.IsDefault))
        {
            throw new ArgumentException("Linked episodes must be valid ids.", nameof(previous));
        }

        return links;
    }
}
