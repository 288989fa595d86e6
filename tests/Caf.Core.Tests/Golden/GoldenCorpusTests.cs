using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Reporting;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.Tests.Golden;

/// <summary>
/// The golden corpus (tests/Golden, README there): every stored document of every schema version, read by this
/// release's reader, shows the facts its sidecar states. The corpus is append-only: a release that cannot read an
/// older document, or reads it to other facts, fails here.
/// </summary>
public class GoldenCorpusTests
{
    [Fact]
    public void The_corpus_holds_the_schema_2_documents() =>
        Assert.Equal((6, 25, 6), (Count("snapshots"), Count("events"), Count("report-rows")));

    private static int Count(string kind) => Directory.GetFiles(GoldenCorpus.Folder(2, kind), "*.json").Count(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Every_snapshot_reads_to_its_expected_facts() => Assert.Empty(SnapshotProblems(EpisodeJson.Deserialize));

    [Trait("Rule", "LIFE-11")]
    [Fact]
    public void Every_single_event_reads_to_its_expected_facts_and_equals_its_snapshots_event() =>
        Assert.Empty(EventProblems(EpisodeJson.Deserialize, EpisodeJson.DeserializeEvent));

    [Fact]
    public void Every_report_row_reads_to_its_expected_facts()
    {
        var problems = new List<string>();
        foreach (var (path, json, expected) in GoldenCorpus.Documents("report-rows"))
        {
            var diff = GoldenCorpus.Diff(GoldenCorpus.Facts(expected), GoldenScenarios.Facts(EpisodeReportRowJson.Deserialize(json)));
            if (diff.Length > 0)
            {
                problems.Add($"{Path.GetFileName(path)}:\n{diff}");
            }
        }

        Assert.Empty(problems);
    }

    /// <summary>A policy whose clock is years after the corpus was recorded: replay judges each event at its own time.</summary>
    internal static EpisodePolicy Policy() => EpisodePolicy.Default(new FakeTimeProvider(new DateTimeOffset(2031, 1, 6, 12, 0, 0, TimeSpan.Zero)), new InMemorySharingAuditLog());

    /// <summary>What differs between each snapshot as read and its sidecar (a refusal is a difference too).</summary>
    internal static List<string> SnapshotProblems(Func<EpisodePolicy, string, CafEpisode> read)
    {
        var problems = new List<string>();
        foreach (var (path, json, expected) in GoldenCorpus.Documents("snapshots"))
        {
            try
            {
                var diff = GoldenCorpus.Diff(GoldenCorpus.Facts(expected), GoldenScenarios.Facts(read(Policy(), json)));
                if (diff.Length > 0)
                {
                    problems.Add($"{Path.GetFileName(path)} reads to other facts:\n{diff}");
                }
            }
            catch (JsonException ex)
            {
                problems.Add($"{Path.GetFileName(path)} is refused at {ex.Path}: {ex.Message}");
            }
        }

        return problems;
    }

    internal static List<string> EventProblems(Func<EpisodePolicy, string, CafEpisode> readSnapshot, Func<string, Events.CafEvent> readEvent)
    {
        var problems = new List<string>();
        foreach (var (path, json, expected) in GoldenCorpus.Documents("events"))
        {
            try
            {
                var e = readEvent(json);
                var diff = GoldenCorpus.Diff(GoldenCorpus.Facts(expected), GoldenScenarios.EventFacts(e));
                if (diff.Length > 0)
                {
                    problems.Add($"{Path.GetFileName(path)} reads to other facts:\n{diff}");
                }

                // "snapshots/x.json $.events[i]": the same event as the snapshot document holds.
                var sameAs = expected["sameAs"]!.GetValue<string>().Split(' ');
                var snapshot = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(path))!, sameAs[0]);
                var index = int.Parse(sameAs[1]["$.events[".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
                var episode = readSnapshot(Policy(), File.ReadAllText(snapshot));
                if (!Equals(episode.Events[index], e))
                {
                    problems.Add($"{Path.GetFileName(path)} differs from {expected["sameAs"]}");
                }
            }
            catch (JsonException ex)
            {
                problems.Add($"{Path.GetFileName(path)} is refused at {ex.Path}: {ex.Message}");
            }
        }

        return problems;
    }
}
