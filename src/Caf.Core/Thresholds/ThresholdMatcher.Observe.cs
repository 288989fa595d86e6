using System;

namespace Caf.Core.Thresholds;

/// <summary>Reading an observed set into the matcher's counts: shared by <see cref="Classify"/> and the what-if's <see cref="Difference"/>.</summary>
public sealed partial class ThresholdMatcher
{
    /// <summary>
    /// Reads an observed set of a framework of up to 64 indicators into one word and, per level L, how many observed
    /// indicators are at L or above and in which domains. False at the first unknown id.
    /// </summary>
    private bool TryObserve(ReadOnlySpan<string> observed, ThresholdContext context, ref ulong word, ref LevelCounts counts, ref LevelMasks domains, out bool harm)
    {
        harm = context.SignificantHarmConcern;
        for (var i = 0; i < observed.Length; i++)
        {
            var id = observed[i] ?? throw new ArgumentNullException(nameof(observed), $"Observed indicator id at index {i} is null.");
            if (!_lookup.TryGetIndex(id, out var index))
            {
                return false;
            }

            var bit = 1UL << index;
            if ((word & bit) == 0)
            {
                word |= bit; // a repeated id is counted once
                int level = _level[index];
                counts[level]++;
                domains[level] |= 1UL << _domain[index];
                harm |= _harm[index];
            }
        }

        for (var level = 3; level >= 1; level--)
        {
            counts[level] += counts[level + 1];
            domains[level] |= domains[level + 1];
        }

        return true;
    }

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
}
