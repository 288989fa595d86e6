using System;
using System.Collections.Immutable;
using System.Linq;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>A question about an open episode whose answer a candidate policy version may change (<see cref="PolicyVersionWhatIf"/>).</summary>
public enum PolicyVersionQuestion
{
    /// <summary>Whether the stored history still reads under the history with the candidate (it always does for events that name their version).</summary>
    HistoryReads = 0,

    /// <summary>Whether an action (<see cref="PolicyVersionChange.Action"/>) is permitted, and the rule refusing it (what next).</summary>
    ActionPermitted = 1,

    /// <summary>LIFE-06: when the assessment (or the reassessment) is due.</summary>
    AssessmentDueBy = 2,

    /// <summary>LIFE-06: whether the assessment is overdue.</summary>
    AssessmentOverdue = 3,

    /// <summary>REV-05: when the next review is due.</summary>
    NextReviewDue = 4,

    /// <summary>LIFE-05, CONS-02, CONS-03: whether the consent recorded is sufficient to start (or continue) an assessment.</summary>
    ConsentSufficientToStart = 5,

    /// <summary>CONS-04: whether the consent recorded is sufficient to share at a panel.</summary>
    ConsentSufficientForPanel = 6,

    /// <summary>REV-03: whether a reassessment and a new plan are required now.</summary>
    ReassessmentRequired = 7,

    /// <summary>REV-03: whether the next review, if it finds progress insufficient, requires a reassessment and a new plan.</summary>
    NextInsufficientReviewRequiresReassessment = 8,
}

/// <summary>One answer a candidate version changes for an episode.</summary>
/// <param name="Question">The question.</param>
/// <param name="Action">For <see cref="PolicyVersionQuestion.ActionPermitted"/>, the action; null otherwise.</param>
/// <param name="Current">The answer under the current versions.</param>
/// <param name="Candidate">The answer once the candidate is in effect.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyVersionChange(PolicyVersionQuestion Question, EpisodeAction? Action, string Current, string Candidate)
{
    /// <inheritdoc />
    public override string ToString() => $"{Question}{(Action is { } a ? " " + a : "")}: {Current} -> {Candidate}";
}

/// <summary>How a candidate version changes one open episode.</summary>
/// <param name="Episode">The episode.</param>
/// <param name="State">Its state.</param>
/// <param name="Changes">Every answer that changes.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyVersionImpact(EpisodeId Episode, EpisodeState State, ImmutableArray<PolicyVersionChange> Changes)
{
    /// <inheritdoc />
    public bool Equals(PolicyVersionImpact? other) =>
        other is not null && Episode == other.Episode && State == other.State && ValueEquality.Equal(Changes, other.Changes);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Episode, State, ValueEquality.Hash(Changes));
}

/// <summary>What adopting a candidate policy version changes: every open episode it changes, and how.</summary>
/// <param name="CurrentVersion">The version in effect before the candidate (the latest registered).</param>
/// <param name="CandidateVersion">The candidate's id.</param>
/// <param name="AsOf">When the answers are compared: the candidate's first day, or now if later.</param>
/// <param name="OpenEpisodes">How many open episodes were examined (closed and transferred ones are skipped).</param>
/// <param name="Changed">The open episodes with at least one changed answer, in episode-id order.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyVersionReport(string CurrentVersion, string CandidateVersion, DateTimeOffset AsOf, int OpenEpisodes, ImmutableArray<PolicyVersionImpact> Changed)
{
    /// <summary>The changed episodes that would have an action refused that is permitted today.</summary>
    public ImmutableArray<PolicyVersionImpact> Blocked => Changed.IsDefault
        ? []
        : [.. Changed.Where(c => c is not null && !c.Changes.IsDefault
            && c.Changes.Any(x => x is { Question: PolicyVersionQuestion.ActionPermitted, Current: PolicyVersionWhatIf.Permitted }))];

    /// <inheritdoc />
    public bool Equals(PolicyVersionReport? other) =>
        other is not null && CurrentVersion == other.CurrentVersion && CandidateVersion == other.CandidateVersion && AsOf == other.AsOf
        && OpenEpisodes == other.OpenEpisodes && ValueEquality.Equal(Changed, other.Changed);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CurrentVersion, CandidateVersion, AsOf, OpenEpisodes, ValueEquality.Hash(Changed));
}
