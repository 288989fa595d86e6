using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ardalis.Specification;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>
/// Issue 25: every change through the register is visible. Registrations, family links and transfers out are counted in
/// <c>caf.commands</c> with the event they recorded and traced like <c>caf.execute</c>; refusals, conflict retries,
/// exhausted retries and unexpected exceptions are logged (<see cref="CafRegisterLogEvents"/>) with no id in them.
/// </summary>
public sealed class RegisterChangeTelemetryTests : IDisposable
{
    private static readonly EpisodeId Amy = new("ep-amy-31c7");
    private static readonly EpisodeId Sam = new("ep-sam-8d02");
    private static readonly ChildDetails Sister = new(new ChildId("child-sister-6b4e"), new DateOnly(2013, 1, 5));
    private readonly TelemetryHarness _host = new();

    public void Dispose() => _host.Dispose();

    private (double Value, string? Outcome, string? Event)[] Commands() =>
        [.. _host.Of(CafTelemetry.Commands).Select(m => (m.Value, m.Tag(CafTelemetry.OutcomeTag), m.Tag(CafTelemetry.EventTypeTag)))];

    private IEnumerable<Logged> RegisterLogs => _host.Logs.Entries.Where(e => e.Category == typeof(CafRegister).FullName);

    private async Task ConsentAsync(EpisodeId id) =>
        Ok(await _host.Register.ExecuteAsync(id, e => e.RecordConsent(Teacher, MotherWritten(), "Consent to assess and share with partner agencies.")));

    [Fact]
    public async Task A_registration_is_counted_with_its_event_and_traced_with_command_and_save()
    {
        using var traces = new TraceCollector();
        await traces.UnderRootAsync(async () =>
        {
            Assert.True((await _host.Register.IdentifyConcernAsync(Amy, NineYearOld, Teacher, "Falling attendance.")).OpenedNewEpisode);
            Assert.False((await _host.Register.IdentifyConcernAsync(Sam, NineYearOld, HealthVisitor, "Weight loss.")).OpenedNewEpisode); // contributes
        });

        Assert.Equal([(1d, "ok", "ConcernIdentified"), (1d, "contribute", "none")], Commands());
        var registrations = traces.Activities.Where(a => a.OperationName == CafTelemetry.RegistrationActivity).ToList();
        Assert.Equal(2, registrations.Count);
        Assert.All(registrations, r => Assert.Equal(traces.Root.SpanId, r.ParentSpanId));
        var opened = registrations[0];
        Assert.Equal(("ok", "ConcernIdentified", 1), (opened.GetTagItem(CafTelemetry.OutcomeTag), opened.GetTagItem(CafTelemetry.EventTypeTag), opened.GetTagItem(CafTelemetry.AttemptTag)));
        Assert.Equal(
            [(CafTelemetry.CommandActivity, "ok"), (CafTelemetry.SaveActivity, "ok")],
            traces.Activities.Where(a => a.ParentSpanId == opened.SpanId).Select(a => (a.OperationName, a.GetTagItem(CafTelemetry.OutcomeTag) as string)));
        Assert.Equal("contribute", registrations[1].GetTagItem(CafTelemetry.OutcomeTag));
        Assert.DoesNotContain(traces.Activities, a => a.ParentSpanId == registrations[1].SpanId); // nothing was created or saved
    }

    [Fact]
    public async Task A_step_down_registration_is_counted_with_its_event()
    {
        var registered = await _host.Register.RegisterStepDownAsync(Amy, NineYearOld, Teacher, Caf.Core.Testing.EpisodePlans.StepDown());

        Assert.True(registered.OpenedNewEpisode);
        Assert.Equal([(1d, "ok", "PotentialCafRegistered")], Commands());
    }

