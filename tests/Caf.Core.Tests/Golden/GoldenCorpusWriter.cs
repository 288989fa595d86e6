using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Caf.Core.Lifecycle;
using Caf.Core.Reporting;
using Caf.Core.Testing;

namespace Caf.Core.Tests.Golden;

/// <summary>A fact that runs only when <c>CAF_WRITE_GOLDEN=1</c> (never in CI): it writes corpus documents.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WriteGoldenFactAttribute : FactAttribute
{
    public WriteGoldenFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(GoldenCorpus.WriteVariable) != "1")
        {
            Skip = $"writes the golden corpus; set {GoldenCorpus.WriteVariable}=1 to add the documents of the current schema version";
        }
    }
}

/// <summary>
/// Adds the current schema version's documents to the golden corpus (<c>CAF_WRITE_GOLDEN=1 dotnet test --filter GoldenCorpusWriter</c>).
/// Each scenario's episode must show exactly the facts written by hand in <see cref="GoldenExpectations"/> before
/// anything is written; existing documents are never overwritten.
/// </summary>
public class GoldenCorpusWriter
{
    [WriteGoldenFact]
    public void Write_the_current_schema_versions_documents()
    {
        var version = EpisodeJson.CurrentSchemaVersion;
        var eventsWritten = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in GoldenScenarios.All)
        {
            var world = CafTestWorld.Create();
            var episode = scenario.Build(world);
            var facts = GoldenScenarios.Facts(episode);
            var row = EpisodeReportRows.From(episode, GoldenScenarios.Framework, GoldenScenarios.SettingOf);
            var rowFacts = GoldenScenarios.Facts(row);
            var expected = GoldenExpectations.Episodes[scenario.Name];
            var expectedRow = GoldenExpectations.ReportRows[scenario.Name];
            Assert.True(GoldenCorpus.Diff(expected, facts).Length == 0, $"{scenario.Name}:\n{GoldenCorpus.Diff(expected, facts)}");
            Assert.True(GoldenCorpus.Diff(expectedRow, rowFacts).Length == 0, $"{scenario.Name} row:\n{GoldenCorpus.Diff(expectedRow, rowFacts)}");

            GoldenCorpus.WriteNew(GoldenCorpus.Folder(version, "snapshots"), scenario.Name, EpisodeJson.Serialize(episode), new JsonObject
            {
                ["document"] = "EpisodeJson.Serialize: an episode snapshot",
                ["schemaVersion"] = version,
                ["situation"] = scenario.Name,
                ["facts"] = GoldenCorpus.ToJson(expected),
            });
            GoldenCorpus.WriteNew(GoldenCorpus.Folder(version, "report-rows"), scenario.Name, EpisodeReportRowJson.Serialize(row), new JsonObject
            {
                ["document"] = "EpisodeReportRowJson.Serialize: the episode's report row (default framework; the school a primary school)",
                ["schemaVersion"] = version,
                ["situation"] = scenario.Name,
                ["facts"] = GoldenCorpus.ToJson(expectedRow),
            });

            // One single-event document per event type, from the first scenario that records it.
            for (var i = 0; i < episode.Events.Count; i++)
            {
                var e = episode.Events[i];
                var type = GoldenScenarios.TypeOf(e);
                if (eventsWritten.Add(type))
                {
                    GoldenCorpus.WriteNew(GoldenCorpus.Folder(version, "events"), type, EpisodeJson.SerializeEvent(e), new JsonObject
                    {
                        ["document"] = "EpisodeJson.SerializeEvent: one event (as the EF outbox payload and event rows hold it)",
                        ["schemaVersion"] = version,
                        ["type"] = type,
                        ["sameAs"] = $"snapshots/{scenario.Name}.json $.events[{i.ToString(CultureInfo.InvariantCulture)}]",
                        ["facts"] = GoldenCorpus.ToJson(GoldenScenarios.EventFacts(e)),
                    });
                }
            }
        }
    }

    /// <summary>Every event type of CafEvent is in the corpus's situations.</summary>
    [Fact]
    public void The_situations_cover_every_event_type()
    {
        var types = Attribute.GetCustomAttributes(typeof(Events.CafEvent), typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute))
            .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => (string)a.TypeDiscriminator!).ToHashSet();
        var recorded = GoldenScenarios.All.SelectMany(s => s.Build(CafTestWorld.Create()).Events).Select(GoldenScenarios.TypeOf).ToHashSet();
        Assert.Empty(types.Except(recorded));
    }
}
