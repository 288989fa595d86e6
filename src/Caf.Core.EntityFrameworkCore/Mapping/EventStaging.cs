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
    /// Issue 26: each event's text is encoded to UTF-8 once, into one pooled buffer, and that is what <see cref="Chain"/>
    /// hashes and the type discriminator is read from: the save and the load hash with the same code.
    /// </summary>
    public static StagedEvents Prepare(IReadOnlyList<CafEvent> events, int from, string hashAtFrom)
    {
        var count = events.Count - from;
        var json = new string[count];
        var types = new string[count];
        var hashes = new string[count + 1];
        hashes[0] = hashAtFrom;
        if (count == 0)
        {
            return new StagedEvents(from, json, types, hashes);
        }

        using var chain = new Chain(hashAtFrom);
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            for (var i = 0; i < count; i++)
            {
                json[i] = EpisodeJson.SerializeEvent(events[from + i]);
                var utf8 = Utf8(json[i], ref buffer);
                chain.Append(utf8);
                types[i] = TypeOf(utf8);
                hashes[i + 1] = chain.ToString();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new StagedEvents(from, json, types, hashes);
    }

    /// <summary>SHA-256 over the UTF-8 of <c>previous + eventJson</c> (lower-case hex): one step of <see cref="Chain"/>.</summary>
    public static string Next(string previous, string eventJson)
    {
        using var chain = new Chain(previous);
        var buffer = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            chain.Append(Utf8(eventJson, ref buffer));
            return chain.ToString();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The text's UTF-8 in the pooled buffer (a larger one rented when it does not fit).
    private static ReadOnlySpan<byte> Utf8(string text, ref byte[] buffer)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < most)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(most);
        }

        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }

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
/// Issue 26: the hash chain of <see cref="EventStaging"/> over events in UTF-8 (a load's rows as read, a save's events as
/// encoded by <see cref="EventStaging.Prepare"/>), each step's hash kept as its 64 lower-case hex digits in one buffer:
/// nothing is allocated per event. The one implementation of the chain (<see cref="EventStaging.Next(string, string)"/> is one step of it).
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
            _hashes[i + 1] = EventStaging.Next(_hashes[i], Json[i]); // rare (another release's JSON): a chain per step
        }
    }
}
