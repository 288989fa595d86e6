using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// One stored event row as the checks read it: its 0-based sequence and its JSON as the UTF-8 the database holds (issue 26:
/// hashed and compared without building a .NET string; only a row that must be parsed is decoded).
/// </summary>
internal readonly struct StoredEventText(int sequence, ReadOnlyMemory<byte> utf8)
{
    /// <summary>The 0-based sequence.</summary>
    public int Sequence { get; } = sequence;

    /// <summary>The event's JSON as UTF-8 (in the load's pooled buffer, <see cref="StoredRows"/>: valid while the load checks it).</summary>
    public ReadOnlyMemory<byte> Utf8 { get; } = utf8;

    /// <summary>The event's JSON as text (decoded on each call: for the rows that are parsed).</summary>
    public string Json => Encoding.UTF8.GetString(Utf8.Span);
}

/// <summary>
/// What a load checks of an episode as stored (issue 24): the snapshot names the episode; the event rows hold the versions
/// 1..N of the snapshot's history, once each, in order; each row is the snapshot's event of its version; the hash chain over
/// the rows (<see cref="EventStaging"/>) ends in the stored history hash; the version column is N. The first difference
/// found is the finding; the hash decides which side changed when the rows and the snapshot disagree.
/// </summary>
internal static class StoredHistoryCheck
{
    /// <summary>Reads the snapshot; a reader's refusal becomes <see cref="EpisodeIntegrityProblem.SnapshotUnreadable"/> naming the episode.</summary>
    /// <remarks>Issue 26: from the snapshot's UTF-8, parsed once (<see cref="EpisodeJson.Deserialize(EpisodePolicy, ReadOnlySpan{byte})"/>:
    /// the same upcasting and refusals as the text).</remarks>
    public static CafEpisode ReadSnapshot(EpisodePolicy policy, EpisodeId id, ReadOnlySpan<byte> snapshot)
    {
        try
        {
            return EpisodeJson.Deserialize(policy, snapshot);
        }
        catch (JsonException ex)
        {
            throw new EpisodeIntegrityException(
                new EpisodeIntegrityFinding(id, EpisodeIntegrityProblem.SnapshotUnreadable, null,
                    $"the stored snapshot ({snapshot.Length} bytes) cannot be read at {ex.Path ?? "$"}: {ex.Message}"), ex);
        }
    }

