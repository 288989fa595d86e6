using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>
/// A fact of the provider-neutral store suite. When the test class carries <see cref="RequiresEnvironmentAttribute"/>
/// and the variable is unset, the test is reported SKIPPED with the reason (xunit 2 has no dynamic skip, so the
/// discoverer decides per class).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Caf.Core.EntityFrameworkCore.Tests.Support.StoreFactDiscoverer", "Caf.Core.EntityFrameworkCore.Tests")]
public sealed class StoreFactAttribute : FactAttribute
{
}

/// <summary>The suite's tests in this class run only when the environment variable holds a value.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute : Attribute
{
    public RequiresEnvironmentAttribute(string variable, string reason)
    {
        Variable = variable;
        Reason = reason;
    }

    public string Variable { get; }

    public string Reason { get; }
}

public sealed class StoreFactDiscoverer : IXunitTestCaseDiscoverer
{
    // Issue 27: the reason is said once per test run, as a runner message dotnet test shows (xunit.runner.json turns
    // diagnostic messages on), not only as the skip reason of each test, which dotnet test does not print.
    private static int s_told;
    private readonly IMessageSink _sink;

    public StoreFactDiscoverer(IMessageSink diagnosticMessageSink)
    {
        _sink = diagnosticMessageSink;
    }

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        var requires = testMethod.TestClass.Class.ToRuntimeType()?
            .GetCustomAttributes(typeof(RequiresEnvironmentAttribute), inherit: true).OfType<RequiresEnvironmentAttribute>().FirstOrDefault();
        if (requires is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(requires.Variable)))
        {
            if (Interlocked.Exchange(ref s_told, 1) == 0)
            {
                _sink.OnMessage(new DiagnosticMessage(
                    $"{requires.Variable} is not set, so the PostgreSQL tests are skipped (the same suite runs on SQLite): {requires.Reason}."));
            }

            yield return new XunitSkippedDataRowTestCase(_sink, display, options, testMethod, $"{requires.Variable} is not set: {requires.Reason}");
            yield break;
        }

        yield return new XunitTestCase(_sink, display, options, testMethod);
    }
}
