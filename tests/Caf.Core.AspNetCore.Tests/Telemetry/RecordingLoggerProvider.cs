using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Caf.Core.AspNetCore.Tests.Telemetry;

/// <summary>One message as the logger received it: its category, level, event id, text and structured values.</summary>
public sealed record LoggedMessage(string Category, LogLevel Level, EventId EventId, string Text, IReadOnlyDictionary<string, string> Values, Exception? Exception);

/// <summary>A logger provider that keeps every message (a test's stand-in for the host's sinks).</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedMessage> _messages = new();

    public IReadOnlyList<LoggedMessage> Messages => [.. _messages];

    public IReadOnlyList<LoggedMessage> Of(string category) => [.. _messages.Where(m => m.Category == category)];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LoggedMessage> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = (state as IEnumerable<KeyValuePair<string, object?>> ?? [])
                .Where(kv => kv.Key != "{OriginalFormat}")
                .ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            messages.Enqueue(new LoggedMessage(category, logLevel, eventId, formatter(state, exception), values, exception));
        }
    }
}
