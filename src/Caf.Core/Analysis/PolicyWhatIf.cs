using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using Ardalis.GuardClauses;
using Caf.Core.Annotations;
using Caf.Core.Diagnostics;
using Caf.Core.LeadProfessional;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Analysis;

/// <summary>
/// Policy what-if: re-decides, under two configurations, every decision point of recorded episodes that the
/// configuration influences — consent records and evaluations (CONS-02..CONS-04, LIFE-05), threshold level and
/// route (THR-03), lead-professional ranking (LP-03..LP-09, for the candidate pools supplied), the review limit
/// (REV-03), closure admissibility (CLOSE-01..10, CLOSE-C1..C4) and the retention date (RET-01, RET-02) — and reports
/// each decision the two make differently, with both explanations, plus a summary table. This is analysis, not
/// migration: the episodes are only read, nothing is recorded, and no audit log is written.
/// </summary>
/// <remarks>
/// <para>Each decision point is judged as the episode recorded it: a consent question with the consent recorded up
/// to that event and the child's age that day; an assessment on its recorded indicators (with the step-down context
/// of a potential CAF, THR-05); a closure on the facts at closure. The history itself is never re-run, so a decision
/// that would have been refused under B is reported as a difference, and what would have followed it is not
/// invented.</para>
/// <para>Cost: the difference between A and B is worked out once, when the what-if is created; then one pass over the
/// events. A decision point whose part of the two configurations is equal (the same consent options, taxonomy, review
/// limit or retention period, or frameworks whose rules and level routes decide alike) is counted without being
/// re-decided, and nothing is built for it. When only the thresholds and the retention period may differ, each episode's
/// index of its decision points (kept as its events are applied) is read instead of its events. Two frameworks over the same indicators read each assessment once: the rules
/// they share are evaluated once, each side's own rules separately, without allocating. Explanations are built only for
/// decisions that differ, once per observed set and context. The result equals the naive loop's (every point decided
/// under A and B, explained).</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
[Immutable]
public sealed partial class PolicyWhatIf
{
    /// <summary>Creates a comparison of configuration A with configuration B.</summary>
    /// <param name="a">Configuration A (usually the current one).</param>
    /// <param name="b">Configuration B (usually the proposed one).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public PolicyWhatIf(PolicyConfiguration a, PolicyConfiguration b)
    {
        A = Guard.Against.Null(a);
        B = Guard.Against.Null(b);

        // The difference between the two configurations, once: which decision points they may decide differently.
        _consentAlike = a.DecidesConsentAs(b);
        _closureAlike = a.DecidesClosureAs(b);
        _reviewAlike = a.InsufficientProgressReviewLimit == b.InsufficientProgressReviewLimit
            && a.CountConsecutiveInsufficientReviewsOnly == b.CountConsecutiveInsufficientReviewsOnly;
        _retentionAlike = a.RetentionYears == b.RetentionYears;
        _leadProfessionalAlike = _consentAlike && a.LeadProfessionalKey == b.LeadProfessionalKey;
        _thresholds = ReferenceEquals(a.Thresholds, b.Thresholds) ? null : ThresholdMatcher.Compare(a.Thresholds, b.Thresholds);
        _thresholdsAlike = ReferenceEquals(a.Thresholds, b.Thresholds) || _thresholds is { DecidesAlike: true };
        _indexed = _consentAlike && _closureAlike && _reviewAlike;
    }

    /// <summary>Creates a comparison that walks every event even where the episodes' index would do (the reference the index is tested against).</summary>
    internal PolicyWhatIf(PolicyConfiguration a, PolicyConfiguration b, bool walkEveryEvent)
        : this(a, b)
    {
        _indexed &= !walkEveryEvent;
    }

    private readonly bool _consentAlike;
    private readonly bool _closureAlike;
    private readonly bool _reviewAlike;
    private readonly bool _retentionAlike;
    private readonly bool _leadProfessionalAlike;
    private readonly bool _thresholdsAlike;
    private readonly bool _indexed; // only thresholds and retention may differ: the episodes' index replaces the walk
    private readonly ThresholdMatcher.Difference? _thresholds; // null: different indicators, each side classifies on its own

    /// <summary>Configuration A.</summary>
    public PolicyConfiguration A { get; }

    /// <summary>Configuration B.</summary>
    public PolicyConfiguration B { get; }

