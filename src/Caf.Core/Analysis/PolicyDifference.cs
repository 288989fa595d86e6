using System;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>One decision as one configuration makes it.</summary>
/// <param name="Outcome">The decision itself, e.g. <c>level 3</c>, <c>sufficient</c>, <c>2031-06-30</c>, <c>admissible as "Resolved other"</c>.</param>
/// <param name="Group">The coarser value the summary counts by, e.g. "level 3", "5 years", "refused (CLOSE-10)".</param>
/// <param name="RuleId">The rule that decided (e.g. THR-03, CONS-02, REV-03, CLOSE-10, RET-01).</param>
/// <param name="Explanation">Why, in the library's own words (the matcher's, consent policy's, selector's or closure check's explanation).</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyDecision(string Outcome, string Group, string RuleId, string Explanation)
{
    /// <inheritdoc />
    public override string ToString() => $"{Outcome} [{RuleId}]";
}

/// <summary>
/// A decision point of a recorded episode that two configurations decide differently, with both decisions and
/// their explanations. Recorded history is untouched: this is what each configuration would have decided.
/// </summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyDifference
{
    /// <summary>Creates a difference.</summary>
    /// <param name="episode">The episode.</param>
    /// <param name="eventIndex">The position in the history of the event the decision belongs to (0 = opening); the last event for episode-wide decisions.</param>
    /// <param name="point">What kind of decision.</param>
    /// <param name="subject">What was decided, e.g. "assessment completed 2026-03-12".</param>
    /// <param name="a">The decision under configuration A.</param>
    /// <param name="b">The decision under configuration B.</param>
    /// <exception cref="ArgumentException">A default id, a negative index, an undefined point, or a null or empty argument.</exception>
    public PolicyDifference(EpisodeId episode, int eventIndex, PolicyDecisionPoint point, string subject, PolicyDecision a, PolicyDecision b)
    {
        if (episode.IsDefault)
        {
            throw new ArgumentException("The episode id must not be default.", nameof(episode));
        }

        Episode = episode;
        EventIndex = Guard.Against.Negative(eventIndex);
        Point = Guard.Against.EnumOutOfRange(point);
        Subject = Guard.Against.NullOrWhiteSpace(subject);
        A = Guard.Against.Null(a);
        B = Guard.Against.Null(b);
    }

    // The what-if's own differences: their parts are valid by construction (an episode's id, an event's index, a point
    // it names, a subject and decisions it built), so the checks of the public constructor are not repeated 100,000 times.
    private PolicyDifference(EpisodeId episode, int eventIndex, PolicyDecisionPoint point, string subject, PolicyDecision a, PolicyDecision b, bool trusted)
    {
        _ = trusted;
        (Episode, EventIndex, Point, Subject, A, B) = (episode, eventIndex, point, subject, a, b);
    }

    /// <summary>A difference from parts already valid (see the private constructor).</summary>
    internal static PolicyDifference Trusted(EpisodeId episode, int eventIndex, PolicyDecisionPoint point, string subject, PolicyDecision a, PolicyDecision b) =>
        new(episode, eventIndex, point, subject, a, b, trusted: true);

    /// <summary>The episode.</summary>
    public EpisodeId Episode { get; }

    /// <summary>The position in the episode's history of the event the decision belongs to.</summary>
    public int EventIndex { get; }

    /// <summary>What kind of decision.</summary>
    public PolicyDecisionPoint Point { get; }

    /// <summary>What was decided, e.g. "assessment completed 2026-03-12".</summary>
    public string Subject { get; }

    /// <summary>The decision under configuration A.</summary>
    public PolicyDecision A { get; }

    /// <summary>The decision under configuration B.</summary>
    public PolicyDecision B { get; }

    /// <summary>The same difference seen from the other side (A and B exchanged).</summary>
    /// <returns>The swapped difference.</returns>
    public PolicyDifference Swapped() => new(Episode, EventIndex, Point, Subject, B, A);

    /// <summary>The difference in one line, the decision point in its display text (<see cref="PolicyDisplayText"/>).</summary>
    /// <returns>E.g. <c>ep-1 #3 Level of need (assessment completed 2026-03-12 (2 indicators)): level 2 -> level 3</c>.</returns>
    public override string ToString() => $"{Episode} #{EventIndex} {PolicyDisplayText.For(Point)} ({Subject}): {A.Outcome} -> {B.Outcome}";
}

/// <summary>
/// One line of the what-if's summary table: how many decisions of one kind move from one value to another, e.g.
/// "312 of 10,000 assessments move from level 2 to level 3".
/// </summary>
/// <param name="Point">The kind of decision.</param>
/// <param name="From">The value under configuration A (<see cref="PolicyDecision.Group"/>).</param>
/// <param name="To">The value under configuration B.</param>
/// <param name="Count">How many decisions move.</param>
/// <param name="OutOf">How many decisions of this kind were re-decided in all.</param>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed record PolicyChange(PolicyDecisionPoint Point, string From, string To, int Count, int OutOf)
{
    /// <summary>The line in words, e.g. "312 of 10,000 assessments move from level 2 to level 3".</summary>
    /// <returns>The sentence.</returns>
    public string Describe() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Count:N0} of {OutOf:N0} {Noun(Point)} move from {From} to {To}");

    /// <summary>The same line seen from the other side (From and To exchanged).</summary>
    /// <returns>The swapped line.</returns>
    public PolicyChange Swapped() => this with { From = To, To = From };

    /// <summary>What a decision point counts, in the plural ("assessments", "closures").</summary>
    /// <param name="point">The point.</param>
    /// <returns>The noun.</returns>
    public static string Noun(PolicyDecisionPoint point) => point switch
    {
        PolicyDecisionPoint.ConsentRecord => "consent records",
        PolicyDecisionPoint.ConsentToStart => "assessment starts",
        PolicyDecisionPoint.ConsentToShareAtPanel => "panel referrals",
        PolicyDecisionPoint.ThresholdLevel => "assessments",
        PolicyDecisionPoint.ThresholdRoute => "assessments' routes",
        PolicyDecisionPoint.LeadProfessionalRanking => "lead-professional selections",
        PolicyDecisionPoint.ReviewLimit => "plan versions",
        PolicyDecisionPoint.ClosureAdmissibility => "closures",
        PolicyDecisionPoint.RetentionDate => "retention dates",
        _ => "decisions",
    };

    /// <inheritdoc />
    public override string ToString() => Describe();
}
