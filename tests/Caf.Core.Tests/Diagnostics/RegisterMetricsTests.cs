using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>
/// Issue 25: the <c>Caf.Core</c> meter for a scripted episode driven through <see cref="CafRegister.ExecuteAsync(EpisodeId, Func{CafEpisode, Result}, System.Threading.CancellationToken)"/>:
/// open, a refused start (LIFE-05), consent, a start whose first save conflicts and is retried, the same keyed
/// command twice, an unknown episode, and a register check. Expected values are counted from the script by hand.
/// </summary>
public sealed class RegisterMetricsTests : IDisposable
{
    internal static readonly EpisodeId Episode = new("ep-telemetry-7f3a");
    internal static readonly EpisodeId Unknown = new("ep-missing-9c1d");
    internal static readonly IdempotencyKey Key = new("key-form-41b2");
    private readonly TelemetryHarness _host = new();

    public void Dispose() => _host.Dispose();

    internal static async Task RunScriptAsync(TelemetryHarness host)
    {
        var register = host.Register;
        var opened = await register.IdentifyConcernAsync(Episode, NineYearOld, Teacher, "Falling attendance and withdrawn in class.");
        Assert.True(opened.OpenedNewEpisode, opened.ToString());

        // 1. Refused: no consent yet (LIFE-05).
        var refused = await register.ExecuteAsync(Episode, e => e.StartAssessment(Teacher, "The family agreed to an assessment."));
        Assert.Equal("LIFE-05", refused.Refusal.RuleId);

        // 2. Consent, recorded with a key.
        Ok(await register.ExecuteAsync(Episode, Key, e => e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family.")));

        // 3. The same keyed command again: already applied, nothing recorded.
        Ok(await register.ExecuteAsync(Episode, Key, e => e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family.")));

        // 4. Start; another practitioner saves between the first load and save: one conflict, one retry, then saved.
        var runs = 0;
        Ok(await register.ExecuteAsync(Episode, e =>
        {
            if (++runs == 1)
            {
                var other = host.Store.GetAsync(Episode).AsTask().Result!;
                Ok(other.RecordConsent(Teacher, MotherVerbal() with { GiverName = "Father" }, "Consent recorded with the family."));
                Ok(host.Store.UpdateAsync(other, other.Version - 1).AsTask().Result);
            }

            return e.StartAssessment(Teacher, "The family agreed to an assessment.");
        }));
        Assert.Equal(2, runs);

        // 5. An episode not on the register.
        var missing = await register.ExecuteAsync(Unknown, e => e.StartAssessment(Teacher, "Start."));
        Assert.Equal(StoreCodes.NotFound, missing.Refusal.RuleId);

        // 6. A register check by the health visitor (REG-02, recorded as a sharing decision).
        await register.FindOpenAsync(TestIds.Child, HealthVisitor);

        // 7. The sharing service asked directly: CAMHS for the assessment, covered by the mother's written consent (SHARE-01).
        var held = (await host.Store.GetAsync(Episode))!;
        Assert.True(host.Sharing.Decide(Episode, held.Consent, TestIds.Camhs, Caf.Core.Consent.SharingPurpose.Assessment, Teacher).Granted);
    }

    [Fact]
    public async Task Commands_are_counted_by_outcome_and_event_type()
    {
        await RunScriptAsync(_host);

        var commands = _host.Of(CafTelemetry.Commands)
            .Select(m => (m.Value, Outcome: m.Tag(CafTelemetry.OutcomeTag), Event: m.Tag(CafTelemetry.EventTypeTag)))
            .ToList();
        Assert.Equal(
            [
                (1d, "ok", "ConcernIdentified"), // the registration
                (1d, "refused", "none"),
                (1d, "ok", "ConsentRecorded"),
                (1d, "already-applied", "ConsentRecorded"),
                (1d, "ok", "AssessmentStarted"),
                (1d, "refused", "none"),
            ],
            commands);
    }

    [Fact]
    public async Task Refusals_are_counted_by_rule_id()
    {
        await RunScriptAsync(_host);

        Assert.Equal(["LIFE-05", "STORE-NOT-FOUND"], _host.Of(CafTelemetry.CommandRefusals).Select(m => m.Tag(CafTelemetry.RuleIdTag)));
        Assert.All(_host.Of(CafTelemetry.CommandRefusals), m => Assert.Equal(1d, m.Value));
    }

    [Fact]
    public async Task A_conflict_and_its_retry_are_counted_once_each()
    {
        await RunScriptAsync(_host);

        Assert.Equal([1d], _host.Of(CafTelemetry.StoreConflicts).Select(m => m.Value));
        Assert.Equal([1d], _host.Of(CafTelemetry.StoreRetries).Select(m => m.Value));
    }

    [Fact]
    public async Task Every_load_is_counted_and_timed_on_the_policy_clock()
    {
        await RunScriptAsync(_host);

        // Loads through ExecuteAsync: refused 1, consent 1, keyed again 1, start 2 (the retry reloads), unknown 1.
        Assert.Equal(["found", "found", "found", "found", "found", "not-found"], _host.Of(CafTelemetry.EpisodeLoads).Select(m => m.Tag(CafTelemetry.LoadOutcomeTag)));
        var durations = _host.Of(CafTelemetry.EpisodeLoadDuration);
        Assert.Equal(6, durations.Count);
        Assert.All(durations, d => Assert.Equal(0.25, d.Value, 9)); // each load took 250 ms of the fake clock
    }

    [Fact]
    public async Task Sharing_decisions_are_counted_by_purpose_outcome_and_rule()
    {
        await RunScriptAsync(_host);

        var decisions = _host.Of(CafTelemetry.SharingDecisions)
            .Select(m => (m.Tag(CafTelemetry.SharingPurposeTag), m.Tag(CafTelemetry.SharingOutcomeTag), m.Tag(CafTelemetry.RuleIdTag)))
            .ToList();
        // The register check (REG-02) is granted: the health visitor's agency is not excluded; CAMHS is covered by consent.
        Assert.Equal([("RegisterCheck", "granted", "REG-02"), ("Assessment", "granted", "SHARE-01")], decisions);

        // Every audited decision (SHARE-03) is counted once, with the audit entry's purpose, outcome and rule.
        var audited = _host.Audit.Entries
            .Select(a => ((string?)a.Purpose.ToString(), (string?)(a.Decision.Granted ? "granted" : "refused"), (string?)a.Decision.RuleId))
            .ToList();
        Assert.Equal(audited, decisions);
    }

    [Fact]
    public async Task No_tag_value_carries_an_id_of_the_script()
    {
        using var traces = new TraceCollector();
        await traces.UnderRootAsync(() => RunScriptAsync(_host));

        string[] ids =
        [
            Episode.Value, Unknown.Value, TestIds.Child.Value, TestIds.Teacher.Value, TestIds.HealthVisitor.Value, Key.Value,
            TestIds.School.Value, TestIds.HealthVisiting.Value,
        ];
        var values = _host.Measurements.SelectMany(m => m.Tags.Values)
            .Concat(traces.Activities.SelectMany(a => a.TagObjects.Select(t => t.Value)))
            .Concat(traces.Activities.SelectMany(a => a.Events).SelectMany(e => e.Tags.Select(t => t.Value)))
            .Select(v => v?.ToString() ?? "")
            .Distinct()
            .ToList();
        Assert.NotEmpty(values);
        Assert.NotEmpty(traces.Activities);
        Assert.All(values, v => Assert.DoesNotContain(ids, id => v.Contains(id, StringComparison.OrdinalIgnoreCase)));
        Assert.All(_host.Measurements, m => Assert.All(m.Tags.Keys, k => Assert.True(k.StartsWith("caf.", StringComparison.Ordinal) || k == "error.type", k)));
    }
}
