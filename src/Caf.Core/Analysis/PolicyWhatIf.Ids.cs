using System;
using Caf.Core.Annotations;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>The check that no episode is given twice.</summary>
public sealed partial class PolicyWhatIf
{
    /// <summary>
    /// Episodes checked for two with the same id once they are all in. Each episode's id hash (kept in its index since it
    /// was opened: no string is hashed here) is written next to its position, the numbers are sorted with a radix sort,
    /// and only episodes with equal hashes have their ids compared. The episodes themselves are kept, not their ids, so
    /// an id is read only on a tie of hashes (the comparison reads nothing else of an episode that decides alike).
    /// </summary>
    /// <param name="capacity">The expected number of episodes (grows past it).</param>
    [Mutable]
    private sealed class DistinctEpisodes(int capacity)
    {
        private ulong[] _keys = new ulong[Math.Max(capacity, 16)];
        private CafEpisode[] _episodes = new CafEpisode[Math.Max(capacity, 16)];
        private int _count;

        /// <summary>Adds <paramref name="episode"/>, whose id's ordinal hash is <paramref name="hash"/>.</summary>
        public void Add(int hash, CafEpisode episode)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, 2 * _count);
                Array.Resize(ref _episodes, 2 * _count);
            }

            _keys[_count] = ((ulong)(uint)hash << 32) | (uint)_count;
            _episodes[_count++] = episode;
        }

        /// <summary>The id of the first episode, in the order added, whose id was added before; null when every id is distinct.</summary>
        /// <remarks>Sorts the numbers: call once, after every <see cref="Add"/>.</remarks>
        public EpisodeId? FirstRepeated()
        {
            if (_count < 256)
            {
                Array.Sort(_keys, 0, _count); // hash, then position
            }
            else
            {
                UInt64Radix.Sort(_keys, _count, 32, 64); // stable: equal hashes stay in the order added
            }

            var first = int.MaxValue;
            for (var i = 0; i < _count;)
            {
                var hash = _keys[i] >> 32;
                var end = i + 1;
                while (end < _count && _keys[end] >> 32 == hash)
                {
                    end++;
                }

                for (var later = i + 1; later < end; later++)
                {
                    var at = (int)(uint)_keys[later];
                    for (var earlier = i; earlier < later && at < first; earlier++)
                    {
                        if (string.Equals(_episodes[(int)(uint)_keys[earlier]].Id.Value, _episodes[at].Id.Value, StringComparison.Ordinal))
                        {
                            first = at;
                        }
                    }
                }

                i = end;
            }

            return first == int.MaxValue ? null : _episodes[first].Id;
        }
    }
}
