using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Caf.Core.Lifecycle;

/// <summary>
/// One step of the reader's upcasting pipeline: turns a stored document of schema version <see cref="From"/> into
/// one of version <c>From + 1</c>, on the parsed JSON tree, before the strict typed read.
/// </summary>
/// <param name="From">The version the step reads.</param>
/// <param name="Description">What changed in version <c>From + 1</c> (for the docs and error messages).</param>
/// <param name="EventTypeRenames">Event discriminators renamed in version <c>From + 1</c>: old <c>type</c> → new.</param>
/// <param name="Event">Changes one event object (in a snapshot or on its own), after its type is renamed; null for none.</param>
/// <param name="Snapshot">Changes a snapshot's own members (not its events); null for none.</param>
internal sealed record UpcastStep(
    int From,
    string Description,
    ImmutableDictionary<string, string> EventTypeRenames,
    Action<JsonObject>? Event = null,
    Action<JsonObject>? Snapshot = null);

/// <summary>
/// The reader's upcasting pipeline: every registered step, oldest first, from the oldest version still read to
/// <see cref="Current"/>. A document of the current version is read as it is (no tree is built); an older one is
/// parsed to a <see cref="JsonNode"/> tree, taken step by step to the current version (event types renamed, members
/// changed), then read by the same strict typed contract and replayed. Bumping the schema version is one step
/// registration in <see cref="Default"/> (and the new constant <see cref="EpisodeJson.CurrentSchemaVersion"/>).
/// </summary>
internal sealed class EpisodeUpcasting
{
    /// <summary>The member a single event (outside a snapshot) carries its schema version in, right after its <c>type</c>.</summary>
    internal const string VersionMember = "schemaVersion";

    /// <summary>
    /// The schema version of a single event without <see cref="VersionMember"/>: events written before they carried
    /// their version (up to and including release 0.x of issue 24) were all of version 2.
    /// </summary>
    internal const int UnversionedEventVersion = 2;

    private readonly ImmutableArray<UpcastStep> _steps;

    /// <summary>Creates a pipeline reading <paramref name="current"/> and, through the steps, every version from the first step's.</summary>
    /// <param name="current">The version the typed contract reads.</param>
    /// <param name="steps">Contiguous steps ending at <paramref name="current"/> - 1 (none: only the current version is read).</param>
    internal EpisodeUpcasting(int current, IEnumerable<UpcastStep> steps)
    {
        _steps = [.. steps.OrderBy(s => s.From)];
        for (var i = 0; i < _steps.Length; i++)
        {
            if (_steps[i].From != current - _steps.Length + i)
            {
                throw new ArgumentException($"Upcasting steps must be contiguous and end at version {current - 1}; step {i} reads version {_steps[i].From}.", nameof(steps));
            }
        }

        Current = current;
    }

    /// <summary>
    /// This release's pipeline. Register the step of each schema bump here, e.g. for version 3:
    /// <c>new(2, "events record the policy version they were accepted under", [], Event: e => e["policyVersion"] = "...")</c>.
    /// </summary>
    internal static EpisodeUpcasting Default { get; } = new(EpisodeJson.CurrentSchemaVersion,
    [
        // 2 → 3: events gained the optional members policyVersion and idempotencyKey and the type unlinked-from-family.
        // A version 2 document has none of them and means what it meant: nothing in it changes.
        new(2, "events may record their policy version and idempotency key (both optional); new event type unlinked-from-family",
            ImmutableDictionary<string, string>.Empty),
    ]);

    /// <summary>The schema version the typed contract reads.</summary>
    internal int Current { get; }

    /// <summary>The oldest schema version this pipeline reads.</summary>
    internal int Oldest => Current - _steps.Length;

    /// <summary>Refuses a version this pipeline cannot read, naming it; null when it reads it.</summary>
    internal JsonException? Unreadable(int version, string what)
    {
        if (version > Current)
        {
            return new JsonException(
                $"This {what} is of schema version {version}, newer than this release reads (versions {Oldest} to {Current}): it was written by a later release of Caf.Core. "
                + "Upgrade the library to read it; never edit it down by hand.", "$." + VersionMember, null, null);
        }

        if (version == 1)
        {
            return new JsonException(
                "Episode schema version 1 is no longer read: it stored plans, reviews, closures and step-down registrations without the content this release checks "
                + $"(owned actions, progress per action, closure criteria, step-down core items), and cannot be upgraded without inventing it. This release reads versions {Oldest} to {Current}; "
                + "re-record the episode with the current commands.", "$." + VersionMember, null, null);
        }

        return version < Oldest
            ? new JsonException($"Unsupported {what} schema version {version}; this release reads versions {Oldest} to {Current}.", "$." + VersionMember, null, null)
            : null;
    }