    /// <summary>
    /// Re-decides every decision point of the episodes under A and B. The result does not depend on the order of
    /// <paramref name="episodes"/>, and comparing B with A gives exactly <see cref="PolicyComparison.Swapped"/>.
    /// </summary>
    /// <param name="episodes">The recorded episodes (read only; for example rebuilt from storage).</param>
    /// <param name="leadProfessionalPools">For the LP ranking: a selection request (candidate pool, plan needs,
    /// preference) per episode; episodes without one have no ranking decision. Optional. Each is ranked under its
    /// episode's consent in force, not the consent the request was made with (LP-11, SHARE-01).</param>
    /// <param name="progress">Told how many episodes have been compared (<see cref="CafProgress.WhatIfEpisodes"/>): every
    /// <see cref="CafProgress.Interval"/> episodes and once at the end, when <see cref="CafProgress.Total"/> equals
    /// <see cref="CafProgress.Done"/>. Optional.</param>
    /// <param name="cancellationToken">Stops the comparison; checked before each episode.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">An argument or an episode is null, or two episodes share an id.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PolicyComparison Compare(
        IEnumerable<CafEpisode> episodes, IReadOnlyDictionary<EpisodeId, LeadProfessionalSelectionRequest>? leadProfessionalPools = null,
        IProgress<CafProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Against.Null(episodes);
        using var activity = CafActivities.Source.StartActivity(CafTelemetry.WhatIfActivity);
        try
        {
            var comparison = CompareCore(episodes, leadProfessionalPools, progress, cancellationToken);
            activity?.SetTag(CafTelemetry.OutcomeTag, "ok").SetTag(CafTelemetry.RowsTag, comparison.Episodes);
            return comparison;
        }
        catch (OperationCanceledException)
        {
            activity?.SetTag(CafTelemetry.OutcomeTag, "cancelled");
            throw;
        }
        catch (Exception e)
        {
            activity?.SetTag(CafTelemetry.OutcomeTag, "error").SetTag(CafTelemetry.ErrorTypeTag, e.GetType().Name)
                .SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            throw;
        }
    }

    private PolicyComparison CompareCore(
        IEnumerable<CafEpisode> episodes, IReadOnlyDictionary<EpisodeId, LeadProfessionalSelectionRequest>? leadProfessionalPools,
        IProgress<CafProgress>? progress, CancellationToken cancellationToken)
    {
        var run = new Run(this);
        var known = episodes.TryGetNonEnumeratedCount(out var count);
        var seen = new DistinctEpisodes(known ? count : 0);
        var group = new Group();
        var taken = 0;
        foreach (var episode in episodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (progress is not null && taken > 0 && taken % CafProgress.Interval == 0)
            {
                Flush(run, group, seen, leadProfessionalPools);
                progress.Report(new CafProgress(taken, known ? count : null, CafProgress.WhatIfEpisodes));
            }

            if (episode is null)
            {
                throw new ArgumentException("An episode is null.", nameof(episodes));
            }

            taken++;
            if (group.Add(episode))
            {
                Flush(run, group, seen, leadProfessionalPools);
            }
        }

        Flush(run, group, seen, leadProfessionalPools);
        if (seen.FirstRepeated()?.Id is { } repeated)
        {
            throw new ArgumentException($"Episode {repeated} appears twice.", nameof(episodes));
        }

        progress?.Report(new CafProgress(taken, taken, CafProgress.WhatIfEpisodes));
        var differences = run.Ordered();
        var counts = ImmutableArray.CreateBuilder<PolicyDecisionCount>(PointCount);
        for (var p = 0; p < PointCount; p++)
        {
            counts.Add(new PolicyDecisionCount((PolicyDecisionPoint)p, run.Decided[p], run.Differing[p]));
        }

        return new PolicyComparison(A.Name, B.Name, taken, counts.MoveToImmutable(), ImmutableCollectionsMarshal.AsImmutableArray(differences));
    }

    private const int PointCount = (int)PolicyDecisionPoint.RetentionDate + 1;

    /// <summary>Compares the episodes of a group, in order, once the group's memory has been read in (see <see cref="Group"/>).</summary>
    private static void Flush(Run run, Group group, DistinctEpisodes seen, IReadOnlyDictionary<EpisodeId, LeadProfessionalSelectionRequest>? leadProfessionalPools)
    {
        group.ReadIn(run.Indexed);
        var episodes = group.Episodes;
        for (var i = 0; i < episodes.Count; i++)
        {
            var episode = episodes[i];
            ref readonly var counts = ref run.Indexed ? ref group.Counts(i) : ref episode.DecisionPoints.Counts; // the id's hash is kept there
            seen.Add(counts.IdHash, episode);
            var first = run.Differences.Count;
            run.Episode(episode, counts);
            if (leadProfessionalPools is not null && leadProfessionalPools.TryGetValue(episode.Id, out var request) && request is not null)
            {
                run.LeadProfessional(episode, request);
            }

            run.EndEpisode(episode, first);
        }

        group.Clear();
    }


    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int? AgeAt(CafEpisode episode, DateTimeOffset at) => episode.Child.AgeOn(DateOnly.FromDateTime(at.UtcDateTime));

    /// <summary>The state of one comparison: counts and differences.</summary>
    [Mutable]
    private sealed partial class Run(PolicyWhatIf whatIf)
    {
        public readonly int[] Decided = new int[PointCount];
        public readonly int[] Differing = new int[PointCount];
        public readonly List<PolicyDifference> Differences = [];

        /// <summary>True when the episodes' index replaces the walk through their events.</summary>
        public bool Indexed => whatIf._indexed;

        // Each episode's differences, in order within the episode: (episode id and its ordinal key, first, count).
        private readonly List<Segment> _segments = [];

        private readonly record struct Segment(OrdinalKey Key, string Episode, int First, int Count);

        /// <summary>Ordinal order of the episodes' runs by their id, from the ids' keys where they differ (the id strings are rarely read).</summary>
        private readonly struct SegmentOrder : IComparer<Segment>
        {
            public int Compare(Segment x, Segment y) => OrdinalKey.Compare(x.Key, x.Episode, y.Key, y.Episode);
        }

        /// <summary>Puts the episode's differences in order (usually they already are) and notes where they are.</summary>
        public void EndEpisode(CafEpisode episode, int first)
        {
            var count = Differences.Count - first;
            if (count == 0)
            {
                return; // nothing of the episode is read
            }

            for (var i = first + 1; i < Differences.Count; i++)
            {
                if (PolicyComparison.DifferenceOrder.Instance.Compare(Differences[i - 1], Differences[i]) > 0)
                {
                    var sorted = Differences.GetRange(first, count).Order(PolicyComparison.DifferenceOrder.Instance).ToArray();
                    for (var j = 0; j < count; j++)
                    {
                        Differences[first + j] = sorted[j];
                    }

                    break;
                }
            }

            _segments.Add(new Segment(episode.DecisionPoints.IdKey, episode.DecisionPoints.Id.Value, first, count));
        }

        /// <summary>Every difference in the comparison's order: the episodes' runs sorted by episode id, not every difference.</summary>
        public PolicyDifference[] Ordered()
        {
            var runs = CollectionsMarshal.AsSpan(_segments);
            var ordered = true;
            for (var i = 1; i < runs.Length && ordered; i++)
            {
                ordered = default(SegmentOrder).Compare(runs[i - 1], runs[i]) < 0;
            }

            if (ordered)
            {
                return [.. Differences];
            }

            runs.Sort(default(SegmentOrder)); // ids are distinct: the order is total
            var result = new PolicyDifference[Differences.Count];
            var at = 0;
            foreach (var run in runs)
            {
                CollectionsMarshal.AsSpan(Differences).Slice(run.First, run.Count).CopyTo(result.AsSpan(at));
                at += run.Count;
            }

            return result;
        }

        private PolicyConfiguration A => whatIf.A;

        private PolicyConfiguration B => whatIf.B;

        // A point whose configuration parts are equal decides alike under A and B: it is counted, not re-decided (and
        // callers check this before building anything for it).
        private void Alike(PolicyDecisionPoint point) => Decided[(int)point]++;

        // Decides under A and B without explanations first; only a difference is decided again, explained.
        private void Decide(CafEpisode episode, int index, PolicyDecisionPoint point, Func<string> subject, Func<PolicyConfiguration, bool, PolicyDecision> decide)
        {
            Decided[(int)point]++;
            if (decide(A, false).Outcome != decide(B, false).Outcome)
            {
                Differing[(int)point]++;
                Differences.Add(new PolicyDifference(episode.Id, index, point, subject(), decide(A, true), decide(B, true)));
            }
        }

        public void LeadProfessional(CafEpisode episode, LeadProfessionalSelectionRequest request)
        {
            if (request.Episode != episode.Id)
            {
                throw new ArgumentException($"The selection request for {episode.Id} names episode {request.Episode}.", "leadProfessionalPools");
            }

            // LP-11, SHARE-01: ranked under the episode's consent in force (its whole history), whatever consent the
            // request was made with: an agency the family excluded since is never ranked as granted.
            if (whatIf._leadProfessionalAlike)
            {
                Alike(PolicyDecisionPoint.LeadProfessionalRanking);
                return;
            }

            Ranking(episode, request);
        }

        private void Ranking(CafEpisode episode, LeadProfessionalSelectionRequest request)
        {
            var current = request with { Source = episode };
            Decide(episode, episode.Events.Count - 1, PolicyDecisionPoint.LeadProfessionalRanking, () => $"lead-professional selection from {request.Candidates.Length} candidate(s)", (c, _) => Ranking(c.LeadProfessional.Select(current)));
        }

        private static PolicyDecision Ranking(LeadProfessionalSelection selection)
        {
            var order = string.Join(" > ", selection.Ranked.Select(r => r.Candidate.Practitioner + (r.IsEligible ? "" : " (ineligible)")));
            if (selection.Chosen is { } chosen)
            {
                return new PolicyDecision(
                    $"{chosen.Candidate.Practitioner} first; {order}", $"lead professional from {chosen.Candidate.Agency}", "LP-04", chosen.Explain());
            }

            var why = selection.Escalation?.Reason ?? "No candidate is eligible.";
            return new PolicyDecision($"escalated (LP-09); {order}", "escalation (LP-09)", "LP-09", why);
        }
    }
}
