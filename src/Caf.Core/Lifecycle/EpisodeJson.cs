using System;
using System.Text.Json;
using Ardalis.GuardClauses;
using Caf.Core.Events;
using Events = Caf.Core.Lifecycle.Events;

namespace Caf.Core.Lifecycle;

/// <summary>
/// Reads and writes episodes and domain events as JSON with source-generated contracts.
/// </summary>
/// <remarks>
/// <para>Reading accepts exactly the documents this release writes for histories the commands can produce:
/// unknown or duplicate members, missing members, wrong types, enums as integers or unknown names, unknown
/// event types and truncated input are refused; then every event is replayed through the same checks as the
/// command that makes it (state and guards, content, the sharing gate, the command's rules), judged as of the
/// event's own time under the policy version it names (<see cref="CafEvent.PolicyVersion"/>; under the version in
/// effect at its time when it names none, as every document stored before policy versions) (<see cref="CafEpisode.Rebuild"/>).
/// A history naming a version the policy does not register is refused with a message naming the version and what to register.</para>
/// <para>Every refusal is a <see cref="JsonException"/> whose <see cref="JsonException.Path"/> names where
/// (e.g. <c>$.events[3]</c>) and whose message names the rule; no other exception type escapes, and nothing
/// half-built is ever returned.</para>
/// </remarks>
public static class EpisodeJson
{
    /// <summary>The snapshot schema version this release writes.</summary>
    /// <remarks>
    /// Version 2 (issue 11) stores plans, reviews, closures and step-down registrations with their full content
    /// (owned actions, progress per action, closure criteria and taxonomy code, the seven step-down items).
    /// Version 1 snapshots cannot be upgraded without inventing that content, so they are refused with a
    /// message that says so (docs/lifecycle.md "Stored episodes").
    /// </remarks>
    public const int CurrentSchemaVersion = 2;

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
    /// <exception cref="ArgumentException">The event's content is not one a command makes (an empty text, an
    /// undefined enum value, a missing list...): the message names the field and the rule. Nothing invalid is written.</exception>
    public static string SerializeEvent(CafEvent @event)
    {
        Guard.Against.Null(@event);
        if (ContentProblem(@event) is { } problem)
        {
            throw new ArgumentException($"[{problem.RuleId}] {@event.GetType().Name}.{problem.Field}: {problem.Message}", nameof(@event));
        }

        try
        {
            return JsonSerializer.Serialize(@event, EpisodeJsonContext.Default.CafEvent);
        }
        catch (JsonException ex)
        {
            // A nested value the content checks do not reach (e.g. an undefined enum inside a review record).
            throw new ArgumentException($"[LIFE-11] {@event.GetType().Name} cannot be written: {ex.Message}", nameof(@event), ex);
        }
    }

    /// <summary>
    /// Reads one domain event and checks its content as the command that makes it would (valid ids and actor, texts,
    /// defined values, a sane time); whether it fits an episode is checked when it is applied.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The JSON is not a valid event; the path names where.</exception>
    public static CafEvent DeserializeEvent(string json)
    {
        Guard.Against.Null(json);
        var e = Read(() => JsonSerializer.Deserialize(json, EpisodeJsonContext.Default.CafEvent), "$")
            ?? throw new JsonException("An event cannot be null.", "$", null, null);
        if (ContentProblem(e) is { } problem)
        {
            throw new JsonException($"[{problem.RuleId}] {problem.Message}", "$." + problem.Field, null, null);
        }

        return e;
    }

    // What a command's argument guards ensure, checked on an event on its own (without its episode).
    private static Primitives.Refusal? ContentProblem(CafEvent e) => e is Events.ConcernIdentified or Events.PotentialCafRegistered
        ? EventChecks.Opening(e)
        : EventChecks.Following(e, e.EpisodeId, EventChecks.Earliest);

