using System;
using System.Collections.Immutable;
using System.Linq;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Closure;
using Caf.Core.Configuration;
using Caf.Core.Consent;
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
    /// <exception cref="ArgumentException">An argument is null or the options are invalid.</exception>
    public EpisodePolicy(CafOptions options, TimeProvider timeProvider, ISharingService sharing, ClosureTaxonomy closureTaxonomy)
    {
        Guard.Against.Null(options);
        Guard.Against.Null(closureTaxonomy);
        options.ThrowIfInvalid();
        Time = Guard.Against.Null(timeProvider);
        Sharing = Guard.Against.Null(sharing);
        Consent = new ConsentPolicy(options.Consent);
        AssessmentTimescaleMonths = options.Lifecycle.AssessmentTimescaleMonths;
        ClockSkewAllowance = TimeSpan.FromMinutes(options.Lifecycle.ClockSkewAllowanceMinutes);
        InsufficientProgressReviewLimit = options.Reviews.InsufficientProgressReviewLimit;
        CountConsecutiveInsufficientReviewsOnly = options.Reviews.CountConsecutiveOnly;
        Closure = new ClosureCheck(closureTaxonomy, options.Closure);
        RetentionYears = options.Retention.RetentionYears;
        RequireLeadProfessionalTraining = options.LeadProfessional.RequireTraining;
        LeadProfessionalCaseloadCap = options.LeadProfessional.CaseloadCap;
    }

    /// <summary>LIFE-11: how far an event's time may be ahead of <see cref="Time"/>'s now and still be read (<see cref="LifecycleOptions.ClockSkewAllowanceMinutes"/>).</summary>
    public TimeSpan ClockSkewAllowance { get; }

    /// <summary>The default policy (the documented defaults of <see cref="Caf.Core.Configuration.CafOptions"/>) on a given clock, auditing sharing decisions to a log.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="auditLog">Where sharing decisions are recorded (SHARE-03/04).</param>
    /// <returns>The policy.</returns>
    public static EpisodePolicy Default(TimeProvider timeProvider, ISharingAuditLog auditLog)
    {
        var options = new CafOptions();
        return new(options, timeProvider, new SharingService(auditLog, timeProvider, new ConsentPolicy(options.Consent)));
    }

    /// <summary>The sharing service every hand-over of information to an agency goes through (SHARE-01..04).</summary>
    public ISharingService Sharing { get; }

    /// <summary>The clock every event's time comes from.</summary>
    public TimeProvider Time { get; }

    /// <summary>The consent policy (CONS-01..08).</summary>
    public ConsentPolicy Consent { get; }

    /// <summary>LIFE-06: months allowed for an assessment.</summary>
    public int AssessmentTimescaleMonths { get; }

    /// <summary>REV-03: N, the review of the current plan from which insufficient progress requires reassessment and a new plan.</summary>
    public int InsufficientProgressReviewLimit { get; }

    /// <summary>REV-03: the optional consecutive reading (N insufficient reviews in a row), see <see cref="ReassessmentRule"/>.</summary>
    public bool CountConsecutiveInsufficientReviewsOnly { get; }

    /// <summary>The closure rules over the authority's taxonomy (CLOSE-C1..C4, CLOSE-01..10).</summary>
    public ClosureCheck Closure { get; }

    /// <summary>RET-01: years a closed episode is retained.</summary>
    public int RetentionYears { get; }

    /// <summary>LP-04: whether a nominee must be trained for the role (the selector's hard check, applied to every nomination).</summary>
    public bool RequireLeadProfessionalTraining { get; }

    /// <summary>The caseload cap a nominee must be under (the selector's hard check, applied to every nomination), or null.</summary>
    public int? LeadProfessionalCaseloadCap { get; }

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
