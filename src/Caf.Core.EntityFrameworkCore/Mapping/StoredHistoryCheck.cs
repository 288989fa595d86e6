using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>One stored event row as the checks read it: its 0-based sequence and its JSON.</summary>
internal readonly record struct StoredEventText(int Sequence, string Json);

/// <summary>
/// What a load checks of an episode as stored (issue 24): the snapshot names the episode; the event rows hold the versions
/// 1..N of the snapshot's history, once each, in order; each row is the snapshot's event of its version; the hash chain over
/// the rows (<see cref="EventStaging"/>) ends in the stored history hash; the version column is N. The first difference
/// found is the finding; the hash decides which side changed when the rows and the snapshot disagree.
/// </summary>
internal static class StoredHistoryCheck
{
    /// <summary>Reads the snapshot; a reader's refusal becomes <see cref="EpisodeIntegrityProblem.SnapshotUnreadable"/> naming the episode.</summary>
    public static CafEpisode ReadSnapshot(EpisodePolicy policy, EpisodeId id, string snapshot)
    {
        try
        {
            return EpisodeJson.Deserialize(policy, snapshot);
        }
        catch (JsonException ex)
        {
            throw new EpisodeIntegrityException(
                new EpisodeIntegrityFinding(id, EpisodeIntegrityProblem.SnapshotUnreadable, null,
                    $"the stored snapshot ({snapshot.Length} characters) cannot be read at {ex.Path ?? "$"}: {ex.Message}"), ex);
        }
    }

    /// <summary>The first problem, or null when the stored episode is what the library wrote.</summary>
    /// <param name="id">The episode row's id.</param>
    /// <param name="versionColumn">The row's version column.</param>
    /// <param name="storedHash">The row's history hash.</param>
    /// <param name="snapshot">The row's snapshot JSON.</param>
    /// <param name="episode">The episode read from <paramref name="snapshot"/>.</param>
    /// <param name="rows">The episode's event rows in sequence order, read after the episode row.</param>
    /// <param name="laterRowsAllowed">True when rows past the snapshot's version that continue it (1..N, N+1, ...) are
    /// another writer's save committed between the two reads, not a problem.</param>
    public static EpisodeIntegrityFinding? Find(
        EpisodeId id, int versionColumn, string storedHash, string snapshot, CafEpisode episode, IReadOnlyList<StoredEventText> rows, bool laterRowsAllowed)
    {
        if (episode.Id != id)
        {
            return new(id, EpisodeIntegrityProblem.SnapshotMismatch, null, $"the snapshot is episode {episode.Id}'s, not this row's.");
        }

        var version = episode.Version;
        var events = episode.Events;
        var inHistory = new string?[version];
        var outside = new List<StoredEventText>();
        foreach (var row in rows)
        {
            if (row.Sequence >= 0 && row.Sequence < version)
            {
                inHistory[row.Sequence] = row.Json;
            }
            else
            {
                outside.Add(row);
            }
        }

        // Rows past the history: another writer's events only if they continue it without a gap.
        if (laterRowsAllowed && outside.Count > 0 && outside[0].Sequence == version && outside[^1].Sequence == version + outside.Count - 1)
        {
            outside.Clear();
        }

        for (var i = 0; i < version; i++)
        {
            if (inHistory[i] is not null)
            {
                continue;
            }

            foreach (var row in outside)
            {
                if (SameEvent(row.Json, events[i]))
                {
                    return new(id, EpisodeIntegrityProblem.EventOutOfSequence, i + 1,
                        $"the event of version {i + 1} ({TypeName(events[i])}) is stored as version {row.Sequence + 1}.");
                }
            }

            return new(id, EpisodeIntegrityProblem.EventMissing, i + 1,
                $"no stored event has version {i + 1} ({TypeName(events[i])} in the snapshot); the history has {version} events.");
        }

        if (outside.Count > 0)
        {
            return new(id, EpisodeIntegrityProblem.EventOutOfSequence, outside[0].Sequence + 1,
                $"an event is stored as version {outside[0].Sequence + 1}, outside the episode's {version} events.");
        }

        // One pass: the hash chain over the rows, and each row compared byte for byte with the event's text in the snapshot
        // (which is what the episode was read from); only a row that differs there is compared by value.
        var hash = EventStaging.EmptyHash;
        var sameText = new bool[version];
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(snapshot.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(snapshot, utf8);
            var spans = EventSpans(utf8.AsSpan(0, length), version);
            for (var i = 0; i < version; i++)
            {
                var expected = spans is null ? [] : utf8.AsSpan(spans[i].Start, spans[i].Length);
                hash = EventStaging.Next(hash, inHistory[i]!, expected, out sameText[i]);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }

        var hashHolds = hash == storedHash;
        for (var i = 0; i < version; i++)
        {
            if (sameText[i] || SameEvent(inHistory[i]!, events[i]))
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
                if (j != i && SameEvent(inHistory[i]!, events[j]))
                {
                    return new(id, EpisodeIntegrityProblem.EventsReordered, i + 1,
                        $"the event stored as version {i + 1} is the snapshot's event of version {j + 1} ({TypeName(events[j])}).");
                }
            }

            return new(id, EpisodeIntegrityProblem.EventAltered, i + 1,
                $"the event stored as version {i + 1} differs from the snapshot's ({TypeName(events[i])}) and the history hash does not match the stored events"
                + (Unreadable(inHistory[i]!) is { } why ? $"; it cannot be read: {why}" : "."));
        }

        if (!hashHolds)
        {
            return new(id, EpisodeIntegrityProblem.HistoryHashMismatch, null,
                $"the events agree with the snapshot but their hash chain ends in {hash}, not in the stored history hash {storedHash}.");
        }

        return versionColumn == version
            ? null
            : new(id, EpisodeIntegrityProblem.VersionMismatch, null,
                $"the version column says {versionColumn} but the stored history has {version} events (the snapshot and the event rows agree).");
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
    private static bool SameEvent(string json, CafEvent @event)
    {
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

    private static string? Unreadable(string json)
    {
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
