using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Caf.Core.Closure;
using Caf.Core.Consent;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Planning;
using Caf.Core.Primitives;
using Caf.Core.Thresholds;

namespace Caf.Core.Analysis;

/// <summary>The decision points of one episode, walked once through its history.</summary>
public sealed partial class PolicyWhatIf
{
    private sealed partial class Run
    {
        private readonly List<ReviewProgress> _reviews = [];
        private readonly Dictionary<(ulong Bits, ThresholdContext Context), ThresholdPair> _explained = [];
        private readonly Dictionary<ulong, ThresholdPair> _explainedPlain = [];
        private readonly Dictionary<ulong, ThresholdPair> _explainedStepDown = [];
        private static readonly ThresholdContext StepDownOnly = new() { StepDown = true };
        private readonly Dictionary<long, string> _subjects = []; // day number, then the count of indicators

        /// <summary>Re-decides the episode's decision points; <paramref name="counts"/>: its index's counts, or a copy of them.</summary>
        public void Episode(CafEpisode episode, in DecisionPointIndex.Counted counts)
        {
            if (whatIf._indexed)
            {
                FromIndex(episode, counts);
                return;
            }

            Walk(episode);
        }

        /// <summary>
        /// When only the thresholds (and the retention period) may differ, every other point is counted from the
        /// episode's index and only the assessments are read: no event is walked (issue 26).
        /// </summary>
        private void FromIndex(CafEpisode episode, in DecisionPointIndex.Counted index)
        {
            Decided[(int)PolicyDecisionPoint.ConsentRecord] += index.ConsentRecords;
            Decided[(int)PolicyDecisionPoint.ConsentToStart] += index.ConsentToStart;
            Decided[(int)PolicyDecisionPoint.ConsentToShareAtPanel] += index.ConsentToShareAtPanel;
            Decided[(int)PolicyDecisionPoint.ReviewLimit] += index.ReviewedPlans;
            if (index.ClosedLast)
            {
                Decided[(int)PolicyDecisionPoint.ClosureAdmissibility]++;
            }

            if (whatIf._thresholdsAlike)
            {
                Decided[(int)PolicyDecisionPoint.ThresholdLevel] += index.AssessmentCount;
                Decided[(int)PolicyDecisionPoint.ThresholdRoute] += index.AssessmentCount;
            }
            else if (index.AssessmentCount > 0)
            {
                // The first assessment is usually settled by its indicator hashes, kept with the counts: then nothing else
                // of the episode is read. Otherwise (and for later assessments) the rest of the index is read.
                if (index.AssessmentCount == 1 && whatIf._thresholds is { } difference
                    && difference.SettledAlike(index.FirstHashes, new ThresholdContext { StepDown = index.FromStepDown }))
                {
                    Decided[(int)PolicyDecisionPoint.ThresholdLevel]++;
                    Decided[(int)PolicyDecisionPoint.ThresholdRoute]++;
                }
                else
                {
                    ref readonly var full = ref episode.DecisionPoints;
                    Threshold(full.Id, full.First, index.FromStepDown);
                    foreach (ref readonly var assessed in full.Later)
                    {
                        Threshold(full.Id, assessed, index.FromStepDown);
                    }
                }
            }

            // RET-01, RET-02: a retention date once closed or transferred out (the index says which, without reading the episode).
            if (!index.Ended)
            {
                return;
            }

            if (whatIf._retentionAlike)
            {
                Alike(PolicyDecisionPoint.RetentionDate);
                return;
            }

            RetentionDate(episode);
        }

