using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using Caf.Core.Lifecycle;
using Caf.Core.Tests.Golden;
using Caf.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using EpisodePlans = Caf.Core.Testing.EpisodePlans;

namespace Caf.Core.Tests.Lifecycle;

/// <summary>
/// Issue 26: <see cref="EpisodeJson.Deserialize(EpisodePolicy, ReadOnlySpan{byte})"/>, how a store reads a snapshot from the
/// UTF-8 it holds: the same episode as the text reader for every history the commands make, the same refusal word for word
/// for every document the text reader refuses, and older schema versions upcast as the text is.
/// </summary>
[Properties(Arbitrary = [typeof(EpisodeCommands)], MaxTest = 200)]
public class EpisodeJsonUtf8Tests
{
    private static CafEpisode Open(Seeds seeds, bool fromStepDown) => fromStepDown
        ? CafEpisode.RegisterPotentialFromStepDown(seeds.Policy, new Caf.Core.Primitives.EpisodeId("ep-p"), Seeds.NineYearOld, Seeds.Teacher, EpisodePlans.StepDown("CSC"))
        : seeds.Identified();

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property Read_from_utf8_an_episode_is_the_one_read_from_its_text(bool fromStepDown, EpisodeCommand[] commands)
    {
        var seeds = new Seeds();
        var episode = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(episode);
        }

        var json = EpisodeJson.Serialize(episode);
        var fromText = EpisodeJson.Deserialize(seeds.Policy, json);
        var fromUtf8 = EpisodeJson.Deserialize(seeds.Policy, Encoding.UTF8.GetBytes(json));
        return (fromUtf8.Events.SequenceEqual(fromText.Events) && fromUtf8.Events.SequenceEqual(episode.Events)
                && EpisodeJson.Serialize(fromUtf8) == json && fromUtf8.State == episode.State)
            .Label($"{episode.Version} events, {episode.State}: read from UTF-8 {fromUtf8.State} v{fromUtf8.Version}");
    }

    [Trait("Rule", "LIFE-11")]
    [Property]
    public Property A_document_the_text_reader_refuses_is_refused_from_utf8_at_the_same_path_with_the_same_message(
        bool fromStepDown, EpisodeCommand[] commands, NonNegativeInt at, char replacement)
    {
        var seeds = new Seeds();
        var episode = Open(seeds, fromStepDown);
        foreach (var command in commands)
        {
            seeds.Time.Advance(TimeSpan.FromHours(1));
            command.Run(episode);
        }

        // One character replaced, or the text cut there: most such documents are refused, some still read.
        var json = EpisodeJson.Serialize(episode);
        var i = at.Get % json.Length;
        replacement = char.IsSurrogate(replacement) ? 'x' : replacement; // a lone surrogate has no UTF-8: not a stored document
        var damaged = replacement % 3 == 0 ? json[..i] : string.Concat(json.AsSpan(0, i), replacement.ToString(), json.AsSpan(i + 1));
        var text = Outcome(() => EpisodeJson.Deserialize(seeds.Policy, damaged));
        var utf8 = Outcome(() => EpisodeJson.Deserialize(seeds.Policy, Encoding.UTF8.GetBytes(damaged)));
        return (text == utf8).Label($"text: {text}\nUTF-8: {utf8}");
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Every_golden_snapshot_of_every_schema_version_reads_from_its_utf8_to_its_expected_facts() =>
        Assert.Empty(GoldenCorpusTests.SnapshotProblems((policy, json) => EpisodeJson.Deserialize(policy, Encoding.UTF8.GetBytes(json))));

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void A_schema_2_snapshot_read_from_utf8_is_upcast_as_its_text_is()
    {
        var (_, json, _) = GoldenCorpus.Documents("snapshots").First(d => d.Path.Contains("schema-2", StringComparison.Ordinal));
        Assert.Equal(2, EpisodeUpcasting.PeekVersion(json));
        var policy = GoldenCorpusTests.Policy();

        var fromUtf8 = EpisodeJson.Deserialize(policy, Encoding.UTF8.GetBytes(json));

        Assert.Equal(EpisodeJson.Deserialize(policy, json).Events, fromUtf8.Events);
        Assert.Contains("\"schemaVersion\":3", EpisodeJson.Serialize(fromUtf8), StringComparison.Ordinal); // read to this release's model
    }

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void A_snapshot_of_a_newer_schema_is_refused_from_utf8_naming_the_version()
    {
        var seeds = new Seeds();
        var json = EpisodeJson.Serialize(seeds.Identified()).Replace("\"schemaVersion\":3", "\"schemaVersion\":99", StringComparison.Ordinal);

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(seeds.Policy, Encoding.UTF8.GetBytes(json)));

        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    private static string Outcome(Func<CafEpisode> read)
    {
        try
        {
            var e = read();
            return $"read: {e.Version} events, {e.State}, {EpisodeJson.Serialize(e)}";
        }
        catch (JsonException ex)
        {
            return $"refused at {ex.Path}: {ex.Message}";
        }
    }
}
