using System;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caf.Core.Lifecycle;
using Caf.Core.Lifecycle.Events;
using Caf.Core.Tests.Support;

namespace Caf.Core.Tests.Lifecycle;

public class EpisodeJsonTests
{
    private readonly Seeds _seeds = new();

    private string ValidJson() => EpisodeJson.Serialize(_seeds.PlanActive());

    private JsonException Rejects(string json) =>
        Assert.Throws<JsonException>(() => EpisodeJson.Deserialize(_seeds.Policy, json));

    [Fact]
    public void Snapshot_carries_schema_version_and_stable_type_discriminators()
    {
        var node = JsonNode.Parse(ValidJson())!;

        Assert.Equal(EpisodeJson.CurrentSchemaVersion, (int)node["schemaVersion"]!);
        Assert.Equal("concern-identified", (string)node["events"]![0]!["type"]!);
        Assert.Equal("PlanActive", (string)node["state"]!);
        Assert.Equal("school-oakfield-primary", (string)node["events"]![0]!["actor"]!["agency"]!);
    }

    [Fact]
    public void A_single_event_round_trips()
    {
        var e = _seeds.PlanActive().Events[^1];
        var read = EpisodeJson.DeserializeEvent(EpisodeJson.SerializeEvent(e));
        Assert.IsType<PlanAgreed>(read);
        Assert.Equal(EpisodeJson.SerializeEvent(e), EpisodeJson.SerializeEvent(read));
    }

    [Fact]
    public void Unknown_member_is_rejected_naming_the_path()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["events"]![0]!["nickname"] = "x";

        var ex = Rejects(node.ToJsonString());

        Assert.Contains("nickname", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.events[0]", ex.Path ?? ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_member_is_rejected()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["events"]![0]!.AsObject().Remove("concern");

        var ex = Rejects(node.ToJsonString());

        Assert.Contains("concern", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_in_a_non_nullable_member_is_rejected()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["events"]![0]!["concern"] = null;

        Rejects(node.ToJsonString());
    }

    [Fact]
    public void Wrong_type_is_rejected_naming_the_path()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["version"] = "seven";

        var ex = Rejects(node.ToJsonString());

        Assert.Equal("$.version", ex.Path);
    }

    [Fact]
    public void Unknown_event_type_is_rejected()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["events"]![1]!["type"] = "coffee-drunk";

        var ex = Rejects(node.ToJsonString());

        Assert.Contains("type", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Duplicate_property_is_rejected()
    {
        var version = $"\"schemaVersion\":{EpisodeJson.CurrentSchemaVersion}";
        var json = ValidJson().Replace(version, version + "," + version, StringComparison.Ordinal);

        Rejects(json);
    }

    [Fact]
    public void Truncated_input_is_rejected()
    {
        var json = ValidJson();
        Rejects(json[..(json.Length / 2)]);
    }

    [Fact]
    public void Invalid_id_inside_the_JSON_is_rejected_as_JSON_error()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["events"]![0]!["actor"]!["agency"] = "";

        Rejects(node.ToJsonString());
    }

    [Fact]
    public void A_future_schema_version_is_rejected_with_the_path()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["schemaVersion"] = 99;

        Assert.Equal("$.schemaVersion", Rejects(node.ToJsonString()).Path);
    }

    [Fact]
    public void A_snapshot_whose_state_does_not_match_its_history_is_rejected()
    {
        var node = JsonNode.Parse(ValidJson())!;
        node["state"] = "Closed";

        Assert.Equal("$.state", Rejects(node.ToJsonString()).Path);
    }

    [Fact]
    public void A_history_with_an_impossible_transition_is_rejected()
    {
        var node = JsonNode.Parse(ValidJson())!;
        var events = node["events"]!.AsArray();
        var plan = events[^1]!.DeepClone();
        events.Insert(1, plan); // a plan agreed before consent and assessment
        node["version"] = events.Count;

        Assert.Equal("$.events[1]", Rejects(node.ToJsonString()).Path);
    }
}
