using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.StepDown;
using Stateless;

namespace Caf.Core.Lifecycle;

/// <summary>
/// One CAF episode: one common assessment for one child (or unborn baby), from the first identified
/// concern to closure (docs/rules.md, LIFE-01..12). The aggregate of Caf.Core.
/// </summary>
/// <remarks>
/// <para>Every command builds one domain event and hands it to a single pipeline
/// (<c>CafEpisode.Checks.cs</c>): the state first (LIFE-12), then the event's content, then the sharing gate
/// (the acting practitioner's agency and the lead professional's agency must not be excluded, SHARE-01,
/// LP-11), then the command's own rules, then every agency that would receive information (SHARE-01..04).
/// Only then are the sharing decisions recorded and the event applied; a refusal carries the rule id and
/// leaves the episode and the audit log's grants exactly as they were. Misuse (null, default ids, empty
/// text) throws <see cref="ArgumentException"/>.</para>
/// <para><see cref="Rebuild"/> replays a stored history through the same pipeline, judged as of each event's
/// own time, so a history is accepted exactly when the commands could have produced it under the policy.</para>
/// <para>The lifecycle is defined once, with Stateless, in <c>CafEpisode.Lifecycle.cs</c>. A closed episode is
/// terminal and immutable (LIFE-10).</para>
/// </remarks>
/// <threadsafety>Mutable and not thread-safe: use one instance per unit of work, and optimistic
/// concurrency (<see cref="Version"/>) in the repository.</threadsafety>
[Mutable]
public sealed partial class CafEpisode
{
    private readonly EpisodePolicy _policy;
    private EpisodeRules _rules; // the policy version being judged: the one in effect for a live command or query, the one an event names on replay
    private List<ReviewProgress> _countedReviews = []; // REV-03: the reviews counted since the count last restarted
    private bool _reassessedSinceCountStarted; // REV-03: a reassessment was required since the count last restarted
    private int _assessmentTimescaleMonths; // LIFE-06 under the version in effect when the running timescale started
    private int? _retentionYears; // RET-01 under the version the closure or transfer was recorded under
    private EpisodeRules? _reassessmentRules; // REV-03: the version whose limit required the reassessment
    private EventLog _events = new(); // shared with copies, append-only (EventLog.cs, issue 26)
    private DecisionPointIndex _decisionPoints; // the what-if's index of the decision points, kept as events apply (issue 26)
    private StateMachine<EpisodeState, EpisodeAction>? _machine; // built only when Stateless itself is asked (tests, descriptions)
    private Func<bool>[] _guards; // same order as GuardDescriptions
    private EpisodeState _state;

    private ConsentState _consent = ConsentState.Empty;
    private AppendOnly<LeadProfessionalRecord> _leadProfessionals = new(); // appended as applied: no copy per event (issue 26)
    private AppendOnly<ReviewRecord> _reviews = new(); // the reviews of the current plan, appended as applied (no copy per review)
    private AppendOnly<ActionEscalation> _escalations = new();
    private AppendOnly<ActionPlan> _plans = new();
    private PlanHistory? _plansView = PlanHistory.Empty; // Plans; null after a change until read

    private CafEpisode(EpisodePolicy policy, EpisodeRules rules, CafEvent opening, EpisodeState initialState)
    {
        _policy = policy;
        _rules = rules;
        _assessmentTimescaleMonths = rules.AssessmentTimescaleMonths;
        _state = initialState;
        _guards = CreateGuards(); // the lifecycle's transitions come from the shared table read once from Stateless
        Id = opening.EpisodeId;
        OpenedAt = opening.OccurredAt;
        OpenedBy = opening.Actor;
        _at = opening.OccurredAt;
    }

    /// <summary>The episode's id.</summary>
    public EpisodeId Id { get; }

    /// <summary>
    /// The authority the episode belongs to: its policy's (<see cref="EpisodePolicy.Authority"/>). A register or store
    /// of another authority refuses it (docs/authorities.md).
    /// </summary>
    public AuthorityId Authority => _policy.Authority;

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

    /// <summary>The decision points the policy what-if counts and the assessments it re-decides, kept as events apply.</summary>
    internal ref readonly DecisionPointIndex DecisionPoints => ref _decisionPoints;

    /// <summary>When the episode opened: the first contact for the LIFE-06 timescale.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Who opened the episode: the interim lead professional (LP-01).</summary>
    public Actor OpenedBy { get; }

