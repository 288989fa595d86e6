using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Caf.Core.Lifecycle;
using Caf.Core.Consent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>The outbox's options are validated at registration; the hosted dispatcher logs a failed dispatch.</summary>
public sealed class OutboxOptionsAndHostedDispatcherTests
{
    [Theory]
    [InlineData("MaxAttempts")]
    [InlineData("LeaseDuration")]
    [InlineData("DeliveredRetention")]
    public void An_out_of_range_outbox_option_is_refused_at_registration(string option)
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddCafEntityFrameworkCore(o =>
        {
            o.UseSqlite("Data Source=unused.db");
            switch (option)
            {
                case "MaxAttempts": o.Outbox.MaxAttempts = 0; break;
                case "LeaseDuration": o.Outbox.LeaseDuration = TimeSpan.Zero; break;
                default: o.Outbox.DeliveredRetention = TimeSpan.FromSeconds(-1); break;
            }
        }));

        Assert.Equal(option, ex.ParamName);
    }

    [Fact]
    public async Task The_hosted_dispatcher_logs_a_dispatch_that_fails_and_does_not_throw()
    {
        var logs = new CapturingLogs();
        var time = new FakeTimeProvider(Episodes.Start);
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(logs)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(EpisodePolicy.Default(time, new InMemorySharingAuditLog()))
            .AddSingleton<IEpisodeEventPublisher>(new RecordingPublisher());
        // A database that cannot be opened: the directory does not exist.
        var missing = Path.Combine(Path.GetTempPath(), $"caf-missing-{Guid.NewGuid():N}", "caf.db");
        services.AddCafEntityFrameworkCore(o => o.UseSqlite($"Data Source={missing};Mode=ReadWrite"));
        services.AddCafOutboxDispatcher();
        await using var provider = services.BuildServiceProvider();
        var dispatcher = provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxDispatcherService<CafDbContext>>().Single();

        await dispatcher.TickAsync(CancellationToken.None);

        var outbox = logs.Entries.Where(e => e.Category == "Caf.Core.EntityFrameworkCore.EpisodeOutbox").ToList();
        Assert.Equal([(LogLevel.Error, CafOutboxLogEvents.DispatchFailed), (LogLevel.Error, CafOutboxLogEvents.PurgeFailed)], outbox.Select(e => (e.Level, e.EventId)));
    }
}