        private void Walk(CafEpisode episode)
        {
            // The history as a span over the episode's log: no interface call per event.
            var events = episode.EventSpan;
            var consent = ConsentState.Empty;
            var fromStepDown = events[0] is PotentialCafRegistered;
            var assessmentStarted = false;
            var planVersion = 0;
            var planIndex = -1;
            _reviews.Clear();

            // The consent in force is followed only when A and B may decide consent differently: nothing else reads it.
            var followConsent = !whatIf._consentAlike;
            for (var i = 1; i < events.Length; i++)
            {
                switch (events[i])
                {
                    case ConsentRecorded c when followConsent:
                        ConsentRecordDecision(episode, i, c);
                        consent = consent.With(c.Record);
                        break;
                    case ConsentRecorded:
                        Alike(PolicyDecisionPoint.ConsentRecord);
                        break;
                    case ConsentExclusionLifted l when followConsent:
                        consent = consent.WithExclusionLifted(l.Lift);
                        break;
                    case ConsentWithdrawalRecorded w when followConsent:
                        consent = consent.WithWithdrawal(w.Withdrawal);
                        break;
                    case ConsentOverrideRecorded o when followConsent:
                        consent = consent.WithOverride(o.Override);
                        break;
                    case AssessmentStarted s:
                        assessmentStarted = true;
                        ConsentDecision(episode, i, consent, s, PolicyDecisionPoint.ConsentToStart);
                        break;
                    case NextStepChosen n when fromStepDown && !assessmentStarted && n.Step != NextStep.NoFurtherAction:
                        ConsentDecision(episode, i, consent, n, PolicyDecisionPoint.ConsentToStart);
                        break;
                    case ReferredToPanel r:
                        ConsentDecision(episode, i, consent, r, PolicyDecisionPoint.ConsentToShareAtPanel);
                        break;
                    case AssessmentCompleted a:
                        Threshold(episode.Id, i, a, fromStepDown);
                        break;
                    case PlanAgreed p:
                        EndPlan(episode, planIndex, planVersion);
                        (planVersion, planIndex) = (p.Plan.Version, i);
                        break;
                    case PlanRevised p:
                        EndPlan(episode, planIndex, planVersion);
                        (planVersion, planIndex) = (p.Plan.Version, i);
                        break;
                    case StepDownTacDecided { Decision.Plan: { } plan } d:
                        ConsentDecision(episode, i, consent, d, PolicyDecisionPoint.ConsentToStart);
                        EndPlan(episode, planIndex, planVersion);
                        (planVersion, planIndex) = (plan.Version, i);
                        break;
                    case ReviewHeld r:
                        _reviews.Add(r.Review.OverallProgress);
                        break;
                    case EpisodeClosed c when i == events.Length - 1:
                        Closure(episode, i, c);
                        break;
                }
            }

            EndPlan(episode, planIndex, planVersion);
            Retention(episode);
        }

        private void ConsentRecordDecision(CafEpisode episode, int index, ConsentRecorded c)
        {
            var age = AgeAt(episode, c.OccurredAt);
            Decide(episode, index, PolicyDecisionPoint.ConsentRecord, () => $"consent recorded {Day(c.OccurredAt)} ({ConsentDisplayText.For(c.Record.GiverRole)}, {ConsentDisplayText.For(c.Record.Decision).ToLowerInvariant()})", (config, explain) =>
            {
                var valid = config.Consent.ValidateRecord(c.Record, age);
                return valid.IsSuccess
                    ? new PolicyDecision("accepted", "accepted", "CONS-01", explain ? $"The record is acceptable at age {AgeText(age)}." : "")
                    : new PolicyDecision($"refused ({valid.Refusal.RuleId})", $"refused ({valid.Refusal.RuleId})", valid.Refusal.RuleId, valid.Refusal.Message);
            });
        }

        // The subject is built from the event only when the decision differs.
        private void ConsentDecision(CafEpisode episode, int index, ConsentState consent, CafEvent e, PolicyDecisionPoint point)
        {
            if (whatIf._consentAlike)
            {
                Alike(point);
                return;
            }

            ConsentDecision(episode, index, consent, e.OccurredAt, point, Subject(e));
        }

        // A separate method: the closure is allocated only when the point is re-decided.
        private static Func<string> Subject(CafEvent e) => () => e switch
        {
            AssessmentStarted => $"assessment started {Day(e.OccurredAt)}",
            NextStepChosen => $"support chosen from the step-down {Day(e.OccurredAt)}",
            ReferredToPanel r => $"referred to the {r.Referral.Area} panel {Day(e.OccurredAt)}",
            _ => $"continued after the step-down TAC {Day(e.OccurredAt)}",
        };

        private void ConsentDecision(CafEpisode episode, int index, ConsentState consent, DateTimeOffset at, PolicyDecisionPoint point, Func<string> subject)
        {
            var age = AgeAt(episode, at);
            Decide(episode, index, point, subject, (config, explain) =>
            {
                var evaluation = config.Consent.Evaluate(consent, age);
                var sufficient = point == PolicyDecisionPoint.ConsentToStart ? evaluation.SufficientToStartAssessment : evaluation.SufficientToShareAtPanel;
                var rule = point == PolicyDecisionPoint.ConsentToStart ? evaluation.DecidingRule : (evaluation.PanelRefusal?.RuleId ?? "CONS-04");
                var outcome = sufficient ? "sufficient" : $"insufficient ({rule})";
                return new PolicyDecision(outcome, outcome, rule, explain ? string.Join(" ", evaluation.Reasons) : "");
            });
        }

