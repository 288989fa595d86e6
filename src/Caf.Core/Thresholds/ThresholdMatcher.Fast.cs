using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using Caf.Core.Primitives;

namespace Caf.Core.Thresholds;

/// <summary>
/// The classification plan: the framework precompiled, when it is built, into bitsets that <see cref="Classify"/> reads
/// without counting per level (frameworks of up to 64 indicators and 16 domains; larger ones take the general path).
/// </summary>
public sealed partial class ThresholdMatcher
{
    private int FirstUnknown(ReadOnlySpan<string> observed)
    {
        for (var i = 0; i < observed.Length; i++)
        {
            if (!_lookup.TryGetIndex(observed[i], out _))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>
    /// The framework as bitsets. An observed set is one word (bit i: indicator i) and, per level L (1 to 4), the domains
    /// of the observed indicators at L or above, packed in four 16-bit lanes (OR-ing an indicator's lanes is idempotent, so
    /// a repeated id needs no test). Every rule but significant harm (a mask of its own) becomes the same test: "at least
    /// MinCount observed in Mask, and at least MinDomains domains in lane Shift", the specialist rule with an empty mask and
    /// the context as its condition. The rules are sorted by the level they give, then their route, both descending: the
    /// first that holds decides the level and the route (the highest level given wins, and among the rules that give it the
    /// most intensive route), so classifying stops there.
    /// </summary>
    private sealed class Plan
    {
        private const int LaneBits = 16;

        private Plan(ulong[] lanes, ulong harm, PlanRule[] rules, ThresholdClassification noneFired)
        {
            Lanes = lanes;
            Harm = harm;
            Rules = rules;
            NoneFired = noneFired;
        }

        /// <summary>Per indicator: its domain's bit in the lanes of the levels up to its own.</summary>
        public ulong[] Lanes { get; }

        /// <summary>The indicators that are significant harm (THR-04).</summary>
        public ulong Harm { get; }

        /// <summary>The rules, highest level then most intensive route first.</summary>
        public PlanRule[] Rules { get; }

        /// <summary>The result when no rule holds: level 1 and its route.</summary>
        public ThresholdClassification NoneFired { get; }

        /// <summary>The plan, or null when the framework has more than 64 indicators or 16 domains.</summary>
        public static Plan? Build(ThresholdMatcher m)
        {
            if (m._words != 1 || m._domainNames.Length > LaneBits)
            {
                return null;
            }

            var n = m._indicators.Length;
            var lanes = new ulong[n];
            var atLeast = new ulong[6];
            var harm = 0UL;
            for (var i = 0; i < n; i++)
            {
                var level = m._level[i];
                for (var l = 1; l <= Math.Min((int)level, 4); l++)
                {
                    lanes[i] |= 1UL << (((l - 1) * LaneBits) + m._domain[i]);
                    atLeast[l] |= 1UL << i;
                }

                harm |= m._harm[i] ? 1UL << i : 0;
            }

            var rules = new List<PlanRule>();
            foreach (var rule in m._countRules)
            {
                rules.Add(new PlanRule(atLeast[rule.MinLevel], rule.MinCount, (rule.MinLevel - 1) * LaneBits, rule.MinDomains, false, Result(m, rule)));
            }

            foreach (var rule in m._anyOfRules)
            {
                rules.Add(new PlanRule(m._anyOfMasks[rule.MaskOffset], rule.MinCount, 0, 0, false, Result(m, rule)));
            }

            rules.Add(new PlanRule(0, 0, 0, 0, true, Result(m, m._specialistRule)));

            // Stable: rules giving the same level and route keep the framework's order (either decides alike).
            var sorted = new PlanRule[rules.Count];
            var order = 0;
            foreach (var rule in SortedByResult(rules))
            {
                sorted[order++] = rule;
            }

            var none = new ThresholdClassification(ThresholdLevel.Universal, m._levelRoutes[(int)ThresholdLevel.Universal]);
            return new Plan(lanes, harm, sorted, none);
        }

        /// <summary>Reads the observed ids into the word and the lanes. False at the first unknown id.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryRead(OrdinalIndex lookup, ReadOnlySpan<string> observed, out ulong word, out ulong lanes)
        {
            word = 0;
            lanes = 0;
            var table = Lanes;
            for (var i = 0; i < observed.Length; i++)
            {
                var id = observed[i] ?? throw new ArgumentNullException(nameof(observed), $"Observed indicator id at index {i} is null.");
                if (!lookup.TryGetIndex(id, out var index))
                {
                    return false;
                }

                word |= 1UL << index;
                lanes |= table[index];
            }

            return true;
        }

        /// <summary>The level and route of an observed set already read (THR-03 to THR-05).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ThresholdClassification Decide(ulong word, ulong lanes, ThresholdContext context)
        {
            if (context.SignificantHarmConcern || (word & Harm) != 0)
            {
                return new ThresholdClassification(ThresholdLevel.SignificantHarm, ThresholdRoute.Safeguarding); // THR-04
            }

            var specialist = context.SpecialistServicesInvolved && !context.StepDown; // THR-05
            foreach (ref readonly var rule in Rules.AsSpan())
            {
                if (rule.Holds(word, lanes, specialist))
                {
                    return rule.Result;
                }
            }

            return NoneFired;
        }

        /// <summary>True when at least one of the rules holds (for the what-if: does any differing rule matter here).</summary>
        public static bool AnyHolds(PlanRule[] rules, ulong word, ulong lanes, bool specialist)
        {
            foreach (ref readonly var rule in rules.AsSpan())
            {
                if (rule.Holds(word, lanes, specialist))
                {
                    return true;
                }
            }

            return false;
        }

        private static ThresholdClassification Result(ThresholdMatcher m, CompiledRule rule) =>
            new((ThresholdLevel)rule.Gives, (ThresholdRoute)Math.Max((int)m._levelRoutes[rule.Gives], rule.Route));

        private static IEnumerable<PlanRule> SortedByResult(List<PlanRule> rules)
        {
            var keyed = new List<(int Level, int Route, int At, PlanRule Rule)>(rules.Count);
            for (var i = 0; i < rules.Count; i++)
            {
                keyed.Add(((int)rules[i].Result.Level, (int)rules[i].Result.Route, i, rules[i]));
            }

            keyed.Sort(static (x, y) => x.Level != y.Level ? y.Level.CompareTo(x.Level) : x.Route != y.Route ? y.Route.CompareTo(x.Route) : x.At.CompareTo(y.At));
            foreach (var k in keyed)
            {
                yield return k.Rule;
            }
        }
    }

    /// <summary>
    /// One rule as a bitset test, with the classification it decides when it is the first to hold. The result's route is
    /// already the larger of the level's route and the rule's own: among rules that give the same level, the one with the
    /// most intensive final route is tried first.
    /// </summary>
    private readonly record struct PlanRule(ulong Mask, int MinCount, int Shift, int MinDomains, bool Specialist, ThresholdClassification Result)
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Holds(ulong word, ulong lanes, bool specialist) =>
            (!Specialist || specialist)
            && BitOperations.PopCount(word & Mask) >= MinCount
            && BitOperations.PopCount((lanes >> Shift) & 0xFFFF) >= MinDomains;
    }
}