    /// <summary>Takes a snapshot tree of <paramref name="version"/> to the current version, in place.</summary>
    internal void UpcastSnapshot(JsonObject snapshot, int version)
    {
        var events = snapshot["events"] as JsonArray;
        foreach (var step in StepsFrom(version))
        {
            if (events is not null)
            {
                foreach (var e in events)
                {
                    if (e is JsonObject o)
                    {
                        Apply(step, o);
                    }
                }
            }

            step.Snapshot?.Invoke(snapshot);
            snapshot[VersionMember] = step.From + 1;
        }
    }

    /// <summary>Takes a single event's tree of <paramref name="version"/> to the current version, in place.</summary>
    internal void UpcastEvent(JsonObject @event, int version)
    {
        foreach (var step in StepsFrom(version))
        {
            Apply(step, @event);
        }
    }

    private IEnumerable<UpcastStep> StepsFrom(int version) => _steps.Where(s => s.From >= version);

    private static void Apply(UpcastStep step, JsonObject e)
    {
        if (e["type"] is JsonValue t && t.TryGetValue<string>(out var type) && step.EventTypeRenames.TryGetValue(type, out var renamed))
        {
            e["type"] = renamed; // in place: the discriminator stays the first member
        }

        step.Event?.Invoke(e);
    }

    /// <summary>
    /// Names a shape an earlier release wrote that no step can upgrade honestly, when the strict read refused the
    /// document: the panel referral before panels were on the episode (a <c>referred-to-panel</c> event with a panel
    /// name and a reason, written as schema version 2 before December 2026) lacks the referral form (id, area, needs,
    /// desired outcome, SMART goals, written consent) and the agencies the papers went to, which the panel checks
    /// (PANEL-01, PANEL-02, SHARE-01) need; inventing them would change what the record says. Null for anything else.
    /// </summary>
    internal static JsonException? OlderShape(string json)
    {
        if (!json.Contains("\"referred-to-panel\"", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }

        var (events, path) = root is JsonObject o && o["events"] is JsonArray a ? (a.ToArray(), "$.events") : (new[] { root }, (string?)null);
        for (var i = 0; i < events.Length; i++)
        {
            if (events[i] is JsonObject e && e["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == "referred-to-panel"
                && e.ContainsKey("panel") && e.ContainsKey("reason") && !e.ContainsKey("referral"))
            {
                return new JsonException(
                    "[PANEL-01] This is the older panel-referral shape (a panel name and a reason only, written before panels were on the episode). "
                    + "It cannot be upgraded: the referral form (id, area, needs, desired outcome, SMART goals, written consent) and the agencies the papers "
                    + "went to were never recorded, and inventing them would change the record. Re-record the referral with ReferToPanel.",
                    path is null ? "$" : $"{path}[{i}]", null, null);
            }
        }

        return null;
    }

    /// <summary>
    /// The top-level <see cref="VersionMember"/> of a document, read without building a tree; null when the text is
    /// not a JSON object, has no such member or it is not an integer (the strict read then says what is wrong).
    /// </summary>
    /// <summary>
    /// <see cref="PeekVersion(ReadOnlySpan{byte})"/> of a text, reading its first characters only when they settle it (the
    /// version is the first member of what this library writes): a long snapshot is not copied whole to find it (issue 26).
    /// </summary>
    internal static int? PeekVersion(string json)
    {
        const int Prefix = 256;
        if (json.Length > Prefix)
        {
            Span<byte> utf8 = stackalloc byte[Prefix * 3];
            var length = Encoding.UTF8.GetBytes(json.AsSpan(0, Prefix), utf8);
            if (TryPeekVersion(utf8[..length], out var version))
            {
                return version;
            }
        }

        return PeekVersion(Encoding.UTF8.GetBytes(json));
    }

    // True when the start of the text settles the version (found, or not a member before the text ends or goes wrong).
    private static bool TryPeekVersion(ReadOnlySpan<byte> start, out int? version)
    {
        version = null;
        try
        {
            var reader = new Utf8JsonReader(start, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    return true; // the object ended: no version
                }

                var isVersion = reader.ValueTextEquals(VersionMember);
                if (!reader.Read())
                {
                    return false;
                }

                if (isVersion)
                {
                    version = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
                    return true;
                }

                if (!reader.TrySkip())
                {
                    return false;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false; // decided on the whole text
        }
    }

    internal static int? PeekVersion(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals(VersionMember);
                if (!reader.Read())
                {
                    return null;
                }

                if (isVersion)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) ? v : null;
                }

                reader.Skip();
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
