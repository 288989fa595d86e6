using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Caf.Core.EntityFrameworkCore.Mapping;
using Caf.Core.Primitives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Caf.Core.EntityFrameworkCore.Tests.Hashing;

/// <summary>
/// Issue 26: <see cref="Chain"/> (a cold load's hash chain over the rows' UTF-8, nothing allocated per event) gives the
/// hashes the save writes (<see cref="EventStaging.Next(string, string)"/> over the text), step by step, for any text,
/// ASCII or not, from either seed.
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
            expected = EventStaging.Next(expected, text);
            if (!chain.Is(expected) || chain.ToString() != expected)
            {
                return false.Label($"after '{text}': {chain} instead of {expected}");
            }
        }

        return (!chain.Is(new string('0', 63) + "1") || texts.Length == 0).Label("a hash the chain did not reach is not accepted");
    }
}
