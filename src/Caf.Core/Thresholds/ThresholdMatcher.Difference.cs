using System;
using System.Collections.Generic;
using System.Numerics;

namespace Caf.Core.Thresholds;

/// <summary>
/// The difference between two compiled frameworks, computed once for a policy what-if: when both define the same
/// indicators (ids, levels, domains, significant harm, in the same order), an observed set is read once and the rules
/// both frameworks share are evaluated once; only the rules that differ are evaluated per side.
/// </summary>
public sealed partial class ThresholdMatcher
{
    /// <summary>
    /// What differs between frameworks A and B, or null when their indicators differ (or either has more than 64):
    /// then nothing can be shared and each side classifies on its own.
    /// </summary>
    internal static Difference? Compare(ThresholdMatcher a, ThresholdMatcher b) => Difference.Between(a, b);

    /// <summary>Two frameworks over the same indicators: the shared rules and the rules of each side alone.</summary>
    internal sealed class Difference
    {
        private readonly ThresholdMatcher _a;
        private readonly ThresholdMatcher _b;
        private readonly SideRule[] _shared;
        private readonly SideRule[] _onlyA;
        private readonly SideRule[] _onlyB;

        private Difference(ThresholdMatcher a, ThresholdMatcher b, SideRule[] shared, SideRule[] onlyA, SideRule[] onlyB)
        {
            _a = a;
            _b = b;
            _shared = shared;
            _onlyA = onlyA;
            _onlyB = onlyB;
            SpecialistAlike = Same(a._specialistRule, b._specialistRule);
            DecidesAlike = onlyA.Length == 0 && onlyB.Length == 0 && SpecialistAlike && a._levelRoutes.AsSpan().SequenceEqual(b._levelRoutes);
        }

        /// <summary>True when A and B classify every observed set alike (the same rules and level routes): nothing to re-decide.</summary>
        public bool DecidesAlike { get; }

        private bool SpecialistAlike { get; }

        public static Difference? Between(ThresholdMatcher a, ThresholdMatcher b)
        {
            if (a._words != 1 || b._words != 1 || a._indicators.Length != b._indicators.Length
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

            var rulesA = Rules(a);
            var rulesB = Rules(b);
            var shared = new List<SideRule>();
            var onlyA = new List<SideRule>();
            foreach (var rule in rulesA)
            {
                var match = rulesB.FindIndex(r => Same(r, rule));
                if (match >= 0)
                {
                    shared.Add(rule);
                    rulesB.RemoveAt(match);
                }
                else
                {
                    onlyA.Add(rule);
                }
            }

            return new Difference(a, b, [.. shared], [.. onlyA], [.. rulesB]);
        }

        /// <summary>
        /// Classifies the observed set under A and B, reading it once. False when an id is unknown (both frameworks
        /// refuse it alike: they define the same indicators).
        /// </summary>
        public bool TryClassify(ReadOnlySpan<string> observed, ThresholdContext context, out ThresholdClassification a, out ThresholdClassification b, out ulong bits)
        {
            var word = 0UL;
            var counts = default(LevelCounts);
            var domains = default(LevelMasks);
            a = b = default;
            if (!_a.TryObserve(observed, context, ref word, ref counts, ref domains, out var harm))
            {
                bits = 0;
                return false;
            }

            bits = word;
            if (harm)
            {
                a = b = new ThresholdClassification(ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding); // THR-04, in both
                return true;
            }

            var shared = (int)ThresholdLevel.Universal;
            var sharedRoute = -1;
            Fold(_shared, word, ref counts, ref domains, ref shared, ref sharedRoute);
            var (levelA, routeA, levelB, routeB) = (shared, sharedRoute, shared, sharedRoute);
            Fold(_onlyA, word, ref counts, ref domains, ref levelA, ref routeA);
            Fold(_onlyB, word, ref counts, ref domains, ref levelB, ref routeB);
            if (context.SpecialistServicesInvolved && !context.StepDown)
            {
                Fire(in _a._specialistRule, [], ref levelA, ref routeA); // THR-05
                Fire(in _b._specialistRule, [], ref levelB, ref routeB);
            }

            a = new ThresholdClassification((ThresholdLevel)levelA, (ThresholdRoute)Math.Max((int)_a._levelRoutes[levelA], routeA));
            b = new ThresholdClassification((ThresholdLevel)levelB, (ThresholdRoute)Math.Max((int)_b._levelRoutes[levelB], routeB));
            return true;
        }

        private static void Fold(SideRule[] rules, ulong word, ref LevelCounts counts, ref LevelMasks domains, ref int result, ref int route)
        {
            foreach (ref readonly var side in rules.AsSpan())
            {
                var rule = side.Rule;
                var fires = rule.Kind == RuleKind.Count
                    ? counts[rule.MinLevel] >= rule.MinCount && BitOperations.PopCount(domains[rule.MinLevel]) >= rule.MinDomains
                    : BitOperations.PopCount(word & side.Mask) >= rule.MinCount;
                if (fires)
                {
                    Fire(in rule, [], ref result, ref route);
                }
            }
        }

        private static List<SideRule> Rules(ThresholdMatcher m)
        {
            var rules = new List<SideRule>();
            foreach (var rule in m._countRules)
            {
                rules.Add(new SideRule(rule, 0));
            }

            foreach (var rule in m._anyOfRules)
            {
                rules.Add(new SideRule(rule, m._anyOfMasks[rule.MaskOffset]));
            }

            return rules;
        }

        private static bool Same(SideRule x, SideRule y) => Same(x.Rule, y.Rule) && x.Mask == y.Mask;

        // What decides: the kind, the condition and what it gives (not its id, text or position).
        private static bool Same(CompiledRule x, CompiledRule y) =>
            x.Kind == y.Kind && x.Gives == y.Gives && x.Route == y.Route && x.MinLevel == y.MinLevel && x.MinCount == y.MinCount
            && x.MinDomains == y.MinDomains;

        private readonly record struct SideRule(CompiledRule Rule, ulong Mask);
    }
}
