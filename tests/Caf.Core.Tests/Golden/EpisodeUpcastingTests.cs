using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Lifecycle;

namespace Caf.Core.Tests.Golden;

/// <summary>
/// The reader's upcasting pipeline, run over the golden corpus with injected steps (the internal seam of
/// <see cref="EpisodeJson"/>): a right step keeps every document's facts, a broken one fails the corpus check.
/// </summary>
public class EpisodeUpcastingTests
{
    private static readonly ImmutableDictionary<string, string> NoRenames = ImmutableDictionary<string, string>.Empty;

    /// <summary>A pipeline pretending this release reads version 3, through one step from 2.</summary>
    private static EpisodeUpcasting Version3(UpcastStep step) => new(3, [step]);

    private static System.Collections.Generic.List<string> Problems(EpisodeUpcasting pipeline) =>
    [
        .. GoldenCorpusTests.SnapshotProblems((policy, json) => EpisodeJson.Deserialize(policy, json, pipeline)),
        .. GoldenCorpusTests.EventProblems((policy, json) => EpisodeJson.Deserialize(policy, json, pipeline), json => EpisodeJson.DeserializeEvent(json, pipeline)),
    ];

    [Fact]
    public void A_step_that_changes_nothing_keeps_every_golden_documents_facts() =>
        Assert.Empty(Problems(Version3(new UpcastStep(2, "nothing changed", NoRenames))));

