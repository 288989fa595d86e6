using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caf.Core.Events;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// The JSON of an episode's events and the hash chain over it: h(0) = 64 zeros, h(n+1) = SHA-256(h(n) + json(n)).
/// The stored episode row keeps h(version); an update names the hash of the history it extends, so a stale or
/// foreign history is refused by the database in the same statement that checks the version.
/// </summary>
internal static class EventStaging
{
    public static readonly string EmptyHash = new('0', 64);

    /// <summary>
    /// h(0) of an authority's episodes (issue 29): <see cref="EmptyHash"/> for <see cref="AuthorityId.Default"/> (so every
    /// hash stored before authorities existed stays valid), else SHA-256 of <c>caf-authority:</c> and the id's value. An
    /// episode whose rows were moved to another authority by editing the column no longer matches its stored hash.
    /// </summary>
    public static string Seed(AuthorityId authority) =>
        authority == AuthorityId.Default ? EmptyHash : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("caf-authority:" + authority.Value)));

    /// <summary>
    /// Serialises the events from <paramref name="from"/> on, once each, and extends the chain from
    /// <paramref name="hashAtFrom"/> (the hash of the first <paramref name="from"/> events; <see cref="EmptyHash"/> for 0).
    /// </summary>
    public static StagedEvents Prepare(IReadOnlyList<CafEvent> events, int from, string hashAtFrom)
    {
        var count = events.Count - from;
        var json = new string[count];
        var types = new string[count];
        var hashes = new string[count + 1];
        hashes[0] = hashAtFrom;
        for (var i = 0; i < count; i++)
        {
            json[i] = EpisodeJson.SerializeEvent(events[from + i]);
            hashes[i + 1] = Next(hashes[i], json[i], out types[i]);
        }

        return new StagedEvents(from, json, types, hashes);
    }

    /// <summary>SHA-256 over the UTF-8 of <c>previous + eventJson</c> (lower-case hex), without building the concatenation.</summary>
    public static string Next(string previous, string eventJson) => Next(previous, eventJson, out _);

    // A row is written as a single event, {"type":"x","schemaVersion":N,...}; the snapshot holds the same event without
    // the version member, {"type":"x",...}. The same text but for that member is the same event, compared without parsing.
    internal static bool SameText(ReadOnlySpan<byte> row, ReadOnlySpan<byte> expected)
    {
        if (row.SequenceEqual(expected))
        {
            return true;
        }

        var typePrefix = "{\"type\":\""u8;
        var marker = ",\"schemaVersion\":"u8;
        if (!row.StartsWith(typePrefix))
        {
            return false;
        }

        var close = row[typePrefix.Length..].IndexOf((byte)'"');
        if (close < 0)
        {
            return false;
        }

        var end = typePrefix.Length + close + 1;
        if (!row[end..].StartsWith(marker))
        {
            return false;
        }

        var digits = end + marker.Length;
        var stop = digits;
        while (stop < row.Length && row[stop] is >= (byte)'0' and <= (byte)'9')
        {
            stop++;
        }

        return stop > digits && row.Length - (stop - end) == expected.Length
            && row[..end].SequenceEqual(expected[..end]) && row[stop..].SequenceEqual(expected[end..]);
    }

    // The event's UTF-8 is encoded once, into a pooled buffer, for both the hash and the type discriminator.
    private static string Next(string previous, string eventJson, out string type)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(previous.Length + eventJson.Length));
        try
        {
            var head = Encoding.UTF8.GetBytes(previous, buffer);
            var body = Encoding.UTF8.GetBytes(eventJson, buffer.AsSpan(head));
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, head + body), digest);
            type = TypeOf(buffer.AsSpan(head, body));
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The stable type discriminator written first in the event's JSON.
    private static string TypeOf(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                return reader.GetString() ?? "";
            }

            if (reader.CurrentDepth >= 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return "";
    }
}

/// <summary>
/// Issue 26: the chain of <see cref="EventStaging"/> over events already in UTF-8 (a load's rows as read), each step's hash
/// kept as its 64 lower-case hex digits in one buffer: nothing is allocated per event. The same values as
/// <see cref="EventStaging.Next(string, string)"/> step by step.
/// </summary>
internal sealed class Chain : IDisposable
{
    private readonly byte[] _hex = new byte[SHA256.HashSizeInBytes * 2];
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Starts the chain at <paramref name="seed"/> (h(0): 64 hex digits).</summary>
    public Chain(string seed)
    {
        if (seed.Length != _hex.Length || Encoding.ASCII.GetBytes(seed, _hex) != _hex.Length)
        {
            throw new ArgumentException("A chain starts at a hash of 64 hex digits.", nameof(seed));
        }
    }

    /// <summary>h(n+1) = SHA-256(h(n) + the event's UTF-8).</summary>
    public void Append(ReadOnlySpan<byte> eventUtf8)
    {
        _sha.AppendData(_hex);
        _sha.AppendData(eventUtf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _sha.GetHashAndReset(digest);
        Convert.TryToHexStringLower(digest, _hex, out _); // _hex holds exactly the 64 UTF-8 digits
    }

    /// <summary>True when the chain so far ends in <paramref name="hash"/>.</summary>
    public bool Is(string hash)
    {
        if (hash.Length != _hex.Length)
        {
            return false;
        }

        for (var i = 0; i < _hex.Length; i++)
        {
            if (hash[i] != _hex[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The hash so far, as text.</summary>
    public override string ToString() => Encoding.ASCII.GetString(_hex);

    /// <inheritdoc />
    public void Dispose() => _sha.Dispose();
}

/// <summary>
/// The events a save writes (sequences <see cref="From"/> to the episode's version, each serialised once) and the hash
/// chain over them, starting from the hash of the history they extend.
/// </summary>
internal sealed class StagedEvents
{
    private readonly string[] _hashes;

    public StagedEvents(int from, string[] json, string[] types, string[] hashes)
    {
        From = from;
        Json = json;
        Types = types;
        _hashes = hashes;
    }

    /// <summary>The sequence of the first staged event (the version of the history it extends).</summary>
    public int From { get; }

    /// <summary><c>Json[i]</c> is the event with sequence <c>From + i</c>.</summary>
    public string[] Json { get; }

    /// <summary>The type discriminators of <see cref="Json"/>.</summary>
    public string[] Types { get; }

    /// <summary>The hash of the episode's history (the last one in the chain).</summary>
    public string Head => _hashes[^1];

    /// <summary>The hash of the first <paramref name="version"/> events (at least <see cref="From"/>).</summary>
    public string HashAt(int version) => _hashes[version - From];

    /// <summary>
    /// Replaces the hash at <paramref name="version"/> by the stored one (its events equal these by value but were written
    /// with other JSON) and recomputes the chain after it.
    /// </summary>
    public void Rebase(int version, string storedHash)
    {
        _hashes[version - From] = storedHash;
        for (var i = version - From; i < Json.Length; i++)
        {
            _hashes[i + 1] = EventStaging.Next(_hashes[i], Json[i]);
        }
    }
}
