using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
/// <para>Stored documents carry their schema version (a snapshot's <c>schemaVersion</c>; a single event's
/// <c>schemaVersion</c> right after its <c>type</c>, read as version 2 when absent). A document of an older version
/// still read is upcast step by step to the current one on its JSON tree (<c>EpisodeUpcasting</c>: members changed,
/// event types renamed) before the strict read; a newer version is refused with a message naming it
/// (docs/storage.md "Schema versions and upcasting").</para>
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
    /// message that says so (docs/lifecycle.md "Stored episodes"). A bump registers its upcasting step (docs/storage.md).
    /// Version 3 (issues 23 and 24) adds two optional members to every event, <c>policyVersion</c> (the policy version
    /// it was accepted under) and <c>idempotencyKey</c>, and the event type <c>unlinked-from-family</c>; a version 2
    /// document is read through the step 2 → 3, which changes nothing in it (an event without a policy version is
    /// judged under the version in effect at its time, one without a key has none).
    /// </remarks>
    public static int CurrentSchemaVersion => 3;

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

    /// <summary>Writes one domain event as JSON, with its stable <c>type</c> discriminator followed by its <c>schemaVersion</c>.</summary>
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
            // {"type":"x",...} becomes {"type":"x","schemaVersion":2,...}: the version travels with the event (outbox, event rows).
            var json = JsonSerializer.Serialize(@event, EpisodeJsonContext.Default.CafEvent);
            var end = json.IndexOf('"', TypePrefix.Length) + 1;
            return string.Concat(json.AsSpan(0, end), VersionMarker, CurrentSchemaVersion.ToString(CultureInfo.InvariantCulture), json.AsSpan(end));
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
    public static CafEvent DeserializeEvent(string json) => DeserializeEvent(json, EpisodeUpcasting.Default);

    /// <summary>Reads one domain event through an upcasting pipeline (tests inject others).</summary>
    internal static CafEvent DeserializeEvent(string json, EpisodeUpcasting upcasting)
    {
        Guard.Against.Null(json);
        var e = ReadEvent(json, upcasting) ?? throw new JsonException("An event cannot be null.", "$", null, null);
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
    public static CafEpisode Deserialize(EpisodePolicy policy, string json) => Deserialize(policy, json, EpisodeUpcasting.Default);

    /// <summary>
    /// Reads an episode written by <see cref="Serialize"/> from its UTF-8 (as a store holds it) and rebuilds it from its
    /// history: the same document is accepted or refused exactly as by <see cref="Deserialize(EpisodePolicy, string)"/>,
    /// without building the text as a .NET string first (issue 26: a long episode's snapshot is read once, as bytes).
    /// </summary>
    /// <remarks>A document of an older schema version is upcast as the text overload does (the rare case: through its
    /// text); one the reader refuses is read again through the text overload, so the refusal is word for word the same.</remarks>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="utf8">The JSON as UTF-8.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="JsonException">The JSON is not a valid episode; the path names where and the message the rule.</exception>
    public static CafEpisode Deserialize(EpisodePolicy policy, ReadOnlySpan<byte> utf8) => Deserialize(policy, utf8, EpisodeUpcasting.Default);

    /// <summary>Reads an episode's UTF-8 through an upcasting pipeline (tests inject others).</summary>
    internal static CafEpisode Deserialize(EpisodePolicy policy, ReadOnlySpan<byte> utf8, EpisodeUpcasting upcasting)
    {
        Guard.Against.Null(policy);
        if (EpisodeUpcasting.PeekVersion(utf8) is { } version && version != upcasting.Current)
        {
            return Deserialize(policy, Encoding.UTF8.GetString(utf8), upcasting); // upcast on its tree, as the text is
        }

        EpisodeSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize(utf8, EpisodeJsonContext.Default.EpisodeSnapshot);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            // Refused: the text overload reads it again and words the refusal (path, rule, an older shape named).
            return Deserialize(policy, Encoding.UTF8.GetString(utf8), upcasting);
        }

        return FromSnapshot(policy, snapshot ?? throw new JsonException("An episode snapshot cannot be null.", "$", null, null), upcasting.Current);
    }

    /// <summary>Reads an episode through an upcasting pipeline (tests inject others).</summary>
    internal static CafEpisode Deserialize(EpisodePolicy policy, string json, EpisodeUpcasting upcasting)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(json);
        EpisodeSnapshot? snapshot;
        if (EpisodeUpcasting.PeekVersion(json) is { } version && version != upcasting.Current)
        {
            if (upcasting.Unreadable(version, "episode snapshot") is { } refused)
            {
                throw refused;
            }

            // An older version still read: its tree is taken step by step to the current version, then read as usual.
            snapshot = ReadDiagnosed(json, () =>
            {
                var tree = ParseObject(json, "An episode snapshot");
                upcasting.UpcastSnapshot(tree, version);
                return tree.Deserialize(EpisodeJsonContext.Default.EpisodeSnapshot);
            });
        }
        else
        {
            snapshot = ReadDiagnosed(json, () => JsonSerializer.Deserialize(json, EpisodeJsonContext.Default.EpisodeSnapshot));
        }

        return FromSnapshot(policy, snapshot ?? throw new JsonException("An episode snapshot cannot be null.", "$", null, null), upcasting.Current);
    }

    /// <summary>Rebuilds an episode from a snapshot, replaying its history and checking it against its own facts.</summary>
    /// <param name="policy">The host's policy and clock.</param>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The episode.</returns>
    /// <exception cref="JsonException">The snapshot is inconsistent or its history is not one the commands can produce.</exception>
    public static CafEpisode FromSnapshot(EpisodePolicy policy, EpisodeSnapshot snapshot) => FromSnapshot(policy, snapshot, CurrentSchemaVersion);

    private static CafEpisode FromSnapshot(EpisodePolicy policy, EpisodeSnapshot snapshot, int current)
    {
        Guard.Against.Null(policy);
        Guard.Against.Null(snapshot);
        if (snapshot.SchemaVersion != current)
        {
            // A typed snapshot is of the current model: an older one is upcast from its JSON (Deserialize), never here.
            throw EpisodeUpcasting.Default.Unreadable(snapshot.SchemaVersion, "episode snapshot")
                ?? new JsonException($"Unsupported episode schema version {snapshot.SchemaVersion}; a snapshot object is read at version {current} (read older ones from their JSON).", "$.schemaVersion", null, null);
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

    private const string TypePrefix = "{\"type\":\"";
    private const string VersionMarker = ",\"schemaVersion\":";

    private static CafEvent? ReadEvent(string json, EpisodeUpcasting upcasting)
    {
        // This release's form, {"type":"x","schemaVersion":N,...}: the version is cut out without building a tree.
        var version = EpisodeUpcasting.UnversionedEventVersion;
        var text = json;
        var end = json.StartsWith(TypePrefix, StringComparison.Ordinal) ? json.IndexOf('"', TypePrefix.Length) + 1 : 0;
        if (end > 0 && string.CompareOrdinal(json, end, VersionMarker, 0, VersionMarker.Length) == 0)
        {
            var digits = end + VersionMarker.Length;
            var stop = digits;
            while (stop < json.Length && stop - digits < 9 && char.IsAsciiDigit(json[stop]))
            {
                stop++;
            }

            if (stop > digits && stop < json.Length && json[stop] is ',' or '}' && json[digits] != '0')
            {
                version = int.Parse(json.AsSpan(digits, stop - digits), NumberStyles.None, CultureInfo.InvariantCulture);
                text = json[stop] == ',' ? string.Concat(json.AsSpan(0, end), json.AsSpan(stop)) : string.Concat(json.AsSpan(0, end), "}");
            }
        }
        else if (EpisodeUpcasting.PeekVersion(Encoding.UTF8.GetBytes(json)) is { } elsewhere)
        {
            // The version member elsewhere in the object (written by another tool): taken out on the tree.
            version = elsewhere;
            text = ParseAndRemoveVersion(json);
        }

        if (upcasting.Unreadable(version, "event") is { } refused)
        {
            throw refused;
        }

        if (version == upcasting.Current)
        {
            return ReadDiagnosed(text, () => JsonSerializer.Deserialize(text, EpisodeJsonContext.Default.CafEvent));
        }

        return ReadDiagnosed(text, () =>
        {
            var tree = ParseObject(text, "An event");
            upcasting.UpcastEvent(tree, version);
            return tree.Deserialize(EpisodeJsonContext.Default.CafEvent);
        });
    }

    private static string ParseAndRemoveVersion(string json) => Read(() =>
    {
        var tree = ParseObject(json, "An event");
        tree.Remove(EpisodeUpcasting.VersionMember);
        return tree.ToJsonString();
    }, "$")!;

    private static JsonObject ParseObject(string json, string what) =>
        JsonNode.Parse(json, null, new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
        ?? throw new JsonException(what + " must be a JSON object.");

    // The strict read; a refusal of a shape an earlier release wrote and no step can upgrade says so plainly.
    private static T? ReadDiagnosed<T>(string json, Func<T?> read)
    {
        try
        {
            return Read(read, "$");
        }
        catch (JsonException ex) when (EpisodeUpcasting.OlderShape(json) is { } older)
        {
            throw new JsonException(older.Message, older.Path, null, null, ex);
        }
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