        private void Threshold(EpisodeId episode, int index, AssessmentCompleted a, bool fromStepDown) =>
            Threshold(episode, new DecisionPointIndex.Assessed(index, a.Summary.IndicatorIds, DateOnly.FromDateTime(a.OccurredAt.UtcDateTime), IndicatorHashes.None), fromStepDown);

        private void Threshold(EpisodeId id, in DecisionPointIndex.Assessed assessed, bool fromStepDown)
        {
            var (index, ids) = (assessed.EventIndex, assessed.IndicatorIds);
            Decided[(int)PolicyDecisionPoint.ThresholdLevel]++;
            Decided[(int)PolicyDecisionPoint.ThresholdRoute]++;
            if (whatIf._thresholdsAlike)
            {
                return; // the same framework, or one whose rules and level routes decide alike: nothing to re-decide
            }

            var decided = ThresholdDecisions(ids.AsSpan(), assessed.Hashes, new ThresholdContext { StepDown = fromStepDown });
            if (decided is { } d)
            {
                // The subject names only the day (UTC) and the count: built once per pair of them.
                var key = ((long)assessed.Day.DayNumber << 32) | (uint)ids.Length;
                if (!_subjects.TryGetValue(key, out var subject))
                {
                    _subjects.Add(key, subject = $"assessment completed {assessed.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({ids.Length} indicators)");
                }
                Differ(id, index, PolicyDecisionPoint.ThresholdLevel, subject, d.LevelA, d.LevelB);
                Differ(id, index, PolicyDecisionPoint.ThresholdRoute, subject, d.RouteA, d.RouteB);
            }
        }

        private void Differ(EpisodeId episode, int index, PolicyDecisionPoint point, string subject, PolicyDecision a, PolicyDecision b)
        {
            if (a.Outcome != b.Outcome)
            {
                Differing[(int)point]++;
                Differences.Add(PolicyDifference.Trusted(episode, index, point, subject, a, b));
            }
        }

        // Null when A and B classify alike (the allocation-free path); otherwise both explained decisions.
        private ThresholdPair? ThresholdDecisions(ReadOnlySpan<string> ids, IndicatorHashes hashes, ThresholdContext context)
        {
            if (whatIf._thresholds is { } difference)
            {
                // Most sets are settled from the ids' hashes kept in the episode's index: no id string is read.
                if (difference.SettledAlike(hashes, context))
                {
                    return null;
                }

                // The same indicators: the set is read once and only the rules that differ are tested; both sides are
                // classified only when one of them holds. An unknown id is refused alike by both.
                if (!difference.TryCompare(ids, context, out var differ, out _, out _, out var bits) || !differ)
                {
                    return null;
                }

                // The explained decisions depend only on the observed set and the context: built once per set (by the
                // set alone for the two contexts an assessment's index gives, a number hashed instead of a pair).
                var explained = context == default ? _explainedPlain : context == StepDownOnly ? _explainedStepDown : null;
                if (explained is not null)
                {
                    if (!explained.TryGetValue(bits, out var known))
                    {
                        explained.Add(bits, known = Explain(ids, context));
                    }

                    return known;
                }

                var key = (bits, context);
                if (!_explained.TryGetValue(key, out var pair))
                {
                    pair = Explain(ids, context);
                    _explained.Add(key, pair);
                }

                return pair;
            }

            var a = A.Thresholds.Classify(ids, context);
            var b = B.Thresholds.Classify(ids, context);
            if (a.IsSuccess && b.IsSuccess && a.Value == b.Value)
            {
                return null;
            }

            return Explain(ids, context);
        }

        private ThresholdPair Explain(ReadOnlySpan<string> ids, ThresholdContext context)
        {
            var (levelA, routeA) = Explained(A.Thresholds, ids, context);
            var (levelB, routeB) = Explained(B.Thresholds, ids, context);
            return new ThresholdPair(levelA, levelB, routeA, routeB);
        }

        private static (PolicyDecision Level, PolicyDecision Route) Explained(ThresholdMatcher matcher, ReadOnlySpan<string> ids, ThresholdContext context)
        {
            var result = matcher.Assess(ids, context);
            if (result.IsRefused)
            {
                var refused = new PolicyDecision("refused (THR-03)", "refused (THR-03)", "THR-03", result.Refusal.Message);
                return (refused, refused);
            }

            var r = result.Value;
            var why = $"{r} {r.Explanation}";
            return (new PolicyDecision($"level {(int)r.Level}", $"level {(int)r.Level}", "THR-03", why),
                    new PolicyDecision($"route {ThresholdVocabulary.Describe(r.Route)}", $"route {ThresholdVocabulary.Describe(r.Route)}", "THR-03", why));
        }

