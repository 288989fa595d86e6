using System;
using System.Collections.Immutable;
using Caf.Core.Annotations;

namespace Caf.Core.Thresholds;

/// <summary>
/// A recorded set of indicator ids in a form that needs no framework (issue 26): a 16-bit hash of each id's characters,
/// up to eight of them packed in two numbers. An episode keeps one per assessment as the assessment is applied (no
/// framework is known then); the policy what-if turns it into the framework's bitset with one table read per id
/// (<see cref="ThresholdMatcher.Difference.SettledAlike"/>), so most assessments are settled without reading an id string.
/// </summary>
/// <remarks>
/// A hash only narrows an id down: different ids may share one. So the hashes only ever settle that A and B decide
/// alike, and only when that is certain (see <see cref="ThresholdMatcher.Difference.SettledAlike"/>); a set they cannot
/// settle is compared on its ids. A hash is 1 to 65,534: 0 is an empty slot, and both numbers all ones mean "not
/// recorded" (more than eight ids, or a null one).
/// </remarks>
[Immutable]
internal readonly record struct IndicatorHashes(ulong Low, ulong High)
{
    /// <summary>The most ids recorded (four 16-bit hashes per number).</summary>
    public const int MaxIds = 8;

    /// <summary>Not recorded: the set must be read from its ids.</summary>
    public static IndicatorHashes None => new(ulong.MaxValue, ulong.MaxValue);

    /// <summary>True when the hashes were recorded.</summary>
    public bool IsRecorded => (Low & High) != ulong.MaxValue;

    /// <summary>The hashes of <paramref name="ids"/>, in order (repeats kept), or <see cref="None"/> for more than <see cref="MaxIds"/> ids or a null one.</summary>
    public static IndicatorHashes Of(ImmutableArray<string> ids)
    {
        if (ids.IsDefault || ids.Length > MaxIds)
        {
            return None;
        }

        ulong low = 0, high = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is not { } id)
            {
                return None;
            }

            var hash = (ulong)Hash(id);
            if (i < 4)
            {
                low |= hash << (16 * i);
            }
            else
            {
                high |= hash << (16 * (i - 4));
            }
        }

        return new IndicatorHashes(low, high);
    }

    /// <summary>The hash of an id's characters (the same in every process): 1 to 65,534.</summary>
    public static ushort Hash(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var h = 0xCBF29CE484222325UL ^ (ulong)id.Length;
        foreach (var c in id)
        {
            h = (h ^ c) * 0x100000001B3UL; // FNV-1a over the UTF-16 code units
        }

        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        var v = (uint)(h >> 48);
        return (ushort)(v == 0 ? 1 : v == 0xFFFF ? 0xFFFE : v);
    }
}
