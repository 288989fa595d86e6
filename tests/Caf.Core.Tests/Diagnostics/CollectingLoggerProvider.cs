using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace Caf.Core.Tests.Diagnostics;

/// <summary>One log entry: its category, level, event id, formatted message, structured values and exception.</summary>
internal sealed record Logged(string Category, LogLevel Level, int EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Exception)
{
    public object? Value(string name) => State.FirstOrDefault(kv => kv.Key == name).Value;
}

/// <summary>A logger provider that keeps every entry (one per test host, so tests do not mix).</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<Logged> _entries = new();

    public IReadOnlyList<Logged> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Logged> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new Logged(category, logLevel, eventId.Id, formatter(state, exception), [.. values], exception));
        }
    }
}