    [Fact]
    public void A_step_that_renames_a_member_wrongly_fails_the_corpus()
    {
        var broken = Version3(new UpcastStep(2, "broken: 'reason' renamed", NoRenames, Event: e =>
        {
            if (e["reason"] is { } value)
            {
                e.Remove("reason");
                e["why"] = value;
            }
        }));
        var problems = Problems(broken);
        Assert.NotEmpty(problems);
        Assert.Contains(problems, p => p.Contains("closed-after-reviews.json is refused", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_that_drops_a_member_fails_the_corpus()
    {
        var broken = Version3(new UpcastStep(2, "broken: papers dropped", NoRenames, Event: e => e.Remove("papersWithheldFrom")));
        Assert.Contains(Problems(broken), p => p.Contains("panel-referral.json is refused", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_that_reads_but_changes_the_meaning_fails_the_corpus_on_its_facts()
    {
        // Every review read as sufficient: the documents still read and replay, but the facts differ.
        var broken = Version3(new UpcastStep(2, "broken: progress rewritten", NoRenames, Event: e =>
        {
            if (e["review"] is JsonObject review && review["overallProgress"]?.GetValue<string>() == "Insufficient")
            {
                review["overallProgress"] = "Sufficient";
            }
        }));
        var problems = Problems(broken);
        Assert.Contains(problems, p => p.Contains("reassessment-step-up.json reads to other facts", StringComparison.Ordinal)
            && p.Contains("reviewsOfCurrentPlan: expected '2026-03-09 Insufficient', read '2026-03-09 Sufficient'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_event_type_rename_fails_the_corpus()
    {
        var broken = Version3(new UpcastStep(2, "broken rename", ImmutableDictionary<string, string>.Empty.Add("consent-withdrawn", "consent-overridden")));
        Assert.Contains(Problems(broken), p => p.Contains("consent-withdrawn-overridden.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_renamed_event_type_is_mapped_to_the_current_one()
    {
        // A version-2 store that called consent "consent-given": the step maps it to today's discriminator.
        var pipeline = Version3(new UpcastStep(2, "consent-given renamed consent-recorded", ImmutableDictionary<string, string>.Empty.Add("consent-given", "consent-recorded")));
        var (path, json, expected) = GoldenCorpus.Documents("snapshots").Single(d => d.Path.EndsWith("closed-after-reviews.json", StringComparison.Ordinal) && d.Path.Contains("schema-2", StringComparison.Ordinal));
        var old = json.Replace("\"type\":\"consent-recorded\"", "\"type\":\"consent-given\"", StringComparison.Ordinal);
        Assert.NotEqual(json, old);

        var read = EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), old, pipeline);
        Assert.Equal("", GoldenCorpus.Diff(GoldenCorpus.Facts(expected), GoldenScenarios.Facts(read)));
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), old));
        Assert.Contains("consent-given", ex.Message + ex.InnerException?.Message, StringComparison.Ordinal);
        _ = path;
    }

    [Fact]
    public void Steps_must_be_contiguous_up_to_the_current_version() =>
        Assert.Throws<ArgumentException>(() => new EpisodeUpcasting(4, [new UpcastStep(2, "2 to 3", NoRenames)]));

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    public void A_snapshot_newer_than_the_reader_is_refused_naming_its_version(int version)
    {
        var json = GoldenSnapshot("step-down-tac").Replace("{\"schemaVersion\":2,", $"{{\"schemaVersion\":{version},", StringComparison.Ordinal);
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), json));
        Assert.Equal("$.schemaVersion", ex.Path);
        Assert.Contains($"schema version {version}, newer than this release reads (versions 2 to {EpisodeJson.CurrentSchemaVersion})", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_event_newer_than_the_reader_is_refused_naming_its_version()
    {
        var json = EpisodeJson.SerializeEvent(EpisodeJson.DeserializeEvent(GoldenEvent("assessment-started"))).Replace($"\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion}", $"\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion + 1}", StringComparison.Ordinal);
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(json));
        Assert.Equal("$.schemaVersion", ex.Path);
        Assert.Contains($"schema version {EpisodeJson.CurrentSchemaVersion + 1}, newer than this release reads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_1_stays_refused_with_its_reason()
    {
        var json = GoldenSnapshot("step-down-tac").Replace("{\"schemaVersion\":2,", "{\"schemaVersion\":1,", StringComparison.Ordinal);
        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), json));
        Assert.Equal("$.schemaVersion", ex.Path);
        Assert.Contains("schema version 1 is no longer read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_event_carries_its_schema_version_after_its_type_and_reads_with_or_without_it()
    {
        var golden = GoldenEvent("review-held");
        Assert.DoesNotContain("schemaVersion", golden, StringComparison.Ordinal); // as release 0.x wrote events
        var e = EpisodeJson.DeserializeEvent(golden);
        var written = EpisodeJson.SerializeEvent(e);
        Assert.StartsWith($"{{\"type\":\"review-held\",\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion},", written, StringComparison.Ordinal);
        Assert.Equal(e, EpisodeJson.DeserializeEvent(written));

        // The member elsewhere in the object (another writer's order) reads too; twice is refused.
        var node = JsonNode.Parse(golden)!.AsObject();
        node["schemaVersion"] = 2;
        Assert.Equal(e, EpisodeJson.DeserializeEvent(node.ToJsonString()));
        Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(written.Replace($"\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion},", $"\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion},\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion},", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_older_panel_referral_shape_is_refused_with_what_it_lacks()
    {
        // The shape before panels were on the episode (git 9a63e55^): a panel name and a reason, no referral form.
        var node = JsonNode.Parse(GoldenSnapshot("panel-referral"))!.AsObject();
        var events = node["events"]!.AsArray();
        var index = events.Select((e, i) => (e, i)).Single(x => x.e!["type"]!.GetValue<string>() == "referred-to-panel").i;
        var current = events[index]!.AsObject();
        var older = new JsonObject
        {
            ["type"] = "referred-to-panel",
            ["episodeId"] = current["episodeId"]!.DeepClone(),
            ["occurredAt"] = current["occurredAt"]!.DeepClone(),
            ["actor"] = current["actor"]!.DeepClone(),
            ["panel"] = "MAAG North",
            ["reason"] = "Varied or complex needs",
            ["papersWithheldFrom"] = new JsonArray(),
        };
        events[index] = older;

        var ex = Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(GoldenCorpusTests.Policy(), node.ToJsonString()));
        Assert.Equal($"$.events[{index}]", ex.Path);
        Assert.Contains("older panel-referral shape", ex.Message, StringComparison.Ordinal);
        var single = Assert.Throws<JsonException>(() => EpisodeJson.DeserializeEvent(older.ToJsonString()));
        Assert.Equal("$", single.Path);
        Assert.Contains("cannot be upgraded", single.Message, StringComparison.Ordinal);
    }

    private static string GoldenSnapshot(string name) => File.ReadAllText(Path.Combine(GoldenCorpus.Folder(2, "snapshots"), name + ".json"));

    private static string GoldenEvent(string type) => File.ReadAllText(Path.Combine(GoldenCorpus.Folder(2, "events"), type + ".json")).TrimEnd();
}
