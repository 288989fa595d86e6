using System.Collections.Generic;
using System.Runtime.InteropServices;
using Caf.Core.Annotations;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;

namespace Caf.Core.Analysis;

/// <summary>Episodes compared a group at a time.</summary>
public sealed partial class PolicyWhatIf
{
    /// <summary>
    /// A group of episodes whose memory is read in before they are compared. Once the decision points that differ are
    /// evaluated without allocating, most of a comparison's time is waiting for memory: each episode's history is a chain
    /// of objects (the episode, its event list, the list's array, each event, an assessment's summary and its indicator
    /// ids) that are rarely in cache, and walking one episode at a time waits for each link in turn. A group follows each
    /// link for all its episodes before the next (the episodes, then their lists and events, then the assessments'
    /// summaries), so that the waits of different episodes can overlap; the comparison then reads the group from cache.
    /// </summary>
    [Mutable]
    private sealed class Group
    {
        private const int Size = 32;
        private readonly List<CafEpisode> _episodes = new(Size);
        private readonly DecisionPointIndex.Counted[] _counts = new DecisionPointIndex.Counted[Size];
        private readonly List<IReadOnlyList<CafEvent>> _histories = new(Size);
        private readonly List<CafEvent> _events = new(Size * 8);
        private readonly List<AssessmentSummary> _summaries = new(Size);

        /// <summary>Checked into every read, so that none of them can be left out: not a result.</summary>
        private int _touched;

        public List<CafEpisode> Episodes => _episodes;

        /// <summary>The counts of episode <paramref name="i"/>'s index as read in (when indexed).</summary>
        public ref readonly DecisionPointIndex.Counted Counts(int i) => ref _counts[i];

        /// <summary>Adds an episode; true when the group is full.</summary>
        public bool Add(CafEpisode episode)
        {
            _episodes.Add(episode);
            return _episodes.Count == Size;
        }

        /// <summary>Reads the group's histories into cache, one link of every episode's chain at a time.</summary>
        /// <param name="indexed">Only the episodes' index is read (see <see cref="Run.Episode"/>): the episodes themselves,
        /// not their events nor their assessments' ids.</param>
        public void ReadIn(bool indexed)
        {
            if (indexed)
            {
                // The index holds the counts and the first assessment's indicator hashes, without references: each
                // episode's are copied in a loop that decides nothing, so that the reads of the group overlap (a decision
                // that branched on each as it arrived would wait for them one at a time). The ids are read only for an
                // assessment the hashes cannot settle.
                var episodes = CollectionsMarshal.AsSpan(_episodes);
                for (var i = 0; i < episodes.Length; i++)
                {
                    _counts[i] = episodes[i].DecisionPoints.Counts;
                }

                return;
            }

            foreach (var episode in _episodes)
            {
                _histories.Add(episode.Events);
                _touched += episode.Id.Value.Length;
            }

            foreach (var history in _histories)
            {
                if (history is EventLog log)
                {
                    _events.AddRange(log.AsSpan());
                }
            }

            foreach (var e in _events)
            {
                if (e is AssessmentCompleted a)
                {
                    _summaries.Add(a.Summary);
                }
            }

            foreach (var summary in _summaries)
            {
                _touched += summary.IndicatorIds.Length;
            }
        }

        public void Clear()
        {
            _episodes.Clear();
            _histories.Clear();
            _events.Clear();
            _summaries.Clear();
            _touched &= 1;
        }
    }
}
