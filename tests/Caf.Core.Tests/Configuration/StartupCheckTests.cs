using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.LeadProfessional;
using Caf.Core.Primitives;
using Caf.Core.Register;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Caf.Core.Tests.Configuration;

/// <summary>A host missing a port Caf.Core needs fails when it starts, saying what to register.</summary>
public class StartupCheckTests
{
    private static async Task<string?> StartHost(Action<IServiceCollection> register, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddCafCore(builder.Configuration.GetSection("Caf"));
        register(builder.Services);
        using var host = builder.Build();
        try
        {
            await host.StartAsync();
            await host.StopAsync();
            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            return ex is AggregateException all ? string.Join(Environment.NewLine, all.InnerExceptions.Select(e => e.Message)) : ex.Message;
        }
    }

    private static void AuditLog(IServiceCollection s) => s.AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog());

    [Fact]
    public async Task A_host_with_every_port_starts()
    {
        Assert.Null(await StartHost(s =>
        {
            AuditLog(s);
            s.AddCafInMemoryEpisodeStore().AddCafLeadProfessionalSelection().AddSingleton<IPractitionerDirectory>(new EmptyDirectory());
        }));
    }

    [Trait("Rule", "SHARE-03")]
    [Fact]
    public async Task SHARE03_a_host_without_an_audit_log_fails_at_start_saying_what_to_register()
    {
        var message = await StartHost(s => s.AddCafInMemoryEpisodeStore());

        Assert.NotNull(message);
        Assert.Contains("No ISharingAuditLog is registered", message, StringComparison.Ordinal);
        Assert.Contains("SHARE-03", message, StringComparison.Ordinal);
        Assert.Contains("services.AddSingleton<ISharingAuditLog, MyAuditLog>()", message, StringComparison.Ordinal);
        Assert.DoesNotContain("IEpisodeRepository", message, StringComparison.Ordinal);
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public async Task LAW04_a_host_without_a_read_audit_log_fails_at_start_saying_what_to_register()
    {
        var message = await StartHost(s => s.AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddCafInMemoryEpisodeStore());

        Assert.NotNull(message);
        Assert.Contains("No IReadAuditLog is registered", message, StringComparison.Ordinal);
        Assert.Contains("LAW-04", message, StringComparison.Ordinal);
        Assert.Contains("services.AddSingleton<IReadAuditLog, MyReadAuditLog>()", message, StringComparison.Ordinal);
        Assert.Contains("AddCafEntityFrameworkCore", message, StringComparison.Ordinal);
        Assert.DoesNotContain("ISharingAuditLog is registered", message, StringComparison.Ordinal);
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public void LAW04_resolving_the_policy_without_a_read_audit_log_says_what_to_register()
    {
        using var provider = new ServiceCollection().AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddCafInMemoryEpisodeStore().AddCafCore().BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CafRegister>());
        Assert.Contains("No IReadAuditLog is registered", ex.Message, StringComparison.Ordinal);
    }

    [Trait("Rule", "LAW-04")]
    [Fact]
    public void LAW04_the_policy_records_reads_in_the_registered_read_audit_log()
    {
        var reads = new Caf.Core.Reads.InMemoryReadAuditLog();
        using var provider = new ServiceCollection().AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog())
            .AddSingleton<Caf.Core.Reads.IReadAuditLog>(reads).AddCafInMemoryEpisodeStore().AddCafCore().BuildServiceProvider();

        Assert.Same(reads, provider.GetRequiredService<Caf.Core.Lifecycle.EpisodePolicy>().Reads);
    }

    [Fact]
    public async Task A_host_without_an_episode_store_fails_at_start_naming_the_three_ways_to_get_one()
    {
        var message = await StartHost(AuditLog);

        Assert.NotNull(message);
        Assert.Contains("No IEpisodeRepository is registered", message, StringComparison.Ordinal);
        Assert.Contains("AddCafInMemoryEpisodeStore()", message, StringComparison.Ordinal);
        Assert.Contains("register your own IEpisodeRepository", message, StringComparison.Ordinal);
        Assert.Contains("Caf.Core.EntityFrameworkCore", message, StringComparison.Ordinal);
    }

    [Trait("Rule", "LP-03")]
    [Fact]
    public async Task LP03_a_host_that_selects_lead_professionals_without_a_practitioner_directory_fails_at_start()
    {
        var message = await StartHost(s =>
        {
            AuditLog(s);
            s.AddCafInMemoryEpisodeStore().AddCafLeadProfessionalSelection();
        });

        Assert.NotNull(message);
        Assert.Contains("No IPractitionerDirectory is registered", message, StringComparison.Ordinal);
        Assert.Contains("AddCafLeadProfessionalSelection()", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_does_not_select_lead_professionals_needs_no_directory()
    {
        Assert.Null(await StartHost(s =>
        {
            AuditLog(s);
            s.AddCafInMemoryEpisodeStore();
        }));
    }

    [Fact]
    public async Task Every_missing_port_and_every_invalid_option_are_reported_together()
    {
        var message = await StartHost(_ => { }, ("Caf:Retention:RetentionYears", "0"));

        Assert.NotNull(message);
        Assert.Contains("ISharingAuditLog", message, StringComparison.Ordinal);
        Assert.Contains("IEpisodeRepository", message, StringComparison.Ordinal);
        Assert.Contains("Retention.RetentionYears", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_generic_host_the_startup_validator_runs_the_same_checks_and_ValidateOnBuild_passes()
    {
        using var provider = new ServiceCollection().AddCafCore()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(3, ex.Failures.Count());
        Assert.Contains("No ISharingAuditLog is registered", ex.Message, StringComparison.Ordinal);
        Assert.Contains("No IReadAuditLog is registered", ex.Message, StringComparison.Ordinal); // LAW-04
        Assert.Contains("No IEpisodeRepository is registered", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_the_register_without_a_store_says_what_to_register()
    {
        using var provider = new ServiceCollection().AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()).AddCafCore().BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CafRegister>());
        Assert.Contains("AddCafInMemoryEpisodeStore()", ex.Message, StringComparison.Ordinal);
    }

    private sealed class EmptyDirectory : IPractitionerDirectory
    {
        public ValueTask<ImmutableArray<LeadProfessionalCandidate>> GetCandidatesAsync(EpisodeId episode, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ImmutableArray<LeadProfessionalCandidate>.Empty);

        public ValueTask<ImmutableDictionary<AgencyId, int>> GetLeadRolesByAgencyAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(ImmutableDictionary<AgencyId, int>.Empty);
    }
}
