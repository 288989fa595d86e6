using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Diagnostics;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Caf.Core.Tests.Support;
using static Caf.Core.Tests.Support.Seeds;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>Issue 25: the span tree of <c>CafRegister.ExecuteAsync</c> on the <c>Caf.Core</c> activity source.</summary>
public sealed class ExecuteTracingTests
{
    private static readonly EpisodeId Id = new("ep-trace-1");
    private readonly Seeds _seeds = new();
    private readonly InMemoryEpisodeRepository _store;

    public ExecuteTracingTests()
    {
        _store = new InMemoryEpisodeRepository(_seeds.Policy);
        Ok(_store.AddAsync(_seeds.Identified(Id)).AsTask().Result);
        Ok(_store.UpdateAsync(Consented(), 1).AsTask().Result);
    }

    private CafEpisode Consented()
    {
        var e = _store.GetAsync(Id).AsTask().Result!;
        Ok(e.RecordConsent(Teacher, MotherWritten(), "Consent recorded with the family."));
        return e;
    }

    [Fact]
    public async Task One_retry_gives_execute_with_load_command_save_twice_and_a_retry_event()
    {
        // Without a meter factory: traces are published whether or not metrics are.
        var register = new CafRegister(_store, _seeds.Policy);
        using var traces = new TraceCollector();
        var runs = 0;

        await traces.UnderRootAsync(async () => Ok(await register.ExecuteAsync(Id, e =>
        {
            if (++runs == 1)
            {
                var other = _store.GetAsync(Id).AsTask().Result!;
                Ok(other.RecordConsent(Teacher, MotherVerbal() with { GiverName = "Father" }, "Consent recorded with the family."));
                Ok(_store.UpdateAsync(other, 2).AsTask().Result);
            }

            return e.StartAssessment(Teacher, "The family agreed to an assessment.");
        })));

        var all = traces.Activities;
        var execute = Assert.Single(all, a => a.OperationName == CafTelemetry.ExecuteActivity);
        Assert.Equal(traces.Root.SpanId, execute.ParentSpanId); // nests under the caller's span
        var children = all.Where(a => a != execute).ToList(); // in the order they stopped
        Assert.All(children, c => Assert.Equal(execute.SpanId, c.ParentSpanId));
        Assert.Equal(
            [
                (CafTelemetry.LoadActivity, "found"), (CafTelemetry.CommandActivity, "ok"), (CafTelemetry.SaveActivity, "conflict"),
                (CafTelemetry.LoadActivity, "found"), (CafTelemetry.CommandActivity, "ok"), (CafTelemetry.SaveActivity, "ok"),
            ],
            children.Select(c => (c.OperationName, c.GetTagItem(c.OperationName == CafTelemetry.LoadActivity ? CafTelemetry.LoadOutcomeTag : CafTelemetry.OutcomeTag) as string)));

        var retry = Assert.Single(execute.Events);
        Assert.Equal(CafTelemetry.RetryEvent, retry.Name);
        Assert.Equal(2, retry.Tags.Single(t => t.Key == CafTelemetry.AttemptTag).Value);
        Assert.Equal("ok", execute.GetTagItem(CafTelemetry.OutcomeTag));
        Assert.Equal("AssessmentStarted", execute.GetTagItem(CafTelemetry.EventTypeTag));
        Assert.Equal(2, execute.GetTagItem(CafTelemetry.AttemptTag));
        Assert.Null(execute.GetTagItem(CafTelemetry.RuleIdTag));
    }

    [Fact]
    public async Task A_refusal_tags_execute_and_command_with_the_rule_and_saves_nothing()
    {
        var register = new CafRegister(_store, _seeds.Policy);
        using var traces = new TraceCollector();

        await traces.UnderRootAsync(async () =>
            Assert.Equal("CONS-04", (await register.ExecuteAsync(Id, e => Result.Refused("CONS-04", "Written consent is needed.", "consent"))).Refusal.RuleId));

        var execute = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.ExecuteActivity);
        Assert.Equal(("refused", "CONS-04"), (execute.GetTagItem(CafTelemetry.OutcomeTag), execute.GetTagItem(CafTelemetry.RuleIdTag)));
        var command = Assert.Single(traces.Activities, a => a.OperationName == CafTelemetry.CommandActivity);
        Assert.Equal("CONS-04", command.GetTagItem(CafTelemetry.RuleIdTag));
        Assert.DoesNotContain(traces.Activities, a => a.OperationName == CafTelemetry.SaveActivity);
        Assert.Empty(execute.Events);
    }
}
