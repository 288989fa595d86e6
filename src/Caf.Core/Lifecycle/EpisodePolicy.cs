using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Policy;
using Caf.Core.Primitives;
using Caf.Core.Planning;

namespace Caf.Core.Lifecycle;

/// <summary>
/// What an episode needs from its host to apply the rules: the clock (<see cref="TimeProvider"/>), the
/// consent policy, the sharing service every hand-over of information goes through (SHARE-01..04), and
/// the lifecycle and review options. Build one per host (DI registers it) and pass it
/// to every episode; it is immutable and shared.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class EpisodePolicy
{
    /// <summary>Creates the policy from validated options, the host's clock and its sharing service.</summary>
    /// <param name="options">The options (validated here; copied, so later changes have no effect).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="sharing">
    /// The sharing service the episode asks before it hands information to an agency (an appointed lead
    /// professional, LP-11; the plan's delivering agencies, SHARE-01), so each decision is audited (SHARE-03/04).
    /// </param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public EpisodePolicy(CafOptions options, TimeProvider timeProvider, ISharingService sharing)
        : this(options, timeProvider, sharing, ClosureTaxonomy.Default)
    {
    }

    /// <summary>Creates the policy with an authority's closure taxonomy (CLOSE-10).</summary>
    /// <param name="options">The options (validated here; copied, so later changes have no effect).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="sharing">The sharing service every hand-over of information goes through (SHARE-01..04).</param>
    /// <param name="closureTaxonomy">The closure outcomes the authority records (<see cref="ClosureTaxonomy.Default"/> or one loaded by <see cref="ClosureTaxonomyLoader"/>).</param>
    /// <remarks>A single policy is a <see cref="PolicyHistory"/> of one version, <see cref="PolicyHistory.DefaultVersionId"/> (<see cref="PolicyHistory.Single"/>).</remarks>
    /// <exception cref="ArgumentException">An argument is null or the options are invalid.</exception>
    public EpisodePolicy(CafOptions options, TimeProvider timeProvider, ISharingService sharing, ClosureTaxonomy closureTaxonomy)
        : this(SingleHistory(options, closureTaxonomy), timeProvider, sharing)
    {
    }

    /// <summary>
    /// Creates the policy over an authority's dated policy versions (docs/policy-versions.md): each command is judged
    /// under the version in effect on its day, each stored event under the version it names.
    /// </summary>
    /// <param name="history">The versions.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="sharing">
    /// The sharing service every hand-over of information goes through (SHARE-01..04), deciding under the first
    /// version's consent rules. When it is a <see cref="SharingService"/>, a later version's decisions are made by the
    /// same service (same audit log and clock) under that version's consent rules; a host's own implementation
    /// decides every version's hand-overs itself.
    /// </param>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    public EpisodePolicy(PolicyHistory history, TimeProvider timeProvider, ISharingService sharing)
    {
        History = Guard.Against.Null(history);
        Time = Guard.Against.Null(timeProvider);
        Sharing = Guard.Against.Null(sharing);
        var rules = new EpisodeRules[history.Versions.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var version = history.Versions[i];
            rules[i] = new EpisodeRules(version, i == 0 ? sharing : SharingFor(sharing, new ConsentPolicy(version.Options.Consent), SharingMinimum.From(version.Options.Sharing)));
        }

        _rules = [.. rules];
        _rulesById = _rules.ToFrozenDictionary(r => r.Version.Id, StringComparer.Ordinal);
        ClockSkewAllowance = TimeSpan.FromMinutes(history.Latest.Options.Lifecycle.ClockSkewAllowanceMinutes);
    }

    /// <summary>
    /// LIFE-11: how far an event's time may be ahead of <see cref="Time"/>'s now and still be read
    /// (<see cref="LifecycleOptions.ClockSkewAllowanceMinutes"/>). A reading concern, not a judgement: every version
    /// of a history has the same allowance (a version that changes it is refused at start-up).
    /// </summary>
    public TimeSpan ClockSkewAllowance { get; }

    /// <summary>
    /// The naming port the episode's person-facing texts use (the actor refusals of <see cref="CafEpisode.GetAvailableActions(Actor)"/>
    /// and the commands): <see cref="CafNames.Ids"/> unless the host registered an <see cref="ICafNames"/>. Names are only read, never stored.
    /// </summary>
    public ICafNames Names { get; init; } = CafNames.Ids;

    /// <summary>
    /// The authority whose policy this is (docs/authorities.md): every episode built or loaded with this policy belongs
    /// to it (<see cref="CafEpisode.Authority"/>), and a register or store over it refuses an episode of another
    /// authority. <see cref="AuthorityId.Default"/> unless set (a single-authority host).
    /// </summary>
    /// <exception cref="ArgumentException">Set to <c>default(AuthorityId)</c>.</exception>
    public AuthorityId Authority
    {
        get => _authority;
        init => _authority = value.IsDefault ? throw new ArgumentException("An EpisodePolicy needs a valid AuthorityId, not default(AuthorityId).", nameof(value)) : value;
    }

    private readonly AuthorityId _authority = AuthorityId.Default;

    /// <summary>
    /// LAW-04: the read-audit port the register and the web adapter record reads of episode content in
    /// (<see cref="Reads.IReadAuditLog"/>). Reads are recorded before their content is returned. <c>AddCafCore</c> sets
    /// the host's registered log and requires one (the start-up check fails without it, as for the sharing audit);
    /// null (the default of a policy built by hand, e.g. in a test) records none.
    /// </summary>
    public Reads.IReadAuditLog? Reads { get; init; }

    private readonly ImmutableArray<EpisodeRules> _rules;
    private readonly FrozenDictionary<string, EpisodeRules> _rulesById;

    private static PolicyHistory SingleHistory(CafOptions options, ClosureTaxonomy closureTaxonomy)
    {
        Guard.Against.Null(options);
        Guard.Against.Null(closureTaxonomy);
        options.ThrowIfInvalid();
        return PolicyHistory.Single(options, closureTaxonomy);
    }

    private static ISharingService SharingFor(ISharingService sharing, ConsentPolicy consent, SharingMinimum minimum) => sharing switch
    {
        SharingService s => s.WithPolicy(consent, minimum),
        Analysis.EvaluatingSharingService => new Analysis.EvaluatingSharingService(consent),
        _ => sharing,
    };

    /// <summary>The default policy (the documented defaults of <see cref="Caf.Core.Configuration.CafOptions"/>) on a given clock, auditing sharing decisions to a log.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="auditLog">Where sharing decisions are recorded (SHARE-03/04).</param>
    /// <returns>The policy.</returns>
    public static EpisodePolicy Default(TimeProvider timeProvider, ISharingAuditLog auditLog)
    {
        var options = new CafOptions();
        return new(options, timeProvider, new SharingService(auditLog, timeProvider, new ConsentPolicy(options.Consent), Diagnostics.CafMetrics.None, SharingMinimum.Default));
    }

    /// <summary>The sharing service every hand-over of information to an agency goes through (SHARE-01..04).</summary>
    public ISharingService Sharing { get; }

    /// <summary>The clock every event's time comes from.</summary>
    public TimeProvider Time { get; }

    /// <summary>The authority's policy versions (docs/policy-versions.md).</summary>
    public PolicyHistory History { get; }

    /// <summary>The version in effect today on the clock: the one that judges commands now.</summary>
    public PolicyVersion CurrentVersion => Current.Version;

    /// <summary>The consent policy (CONS-01..08) of the version in effect now.</summary>
    public ConsentPolicy Consent => Current.Consent;

    /// <summary>LIFE-06: months allowed for an assessment, under the version in effect now.</summary>
    public int AssessmentTimescaleMonths => Current.AssessmentTimescaleMonths;

    /// <summary>REV-03: N, the review of the current plan from which insufficient progress requires reassessment and a new plan (version in effect now).</summary>
    public int InsufficientProgressReviewLimit => Current.InsufficientProgressReviewLimit;

    /// <summary>REV-03: the optional consecutive reading (N insufficient reviews in a row), see <see cref="ReassessmentRule"/> (version in effect now).</summary>
    public bool CountConsecutiveInsufficientReviewsOnly => Current.CountConsecutiveInsufficientReviewsOnly;

    /// <summary>The closure rules over the authority's taxonomy (CLOSE-C1..C4, CLOSE-01..10), under the version in effect now, naming people through <see cref="Names"/>.</summary>
    public ClosureCheck Closure => Current.Closure.WithNames(Names);

    /// <summary>RET-01: years a closed episode is retained, under the version in effect now.</summary>
    public int RetentionYears => Current.RetentionYears;

    /// <summary>LP-04: whether a nominee must be trained for the role (the selector's hard check, applied to every nomination), under the version in effect now.</summary>
    public bool RequireLeadProfessionalTraining => Current.RequireLeadProfessionalTraining;

    /// <summary>The caseload cap a nominee must be under (the selector's hard check, applied to every nomination), or null; version in effect now.</summary>
    public int? LeadProfessionalCaseloadCap => Current.LeadProfessionalCaseloadCap;

    private EpisodeRules Current => RulesAt(Time.GetUtcNow());

    /// <summary>The rules of the version in effect at a time (a live command's, a query's).</summary>
    internal EpisodeRules RulesAt(DateTimeOffset at)
    {
        if (_rules.Length == 1)
        {
            return _rules[0];
        }

        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var index = 0;
        for (var i = 1; i < _rules.Length && _rules[i].Version.EffectiveFrom <= day; i++)
        {
            index = i;
        }

        return _rules[index];
    }

    /// <summary>
    /// The rules a stored event is judged under: the version it names, or — for an event stored before versions
    /// existed, which names none — the version in effect at its time; null when it names a version not registered.
    /// </summary>
    internal EpisodeRules? RulesFor(CafEvent e) =>
        e.PolicyVersion is { } id ? _rulesById.GetValueOrDefault(id) : RulesAt(e.OccurredAt);

    /// <summary>The refusal for an event naming a version this policy does not register: names the version and what to register.</summary>
    internal Refusal UnknownVersion(CafEvent e) => new("LIFE-11",
        $"{e.GetType().Name} of {e.OccurredAt:yyyy-MM-dd} was accepted under policy version \"{e.PolicyVersion}\", which this host does not register (registered: {string.Join(", ", History.Versions.Select(v => $"\"{v.Id}\""))}). "
        + $"Register that version with the options it had, e.g. services.AddCafPolicyVersion(\"{e.PolicyVersion}\", <effective date>, options => ...) or a PolicyVersion in the PolicyHistory given to EpisodePolicy (docs/policy-versions.md).",
        "policyVersion");

    /// <summary>Today's date in UTC from the clock.</summary>
    internal DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The lifecycle as a lookup table read once from the Stateless definition (shared by every policy and
    /// episode): for each state and action, the indexes of the guards its transition needs, or null when the
    /// state does not configure it. Lets commands and "what may happen next" run without a Stateless machine
    /// per episode, while the definition stays Stateless's.
    /// </summary>
    internal int[]?[] GuardTable => CafEpisode.GuardTable;

    /// <summary>Whether an action is configured at all in a state (guards aside).</summary>
    internal bool IsConfigured(EpisodeState state, EpisodeAction action) => GuardTable[CafEpisode.Cell(state, action)] is not null;

    /// <summary>The states from which an action can be taken at all (guards aside), from the lifecycle definition.</summary>
    internal ImmutableArray<EpisodeState> SourceStatesOf(EpisodeAction action) =>
        [.. Enum.GetValues<EpisodeState>().Where(s => IsConfigured(s, action))];
}
