using System;
using System.Collections.Generic;
using Caf.Core.Primitives;

namespace Caf.Core.Thresholds;

/// <summary>
/// The difference between two compiled frameworks, computed once for a policy what-if: when both define the same
/// indicators (ids, levels, domains, significant harm, in the same order), an observed set is read once, and only the
/// rules that differ are tested; the rules both share are evaluated only when a differing rule holds.
/// </summary>
public sealed partial class ThresholdMatcher
{
    /// <summary>
    /// What differs between frameworks A and B, or null when their indicators differ (or either has more than 64
    /// indicators or 16 domains): then nothing can be shared and each side classifies on its own.
    /// </summary>
    internal static Difference? Compare(ThresholdMatcher a, ThresholdMatcher b) => Difference.Between(a, b);

    /// <summary>Two frameworks over the same indicators: the rules of each side that the other does not have.</summary>
    /// <remarks>
    /// A rule is the test it makes and the classification it decides (its level, and its route already combined with
    /// the level's). If none of A's own rules and none of B's own rules holds for an observed set, the rules that hold
    /// are the shared ones on both sides, so A and B classify it alike: it is settled by those few tests, without
    /// evaluating the framework. Only when a differing rule holds (or level 1's route differs) are both classified.
    /// </remarks>
    internal sealed class Difference
    {
        private readonly OrdinalIndex _lookup; // A's; B defines the same ids
        private readonly Plan _a;
        private readonly Plan _b;
        private readonly PlanRule[] _onlyA;
        private readonly PlanRule[] _onlyB;
        private readonly bool _always; // level 1 routes differently: every set not stepped up may differ

        private Difference(OrdinalIndex lookup, Plan a, Plan b, PlanRule[] onlyA, PlanRule[] onlyB)
        {
            _lookup = lookup;
            _a = a;
            _b = b;
            _onlyA = onlyA;
            _onlyB = onlyB;
            _always = a.NoneFired != b.NoneFired;
            DecidesAlike = onlyA.Length == 0 && onlyB.Length == 0 && !_always;
        }

        /// <summary>True when A and B classify every observed set alike (the same rules and level routes): nothing to re-decide.</summary>
        public bool DecidesAlike { get; }

        public static Difference? Between(ThresholdMatcher a, ThresholdMatcher b)
        {
            if (a._plan is not { } planA || b._plan is not { } planB || a._indicators.Length != b._indicators.Length
                || !a._level.AsSpan().SequenceEqual(b._level) || !a._domain.AsSpan().SequenceEqual(b._domain) || !a._harm.AsSpan().SequenceEqual(b._harm))
            {
                return null;
            }

            for (var i = 0; i < a._indicators.Length; i++)
            {
                if (!string.Equals(a._indicators[i].Id, b._indicators[i].Id, StringComparison.Ordinal))
                {
                    return null;
                }
            }

            // The multiset difference of the two rule lists (a rule both have twice on one side and once on the other differs once).
            var onlyB = new List<PlanRule>(planB.Rules);
            var onlyA = new List<PlanRule>();
            foreach (var rule in planA.Rules)
            {
                var match = onlyB.IndexOf(rule);
                if (match >= 0)
                {
                    onlyB.RemoveAt(match);
                }
                else
                {
                    onlyA.Add(rule);
                }
            }

            return new Difference(a._lookup, planA, planB, [.. onlyA], [.. onlyB]);
        }

        /// <summary>
        /// Compares the classifications of the observed set under A and B, reading it once. False when an id is unknown
        /// (both frameworks refuse it alike: they define the same indicators). <paramref name="a"/> and
        /// <paramref name="b"/> are set only when <paramref name="differ"/> is true.
        /// </summary>
        public bool TryCompare(
            ReadOnlySpan<string> observed, ThresholdContext context,
            out bool differ, out ThresholdClassification a, out ThresholdClassification b, out ulong bits)
        {
            differ = false;
            a = b = default;
            if (!_a.TryRead(_lookup, observed, out bits, out var lanes))
            {
                return false;
            }

            if (context.SignificantHarmConcern || (bits & _a.Harm) != 0)
            {
                return true; // THR-04 in both: the same indicators are significant harm
            }

            var specialist = context.SpecialistServicesInvolved && !context.StepDown;
            if (!_always && !Plan.AnyHolds(_onlyA, bits, lanes, specialist) && !Plan.AnyHolds(_onlyB, bits, lanes, specialist))
            {
                return true; // only shared rules hold: alike, without evaluating them
            }

            a = _a.Decide(bits, lanes, context);
            b = _b.Decide(bits, lanes, context);
            differ = a != b;
            return true;
        }
    }
}
