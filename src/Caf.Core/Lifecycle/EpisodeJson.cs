using System;
using System.Linq;
using System.Text.Json;
using Ardalis.GuardClauses;
using Caf.Core.Events;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Reads and writes episodes and domain events as JSON with source-generated contracts. Reading is
/// strict: unknown or duplicate members, missing members, wrong types, unknown event types and truncated
/// input throw a <see cref="JsonException"/> whose message and <see cref="JsonException.Path"/> name
/// where; nothing half-built is ever returned.
/// </summary>
public static class EpisodeJson
{
    /// <summary>The snapshot schema version this release writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The episode's snapshot (its history and the facts a reader checks).</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The snapshot.</returns>
    public static EpisodeSnapshot ToSnapshot(CafEpisode episode)
    {
        Guard.Against.Null(episode);
        return new EpisodeSnapshot(CurrentSchemaVersion, episode.Id, episode.Version, episode.State, [.. episode.Events]);
    }

    /// <summary>Writes an episode as JSON.</summary>
    /// <param name="episode">The episode.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(CafEpisode episode) =>
        JsonSerializer.Serialize(ToSnapshot(episode), EpisodeJsonContext.Default.EpisodeSnapshot);

    /// <summary>Writes one domain event as JSON, with its stable <c>type</c> discriminator.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The JSON text.</returns>
    public static string SerializeEvent(CafEvent @event) =>
        JsonSerializer.Serialize(Guard.Against.Null(@event), EpisodeJsonContext.Default.CafEvent);

    /// <summary>Reads one domain event.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The JSON is not a valid event; the message names the path.</exception>
    public static CafEvent DeserializeEvent(string json)
    {
        Guard.Against.Null(json);
        return Read(() => JsonSerializer.Deserialize(json, EpisodeJsonContext.Default.CafEvent))
            ?? throw new JsonException("An event cannot be null.", "$", null, null);
    }

    /// <summary>Reads an episode written by <see cref="Serialize"/> and rebuilds it from its history.</summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="JsonException">The JSON is not a valid episode; the message names the path.</exception>
    public static CafEpisode Deserialize(EpisodePolicy policy, string json)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(json);
        var snapshot = Read(() => JsonSerializer.Deserialize(json, EpisodeJsonContext.Default.EpisodeSnapshot))
            ?? throw new JsonException("An episode snapshot cannot be null.", "$", null, null);
        return FromSnapshot(policy, snapshot);
    }

    /// <summary>Rebuilds an episode from a snapshot, checking it against its own facts.</summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="JsonException">The snapshot is inconsistent; the message names the path.</exception>
    public static CafEpisode FromSnapshot(EpisodePolicy policy, EpisodeSnapshot snapshot)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(snapshot);
        if (snapshot.SchemaVersion is < 1 or > CurrentSchemaVersion)
        {
            throw new JsonException(
                $"Unsupported episode schema version {snapshot.SchemaVersion}; this release reads 1 to {CurrentSchemaVersion}.", "$.schemaVersion", null, null);
        }

        if (snapshot.Events.IsDefaultOrEmpty)
        {
            throw new JsonException("An episode needs at least its opening event.", "$.events", null, null);
        }

        if (snapshot.Events.Length != snapshot.Version)
        {
            throw new JsonException($"The snapshot says version {snapshot.Version} but holds {snapshot.Events.Length} events.", "$.version", null, null);
        }

        var mismatch = snapshot.Events.Select((e, i) => (e, i)).FirstOrDefault(x => x.e.EpisodeId != snapshot.EpisodeId);
        if (mismatch.e is not null)
        {
            throw new JsonException($"Event {mismatch.i} belongs to episode {mismatch.e.EpisodeId}, not {snapshot.EpisodeId}.", $"$.events[{mismatch.i}].episodeId", null, null);
        }

        CafEpisode episode;
        try
        {
            episode = CafEpisode.Rebuild(policy, snapshot.Events);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("The episode's history is not a valid lifecycle: " + ex.Message, "$.events", null, null, ex);
        }

        if (episode.State != snapshot.State)
        {
            throw new JsonException($"The history leads to {episode.State} but the snapshot says {snapshot.State}.", "$.state", null, null);
        }

        return episode;
    }

    private static T? Read<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (NotSupportedException ex)
        {
            // Missing or unknown type discriminators surface as NotSupportedException (abstract CafEvent).
            throw new JsonException("Unsupported JSON content (check each event's \"type\"): " + ex.Message, null, null, null, ex);
        }
        catch (ArgumentException ex)
        {
            // A value object refused a value (e.g. an empty id) while the JSON was read.
            throw new JsonException("Invalid value: " + ex.Message, null, null, null, ex);
        }
    }
}