    /// <summary>Earlier, closed episodes of the same child this one is linked to (LIFE-03).</summary>
    public ImmutableArray<EpisodeId> PreviousEpisodes { get; private set; } = [];

    /// <summary>For a potential CAF from step-down (LIFE-02): the service that stepped down; otherwise null.</summary>
    public string? SteppingDownService => StepDown?.SpecialistService;

    /// <summary>The family's lead-professional preference recorded at step-down (LP-05), if any.</summary>
    public PractitionerId? FamilyPreferredLeadProfessional { get; private set; }

    /// <summary>Everything recorded about consent (CONS), including the exclusions in force (CONS-05).</summary>
    public ConsentState Consent => _consent;

    /// <summary>
    /// The consent policy's answer for this episode as of now (LIFE-05, CONS-04): the child's age is taken on
    /// today's date, so a child who turned 16 since consent was recorded is judged at 16. Commands judge consent
    /// as of their own time, the same live and on replay.
    /// </summary>
    public ConsentEvaluation ConsentEvaluation => ConsentAt(Now, _policy.RulesAt(Now));

    /// <summary>When the assessment started, if it has.</summary>
    public DateTimeOffset? AssessmentStartedAt { get; private set; }

    /// <summary>When the assessment was completed, if it has been.</summary>
    public DateTimeOffset? AssessmentCompletedAt { get; private set; }

    /// <summary>The assessment's thresholds result, with framework id and version (THR-07).</summary>
    public AssessmentSummary? Assessment { get; private set; }

    /// <summary>
    /// The next step chosen with <see cref="ChooseNextStep"/> after assessment (LIFE-07), if any. A panel referral
    /// shows in <see cref="CurrentPanelReferral"/> and <see cref="State"/>, a step-up in <see cref="Closure"/> (closed as stepped up).
    /// </summary>
    public NextStep? NextStep { get; private set; }

    /// <summary>
    /// The current lead professional: the practitioner who opened the episode as interim LP (LP-01) until
    /// one is appointed.
    /// </summary>
    public LeadProfessionalRecord LeadProfessional => _leadProfessionals[^1];

    /// <summary>
    /// True when the family excluded the current lead professional's agency (CONS-05), including the interim
    /// lead professional who opened the episode. From then on every command that would share with the lead
    /// professional is refused with LP-11 (and audited) until the role is handed over (LP-10): only consent,
    /// the handover itself, withdrawal, override, step-up and closing as consent withdrawn go ahead.
    /// </summary>
    public bool IsLeadProfessionalExcluded => _consent.Excludes(LeadProfessional.Agency);

    /// <summary>A nomination waiting for the supervisor's confirmation (LP-06) or the family's agreement (LP-05), if any.</summary>
    public LeadProfessionalNomination? PendingNomination { get; private set; }

    /// <summary>Every lead professional the episode has had, oldest first (LP-10: the history is kept).</summary>
    public ImmutableArray<LeadProfessionalRecord> LeadProfessionalHistory => _leadProfessionals.View;

    /// <summary>
    /// The current action plan as it stands: the latest version agreed (<see cref="Plans"/>) with each review's
    /// progress and new actions applied (REV-02); null before a plan is agreed.
    /// </summary>
    public ActionPlan? Plan { get; private set; }

    /// <summary>Every version of the plan as agreed, first to latest: a revision never loses an earlier one.</summary>
    public PlanHistory Plans => _plansView ??= new PlanHistory(_plans.View);

    /// <summary>The reviews of the current plan version, first to latest (REV-03 counts them; CLOSE-C1, CLOSE-C2 read them).</summary>
    /// <remarks>Applying a review appends to a list the episode keeps (linear in the reviews); this array is built from it
    /// on the first read after a change and then reused.</remarks>
    public ImmutableArray<ReviewRecord> ReviewsOfCurrentPlan => _reviews.View;

    /// <summary>REV-04: every escalation of an agency's action not carried out, oldest first; the action keeps its owner.</summary>
    public ImmutableArray<ActionEscalation> Escalations => _escalations.View;

    /// <summary>
    /// The plan's delivering agencies the family has since excluded (SHARE-01): their actions are suspended,
    /// they receive no review, and the plan must be revised without them.
    /// </summary>
    public ImmutableArray<AgencyId> SuspendedPlanAgencies =>
        Plan is { } plan ? [.. plan.DeliveringAgencies.Where(_consent.Excludes)] : [];

