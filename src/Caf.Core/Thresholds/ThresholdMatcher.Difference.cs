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
        private readonly byte[] _byHash; // an id's IndicatorHashes hash to its index + 1; 0 no indicator, Ambiguous two or more

        private const byte Ambiguous = byte.MaxValue;

        private Difference(OrdinalIndex lookup, ThresholdIndicator[] indicators, Plan a, Plan b, PlanRule[] onlyA, PlanRule[] onlyB)
        {
            _lookup = lookup;
            _byHash = new byte[ushort.MaxValue + 1];
            for (var i = 0; i < indicators.Length; i++)
            {
                ref var entry = ref _byHash[IndicatorHashes.Hash(indicators[i].Id)];
                entry = entry == 0 ? (byte)(i + 1) : Ambiguous; // at most 64 indicators: i + 1 is below Ambiguous
            }

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

            return new Difference(a._lookup, a._indicators, planA, planB, [.. onlyA], [.. onlyB]);
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

        /// <summary>
        /// True when A and B certainly decide the recorded set alike, judged from its ids' hashes alone (no id is read);
        /// false when that is not certain: then compare the ids (<see cref="TryCompare"/>).
        /// </summary>
        /// <remarks>
        /// Each hash is looked up in a table of the indicators' hashes. A hash no indicator has is an unknown id, which
        /// both frameworks refuse alike (THR-03). Otherwise, unless two indicators share the hash (then: not certain),
        /// it names the one indicator the id can be, and the set's bitset is built from those. If every id is that
        /// indicator, the bitset is the set's own; if one is not, the id is unknown and both refuse it alike. Either way a
        /// bitset on which A and B decide alike (significant harm, none of the rules that differ holds, or both classify it
        /// alike) means the set is decided alike; a bitset on which they differ is not certain and is compared on the ids.
        /// </remarks>
        public bool SettledAlike(IndicatorHashes hashes, ThresholdContext context)
        {
            if (!hashes.IsRecorded)
            {
                return false;
            }

            ulong word = 0, lanes = 0;
            var read = Read(hashes.Low, ref word, ref lanes);
            if (read == Reading.Complete && hashes.High != 0)
            {
                read = Read(hashes.High, ref word, ref lanes);
            }

            if (read != Reading.Complete)
            {
                return read == Reading.Unknown;
            }

            if (context.SignificantHarmConcern || (word & _a.Harm) != 0)
            {
                return true; // THR-04 in both
            }

            var specialist = context.SpecialistServicesInvolved && !context.StepDown;
            if (!_always && !Plan.AnyHolds(_onlyA, word, lanes, specialist) && !Plan.AnyHolds(_onlyB, word, lanes, specialist))
            {
                return true; // only shared rules hold
            }

            return _a.Decide(word, lanes, context) == _b.Decide(word, lanes, context);
        }

        private enum Reading
        {
            Complete,
            Unknown,
            Ambiguous,
        }

        private Reading Read(ulong packed, ref ulong word, ref ulong lanes)
        {
            var table = _byHash;
            var laneTable = _a.Lanes;
            for (; packed != 0; packed >>= 16)
            {
                var at = table[(int)(packed & 0xFFFF)];
                if (at == 0)
                {
                    return Reading.Unknown;
                }

                if (at == Ambiguous)
                {
                    return Reading.Ambiguous;
                }

                word |= 1UL << (at - 1);
                lanes |= laneTable[at - 1];
            }

            return Reading.Complete;
        }
    }
}
