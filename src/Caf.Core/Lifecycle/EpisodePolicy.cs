using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Configuration;
using Caf.Core.Consent;

namespace Caf.Core.Lifecycle;

/// <summary>
/// What an episode needs from its host to apply the rules: the clock (<see cref="TimeProvider"/>), the
/// consent policy and the lifecycle and review options. Build one per host (DI registers it) and pass it
/// to every episode; it is immutable and shared.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed class EpisodePolicy
{
    private ImmutableArray<ImmutableArray<EpisodeState>> _sourceStates; // per action, computed once from the machine

    /// <summary>Creates the policy from validated options and the host's clock.</summary>
    /// <param name="options">The options (validated here; copied, so later changes have no effect).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public EpisodePolicy(CafOptions options, TimeProvider timeProvider)
    {
        Guard.Against.Null(options);
        options.ThrowIfInvalid();
        Time = Guard.Against.Null(timeProvider);
        Consent = new ConsentPolicy(options.Consent);
        AssessmentTimescaleMonths = options.Lifecycle.AssessmentTimescaleMonths;
        InsufficientProgressReviewLimit = options.Reviews.InsufficientProgressReviewLimit;
        RetentionYears = options.Retention.RetentionYears;
    }

    /// <summary>The default policy (DESIGN.md defaults) on a given clock.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The policy.</returns>
    public static EpisodePolicy Default(TimeProvider timeProvider) => new(new CafOptions(), timeProvider);

    /// <summary>The clock every event's time comes from.</summary>
    public TimeProvider Time { get; }

    /// <summary>The consent policy (CONS-01..08).</summary>
    public ConsentPolicy Consent { get; }

    /// <summary>LIFE-06: months allowed for an assessment.</summary>
    public int AssessmentTimescaleMonths { get; }

    /// <summary>REV-03: insufficient reviews in a row before reassessment is required.</summary>
    public int InsufficientProgressReviewLimit { get; }

    /// <summary>RET-01: years a closed episode is retained.</summary>
    public int RetentionYears { get; }

    /// <summary>Today's date in UTC from the clock.</summary>
    internal DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    /// <summary>The states from which an action can be taken at all (guards aside), from the lifecycle definition.</summary>
    internal ImmutableArray<EpisodeState> SourceStatesOf(EpisodeAction action)
    {
        var table = _sourceStates;
        if (table.IsDefault)
        {
            // Read once from a configured machine (Stateless stays the single definition); a benign race
            // computes it twice at worst.
            var info = CafEpisode.DescribeLifecycle().States;
            var actions = Enum.GetValues<EpisodeAction>();
            var builder = ImmutableArray.CreateBuilder<ImmutableArray<EpisodeState>>(actions.Length);
            foreach (var a in actions)
            {
                builder.Add(info
                    .Where(s => s.FixedTransitions.Any(t => Equals(t.Trigger.UnderlyingTrigger, a))
                             || s.IgnoredTriggers.Any(t => Equals(t.Trigger.UnderlyingTrigger, a)))
                    .Select(s => (EpisodeState)s.UnderlyingState)
                    .ToImmutableArray());
            }

            table = builder.MoveToImmutable();
            ImmutableInterlocked.InterlockedInitialize(ref _sourceStates, table);
        }

        return table[(int)action];
    }
}