    /// <summary>
    /// The open actions of an agency the family excluded (SHARE-01): suspended, and to be reassigned by a plan
    /// revision (<see cref="RevisePlan"/>) before the next review.
    /// </summary>
    public ImmutableArray<PlanAction> SuspendedActions =>
        Plan is { } plan && !_consent.Exclusions.IsEmpty
            ? [.. plan.Actions.Where(a => a.IsOpen && a.Owner.Agency is { } agency && _consent.Excludes(agency))]
            : [];

    /// <summary>How many reviews have been held, of every plan version.</summary>
    public int ReviewCount { get; private set; }

    /// <summary>
    /// REV-03: true from the review that found insufficient progress at the Nth (option, default 4) or a later
    /// review of the current plan until a new plan is agreed: no review or revision is accepted before the
    /// reassessment (<see cref="RequireReassessment"/>) and the new plan.
    /// </summary>
    public bool IsReassessmentRequired { get; private set; }

    /// <summary>
    /// When a reassessment was last required: the day of the review that triggered REV-03, or of
    /// <see cref="RequireReassessment"/> when it was asked for otherwise; its due date runs from then (LIFE-06).
    /// </summary>
    public DateTimeOffset? ReassessmentRequiredAt { get; private set; }

    /// <summary>When the next review is due (REV-05): the plan's first review date, then each review's next date; null when none is due.</summary>
    public DateOnly? NextReviewDue { get; private set; }

    /// <summary>
    /// REV-05: the open actions of the current plan past their due date, as of today, to chase with their owners. An action
    /// of an agency the family has since excluded is not listed: it is suspended (<see cref="SuspendedActions"/>), and
    /// chasing it would hand that agency the plan (SHARE-01); the plan is revised without it.
    /// </summary>
    public ImmutableArray<PlanAction> OverdueActions =>
        _state == EpisodeState.PlanActive && Plan is { } plan
            ? [.. plan.OverdueActions(_policy.Today).Where(a => a.Owner.Agency is not { } agency || !_consent.Excludes(agency))]
            : [];

    /// <summary>The accepted closure of <see cref="Close"/> (criteria, taxonomy outcome, decision text); null otherwise.</summary>
    public ClosureDecision? ClosureDecision { get; private set; }

    /// <summary>STEP-01, STEP-02: the step-down information a potential CAF was registered from; null otherwise.</summary>
    public StepDownInformation? StepDown { get; private set; }

    /// <summary>STEP-03: the step-down TAC's decision, once recorded.</summary>
    public StepDownTacDecision? StepDownTacDecision { get; private set; }

    /// <summary>How and why the episode closed; null while open.</summary>
    public ClosureRecord? Closure { get; private set; }

    /// <summary>The authority the episode was transferred to (RET-02), if any.</summary>
    public string? TransferredTo { get; private set; }

    /// <summary>When the episode was transferred out (RET-02), if it was.</summary>
    public DateTimeOffset? TransferredAt { get; private set; }

    /// <summary>The family group linking siblings' episodes (REG-03), if any.</summary>
    public string? FamilyGroup { get; private set; }

    /// <summary>
    /// REG-03: the family and environmental part of the assessment this episode holds: recorded on it for its family group
    /// (<see cref="RecordFamilyAssessment"/>) or received from a sibling's episode through the sharing gate
    /// (<see cref="Caf.Core.Register.CafRegister.ReuseFamilyAssessmentAsync"/>); the latest of them, or null. A host's
    /// assessment form pre-ticks its indicators. It stays with the episode when the family link ends.
    /// </summary>
    public Caf.Core.Register.FamilyAssessment? FamilyAssessment { get; private set; }

    /// <summary>
    /// LIFE-06: when the assessment should be completed: first contact plus the timescale; for a reassessment
    /// required by REV-03, the day it was required plus the timescale. For a potential CAF from step-down (the
    /// step-down information takes the place of the assessment, STEP-02): null until an assessment is actually
    /// started, then the day it started plus the timescale.
    /// </summary>
    public DateTimeOffset? AssessmentDueBy =>
        ReassessmentRequiredAt is { } required ? required.AddMonths(_assessmentTimescaleMonths)
        : StepDown is not null ? AssessmentStartedAt?.AddMonths(_assessmentTimescaleMonths)
        : OpenedAt.AddMonths(_assessmentTimescaleMonths);

