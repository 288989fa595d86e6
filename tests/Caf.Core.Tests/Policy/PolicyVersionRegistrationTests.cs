using System;
using System.Linq;
using System.Threading.Tasks;
using Caf.Core.Consent;
using Caf.Core.Lifecycle;
using Caf.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Caf.Core.Tests.Policy;

/// <summary>Policy versions through <c>AddCafCore</c> and <c>AddCafPolicyVersion</c>, checked when the host starts.</summary>
public class PolicyVersionRegistrationTests
{
    private static IServiceCollection Services() =>
        new ServiceCollection().AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()).AddCafInMemoryEpisodeStore();

    private static async Task<string?> Start(Action<IServiceCollection> register)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ISharingAuditLog>(new InMemorySharingAuditLog()).AddSingleton<Caf.Core.Reads.IReadAuditLog>(new Caf.Core.Reads.InMemoryReadAuditLog()).AddCafInMemoryEpisodeStore();
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

    [Fact]
    public void The_two_line_registration_is_a_history_of_one_default_version()
    {
        using var provider = Services().AddCafCore(o => o.Retention.RetentionYears = 6).BuildServiceProvider();
        var policy = provider.GetRequiredService<EpisodePolicy>();
        var version = Assert.Single(policy.History.Versions);
        Assert.Equal(PolicyHistory.DefaultVersionId, version.Id);
        Assert.Equal(6, version.GetOptions().Retention.RetentionYears);
        Assert.Equal(6, policy.RetentionYears);
    }

    [Fact]
    public void Each_version_is_the_one_before_with_its_changes()
    {
        using var provider = Services()
            .AddCafCore(o => o.Retention.RetentionYears = 6)
            .AddCafPolicyVersion("2027-04", new DateOnly(2027, 4, 1), o => o.Reviews.InsufficientProgressReviewLimit = 3)
            .AddCafPolicyVersion("2028-01", new DateOnly(2028, 1, 1), o => o.Consent.SelfConsentAge = 17)
            .BuildServiceProvider();
        var history = provider.GetRequiredService<EpisodePolicy>().History;
        Assert.Equal(["default", "2027-04", "2028-01"], history.Versions.Select(v => v.Id));
        var last = history.Versions[2].GetOptions();
        Assert.Equal((6, 3, 17), (last.Retention.RetentionYears, last.Reviews.InsufficientProgressReviewLimit, last.Consent.SelfConsentAge));
        var middle = history.Versions[1].GetOptions();
        Assert.Equal((6, 3, 16), (middle.Retention.RetentionYears, middle.Reviews.InsufficientProgressReviewLimit, middle.Consent.SelfConsentAge));
        Assert.Equal(4, history.Versions[0].GetOptions().Reviews.InsufficientProgressReviewLimit);
    }

    [Fact]
    public async Task A_host_with_valid_versions_starts()
    {
        Assert.Null(await Start(s => s.AddCafCore().AddCafPolicyVersion("2027-04", new DateOnly(2027, 4, 1), o => o.Reviews.InsufficientProgressReviewLimit = 3)));
    }

    [Fact]
    public async Task Start_up_lists_every_problem_of_the_versions()
    {
        var message = await Start(s => s.AddCafCore()
            .AddCafPolicyVersion("2027-04", new DateOnly(2027, 4, 1), o => o.Reviews.InsufficientProgressReviewLimit = 0)
            .AddCafPolicyVersion("2027-04", new DateOnly(2027, 1, 1), _ => { })
            .AddCafPolicyVersion("default", new DateOnly(2028, 1, 1), _ => { })
            .AddCafPolicyVersion("bad id", new DateOnly(2029, 1, 1), _ => { })
            .AddCafPolicyVersion("2030", new DateOnly(2030, 1, 1), o => o.Reporting.TopNeeds = 3));

        Assert.NotNull(message);
        Assert.Contains("Policy version \"2027-04\": Reviews.InsufficientProgressReviewLimit must be 1 to 20", message, StringComparison.Ordinal);
        Assert.Contains("\"2027-04\" is used twice", message, StringComparison.Ordinal);
        Assert.Contains("\"default\" is used twice", message, StringComparison.Ordinal);
        Assert.Contains("takes effect on 2027-01-01, not after", message, StringComparison.Ordinal);
        Assert.Contains("\"bad id\" may hold only", message, StringComparison.Ordinal);
        Assert.Contains("Policy version \"2030\" changes Reporting.TopNeeds, which no episode judges", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_built_in_code_and_registered_wins()
    {
        var history = new PolicyHistory([new PolicyVersion("2026", DateOnly.MinValue, new Caf.Core.Configuration.CafOptions())]);
        using var provider = Services().AddSingleton(history).AddCafCore().BuildServiceProvider();
        Assert.Same(history, provider.GetRequiredService<EpisodePolicy>().History);
    }
}