    /// <summary>The first problem, or null when the stored episode is what the library wrote.</summary>
    /// <remarks>Issue 26: the snapshot may hold only the first S events of the history (a save appends event rows and
    /// rewrites the snapshot only now and then, docs/storage.md "Long episodes"). Rows 1..S are compared with the snapshot
    /// as before; the rows after it (the tail) have no second copy, so they are vouched for by the hash chain alone.</remarks>
    /// <param name="id">The episode row's id.</param>
    /// <param name="versionColumn">The row's version column.</param>
    /// <param name="storedHash">The row's history hash.</param>
    /// <param name="snapshot">The row's snapshot JSON as UTF-8.</param>
    /// <param name="episode">The episode read from <paramref name="snapshot"/> (its first S events).</param>
    /// <param name="rows">The episode's event rows in sequence order, read after the episode row.</param>
    /// <param name="laterRowsAllowed">True when rows past the version column that continue the history (..., N, N+1, ...)
    /// are another writer's save committed between the two reads, not a problem.</param>
    /// <param name="historyLength">The number of stored events that make the history (S plus the tail), when no problem is found.</param>
    public static EpisodeIntegrityFinding? Find(
        EpisodeId id, int versionColumn, string storedHash, ReadOnlySpan<byte> snapshot, CafEpisode episode, IReadOnlyList<StoredEventText> rows,
        bool laterRowsAllowed, out int historyLength)
    {
        historyLength = episode.Version;
        if (episode.Id != id)
        {
            return new(id, EpisodeIntegrityProblem.SnapshotMismatch, null, $"the snapshot is episode {episode.Id}'s, not this row's.");
        }

        var version = episode.Version;
        var events = episode.Events;
        var at = new int[version]; // 1 + the index in `rows` of the row of each version of the snapshot; 0 when none
        ReadOnlySpan<byte> InHistory(int i) => rows[at[i] - 1].Utf8.Span;
        var tail = new List<ReadOnlyMemory<byte>>();
        var outside = new List<StoredEventText>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Sequence >= 0 && row.Sequence < version)
            {
                at[row.Sequence] = r + 1;
            }
            else if (row.Sequence == version + tail.Count && outside.Count == 0)
            {
                tail.Add(row.Utf8); // the events after the snapshot, without a gap
            }
            else
            {
                outside.Add(row);
            }
        }

        // Rows past the version column: another writer's events only if they continue the history without a gap.
        if (laterRowsAllowed && outside.Count == 0 && tail.Count > Math.Max(0, versionColumn - version))
        {
            tail.RemoveRange(Math.Max(0, versionColumn - version), tail.Count - Math.Max(0, versionColumn - version));
        }

        for (var i = 0; i < version; i++)
        {
            if (at[i] > 0)
            {
                continue;
            }

            foreach (var row in outside.Concat(tail.Select((json, k) => new StoredEventText(version + k, json))))
            {
                if (SameEvent(row.Utf8.Span, events[i]))
                {
                    return new(id, EpisodeIntegrityProblem.EventOutOfSequence, i + 1,
                        $"the event of version {i + 1} ({TypeName(events[i])}) is stored as version {row.Sequence + 1}.");
                }
            }

            return new(id, EpisodeIntegrityProblem.EventMissing, i + 1,
                $"no stored event has version {i + 1} ({TypeName(events[i])} in the snapshot); the history has {Math.Max(version, versionColumn)} events.");
        }

        var length = version + tail.Count;
        if (outside.Count > 0)
        {
            return new(id, EpisodeIntegrityProblem.EventOutOfSequence, outside[0].Sequence + 1,
                $"an event is stored as version {outside[0].Sequence + 1}, outside the episode's {length} events.");
        }

        // One pass over the rows' UTF-8 as read (issue 26: no string per row, no hash text per step): the hash chain, and
        // each row of the snapshot's versions compared byte for byte with the event's text in the snapshot (which is
        // what the episode was read from); only a row that differs there is compared by value. The tail rows only
        // extend the chain.
        using var chain = new Chain(EventStaging.Seed(episode.Authority)); // issue 29: a row moved to another authority breaks the chain
        var sameText = new bool[version];
        var spans = EventSpans(snapshot, version);
        for (var i = 0; i < version; i++)
        {
            var expected = spans is null ? [] : snapshot.Slice(spans[i].Start, spans[i].Length);
            var row = InHistory(i);
            chain.Append(row);
            sameText[i] = EventStaging.SameText(row, expected);
        }

        foreach (var json in tail)
        {
            chain.Append(json.Span); // the hash only: the row may not even be JSON
        }

        var hashHolds = chain.Is(storedHash);
        var hash = hashHolds ? storedHash : chain.ToString();
        for (var i = 0; i < version; i++)
        {
            if (sameText[i] || SameEvent(InHistory(i), events[i]))
            {
                continue;
            }

            if (hashHolds)
            {
                return new(id, EpisodeIntegrityProblem.SnapshotMismatch, i + 1,
                    $"the snapshot's event of version {i + 1} ({TypeName(events[i])}) differs from the stored event, which the history hash vouches for.");
            }

            for (var j = 0; j < version; j++)
            {
                if (j != i && SameEvent(InHistory(i), events[j]))
                {
                    return new(id, EpisodeIntegrityProblem.EventsReordered, i + 1,
                        $"the event stored as version {i + 1} is the snapshot's event of version {j + 1} ({TypeName(events[j])}).");
                }
            }

            return new(id, EpisodeIntegrityProblem.EventAltered, i + 1,
                $"the event stored as version {i + 1} differs from the snapshot's ({TypeName(events[i])}) and the history hash does not match the stored events"
                + (Unreadable(InHistory(i)) is { } why ? $"; it cannot be read: {why}" : "."));
        }

        if (!hashHolds)
        {
            if (length < versionColumn)
            {
                return new(id, EpisodeIntegrityProblem.EventMissing, length + 1,
                    $"no stored event has version {length + 1}; the version column says {versionColumn}, and the hash chain over the {length} stored events does not end in the stored history hash.");
            }

            for (var k = 0; k < tail.Count; k++)
            {
                if (Unreadable(tail[k].Span) is { } why)
                {
                    return new(id, EpisodeIntegrityProblem.EventAltered, version + k + 1,
                        $"the event stored as version {version + k + 1} cannot be read ({why}) and the history hash does not match the stored events.");
                }
            }

            return new(id, EpisodeIntegrityProblem.HistoryHashMismatch, null, tail.Count == 0
                ? $"the events agree with the snapshot but their hash chain ends in {hash}, not in the stored history hash {storedHash}."
                : $"the events of versions 1..{version} agree with the snapshot but the hash chain over the {length} stored events ends in {hash}, not in the stored history hash {storedHash}: the history hash or an event after version {version} (which the snapshot does not hold yet) was changed.");
        }

        historyLength = length;
        return versionColumn == length
            ? null
            : new(id, EpisodeIntegrityProblem.VersionMismatch, null,
                $"the version column says {versionColumn} but the stored history has {length} events (the snapshot and the event rows agree).");
    }

    /// <summary>
    /// Issue 26: continues an episode read from a snapshot of its first S events with the stored rows after it, each read
    /// (upcast as any event row is) and replayed through the command checks (<see cref="CafEpisode.ReplayStored"/>).
    /// </summary>
    /// <returns>A problem naming the first row that cannot be read or replayed; null when the episode now has every event.</returns>
    public static EpisodeIntegrityFinding? ReplayTail(EpisodeId id, CafEpisode episode, IReadOnlyList<StoredEventText> rows, int historyLength)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Sequence < episode.Version)
            {
                continue;
            }

            if (row.Sequence >= historyLength)
            {
                break;
            }

            CafEvent stored;
            try
            {
                stored = EpisodeJson.DeserializeEvent(row.Json);
            }
            catch (JsonException ex)
            {
                return new(id, EpisodeIntegrityProblem.EventAltered, row.Sequence + 1,
                    $"the event stored as version {row.Sequence + 1} cannot be read: {ex.Path}: {ex.Message}");
            }

            var applied = stored.EpisodeId == id ? episode.ReplayStored(stored) : Result.Refused("LIFE-11", $"it belongs to episode {stored.EpisodeId}.", "episodeId");
            if (applied.IsRefused)
            {
                return new(id, EpisodeIntegrityProblem.EventAltered, row.Sequence + 1,
                    $"the event stored as version {row.Sequence + 1} ({TypeName(stored)}) is not one the commands could have recorded there: [{applied.Refusal.RuleId}] {applied.Refusal.Message}");
            }
        }

        return null;
    }

    // Where each element of the snapshot's "events" array is in its UTF-8; null if the array is not where it is expected
    // (then every row is compared by value).
    private static (int Start, int Length)[]? EventSpans(ReadOnlySpan<byte> utf8, int count)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEvents = reader.ValueTextEquals("events"u8);
            reader.Read();
            if (!isEvents)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var spans = new (int Start, int Length)[count];
            var i = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                if (i == count)
                {
                    return null;
                }

                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                spans[i++] = (start, (int)reader.BytesConsumed - start);
            }

            return i == count ? spans : null;
        }

        return null;
    }

    // The row's JSON is the event: as this release writes it (the usual case, no parsing), or equal by value (written by another release).
    private static bool SameEvent(ReadOnlySpan<byte> utf8, CafEvent @event)
    {
        var json = Encoding.UTF8.GetString(utf8);
        if (json == EpisodeJson.SerializeEvent(@event))
        {
            return true;
        }

        try
        {
            return EpisodeJson.DeserializeEvent(json).Equals(@event);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Unreadable(ReadOnlySpan<byte> utf8)
    {
        var json = Encoding.UTF8.GetString(utf8);
        try
        {
            EpisodeJson.DeserializeEvent(json);
            return null;
        }
        catch (JsonException ex)
        {
            return $"{ex.Path}: {ex.Message}";
        }
    }

    private static string TypeName(CafEvent @event) => @event.GetType().Name;
}
