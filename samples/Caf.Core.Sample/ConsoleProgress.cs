using System;
using System.Globalization;
using Caf.Core.Diagnostics;

namespace Caf.Core.Sample;

/// <summary>
/// A progress line for long work (issue 25): rewritten in place on each report (every 1,000 rows), ended when the run
/// reports its total. Reports synchronously, on the worker's thread, so the line never lands after later output.
/// </summary>
internal sealed class ConsoleProgress(string label) : IProgress<CafProgress>
{
    public void Report(CafProgress value)
    {
        var of = value.Total is { } total ? string.Create(CultureInfo.InvariantCulture, $" of {total:N0}") : "";
        var done = value.Total == value.Done;
        Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label}: {value.Done:N0}{of} rows{(done ? "." : "...")}"));
        if (done)
        {
            Console.WriteLine();
        }
    }
}