    /// <summary>
    /// LIFE-06: true when an assessment is due, not completed and the timescale has passed. Reported, never
    /// blocking.
    /// </summary>
    public bool IsAssessmentOverdue =>
        IsOpen && AssessmentCompletedAt is null && AssessmentDueBy is { } due && _policy.Time.GetUtcNow() > due;

    /// <summary>REV-05: true when a review is due and its date has passed.</summary>
    public bool IsReviewOverdue => _state == EpisodeState.PlanActive && NextReviewDue is { } due && _policy.Today > due;

    /// <summary>
    /// RET-01, RET-02: the date the authority's record becomes due for disposal — the retention period after
    /// closure, or after the transfer out of area for the sending authority's copy; null while open.
    /// </summary>
    public DateOnly? RetentionDueOn => (Closure?.ClosedAt ?? TransferredAt) is { } ended
        ? DateOnly.FromDateTime(ended.UtcDateTime).AddYears(_retentionYears ?? _policy.RetentionYears)
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
    /// <exception cref="ArgumentException">An argument is null, default or empty; the child's date of birth is after
    /// today; or the policy's clock reads outside 1900–2199.</exception>
    public static CafEpisode IdentifyConcern(
        EpisodePolicy policy, EpisodeId id, ChildDetails child, Actor by, string concern, IEnumerable<EpisodeId>? previousEpisodes = null)
    {
        Guard.Against.Null(policy);
        GuardId(id);
        GuardChild(child);
        GuardActor(by);
        Guard.Against.NullOrWhiteSpace(concern);
        var opening = new ConcernIdentified(id, OpeningTime(policy, child), by, child, concern, ToLinks(previousEpisodes));
        return OpenLive(policy, opening);
    }

    /// <summary>
    /// LIFE-02, STEP-01, STEP-02: registers a potential CAF from a specialist service's step-down information;
    /// the step-down document takes the place of the assessment, so no assessment is due (LIFE-06).
    /// </summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="id">The new episode's id.</param>
    /// <param name="child">The child.</param>
    /// <param name="by">The practitioner registering it.</param>
    /// <param name="information">The step-down information with its seven core items (STEP-01) and document type (STEP-02).</param>
    /// <param name="familyPreferredLeadProfessional">The practitioner the family prefer as lead professional (LP-05), if they named one.</param>
    /// <param name="previousEpisodes">Earlier, closed episodes of the child (LIFE-03).</param>
    /// <returns>The new episode.</returns>
    /// <exception cref="ArgumentException">STEP-01: the information lacks core items (the message names every missing
    /// field, see <see cref="StepDownInformation.MissingItems"/>); or an argument is null, default or empty; the child's date
    /// of birth is after today; or the policy's clock reads outside 1900–2199.</exception>
    public static CafEpisode RegisterPotentialFromStepDown(
        EpisodePolicy policy,
        EpisodeId id,
        ChildDetails child,
        Actor by,
        StepDownInformation information,
        PractitionerId? familyPreferredLeadProfessional = null,
        IEnumerable<EpisodeId>? previousEpisodes = null)
    {
        Guard.Against.Null(policy);
        GuardId(id);
        GuardChild(child);
        GuardActor(by);
        Guard.Against.Null(information);
        if (information.Validate() is { IsRefused: true } incomplete)
        {
            throw new ArgumentException($"[STEP-01] {incomplete.Refusal.Message}", nameof(information));
        }

        if (familyPreferredLeadProfessional is { IsDefault: true })
        {
            throw new ArgumentException("A preferred lead professional must be a valid id.", nameof(familyPreferredLeadProfessional));
        }

        var opening = new PotentialCafRegistered(
            id, OpeningTime(policy, child), by, child, information, familyPreferredLeadProfessional, ToLinks(previousEpisodes));
        return OpenLive(policy, opening);
    }

    /// <summary>
    /// Rebuilds an episode from its history (for example from storage). Each event is replayed through the
    /// same checks as the command that makes it, judged as of the event's own time and under the policy version it
    /// names (<see cref="CafEvent.PolicyVersion"/>; an event naming none, under the version in effect at its time), so
    /// the result is exactly the episode the commands produced — or the history is refused.
    /// </summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="history">The events, oldest first.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="ArgumentException">The history is empty, contains null, does not start with an opening event,
    /// mixes episodes, contains an event its command would have refused (the message names the event and the rule), or names a
    /// policy version the policy does not register (the message names the version and what to register).</exception>
    public static CafEpisode Rebuild(EpisodePolicy policy, IEnumerable<CafEvent> history)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(history);
        var replay = Replay(policy, history as IReadOnlyList<CafEvent> ?? [.. history]);
        if (replay.Episode is { } episode)
        {
            return episode;
        }