    [Fact]
    public async Task A_registration_that_lost_the_race_retries_is_counted_logged_and_traced_then_contributes()
    {
        var racing = new RacingStore(_host.Store, () => _host.Store.AddAsync(new Seeds().Identified(Sam)).AsTask());
        var register = Built(racing);
        using var traces = new TraceCollector();

        Registration answer = null!;
        await traces.UnderRootAsync(async () => answer = await register.IdentifyConcernAsync(Amy, NineYearOld, Teacher, "Falling attendance."));

        Assert.False(answer.OpenedNewEpisode);
        Assert.Equal(Sam, answer.Existing!.Id);
        Assert.Equal([(1d, "contribute", "none")], Commands());
        Assert.Equal([1d], _host.Of(CafTelemetry.StoreConflicts).Select(m => m.Value));
        Assert.Equal([1d], _host.Of(CafTelemetry.StoreRetries).Select(m => m.Value));
        var registration = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.RegistrationActivity);
        var retry = Assert.Single(registration.Events);
        Assert.Equal((CafTelemetry.RetryEvent, 2), (retry.Name, retry.Tags.Single(t => t.Key == CafTelemetry.AttemptTag).Value));
        Assert.Equal(
            [(CafTelemetry.CommandActivity, "ok"), (CafTelemetry.SaveActivity, "conflict")],
            traces.Activities.Where(a => a.ParentSpanId == registration.SpanId).Select(a => (a.OperationName, a.GetTagItem(CafTelemetry.OutcomeTag) as string)));
        var logged = Assert.Single(RegisterLogs);
        Assert.Equal((CafRegisterLogEvents.ConflictRetried, LogLevel.Debug, 1), (logged.EventId, logged.Level, logged.Value("Attempt")));
    }

    [Fact]
    public async Task A_registration_whose_every_attempt_conflicts_warns_once_and_is_counted_as_a_conflict()
    {
        var register = Built(new AlwaysRacing(_host.Store));

        var answer = await register.IdentifyConcernAsync(Amy, NineYearOld, Teacher, "Falling attendance.");

        Assert.Equal(StoreCodes.Concurrency, answer.Refusal!.RuleId);
        Assert.Equal([(1d, "conflict", "ConcernIdentified")], Commands());
        Assert.Equal(8, _host.Of(CafTelemetry.StoreConflicts).Count);
        Assert.Equal(7, _host.Of(CafTelemetry.StoreRetries).Count);
        var logs = RegisterLogs.ToList();
        Assert.Equal(Enumerable.Range(1, 7).Cast<object?>(), logs.Where(l => l.EventId == CafRegisterLogEvents.ConflictRetried).Select(l => l.Value("Attempt")));
        var warning = Assert.Single(logs, l => l.Level == LogLevel.Warning);
        Assert.Equal((CafRegisterLogEvents.RetriesExhausted, 8), (warning.EventId, warning.Value("Attempts")));
        var refused = Assert.Single(logs, l => l.EventId == CafRegisterLogEvents.Refused);
        Assert.Equal((LogLevel.Debug, StoreCodes.Concurrency), (refused.Level, refused.Value("RuleId")));
    }

    [Fact]
    public async Task A_family_link_is_counted_traced_and_its_refusal_logged_by_rule()
    {
        await _host.Register.IdentifyConcernAsync(Amy, NineYearOld, Teacher, "Attendance.");
        await _host.Register.IdentifyConcernAsync(Sam, Sister, Teacher, "Young carer.");
        await ConsentAsync(Amy);
        await ConsentAsync(Sam);
        using var traces = new TraceCollector();

        await traces.UnderRootAsync(async () =>
        {
            Ok(await _host.Register.LinkFamilyAsync("family-31c7", Teacher, [Amy, Sam]));
            Assert.Equal("REG-03", (await _host.Register.LinkFamilyAsync("family-31c7", Teacher, [Amy, Sam])).Refusal.RuleId);
        });

        Assert.Equal([(1d, "ok", "LinkedToFamilyGroup"), (1d, "refused", "none")], Commands().Skip(4));
        Assert.Equal(["REG-03"], _host.Of(CafTelemetry.CommandRefusals).Select(m => m.Tag(CafTelemetry.RuleIdTag)));
        var links = traces.Activities.Where(a => a.OperationName == CafTelemetry.FamilyLinkActivity).ToList();
        Assert.Equal([("ok", null), ("refused", "REG-03")], links.Select(l => (l.GetTagItem(CafTelemetry.OutcomeTag) as string, l.GetTagItem(CafTelemetry.RuleIdTag) as string)));
        Assert.Equal(CafTelemetry.SaveActivity, Assert.Single(traces.Activities, a => a.ParentSpanId == links[0].SpanId).OperationName);
        var refused = Assert.Single(RegisterLogs);
        Assert.Equal((CafRegisterLogEvents.Refused, LogLevel.Debug, "REG-03"), (refused.EventId, refused.Level, refused.Value("RuleId")));
    }

    [Fact]
    public async Task A_transfer_out_is_counted_and_traced_and_an_unknown_episode_refused()
    {
        await _host.Register.IdentifyConcernAsync(Amy, NineYearOld, Teacher, "Attendance.");
        await ConsentAsync(Amy);
        using var traces = new TraceCollector();

        await traces.UnderRootAsync(async () =>
        {
            Ok(await _host.Register.TransferOutAsync(Amy, Teacher, new LocalAuthority("Leeds City Council"), "Family moved."));
            Assert.Equal(StoreCodes.NotFound, (await _host.Register.TransferOutAsync(Sam, Teacher, new LocalAuthority("Leeds City Council"), "Family moved.")).Refusal.RuleId);
        });

        Assert.Equal([(1d, "ok", "EpisodeTransferredOut"), (1d, "refused", "none")], Commands().Skip(2));
        var transfers = traces.Activities.Where(a => a.OperationName == CafTelemetry.TransferOutActivity).ToList();
        Assert.Equal(["EpisodeTransferredOut", "none"], transfers.Select(t => t.GetTagItem(CafTelemetry.EventTypeTag) as string));
        Assert.Equal(("ok", CafTelemetry.SaveActivity), (transfers[0].GetTagItem(CafTelemetry.OutcomeTag), Assert.Single(traces.Activities, a => a.ParentSpanId == transfers[0].SpanId).OperationName));
    }

    [Fact]
    public async Task An_unexpected_exception_is_logged_as_an_error_with_its_type_and_counted()
    {
        var register = Built(new FailingLoads(_host.Store));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await register.TransferOutAsync(Amy, Teacher, new LocalAuthority("Leeds City Council"), "Moved."));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await register.ExecuteAsync(Amy, e => e.StartAssessment(Teacher, "Start.")));

        Assert.Equal([(1d, "error", "none"), (1d, "error", "none")], Commands());
        Assert.All(_host.Of(CafTelemetry.Commands), m => Assert.Equal(nameof(InvalidOperationException), m.Tag(CafTelemetry.ErrorTypeTag)));
        var errors = RegisterLogs.ToList();
        Assert.Equal([CafTelemetry.TransferOutActivity, CafTelemetry.ExecuteActivity], errors.Select(e => e.Value("Operation") as string));
        Assert.All(errors, e => Assert.Equal((CafRegisterLogEvents.Failed, LogLevel.Error, nameof(InvalidOperationException)), (e.EventId, e.Level, e.Value("ErrorType") as string)));
        Assert.All(errors, e => Assert.IsType<InvalidOperationException>(e.Exception));
    }

    [Fact]
    public async Task A_cancelled_change_is_not_logged_as_an_error()
    {
        await _host.Register.IdentifyConcernAsync(Amy, NineYearOld, Teacher, "Attendance.");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _host.Register.ExecuteAsync(Amy, e => e.StartAssessment(Teacher, "Start."), cts.Token));

        Assert.Empty(RegisterLogs);
        Assert.Equal("error", _host.Of(CafTelemetry.Commands).Last().Tag(CafTelemetry.OutcomeTag));
    }

    [Fact]
    public async Task No_log_message_or_value_carries_an_id_and_every_event_id_is_in_the_register_range()
    {
        await RegisterMetricsTests.RunScriptAsync(_host); // LIFE-05 and not-found refusals, a conflict retried
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Built(new FailingLoads(_host.Store)).ExecuteAsync(Amy, e => e.StartAssessment(Teacher, "Start.")));
        await Built(new AlwaysRacing(_host.Store)).IdentifyConcernAsync(Amy, Sister, Teacher, "Attendance.");

        var logs = RegisterLogs.ToList();
        Assert.Equal(
            [CafRegisterLogEvents.Refused, CafRegisterLogEvents.ConflictRetried, CafRegisterLogEvents.RetriesExhausted, CafRegisterLogEvents.Failed],
            logs.Select(l => l.EventId).Distinct().Order());
        Assert.All(logs, l => Assert.InRange(l.EventId, 2301, 2320));
        string[] ids =
        [
            RegisterMetricsTests.Episode.Value, RegisterMetricsTests.Unknown.Value, RegisterMetricsTests.Key.Value, Amy.Value, Sister.Id.Value,
            TestIds.Child.Value, TestIds.Teacher.Value, TestIds.HealthVisitor.Value, TestIds.School.Value,
        ];
        var texts = logs.Select(l => l.Message).Concat(logs.SelectMany(l => l.State).Select(kv => kv.Value?.ToString() ?? "")).ToList();
        Assert.All(texts, t => Assert.DoesNotContain(ids, id => t.Contains(id, StringComparison.OrdinalIgnoreCase)));
    }

    private CafRegister Built(IEpisodeRepository store) => new(
        store, _host.Services.GetRequiredService<EpisodePolicy>(), new StorageOptions(),
        _host.Services.GetRequiredService<IMeterFactory>(), _host.Services.GetRequiredService<ILoggerFactory>());

    /// <summary>Another registration for the child lands just before the first add (REG-01 race).</summary>
    private sealed class RacingStore(InMemoryEpisodeRepository inner, Func<Task<Result>> competitor) : Forwarding(inner)
    {
        private int _adds;

        public override async ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _adds) == 1)
            {
                Assert.True((await competitor()).IsSuccess);
            }

            return await base.AddAsync(episode, cancellationToken);
        }
    }

    /// <summary>A register that changes under every registration: the look finds nothing open, every add loses the race.</summary>
    private sealed class AlwaysRacing(InMemoryEpisodeRepository inner) : Forwarding(inner)
    {
        public override ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            new([]);

        public override ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) =>
            new(Result.Refused("REG-01", "Another episode is open for this child.", "child"));
    }

    /// <summary>Every load throws (a store fault).</summary>
    private sealed class FailingLoads(InMemoryEpisodeRepository inner) : Forwarding(inner)
    {
        public override ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The store is unavailable.");
    }

    private abstract class Forwarding(IEpisodeRepository inner) : IEpisodeRepository
    {
        public virtual ValueTask<CafEpisode?> GetAsync(EpisodeId id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

        public virtual ValueTask<Result> AddAsync(CafEpisode episode, CancellationToken cancellationToken = default) => inner.AddAsync(episode, cancellationToken);

        public ValueTask<Result> UpdateAsync(CafEpisode episode, int expectedVersion, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(episode, expectedVersion, cancellationToken);

        public ValueTask<Result> UpdateManyAsync(IReadOnlyList<EpisodeUpdate> updates, CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, cancellationToken);

        public virtual ValueTask<IReadOnlyList<EpisodeSummary>> ListAsync(ISpecification<EpisodeSummary> specification, CancellationToken cancellationToken = default) =>
            inner.ListAsync(specification, cancellationToken);
    }
}
