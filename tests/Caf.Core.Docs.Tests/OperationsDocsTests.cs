using System;
using System.Linq;
using System.Reflection;
using Caf.Core.AspNetCore;
using Caf.Core.Diagnostics;
using Caf.Core.EntityFrameworkCore;
using Caf.Core.Register;
using Xunit;

namespace Caf.Core.Docs.Tests;

/// <summary>
/// Issue 25: docs/operations.md lists every meter, instrument, activity, tag, log event id and health check the packages
/// publish. The names are read from the public constants, so a new instrument or log event without a line in the
/// document fails here.
/// </summary>
public class OperationsDocsTests
{
    private static readonly string Operations = Documents.Read("docs/operations.md");

    public static TheoryData<string, string> TelemetryNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { typeof(CafTelemetry), typeof(CafStoreTelemetry) })
        {
            foreach (var (name, value) in Constants<string>(type))
            {
                data.Add(type.Name + "." + name, value);
            }
        }
        return data;
    }

    public static TheoryData<string, int> LogEventIds()
    {
        var data = new TheoryData<string, int>();
        foreach (var type in new[] { typeof(CafRegisterLogEvents), typeof(CafStoreLogEvents), typeof(CafOutboxLogEvents), typeof(CafAspNetCoreLogEvents) })
        {
            foreach (var (name, value) in Constants<int>(type))
            {
                data.Add(type.Name + "." + name, value);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TelemetryNames))]
    public void Every_meter_instrument_activity_and_tag_is_in_the_operations_document(string constant, string value)
    {
        Assert.True(Operations.Contains("`" + value + "`", StringComparison.Ordinal)
                    || Operations.Contains("`" + value + "{", StringComparison.Ordinal)
                    || Operations.Contains("`" + value + "=", StringComparison.Ordinal),
            $"docs/operations.md does not name {constant} (`{value}`)");
    }

    [Theory]
    [MemberData(nameof(LogEventIds))]
    public void Every_log_event_id_is_in_the_operations_document(string constant, int id)
    {
        Assert.True(Operations.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            $"docs/operations.md does not list the log event {constant} ({id})");
    }

    [Fact]
    public void The_health_checks_are_in_the_operations_document()
    {
        Assert.Contains("`caf-store`", Operations, StringComparison.Ordinal);
        Assert.Contains("`caf-outbox`", Operations, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lists_read_something()
    {
        // Guards the reflection above: the constant classes are found and hold what the dashboard needs.
        Assert.Contains(TelemetryNames(), row => (string)row[1] == "caf.commands");
        Assert.Contains(TelemetryNames(), row => (string)row[1] == "caf.outbox.oldest_pending.age");
        Assert.Contains(LogEventIds(), row => (int)row[1] == 2402);
    }

    private static (string Name, T Value)[] Constants<T>(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(T))
            .Select(f => (f.Name, (T)f.GetRawConstantValue()!))
            .ToArray();
}