        throw new ArgumentException($"history[{replay.FailedAt}]: {replay.Failure}", nameof(history));
    }

    /// <summary>Replays a history; the episode, or the index of the first event refused and why.</summary>
    internal static (CafEpisode? Episode, int FailedAt, Refusal? Failure) Replay(EpisodePolicy policy, IReadOnlyList<CafEvent> history)
    {
        if (history.Count == 0)
        {
            return (null, 0, new Refusal("LIFE-01", "An episode's history cannot be empty: it starts with its opening event.", "events"));
        }

        CafEpisode episode;
        switch (history[0])
        {
            case null:
                return (null, 0, new Refusal("LIFE-11", "The event is null.", "events"));
            case ConcernIdentified or PotentialCafRegistered:
                var opening = EventChecks.Opening(history[0]) ?? FutureProblem(policy, history[0]);
                if (opening is not null)
                {
                    return (null, 0, opening);
                }

                if (policy.RulesFor(history[0]) is not { } rules)
                {
                    return (null, 0, policy.UnknownVersion(history[0]));
                }

                episode = Open(policy, rules, history[0]);
                break;
            default:
                return (null, 0, new Refusal("LIFE-01",
                    $"The history must start by opening the episode (concern identified or potential CAF registered), not with {history[0].GetType().Name}.", "events"));
        }

        for (var i = 1; i < history.Count; i++)
        {
            var result = episode.Execute(history[i], live: false);
            if (result.IsRefused)
            {
                return (null, i, result.Refusal);
            }
        }

        return (episode, -1, null);
    }

    // A live opening is judged under the version in effect now and records it.
    private static CafEpisode OpenLive(EpisodePolicy policy, CafEvent opening)
    {
        var rules = policy.RulesAt(opening.OccurredAt);
        return Open(policy, rules, opening with { PolicyVersion = rules.Version.Id });
    }

    private static CafEpisode Open(EpisodePolicy policy, EpisodeRules rules, CafEvent opening)
    {
        var (child, links) = opening switch
        {
            ConcernIdentified c => (c.Child, c.PreviousEpisodes),
            PotentialCafRegistered p => (p.Child, p.PreviousEpisodes),
            _ => throw new ArgumentException("Not an opening event.", nameof(opening)),
        };
        var episode = new CafEpisode(policy, rules, opening, opening is ConcernIdentified ? EpisodeState.Identified : EpisodeState.PotentialFromStepDown)
        {
            Child = child,
            PreviousEpisodes = links.IsDefault ? [] : links,
        };
        episode._leadProfessionals.Add(LeadProfessionalRecord.Interim(opening.Actor, opening.OccurredAt));
        if (opening is PotentialCafRegistered potential)
        {
            episode.StepDown = potential.Information;
            episode.FamilyPreferredLeadProfessional = potential.FamilyPreferredLeadProfessional;
        }

        episode.NoteRecorded(opening);
        episode._events.Add(opening);
        episode._decisionPoints = DecisionPointIndex.Opened(opening);
        return episode;
    }

    private static DateTimeOffset OpeningTime(EpisodePolicy policy, ChildDetails child)
    {
        var now = EventChecks.ToStoredPrecision(policy.Time.GetUtcNow());
        if (!EventChecks.IsSaneTime(now))
        {
            throw new ArgumentException($"The policy's clock reads {now:u}, outside {EventChecks.Earliest.Year}–{EventChecks.Latest.Year - 1} (LIFE-11).", nameof(policy));
        }

        if (child.DateOfBirth is { } born && born > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new ArgumentException($"The child's date of birth {born:yyyy-MM-dd} is after today; an unborn baby has no date of birth.", nameof(child));
        }

        return now;
    }

    private static void GuardChild(ChildDetails child, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(child))] string? name = null)
    {
        Guard.Against.Null(child, name);
        if (child.Id.IsDefault)
        {
            throw new ArgumentException("The child needs an id (ChildId must not be default).", name);
        }
    }

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
