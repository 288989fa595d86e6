using System;
using Caf.Core.Annotations;
using Caf.Core.Primitives;

namespace Caf.Core.Analysis;

/// <summary>The check that no episode is given twice.</summary>
public sealed partial class PolicyWhatIf
{
    /// <summary>
    /// The episode ids of a comparison, checked for one given twice once they are all in (issue 26). A hash set of
    /// 100,000 ids costs a random memory access or more per episode, and reading each id's text another; here each id's
    /// hash (kept by the episode since it was opened) is written next to its position, in order, the numbers are sorted
    /// by hash with a radix sort, and only ids with equal hashes are compared.
    /// </summary>
    [Mutable]
    private sealed class DistinctIds(int capacity)
    {
        private ulong[] _keys = new ulong[Math.Max(capacity, 16)];
        private string[] _ids = new string[Math.Max(capacity, 16)];
        private int _count;

        public void Add(int hash, string id)
        {
            if (_count == _keys.Length)
            {
                Array.Resize(ref _keys, 2 * _count);
                Array.Resize(ref _ids, 2 * _count);
            }

            _keys[_count] = ((ulong)(uint)hash << 32) | (uint)_count;
            _ids[_count++] = id;
        }

        /// <summary>The first id, in the order added, that was added before; null when every id is distinct.</summary>
        public string? FirstRepeated()
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
                        if (string.Equals(_ids[(int)(uint)_keys[earlier]], _ids[at], StringComparison.Ordinal))
                        {
                            first = at;
                        }
                    }
                }

                i = end;
            }

            return first == int.MaxValue ? null : _ids[first];
        }
    }
}
