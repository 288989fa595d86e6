using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Caf.Core.Events;
using Caf.Core.Lifecycle;

namespace Caf.Core.EntityFrameworkCore.Mapping;

/// <summary>
/// The JSON of an episode's events and the hash chain over it: h(0) = 64 zeros, h(n+1) = SHA-256(h(n) + json(n)).
/// The stored episode row keeps h(version); an update names the hash of the history it extends, so a stale or
/// foreign history is refused by the database in the same statement that checks the version.
/// </summary>
internal static class EventStaging
{
    public static readonly string EmptyHash = new('0', 64);

    /// <summary>Serialises every event and the chain; <c>Hashes[i]</c> is the hash of the first i events.</summary>
    public static (string[] Json, string[] Hashes) Prepare(IReadOnlyList<CafEvent> events)
    {
        var json = new string[events.Count];
        var hashes = new string[events.Count + 1];
        hashes[0] = EmptyHash;
        for (var i = 0; i < events.Count; i++)
        {
            json[i] = EpisodeJson.SerializeEvent(events[i]);
            hashes[i + 1] = Next(hashes[i], json[i]);
        }

        return (json, hashes);
    }

    public static string Next(string previous, string eventJson)
    {
        var bytes = Encoding.UTF8.GetBytes(previous + eventJson);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The stable type discriminator written first in the event's JSON.</summary>
    public static string TypeOf(string eventJson)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(eventJson));
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
