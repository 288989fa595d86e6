using System;
using System.Collections.Generic;
using System.IO;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Caf.Core.AspNetCore.Tests.Support;

/// <summary>
/// A fact that drives Debian's Chromium through Debian's chromedriver. When either is not installed the test is
/// reported SKIPPED with the reason, never passed (xunit 2 has no dynamic skip, so the discoverer decides). Nothing is
/// ever downloaded: install them with <c>apt-get install -y chromium chromium-driver</c> (.ci/run does).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Caf.Core.AspNetCore.Tests.Support.BrowserFactDiscoverer", "Caf.Core.AspNetCore.Tests")]
public sealed class BrowserFactAttribute : FactAttribute
{
}

/// <summary>Where the browser and its driver are: <c>CAF_CHROMIUM</c>, <c>CAF_CHROMEDRIVER</c>, or Debian's paths.</summary>
public static class Browser
{
    public static string Chromium => Environment.GetEnvironmentVariable("CAF_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static string ChromeDriver => Environment.GetEnvironmentVariable("CAF_CHROMEDRIVER") is { Length: > 0 } path ? path : "/usr/bin/chromedriver";

    /// <summary>Why the browser test cannot run here, or null when it can.</summary>
    public static string? Missing =>
        !File.Exists(Chromium) ? $"no browser at {Chromium} (apt-get install -y chromium chromium-driver, or set CAF_CHROMIUM)"
        : !File.Exists(ChromeDriver) ? $"no chromedriver at {ChromeDriver} (apt-get install -y chromium-driver, or set CAF_CHROMEDRIVER)"
        : null;
}

public sealed class BrowserFactDiscoverer : IXunitTestCaseDiscoverer
{
    private readonly IMessageSink _sink;

    public BrowserFactDiscoverer(IMessageSink diagnosticMessageSink)
    {
        _sink = diagnosticMessageSink;
    }

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var options = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (Browser.Missing is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(_sink, display, options, testMethod, $"Browser test skipped: {reason}.");
            yield break;
        }

        yield return new XunitTestCase(_sink, display, options, testMethod);
    }
}