        private void EndPlan(CafEpisode episode, int planIndex, int version)
        {
            if (planIndex < 0 || _reviews.Count == 0)
            {
                _reviews.Clear();
                return;
            }

            if (whatIf._reviewAlike)
            {
                _reviews.Clear();
                Alike(PolicyDecisionPoint.ReviewLimit);
                return;
            }

            var reviews = _reviews.ToArray();
            _reviews.Clear();
            ReviewLimit(episode, planIndex, version, reviews);
        }

        // Separate from EndPlan: its closures are allocated only for a plan that is re-decided.
        private void ReviewLimit(CafEpisode episode, int planIndex, int version, ReviewProgress[] reviews)
        {
            Decide(episode, planIndex, PolicyDecisionPoint.ReviewLimit, () => $"plan version {version} ({reviews.Length} review(s))", (config, explain) =>
            {
                var n = ReassessmentRule.TriggeringReview(reviews, config.InsufficientProgressReviewLimit, config.CountConsecutiveInsufficientReviewsOnly);
                var reading = config.CountConsecutiveInsufficientReviewsOnly
                    ? $"{config.InsufficientProgressReviewLimit} insufficient reviews in a row"
                    : $"insufficient progress at review {config.InsufficientProgressReviewLimit} or later";
                var progress = string.Join(", ", reviews.Select(p => LifecycleDisplayText.For(p).ToLowerInvariant()));
                return n is { } at
                    ? new PolicyDecision($"reassessment required at review {at}", $"required at review {at}", "REV-03", $"Reviews: {progress}; the limit is {reading}.")
                    : new PolicyDecision("no reassessment required", "not required", "REV-03", $"Reviews: {progress}; the limit is {reading}.");
            });
        }

        private void Closure(CafEpisode episode, int index, EpisodeClosed c)
        {
            if (whatIf._closureAlike)
            {
                Alike(PolicyDecisionPoint.ClosureAdmissibility);
                return;
            }

            ClosureAdmissibility(episode, index, c);
        }

        private void ClosureAdmissibility(CafEpisode episode, int index, EpisodeClosed c)
        {
            var facts = episode.ClosureFactsFor(c.Actor) with { ChildAgeOnClosure = AgeAt(episode, c.OccurredAt) };
            Decide(episode, index, PolicyDecisionPoint.ClosureAdmissibility, () => $"closed {Day(c.OccurredAt)} as '{c.Request.OutcomeCode}'", (config, explain) =>
            {
                var checkedClosure = config.Closure.Check(c.Request, facts);
                if (checkedClosure.IsRefused)
                {
                    var refusal = checkedClosure.Refusal;
                    return new PolicyDecision($"refused ({refusal.RuleId})", $"refused ({refusal.RuleId})", refusal.RuleId, refusal.Message);
                }

                var decision = checkedClosure.Value;
                var canonical = ClosureDisplayText.For(decision.Canonical);
                var outcome = $"admissible as \"{canonical}\"";
                return new PolicyDecision(outcome, outcome, decision.RuleId,
                    $"'{c.Request.OutcomeCode}' is \"{canonical}\" in {config.ClosureTaxonomy.Id} {config.ClosureTaxonomy.Version}; {decision.HowWillYouKnow}");
            });
        }

        private void Retention(CafEpisode episode)
        {
            if (episode.Closure is null && episode.TransferredAt is null)
            {
                return; // still open: no retention date
            }

            if (whatIf._retentionAlike)
            {
                Alike(PolicyDecisionPoint.RetentionDate);
                return;
            }

            RetentionDate(episode);
        }

        private void RetentionDate(CafEpisode episode)
        {
            var (ended, rule, how) = episode.Closure is { } closure ? (closure.ClosedAt, "RET-01", "closure")
                : episode.TransferredAt is { } transferred ? (transferred, "RET-02", "transfer out")
                : (default(DateTimeOffset?), "", "");
            if (ended is not { } at)
            {
                return;
            }

            var day = DateOnly.FromDateTime(at.UtcDateTime);
            Decide(episode, episode.Events.Count - 1, PolicyDecisionPoint.RetentionDate, () => $"{how} {Day(at)}", (config, explain) =>
            {
                var due = day.AddYears(config.RetentionYears).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return new PolicyDecision(due, $"{config.RetentionYears} years after {how}", rule,
                    $"Kept {config.RetentionYears} years after the {how} on {Day(at)}: due for disposal on {due}.");
            });
        }

        private sealed record ThresholdPair(PolicyDecision LevelA, PolicyDecision LevelB, PolicyDecision RouteA, PolicyDecision RouteB);

        private static string AgeText(int? age) => age is { } a ? a.ToString(CultureInfo.InvariantCulture) : "unborn";
    }
}
