using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Caf.Core.Docs.Tests;

/// <summary>Issue 27: the logging configuration the EF package's README shows does what it says.</summary>
public class EntityFrameworkLoggingTests
{
    [Fact]
    public void The_documented_configuration_keeps_EF_Cores_statements_out_and_its_failures_and_migrations_in()
    {
        var readme = Documents.Read("src/Caf.Core.EntityFrameworkCore/PACKAGE.md");
        var section = readme[readme.IndexOf("\n## Logging\n", StringComparison.Ordinal)..];
        var json = Regex.Match(section, "```json\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddProvider(new NoOutput()))
            .BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();
        var command = factory.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command");

        Assert.False(command.IsEnabled(LogLevel.Information));   // "Executed DbCommand" (20101)
        Assert.True(command.IsEnabled(LogLevel.Error));           // a failed command (20102)
        Assert.True(factory.CreateLogger("Microsoft.EntityFrameworkCore.Migrations").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Caf.Core.EntityFrameworkCore.EpisodeOutbox").IsEnabled(LogLevel.Information));
    }

    private sealed class NoOutput : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Silent();

        public void Dispose()
        {
        }

        private sealed class Silent : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
            }
        }
    }
}
