using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Caf.Core.EntityFrameworkCore.Tests.Support;

/// <summary>Keeps every log entry (category, level, event id, formatted message) for assertions.</summary>
public sealed class CapturingLogs : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