    /// <summary>Reads an episode written by <see cref="Serialize"/> and rebuilds it from its history.</summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="json">The JSON text.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="JsonException">The JSON is not a valid episode; the path names where and the message the rule.</exception>
    public static CafEpisode Deserialize(EpisodePolicy policy, string json)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(json);
        var snapshot = Read(() => JsonSerializer.Deserialize(json, EpisodeJsonContext.Default.EpisodeSnapshot), "$")
            ?? throw new JsonException("An episode snapshot cannot be null.", "$", null, null);
        return FromSnapshot(policy, snapshot);
    }

    /// <summary>Rebuilds an episode from a snapshot, replaying its history and checking it against its own facts.</summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="JsonException">The snapshot is inconsistent or its history is not one the commands can produce.</exception>
    public static CafEpisode FromSnapshot(EpisodePolicy policy, EpisodeSnapshot snapshot)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(snapshot);
        if (snapshot.SchemaVersion == 1)
        {
            throw new JsonException(
                "Episode schema version 1 is no longer read: it stored plans, reviews, closures and step-down registrations without the content this release checks "
                + $"(owned actions, progress per action, closure criteria, step-down core items), and cannot be upgraded without inventing it. This release reads version {CurrentSchemaVersion} only; "
                + "re-record the episode with the current commands.", "$.schemaVersion", null, null);
        }

        if (snapshot.SchemaVersion != CurrentSchemaVersion)
        {
            throw new JsonException(
                $"Unsupported episode schema version {snapshot.SchemaVersion}; this release reads version {CurrentSchemaVersion}.", "$.schemaVersion", null, null);
        }

        if (snapshot.Events.IsDefaultOrEmpty)
        {
            throw new JsonException("[LIFE-01] An episode needs at least its opening event.", "$.events", null, null);
        }

        if (snapshot.Events.Length != snapshot.Version)
        {
            throw new JsonException($"The snapshot says version {snapshot.Version} but holds {snapshot.Events.Length} events.", "$.version", null, null);
        }

        for (var i = 0; i < snapshot.Events.Length; i++)
        {
            if (snapshot.Events[i] is null)
            {
                throw new JsonException("[LIFE-11] An event cannot be null.", $"$.events[{i}]", null, null);
            }

            if (snapshot.Events[i].EpisodeId != snapshot.EpisodeId)
            {
                throw new JsonException($"[LIFE-11] Event {i} belongs to episode {snapshot.Events[i].EpisodeId}, not {snapshot.EpisodeId}.", $"$.events[{i}].episodeId", null, null);
            }
        }

        (CafEpisode? Episode, int FailedAt, Primitives.Refusal? Failure) replay;
        try
        {
            replay = CafEpisode.Replay(policy, snapshot.Events);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Every check above is meant to catch what replay cannot handle; should one be missed, the caller
            // still gets the documented exception type, with the cause kept for the bug report.
            throw new JsonException("The episode's history could not be replayed: " + ex.Message, "$.events", null, null, ex);
        }

        if (replay.Episode is not { } episode)
        {
            var f = replay.Failure!;
            if (f.Field == "policyVersion")
            {
                // The history is fine but names a version this host does not register: say which, and what to register.
                throw new JsonException($"[{f.RuleId}] Event {replay.FailedAt}: {f.Message}", $"$.events[{replay.FailedAt}].policyVersion", null, null);
            }

            throw new JsonException(
                $"[{f.RuleId}] The history is not one the commands can produce: event {replay.FailedAt} ({snapshot.Events[replay.FailedAt].GetType().Name}) would be refused: {f.Message}",
                $"$.events[{replay.FailedAt}]", null, null);
        }

        if (episode.State != snapshot.State)
        {
            throw new JsonException($"The history leads to {episode.State} but the snapshot says {snapshot.State}.", "$.state", null, null);
        }

        return episode;
    }

    private static T? Read<T>(Func<T?> read, string path)
    {
        try
        {
            return read();
        }
        catch (JsonException ex) when (ex.Path is null)
        {
            throw new JsonException(ex.Message, path, ex.LineNumber, ex.BytePositionInLine, ex);
        }
        catch (NotSupportedException ex)
        {
            // Missing or unknown type discriminators surface as NotSupportedException (abstract CafEvent).
            throw new JsonException("Unsupported JSON content (check each event's \"type\"): " + ex.Message, path, null, null, ex);
        }
        catch (ArgumentException ex)
        {
            // A value object refused a value (e.g. an empty id) while the JSON was read.
            throw new JsonException("Invalid value: " + ex.Message, path, null, null, ex);
        }
        catch (InvalidOperationException ex)
        {
            // The serializer's own readers report some type mismatches this way (e.g. a string where a number
            // belongs, in a constructor argument): the JSON is wrong, not the library.
            throw new JsonException("Invalid JSON content: " + ex.Message, path, null, null);
        }
    }
}
