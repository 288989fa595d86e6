using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.DependencyInjection;
using Caf.Core.Lifecycle;
using Caf.Core.Primitives;
using Caf.Core.Reads;
using Caf.Core.Register;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Caf.Core.EntityFrameworkCore.Tests.Authorities;

/// <summary>
/// Issue 29: the policy's sharing service and read audit are the store's audit logs, so the stores must not ask the
/// policy for its authority while they are built (a cycle that made resolving the policy wait for ever). Each test
/// resolves on a worker and gives up after a minute, so a cycle fails the test instead of stopping the run.
/// </summary>
public sealed class RegistrationResolvesTests : IDisposable
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(1);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"caf-resolve-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task The_two_line_host_resolves_its_policy_register_and_logs()
    {
        await using var services = new ServiceCollection()
            .AddCafCore()
            .AddCafEntityFrameworkCore(o => o.UseSqlite($"Data Source={_file}"))
            .BuildServiceProvider();

        var (policy, register) = await Task.Run(async () =>
        {
            await services.MigrateCafDatabaseAsync();
            return (services.GetRequiredService<EpisodePolicy>(), services.GetRequiredService<CafRegister>());
        }).WaitAsync(GiveUp);

        Assert.Equal(AuthorityId.Default, policy.Authority);
        Assert.Same(services.GetRequiredService<IReadAuditLog>(), policy.Reads);
        Assert.Equal(AuthorityId.Default, register.Authority);
        Assert.Equal(AuthorityId.Default, ((EntityFrameworkSharingAuditLog<CafDbContext>)services.GetRequiredService<ISharingAuditLog>()).Authority);
    }

    [Fact]
    public async Task A_declared_authority_resolves_its_policy_over_its_own_stores_and_an_undeclared_one_nothing()
    {
        var leeds = new AuthorityId("leeds");
        await using var services = new ServiceCollection()
            .AddCafAuthority("leeds", a => a.Options(o => o.Retention.RetentionYears = 7))
            .AddCafEntityFrameworkCore(o => o.UseSqlite($"Data Source={_file}").PerAuthority())
            .BuildServiceProvider();

        var authority = await Task.Run(async () =>
        {
            await services.MigrateCafDatabaseAsync();
            return services.GetRequiredService<CafAuthorities>().Get(leeds);
        }).WaitAsync(GiveUp);

        Assert.Equal(leeds, authority.Policy.Authority);
        Assert.Equal(leeds, authority.Register.Authority);
        Assert.Same(services.GetRequiredKeyedService<IReadAuditLog>(leeds), authority.Policy.Reads);
        Assert.Equal(leeds, ((EntityFrameworkSharingAuditLog<CafDbContext>)authority.SharingAudit).Authority);
        Assert.Throws<InvalidOperationException>(() => services.GetRequiredKeyedService<IEpisodeRepository>(new AuthorityId("york")));
    }

    [Fact]
    public async Task The_hosted_dispatcher_of_a_host_serving_the_default_authority_and_a_declared_one_serves_both_and_a_single_authority_host_its_one()
    {
        await using var both = new ServiceCollection()
            .AddSingleton<IEpisodeEventPublisher>(new Support.RecordingPublisher())
            .AddCafCore()
            .AddCafAuthority("leeds", _ => { })
            .AddCafEntityFrameworkCore(o => o.UseSqlite($"Data Source={_file}").PerAuthority())
            .AddCafOutboxDispatcher()
            .BuildServiceProvider();
        await using var single = new ServiceCollection()
            .AddSingleton<IEpisodeEventPublisher>(new Support.RecordingPublisher())
            .AddCafCore()
            .AddCafEntityFrameworkCore(o => o.UseSqlite($"Data Source={_file}"))
            .AddCafOutboxDispatcher()
            .BuildServiceProvider();

        var (served, alone) = await Task.Run(() => (Outboxes(both), Outboxes(single))).WaitAsync(GiveUp);

        Assert.Equal([AuthorityId.Default, new AuthorityId("leeds")], served.Select(o => o.Authority));
        Assert.Same(both.GetRequiredService<EntityFrameworkCore.EpisodeOutbox<CafDbContext>>(), served[0]); // the unkeyed one
        Assert.Equal([AuthorityId.Default], alone.Select(o => o.Authority));
    }

    private static System.Collections.Generic.IReadOnlyList<EntityFrameworkCore.EpisodeOutbox<CafDbContext>> Outboxes(IServiceProvider services) =>
        services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxDispatcherService<CafDbContext>>().Single().Outboxes;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }
}
