using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.EntityFrameworkCore.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using static Caf.Core.EntityFrameworkCore.Tests.Support.Episodes;

namespace Caf.Core.EntityFrameworkCore.Tests;

/// <summary>The store's health checks (issue 25), as AddCafEntityFrameworkCoreHealthChecks registers them, on the fake clock.</summary>
public abstract partial class EpisodeStoreContract
{
    [StoreFact]
    public async Task The_store_check_is_healthy_when_migrated_and_unhealthy_with_a_migration_pending()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(CafEntityFrameworkCoreHealthChecks.StoreCheckName)).Status);

        string latest;
        await using (var db = Host.NewContext())
        {
            // As if the latest migration had not been applied: the database's history no longer lists it.
            latest = db.Database.GetMigrations().Last();
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", latest);
        }

        var pending = await CheckAsync(CafEntityFrameworkCoreHealthChecks.StoreCheckName);
        Assert.Equal(HealthStatus.Unhealthy, pending.Status);
        Assert.Contains(latest[(latest.IndexOf('_', StringComparison.Ordinal) + 1)..], pending.Description, StringComparison.Ordinal); // the latest migration, named
    }

    [StoreFact]
    public async Task The_outbox_check_fails_when_the_oldest_undelivered_event_is_older_than_the_threshold()
    {
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName)).Status); // nothing waits

        Ok(await Host.Repository.AddAsync(Identified(Policy, "ep-1"))); // one event, dated Start, waiting in the outbox
        Time.Advance(TimeSpan.FromMinutes(9));
        var young = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);
        Assert.Equal(HealthStatus.Healthy, young.Status);
        Assert.Equal(540.0, young.Data["oldestPendingAgeSeconds"]);

        Time.Advance(TimeSpan.FromMinutes(2)); // 11 minutes: over the 10-minute threshold
        var old = await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName);
        Assert.Equal(HealthStatus.Unhealthy, old.Status);
        Assert.Equal(660.0, old.Data["oldestPendingAgeSeconds"]);

        await Host.Outbox.DispatchPendingAsync(); // delivered: nothing waits any more
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(CafEntityFrameworkCoreHealthChecks.OutboxCheckName)).Status);
    }

    // Runs one check as the host's HealthCheckService would: the registration the extension added, its factory, its context.
    private async Task<HealthCheckResult> CheckAsync(string name)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Host.Services.GetRequiredService<IDbContextFactory<CafDbContext>>());
        services.AddSingleton<TimeProvider>(Time);
        services.AddHealthChecks().AddCafEntityFrameworkCoreHealthChecks(o => o.MaxPendingAge = TimeSpan.FromMinutes(10));
        await using var provider = services.BuildServiceProvider();
        var registration = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Single(r => r.Name == name);
        Assert.Contains(CafEntityFrameworkCoreHealthChecks.Tag, registration.Tags);
        return await registration.Factory(provider).CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }
}
