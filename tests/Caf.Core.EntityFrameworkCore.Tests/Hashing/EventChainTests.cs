using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Lifecycle;
using Caf.Core.Testing;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.EntityFrameworkCore.Tests.Hashing;

/// <summary>
/// Issue 26: <see cref="Chain"/> (the one implementation of the hash chain: a cold load's over the rows' UTF-8, a save's
/// over its events' UTF-8) gives the chain's definition, h(n+1) = SHA-256(UTF-8 of h(n) + json(n)) in lower-case hex,
/// computed here from scratch, step by step, for any text, ASCII or not, from either seed; and a save's staging
/// (<see cref="EventStaging.Prepare"/>) writes exactly those hashes for generated episodes' events, resumed from any point.
/// </summary>
public class EventChainTests
{
    [Trait("Rule", "LIFE-11")]
    [Property(MaxTest = 300)]
    public Property The_chain_over_utf8_is_the_chain_over_the_text_at_every_step(NonNull<string>[] events, bool ofAnAuthority)
    {
        // Event JSON as another writer may store it: text outside ASCII unescaped (several UTF-8 bytes per character).
        var relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var texts = events.Select(e => JsonSerializer.Serialize(
            new Dictionary<string, string> { ["type"] = "consent-recorded", ["note"] = new string(e.Get.Where(c => !char.IsSurrogate(c)).ToArray()) + "é😀" },
            relaxed)).ToArray();
        var seed = EventStaging.Seed(ofAnAuthority ? new AuthorityId("la-leeds") : AuthorityId.Default);
        using var chain = new Chain(seed);
        var expected = seed;
        foreach (var text in texts)
        {
            chain.Append(Encoding.UTF8.GetBytes(text));
            expected = Definition(expected, text);
            if (EventStaging.Next(Definition(seed, "x"), text) != Definition(Definition(seed, "x"), text))
            {
                return false.Label($"one step of '{text}' is not the definition's");
            }

            if (!chain.Is(expected) || chain.ToString() != expected)
            {
                return false.Label($"after '{text}': {chain} instead of {expected}");
            }
        }

        return (!chain.Is(new string('0', 63) + "1") || texts.Length == 0).Label("a hash the chain did not reach is not accepted");
    }

    [Trait("Rule", "LIFE-11")]
    [Property(MaxTest = 40)]
    public Property A_saves_staging_hashes_its_events_as_the_definition_does_from_any_point(bool ofAnAuthority, PositiveInt resumeAt)
    {
        return Prop.ForAll(Arb.From(CafGen.EpisodeGenerator()), generated =>
        {
            var events = generated.Episode.Events;
            var from = resumeAt.Get % (events.Count + 1);
            var json = events.Select(EpisodeJson.SerializeEvent).ToArray();
            var seed = EventStaging.Seed(ofAnAuthority ? new AuthorityId("la-leeds") : AuthorityId.Default);
            var expected = new List<string> { json.Take(from).Aggregate(seed, Definition) };
            foreach (var text in json.Skip(from))
            {
                expected.Add(Definition(expected[^1], text));
            }

            var staged = EventStaging.Prepare(events, from, expected[0]);
            var hashes = Enumerable.Range(from, events.Count - from + 1).Select(staged.HashAt).ToList();
            var types = json.Skip(from).Select(t => JsonNode.Parse(t)!["type"]!.GetValue<string>()).ToArray();
            return (hashes.SequenceEqual(expected) && staged.Head == expected[^1] && staged.Json.SequenceEqual(json.Skip(from))
                && staged.Types.SequenceEqual(types)).Label($"from {from} of {events.Count}");
        });
    }

    // The chain's definition, independent of the store's code.
    private static string Definition(string previous, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + text)));
}
